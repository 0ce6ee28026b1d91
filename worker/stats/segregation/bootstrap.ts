import type { Kernel } from "./kernel";
import { SegregationInputError, type Table } from "./prepare";
import { MultinomialLanes } from "./lanes";
import { multinomialPlan } from "./random";

export interface BootstrapOptions {
  /** Number of replicates (Elbers' default is 100). */
  replicates: number;
  /** Seed of the random numbers: the same seed gives the same intervals. */
  seed: number;
  /** Coverage of the interval; default 0.95. */
  level?: number;
}

export interface Interval {
  /** Standard deviation of the replicate estimates. */
  se: number;
  /**
   * Percentile interval of the bias-corrected replicates 2·est − b (Elbers' `bootstrap_summary`),
   * so it is centred on the bias-corrected estimate est − bias. Segregation indices are biased
   * upwards, and in large populations the bias can exceed the standard error: the plain
   * percentile interval of the replicates would then not even contain the estimate.
   */
  lower: number;
  upper: number;
  /** Mean of the replicates minus the estimate: the bootstrap estimate of bias (Elbers' `bias`). */
  bias: number;
}

const MAX_REPLICATES = 100_000;
/**
 * Replicates drawn side by side. 50 was as fast as 100 or 250 and faster than 8 or 25 (Node and
 * workerd); the lanes' block is 50 × cells doubles (≈ 0.5 MB for Oslo's grunnkretser). Part of
 * the random stream: another value gives other (equally exact) replicates.
 */
const LANES = 50;
/** Replicates × estimates kept for the percentiles: 32 MB of doubles, well inside a Worker. */
const MAX_VALUES = 4_000_000;

export function checkBootstrap(options: BootstrapOptions): Required<BootstrapOptions> {
  const { replicates, seed, level = 0.95 } = options;
  if (!Number.isInteger(replicates) || replicates < 1 || replicates > MAX_REPLICATES) {
    throw new SegregationInputError(`bootstrap replicates must be a whole number from 1 to ${MAX_REPLICATES}, got ${replicates}`);
  }
  if (!Number.isSafeInteger(seed)) throw new SegregationInputError(`bootstrap seed must be a whole number, got ${seed}`);
  if (!(level > 0 && level < 1)) throw new SegregationInputError(`bootstrap level must lie between 0 and 1, got ${level}`);
  return { replicates, seed, level };
}

/**
 * Bootstrap by resampling individuals, as Elbers' package does: each replicate draws the
 * table's population (rounded to whole people when counts are fractional, e.g. harmonised
 * estimates) from a multinomial with the observed cell shares, and recomputes every estimate
 * with the same kernel. Replicates where an estimate is undefined are left out of its interval.
 */
export function bootstrap(table: Table, kernel: Kernel, estimates: Float64Array, options: BootstrapOptions): (Interval | null)[] {
  const { replicates, seed, level } = checkBootstrap(options);
  const trials = Math.round(table.population);
  if (trials < 1) throw new SegregationInputError(`a population of ${table.population} is too small to resample`);

  const K = kernel.slots.length;
  if (replicates * K > MAX_VALUES) {
    throw new SegregationInputError(`${replicates} replicates of ${K} estimates are too many to keep; ask for fewer replicates or measures`);
  }
  const plan = multinomialPlan(table.counts);
  const values = new Float64Array(replicates * K);
  const replicate = kernel.replicate ? kernel.replicate.bind(kernel) : kernel.compute.bind(kernel);
  // Replicates are drawn LANES at a time, side by side (MultinomialLanes), then each is gathered
  // into `draw` for the kernel.
  const C = table.counts.length;
  const lanes = Math.min(LANES, replicates);
  const sampler = new MultinomialLanes(seed, lanes);
  const block = new Float64Array(lanes * C);
  const draw = new Float64Array(C);
  for (let first = 0; first < replicates; first += lanes) {
    const count = Math.min(lanes, replicates - first);
    sampler.draw(trials, plan, count, block);
    for (let r = 0; r < count; r++) {
      for (let i = 0, at = r; i < C; i++, at += count) draw[i] = block[at]!;
      replicate(draw, values, (first + r) * K);
    }
  }

  const column = new Float64Array(replicates);
  const tail = (1 - level) / 2;
  const intervals: (Interval | null)[] = [];
  for (let k = 0; k < K; k++) {
    let n = 0;
    for (let r = 0; r < replicates; r++) {
      const v = values[r * K + k]!;
      if (!Number.isNaN(v)) column[n++] = v;
    }
    if (n === 0 || Number.isNaN(estimates[k]!)) {
      intervals.push(null);
      continue;
    }
    const kept = column.subarray(0, n);
    let mean = 0;
    for (const v of kept) mean += v;
    mean /= n;
    let ss = 0;
    for (const v of kept) ss += (v - mean) ** 2;
    const est = estimates[k]!;
    intervals.push({
      se: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
      lower: 2 * est - selectQuantile(kept, 1 - tail),
      upper: 2 * est - selectQuantile(kept, tail),
      bias: mean - est,
    });
  }
  return intervals;
}

/**
 * The same quantile as `quantile` of the sorted values, found by selection instead of a sort:
 * only the two order statistics it interpolates between are placed, in O(n) on average. Reorders
 * `values`.
 */
export function selectQuantile(values: Float64Array, q: number): number {
  const h = (values.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, values.length - 1);
  const a = select(values, lo, 0, values.length - 1);
  // After selecting lo, everything above it is at least as large: the next order statistic is their least.
  let b = a;
  if (hi > lo) {
    b = values[hi]!;
    for (let i = hi + 1; i < values.length; i++) if (values[i]! < b) b = values[i]!;
  }
  return a + (h - lo) * (b - a);
}

/**
 * Rearranges values[left..right] so that values[k] is the value a sort would put there, those
 * before it no larger and those after no smaller (Hoare's selection, median of three); returns it.
 */
function select(values: Float64Array, k: number, left: number, right: number): number {
  while (right > left) {
    const mid = (left + right) >>> 1;
    // Median of three as the pivot, which also guards the scans at both ends.
    if (values[mid]! < values[left]!) swap(values, mid, left);
    if (values[right]! < values[left]!) swap(values, right, left);
    if (values[right]! < values[mid]!) swap(values, right, mid);
    const pivot = values[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    // [left, j] ≤ pivot ≤ [i, right], and anything strictly between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k]!;
}

function swap(values: Float64Array, i: number, j: number) {
  const t = values[i]!;
  values[i] = values[j]!;
  values[j] = t;
}

/** Quantile of sorted values by linear interpolation (R's default, type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
