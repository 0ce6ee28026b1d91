import type { Kernel, Slot } from "./kernel";
import type { Table } from "./prepare";

/**
 * M, H and entropy, D, and isolation and exposure of a two-group table without strata, in one
 * kernel: the same slots, in the same order, and the same numbers to the last bit as
 * combine([mutualKernel, dissimilarityKernel, exposureKernel]), because every sum adds the same
 * terms in the same order; only the passes over the units are shared (two instead of five).
 * That is the table every bootstrap replicate of the recompute computes (its intervals are taken
 * without strata), a thousand times per year and grouping for each of ~360 parents.
 */
export function twoGroupKernel(table: Table): Kernel {
  const { groups } = table;
  if (groups.length !== 2 || table.strata) throw new Error("twoGroupKernel needs a table of exactly two groups without strata");
  const [a, b] = groups as [string, string];
  const slots: Slot[] = [
    { stat: "M" },
    { stat: "H" },
    { stat: "entropy" },
    { stat: "D" },
    { stat: "isolation", group: a },
    { stat: "isolation", group: b },
    { stat: "exposure", group: a, to: b },
    { stat: "exposure", group: b, to: a },
  ];
  const U = table.units.length;
  return {
    slots,
    compute(counts, out, at) {
      // Group totals, summed unit by unit as groupTotals does (also D's A and B).
      let A = 0;
      let B = 0;
      for (let u = 0; u < U; u++) {
        A += counts[2 * u]!;
        B += counts[2 * u + 1]!;
      }
      const total = A + B;
      let mi = 0;
      let d = 0;
      let sAA = 0;
      let sAB = 0;
      let sBA = 0;
      let sBB = 0;
      const both = A > 0 && B > 0;
      for (let u = 0; u < U; u++) {
        const x = counts[2 * u]!;
        const y = counts[2 * u + 1]!;
        if (both) d += Math.abs(x / A - y / B);
        const tu = x + y;
        if (!(tu > 0)) continue;
        if (x > 0) {
          mi += x * Math.log((x * total) / (tu * A));
          sAA += (x * x) / tu;
        }
        if (y > 0) {
          mi += y * Math.log((y * total) / (tu * B));
          sBB += (y * y) / tu;
        }
        // x·y / tu is y·x / tu to the bit; where either is 0 it adds nothing to either sum.
        if (x > 0 && y > 0) {
          const xy = (x * y) / tu;
          sAB += xy;
          sBA += xy;
        }
      }
      writeSlots(out, at, total > 0 ? mi / total : 0, both ? d / 2 : 0, A, B, sAA, sBB, sAB, sBA);
    },
    replicate(counts, out, at) {
      // Whole counts: M·T = Σ_u [x log x + y log y − t log t] − A log A − B log B + T log T, from
      // a table of k log k, instead of two logarithms per unit; D's |x/A − y/B| as |x·B − y·A|
      // in whole numbers over A·B; one division per unit for isolation and exposure.
      // The table in a local, looked up inline: workerd did not inline xLogX into this loop.
      const table = xLogXTable ?? xLogXValues();
      let A = 0;
      let B = 0;
      let xl = 0;
      let d = 0;
      let sAA = 0;
      let sBB = 0;
      let sAB = 0;
      for (let u = 0; u < U; u++) {
        const x = counts[2 * u]!;
        const y = counts[2 * u + 1]!;
        A += x;
        B += y;
        const tu = x + y;
        if (tu > 0) {
          xl += tu < XLOGX_SIZE ? table[x]! + table[y]! - table[tu]! : xLogX(x) + xLogX(y) - xLogX(tu);
          const r = 1 / tu;
          sAA += x * x * r;
          sBB += y * y * r;
          sAB += x * y * r;
        }
      }
      const both = A > 0 && B > 0;
      if (both) for (let u = 0; u < U; u++) d += Math.abs(counts[2 * u]! * B - counts[2 * u + 1]! * A);
      const total = A + B;
      const M = total > 0 ? Math.max(0, (xl - xLogX(A) - xLogX(B) + xLogX(total)) / total) : 0;
      writeSlots(out, at, M, both ? d / (2 * A * B) : 0, A, B, sAA, sBB, sAB, sAB);
    },
  };
}

/** The kernel's slots from its sums: H and entropy from M and the group totals, D, isolation and exposure. */
function writeSlots(out: Float64Array, at: number, M: number, D: number, A: number, B: number, sAA: number, sBB: number, sAB: number, sBA: number) {
  const total = A + B;
  let E = 0;
  const pa = A / total;
  if (pa > 0) E -= pa * Math.log(pa);
  const pb = B / total;
  if (pb > 0) E -= pb * Math.log(pb);
  out[at] = M;
  out[at + 1] = E > 0 ? M / E : 0;
  out[at + 2] = E;
  out[at + 3] = D;
  out[at + 4] = A > 0 ? sAA / A : NaN;
  out[at + 5] = B > 0 ? sBB / B : NaN;
  out[at + 6] = A > 0 ? sAB / A : NaN;
  out[at + 7] = B > 0 ? sBA / B : NaN;
}

/** k log k for whole k (0 for 0): looked up below XLOGX_SIZE, where a grunnkrets's counts lie. */
const XLOGX_SIZE = 1 << 14;
let xLogXTable: Float64Array | null = null;

function xLogXValues(): Float64Array {
  const t = new Float64Array(XLOGX_SIZE);
  for (let j = 2; j < XLOGX_SIZE; j++) t[j] = j * Math.log(j);
  return (xLogXTable = t);
}

function xLogX(k: number): number {
  if (k < XLOGX_SIZE) return (xLogXTable ?? xLogXValues())[k]!;
  return k * Math.log(k);
}
