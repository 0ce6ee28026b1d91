import type { Kernel } from "./kernel";
import { SegregationInputError, type Table } from "./prepare";
import { multinomial, seededRandom } from "./random";

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
  const rng = seededRandom(seed);
  const draw = new Float64Array(table.counts.length);
  const values = new Float64Array(replicates * K);
  for (let r = 0; r < replicates; r++) {
    multinomial(rng, trials, table.counts, draw);
    kernel.compute(draw, values, r * K);
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
    const sorted = column.subarray(0, n).sort();
    let mean = 0;
    for (const v of sorted) mean += v;
    mean /= n;
    let ss = 0;
    for (const v of sorted) ss += (v - mean) ** 2;
    const est = estimates[k]!;
    intervals.push({
      se: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
      lower: 2 * est - quantile(sorted, 1 - tail),
      upper: 2 * est - quantile(sorted, tail),
      bias: mean - est,
    });
  }
  return intervals;
}

/** Quantile of sorted values by linear interpolation (R's default, type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
