import type { Indicator } from "../../db/schema";
import { DECIMALS } from "./precision";
import { normalQuantile } from "./distributions";

/**
 * How sure an area's composite index is (composite.ts), and where it lies among the areas of its
 * level. Pure functions; the composite step calls them once per level and year.
 *
 * Interval model (first-order propagation, the delta method). An index is
 *
 *   index = (S − μ_S) / σ_S,   S = (1/k) Σ z_i,   z_i = ±(x_i − m_i) / σ_i
 *
 * over the k indicators the area has a z-score for. The references (m_i, σ_i, μ_S, σ_S) are taken
 * over every area of the level, hundreds or thousands of them, so their own sampling error is
 * neglected beside one area's; the index is then linear in the area's values, and
 *
 *   se(index) = √(Σ se_i² / σ_i²) / (k · σ_S)
 *
 * with the values' errors taken as independent. Indicators of one area are in fact positively
 * correlated (low income and social assistance move together), so the interval is a lower bound
 * on the uncertainty, not a generous one; the page says it is approximate.
 *
 * se_i comes from the 95 % interval the card serves for that value (Wilson for shares, Poisson
 * for rates per 1 000, both from the banded denominator: precision.ts), as (high − low) / (2 ×
 * 1.96): no count enters that the cards do not already serve. A value served without an interval
 * (published without counts) has only its rounding: uniform over one step, se = step / √12. For
 * the dynamics index x_i is a change (now − then), and the two years' variances add.
 */

const Z95 = normalQuantile(0.975);

/** Standard error of a served value, from its served 95 % interval or else from its rounding alone. */
export function servedSe(interval: { low: number; high: number } | null | undefined, unit: Indicator["unit"]): number {
  if (interval && Number.isFinite(interval.low) && Number.isFinite(interval.high) && interval.high >= interval.low) {
    return (interval.high - interval.low) / (2 * Z95);
  }
  return 10 ** -DECIMALS[unit] / Math.sqrt(12);
}

/** Standard error of a change between two served values with independent errors. */
export const changeSe = (then: number, now: number) => Math.sqrt(then * then + now * now);

export interface IndexComponent {
  /** Standard error of the area's value (or change) of this indicator. */
  se: number;
  /** The sd of the level's distribution the indicator was standardised against. */
  sd: number;
}

export interface IndexInterval {
  low: number;
  high: number;
  se: number;
}

/**
 * The interval of one area's index from the components it was computed from (only those with a
 * z-score), and the sd of the level's scores. Null when there is nothing to propagate.
 */
export function indexInterval(index: number, components: readonly IndexComponent[], scoreSd: number, confidence = 0.95): IndexInterval | null {
  const k = components.length;
  if (k === 0 || !(scoreSd > 0) || !Number.isFinite(index)) return null;
  if (components.some((c) => !(c.sd > 0) || !(c.se >= 0))) return null;
  const variance = components.reduce((s, c) => s + (c.se / c.sd) ** 2, 0);
  const se = Math.sqrt(variance) / (k * scoreSd);
  const z = confidence === 0.95 ? Z95 : normalQuantile(1 - (1 - confidence) / 2);
  return { low: index - z * se, high: index + z * se, se };
}

/** How many of `sorted` (ascending) are strictly below `x`. */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Percent of `of` values of which `below` are below, rounded down to a whole percent: "higher
 * than 80 % of the grunnkretser" never overstates.
 */
const percentOf = (below: number, of: number) => Math.floor((100 * below) / of + 1e-9);

/** Percent of `others` (sorted ascending) strictly below `x`; null when there are no others. */
export function percentBelow(others: readonly number[], x: number): number | null {
  return others.length === 0 ? null : percentOf(countBelow(others, x), others.length);
}

/**
 * Quantiles of a sorted sample at the given probabilities, by linear interpolation between order
 * statistics (Hyndman and Fan's type 7, R's and numpy's default). Empty sample: empty list.
 */
export function quantiles(sorted: readonly number[], probs: readonly number[]): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  return probs.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new Error(`quantiles: probability ${p} is outside [0, 1]`);
    const h = (n - 1) * p;
    const i = Math.floor(h);
    const lower = sorted[i]!;
    const upper = sorted[Math.min(i + 1, n - 1)]!;
    return lower + (h - i) * (upper - lower);
  });
}

/** The deciles (minimum, 10 %, …, 90 %, maximum): what the page draws the level's distribution with. */
export const DECILES = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] as const;

export interface Placement {
  /** Percent of the level's other areas whose index is below this one's. */
  percentBelow: number;
  /** The same for the interval's ends: where the area may lie, given the interval. */
  low: number;
  high: number;
}

/**
 * Where every area's index lies among the other areas of its level, for the index and its
 * interval's ends. `indices` maps area code → index (null: no index, left out).
 */
export function placements(indices: ReadonlyMap<string, { index: number | null; low?: number | null; high?: number | null }>): Map<string, Placement> {
  const sorted = [...indices.values()].map((v) => v.index).filter((v): v is number => v !== null).sort((a, b) => a - b);
  const out = new Map<string, Placement>();
  const others = sorted.length - 1;
  if (others < 1) return out;
  // Among the others: the area itself is below x exactly when its index is (a binary search on
  // the whole level, not a copy without it per area, as a level has up to ~14,000 grunnkretser).
  const among = (own: number, x: number) => percentOf(countBelow(sorted, x) - (own < x ? 1 : 0), others);
  for (const [code, { index, low, high }] of indices) {
    if (index === null) continue;
    const at = among(index, index);
    out.set(code, {
      percentBelow: at,
      low: low === null || low === undefined ? at : among(index, low),
      high: high === null || high === undefined ? at : among(index, high),
    });
  }
  return out;
}
