import type { Table } from "./prepare";

export type StatName =
  | "M"
  | "H"
  | "entropy"
  | "M_between"
  | "M_within"
  | "H_between"
  | "H_within"
  | "p"
  | "ent_ratio"
  | "D"
  | "isolation"
  | "exposure"
  | "lq";

/** What one estimate is: the statistic and, where it applies, whose and where. */
export interface Slot {
  stat: StatName;
  /** isolation and lq: the group; exposure: the group exposed ("of"). */
  group?: string;
  /** exposure: the group it is exposed to. */
  to?: string;
  /** lq: the unit. */
  unit?: string;
  /** Estimates of one stratum (with `within`). */
  stratum?: string;
}

/**
 * A measure bound to one table's structure. `compute` may run on the table's own counts or on
 * a bootstrap replicate of them (same structure, some cells possibly zero); it writes one
 * number per slot, NaN where the estimate is undefined for those counts (e.g. the isolation
 * of a group with nobody in a stratum), and allocates nothing.
 */
export interface Kernel {
  slots: Slot[];
  compute(counts: Float64Array, out: Float64Array, at: number): void;
  /**
   * The same estimates of a bootstrap replicate (whole counts), where a kernel has a faster way
   * that agrees with `compute` to rounding (~1e-13) rather than to the bit; `compute` otherwise.
   */
  replicate?(counts: Float64Array, out: Float64Array, at: number): void;
}

export type KernelFactory = (table: Table) => Kernel;

/** The whole table, then each stratum: the ranges of units each measure is computed over. */
interface Scope {
  stratum?: string;
  start: number;
  end: number;
}

function scopes(table: Table): Scope[] {
  const all: Scope[] = [{ start: 0, end: table.units.length }];
  table.strata?.forEach((stratum, s) =>
    all.push({ stratum, start: table.stratumStart![s]!, end: table.stratumStart![s + 1]! }),
  );
  return all;
}

/** Group totals of units [start, end) into `into`; returns the scope's population. */
export function groupTotals(counts: Float64Array, G: number, start: number, end: number, into: Float64Array): number {
  into.fill(0);
  for (let u = start; u < end; u++) for (let g = 0; g < G; g++) into[g]! += counts[u * G + g]!;
  let total = 0;
  for (let g = 0; g < G; g++) total += into[g]!;
  return total;
}

/** A measure computed the same way over every scope, its slots tagged with the stratum. */
export function perScope(
  table: Table,
  scopeSlots: (stratum: string | undefined) => Slot[],
  computeScope: (counts: Float64Array, start: number, end: number, out: Float64Array, at: number) => void,
): Kernel {
  const ranges = scopes(table);
  const slots: Slot[] = [];
  const offsets: number[] = [];
  for (const scope of ranges) {
    offsets.push(slots.length);
    for (const slot of scopeSlots(scope.stratum)) slots.push(scope.stratum === undefined ? slot : { ...slot, stratum: scope.stratum });
  }
  return {
    slots,
    compute(counts, out, at) {
      for (let i = 0; i < ranges.length; i++) computeScope(counts, ranges[i]!.start, ranges[i]!.end, out, at + offsets[i]!);
    },
  };
}

export function combine(kernels: Kernel[]): Kernel {
  const offsets: number[] = [];
  const slots: Slot[] = [];
  for (const kernel of kernels) {
    offsets.push(slots.length);
    slots.push(...kernel.slots);
  }
  return {
    slots,
    compute(counts, out, at) {
      for (let i = 0; i < kernels.length; i++) kernels[i]!.compute(counts, out, at + offsets[i]!);
    },
  };
}
