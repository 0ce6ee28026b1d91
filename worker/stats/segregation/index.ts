/**
 * Segregation indices of a parent area over its units (sub-areas) and population groups,
 * modelled on Elbers' R package `segregation`: one verb per measure family, the same
 * arguments everywhere, one preparation step, one result shape. Pure: no I/O.
 *
 *   mutual(rows, { unit, group, weight, within })   M, H, group entropy (+ between/within)
 *   dissimilarity(rows, …)                           D (exactly two groups)
 *   exposure(rows, …)                                isolation and exposure, every pair
 *   locationQuotients(rows, …)                       lq per unit and group
 *
 * Several families at once share one preparation: `computeIndices(prepare(rows, …), [...])`.
 */
import { bootstrap, type BootstrapOptions, checkBootstrap } from "./bootstrap";
import { dissimilarityKernel } from "./dissimilarity";
import { exposureKernel } from "./exposure";
import { combine, type KernelFactory, type Slot, type StatName } from "./kernel";
import { locationQuotientKernel } from "./location-quotients";
import { mutualKernel } from "./mutual";
import { type Columns, prepare, type Row, SegregationInputError, type Table } from "./prepare";
import { twoGroupKernel } from "./two-groups";

export { prepare, SegregationInputError };
export type { BootstrapOptions, Columns, Row, Slot, StatName, Table };

export interface Estimate extends Slot {
  est: number;
  /** With a bootstrap: standard error, percentile interval and bias of the replicates. */
  se?: number;
  lower?: number;
  upper?: number;
  bias?: number;
}

export interface SegregationResult {
  /** Total count over the units used. */
  population: number;
  /** Number of units used (with `within`: distinct stratum–unit pairs). */
  units: number;
  groups: string[];
  strata: string[] | null;
  /** Units with zero population and groups absent everywhere, left out of every estimate. */
  dropped: { units: string[]; groups: string[] };
  bootstrap: Required<BootstrapOptions> | null;
  /** Every estimate; an undefined one (e.g. isolation of a group absent from a stratum) is left out. */
  estimates: Estimate[];
}

export interface SegregationOptions extends Columns {
  bootstrap?: BootstrapOptions;
}

const KERNELS = {
  mutual: mutualKernel,
  dissimilarity: dissimilarityKernel,
  exposure: exposureKernel,
  locationQuotients: locationQuotientKernel,
} satisfies Record<string, KernelFactory>;

export type Measure = keyof typeof KERNELS;

/** The measures' kernels in order; the recompute's two-group table gets them fused (same numbers). */
function kernelOf(table: Table, measures: Measure[]) {
  const fused = table.groups.length === 2 && !table.strata && measures.join() === "mutual,dissimilarity,exposure";
  return fused ? twoGroupKernel(table) : combine(measures.map((m) => KERNELS[m](table)));
}

/** The measures of the given families on a prepared table, with bootstrap intervals if asked. */
export function computeIndices(table: Table, measures: readonly Measure[], options: { bootstrap?: BootstrapOptions } = {}): SegregationResult {
  if (measures.includes("dissimilarity") && table.declaredGroups.length !== 2) {
    const { group } = table.columns;
    throw new SegregationInputError(
      `the dissimilarity index needs exactly two groups; column "${group}" has ${table.declaredGroups.length} (${table.declaredGroups.join(", ")})`,
      group,
    );
  }
  const boot = options.bootstrap ? checkBootstrap(options.bootstrap) : null;
  const kernel = kernelOf(table, [...new Set(measures)]);
  const values = new Float64Array(kernel.slots.length);
  kernel.compute(table.counts, values, 0);
  const intervals = boot ? bootstrap(table, kernel, values, boot) : null;

  const estimates: Estimate[] = [];
  kernel.slots.forEach((slot, k) => {
    if (Number.isNaN(values[k]!)) return;
    estimates.push({ ...slot, est: values[k]!, ...intervals?.[k] });
  });
  return {
    population: table.population,
    units: table.units.length,
    groups: table.groups,
    strata: table.strata,
    dropped: table.dropped,
    bootstrap: boot,
    estimates,
  };
}

const verb =
  (measure: Measure) =>
  (rows: readonly Row[], options: SegregationOptions): SegregationResult =>
    computeIndices(prepare(rows, options), [measure], options);

/** Mutual information index M, Theil's H and the group entropy; with `within`, the decomposition. */
export const mutual = verb("mutual");
/** Index of dissimilarity D; the group column must have exactly two values. */
export const dissimilarity = verb("dissimilarity");
/** Isolation of each group and exposure of each group to each other group. */
export const exposure = verb("exposure");
/** Location quotient of each group in each unit, relative to the whole table. */
export const locationQuotients = verb("locationQuotients");

/**
 * The estimate of `stat` for exactly the given group/to/unit/stratum (fields not given must
 * be absent, so `pick(r, "M")` is the overall M, not a stratum's).
 */
export function pick(
  result: SegregationResult,
  stat: StatName,
  where: Omit<Slot, "stat"> = {},
): Estimate | undefined {
  return result.estimates.find(
    (e) => e.stat === stat && e.group === where.group && e.to === where.to && e.unit === where.unit && e.stratum === where.stratum,
  );
}
