import { groupTotals, type Kernel, type Slot } from "./kernel";
import type { Table } from "./prepare";

/**
 * Mutual information index M (natural log), Theil's H = M / E and the group entropy E, as in
 * Elbers' `mutual_total`; with strata also the between/within decomposition
 * M = M(strata × groups) + Σ p_s M_s and, per stratum, M_s, H_s, E_s, p_s and E_s / E
 * (`mutual_within`). H is 0 where E is 0 (one group present), like `mutual_within` does.
 */
export function mutualKernel(table: Table): Kernel {
  const G = table.groups.length;
  const S = table.strata?.length ?? 0;
  const start = table.stratumStart;
  const gt = new Float64Array(G);
  const overall = new Float64Array(G);
  const byStratum = new Float64Array(S * G);
  const stratumTotal = new Float64Array(S);

  const slots: Slot[] = [{ stat: "M" }, { stat: "H" }, { stat: "entropy" }];
  if (table.strata) {
    slots.push({ stat: "M_between" }, { stat: "M_within" }, { stat: "H_between" }, { stat: "H_within" });
    for (const stratum of table.strata) {
      for (const stat of ["M", "H", "entropy", "p", "ent_ratio"] as const) slots.push({ stat, stratum });
    }
  }

  return {
    slots,
    compute(counts, out, at) {
      const total = groupTotals(counts, G, 0, table.units.length, overall);
      const M = mutualInformation(counts, G, 0, table.units.length, overall, total);
      const E = entropy(overall, total);
      out[at] = M;
      out[at + 1] = E > 0 ? M / E : 0;
      out[at + 2] = E;
      if (!start) return;

      let within = 0;
      for (let s = 0; s < S; s++) {
        const Ts = groupTotals(counts, G, start[s]!, start[s + 1]!, gt);
        byStratum.set(gt, s * G);
        stratumTotal[s] = Ts;
        const o = at + 7 + 5 * s;
        out[o + 3] = Ts / total;
        if (Ts > 0) {
          const Ms = mutualInformation(counts, G, start[s]!, start[s + 1]!, gt, Ts);
          const Es = entropy(gt, Ts);
          within += (Ts / total) * Ms;
          out[o] = Ms;
          out[o + 1] = Es > 0 ? Ms / Es : 0;
          out[o + 2] = Es;
          out[o + 4] = E > 0 ? Es / E : 0;
        } else {
          out[o] = out[o + 1] = out[o + 2] = out[o + 4] = NaN;
        }
      }
      const between = mutualInformation(byStratum, G, 0, S, overall, total, stratumTotal);
      out[at + 3] = between;
      out[at + 4] = within;
      out[at + 5] = E > 0 ? between / E : 0;
      out[at + 6] = E > 0 ? within / E : 0;
    },
  };
}

/**
 * M over units [start, end): Σ p_ug log(p_ug / (p_u p_g)), the Kullback–Leibler form.
 * `groupTotal` and `total` belong to the same units; `unitTotal`, when given, saves summing rows.
 */
export function mutualInformation(
  counts: Float64Array,
  G: number,
  start: number,
  end: number,
  groupTotal: Float64Array,
  total: number,
  unitTotal?: Float64Array,
): number {
  if (!(total > 0)) return 0;
  let sum = 0;
  for (let u = start; u < end; u++) {
    let tu = 0;
    if (unitTotal) tu = unitTotal[u]!;
    else for (let g = 0; g < G; g++) tu += counts[u * G + g]!;
    if (!(tu > 0)) continue;
    for (let g = 0; g < G; g++) {
      const x = counts[u * G + g]!;
      if (x > 0) sum += x * Math.log((x * total) / (tu * groupTotal[g]!));
    }
  }
  return sum / total;
}

/** Entropy of the group distribution −Σ P_g log P_g (natural log). */
export function entropy(groupTotal: Float64Array, total: number): number {
  let e = 0;
  for (let g = 0; g < groupTotal.length; g++) {
    const p = groupTotal[g]! / total;
    if (p > 0) e -= p * Math.log(p);
  }
  return e;
}
