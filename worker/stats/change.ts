import { z } from "zod";
import type { RawValue } from "./disclosure";
import { tQuantile } from "./distributions";
import { events, proportion, wilson } from "./intervals";
import { TREND_METHODS } from "./models";

/** Is a change real? Tests of a change between two periods and across a series, per model. */

export const CHANGE_DIRECTIONS = ["rising", "falling", "no_clear_change", "unknown"] as const;

export const changeResultSchema = z.object({
  direction: z.enum(CHANGE_DIRECTIONS),
  /**
   * `newcombe`: a confidence interval for the difference of two proportions (Newcombe's hybrid
   * Wilson score method); `poisson_ratio`: for the ratio of two Poisson rates (conditional
   * binomial, Wilson); `relative_to_norway` and `own_variation`: an amount's change against its
   * series' year-to-year variation (see `seriesChangeTest`). Null when nothing could be tested.
   */
  method: z.enum(TREND_METHODS).nullable(),
  /** to − from, in the value's unit (× `scale` for proportions). */
  delta: z.number().nullable(),
  /**
   * What was tested, and its interval: `difference` (newcombe, own_variation of a linear
   * amount: the same as delta), `ratio` (poisson_ratio: later rate / earlier rate) or `relative`
   * (relative change, beyond Norway's for relative_to_norway: 0.04 = 4 %).
   */
  measure: z.enum(["difference", "ratio", "relative"]).nullable(),
  estimate: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
export type ChangeResult = z.infer<typeof changeResultSchema>;

export interface ChangeOptions {
  confidence?: number;
  /** Multiplies proportion differences into the value's unit (100 for percent → points). */
  scale?: number;
  /** Shares of people are binomial (default); events per population are Poisson. */
  model?: "binomial" | "poisson";
}

const UNKNOWN: ChangeResult = { direction: "unknown", method: null, delta: null, measure: null, estimate: null, lower: null, upper: null };

/**
 * Whether a share or rate with counts moved between two points by more than its uncertainty:
 * "rising"/"falling" only when a 95 % interval for the change excludes no change. Shares of
 * people: Newcombe's interval for the difference of two proportions. Events (offences per 1 000):
 * the ratio of two Poisson rates, from the conditional binomial — given x₁ + x₂ events, x₂ is
 * Binomial(x₁ + x₂, π) with π = R n₂ / (R n₂ + n₁) — whose Wilson interval for π gives one for R.
 * Values without counts have no sampling model here: unknown (see `seriesChangeTest`).
 */
export function changeTest(from: RawValue | null, to: RawValue | null, opts: ChangeOptions = {}): ChangeResult {
  if (!from || !to || from.status || to.status || from.value === null || to.value === null) return UNKNOWN;
  const confidence = opts.confidence ?? 0.95;
  const scale = opts.scale ?? 1;
  if (opts.model === "poisson") {
    const a = events(from);
    const b = events(to);
    return a && b ? poissonChange(a, b, confidence, scale) : UNKNOWN;
  }
  const a = proportion(from);
  const b = proportion(to);
  if (!a || !b) return UNKNOWN;
  const w1 = wilson(a.x, a.n, confidence)!;
  const w2 = wilson(b.x, b.n, confidence)!;
  const delta = w2.estimate - w1.estimate;
  const lower = delta - Math.sqrt((w2.estimate - w2.lower) ** 2 + (w1.upper - w1.estimate) ** 2);
  const upper = delta + Math.sqrt((w2.upper - w2.estimate) ** 2 + (w1.estimate - w1.lower) ** 2);
  const direction = lower > 0 ? "rising" : upper < 0 ? "falling" : "no_clear_change";
  return { direction, method: "newcombe", delta: delta * scale, measure: "difference", estimate: delta * scale, lower: lower * scale, upper: upper * scale };
}

function poissonChange(a: { x: number; n: number }, b: { x: number; n: number }, confidence: number, scale: number): ChangeResult {
  const delta = (b.x / b.n - a.x / a.n) * scale;
  const total = a.x + b.x;
  // No events at either time: nothing says the rate moved.
  if (total === 0) return { direction: "no_clear_change", method: "poisson_ratio", delta, measure: "ratio", estimate: null, lower: null, upper: null };
  const w = wilson(b.x, total, confidence)!;
  const ratio = (p: number) => (p >= 1 ? Number.POSITIVE_INFINITY : (p / (1 - p)) * (a.n / b.n));
  const lower = ratio(w.lower);
  const upper = ratio(w.upper);
  const direction = lower > 1 ? "rising" : upper < 1 ? "falling" : "no_clear_change";
  return { direction, method: "poisson_ratio", delta, measure: "ratio", estimate: a.x === 0 ? null : b.x / b.n / (a.x / a.n), lower, upper: Number.isFinite(upper) ? upper : null };
}

/** One value of a series for `seriesChangeTest`: null when not shown. */
export interface SeriesValue {
  period: number;
  value: number | null;
}

export interface SeriesChangeInput {
  series: readonly SeriesValue[];
  from: number;
  to: number;
  /** Norway's series: the change tested is the area's beyond Norway's (money, without a price index). */
  reference?: readonly SeriesValue[] | null;
  /** `relative` compares logarithms (money, counts), `difference` the values (years). */
  measure: "relative" | "difference";
  confidence?: number;
}

/** Fewest year-to-year steps whose spread is taken as the series' variation (3 degrees of freedom). */
export const MIN_STEPS = 4;
/** A change this small (in logs or in the unit) is no change: floating-point noise, not data. */
const NO_CHANGE = 1e-9;

/**
 * Whether an amount without counts (NOK, years, a count of everyone) moved by more than the
 * series' own year-to-year variation. Model: the yearly steps dₜ (of log values for `relative`,
 * values for `difference`; minus Norway's step when a reference is given) are independent draws
 * with a mean, the drift, and a standard deviation s; the change over a window of k steps is
 * their sum. It is "rising"/"falling" only when it lies beyond t(0.975, m − 1) · s · √k, s the
 * sample standard deviation of the m steps the whole series has (the window's and the others').
 * Money is judged against Norway: an area whose income grows exactly as Norway's has an excess
 * of 0 whatever inflation was. Fewer than `MIN_STEPS` steps: "unknown" (too few years to know
 * how much the series varies), with the method it would have used.
 */
export function seriesChangeTest(input: SeriesChangeInput): ChangeResult {
  const method = input.reference !== undefined ? "relative_to_norway" : "own_variation";
  const unknown: ChangeResult = { ...UNKNOWN, method };
  if (input.reference === null) return unknown;
  const relative = input.measure === "relative";
  // Called for every amount card (~150,000 a national run): plain arrays, one pass each.
  const f = (v: number | null) => (v === null || !Number.isFinite(v) ? null : relative ? (v > 0 ? Math.log(v) : null) : v);
  let ref: Map<number, number> | null = null;
  if (input.reference) {
    ref = new Map();
    for (const p of input.reference) {
      const y = f(p.value);
      if (y !== null) ref.set(p.period, y);
    }
  }
  const sorted = input.series.every((p, i) => i === 0 || input.series[i - 1]!.period < p.period) ? input.series : [...input.series].sort((x, y) => x.period - y.period);
  const periods: number[] = [];
  const levels: number[] = [];
  let fromValue: number | null = null;
  let toValue: number | null = null;
  for (const p of sorted) {
    const y = f(p.value);
    if (y === null) continue;
    const r = ref ? ref.get(p.period) : 0;
    if (r === undefined) continue;
    periods.push(p.period);
    levels.push(y - r);
    if (p.period === input.from) fromValue = p.value;
    if (p.period === input.to) toValue = p.value;
  }
  if (fromValue === null || toValue === null) return unknown;
  const delta = toValue - fromValue;
  const excess = levels[periods.indexOf(input.to)]! - levels[periods.indexOf(input.from)]!;
  const estimate = relative ? Math.expm1(excess) : excess;
  // The series' step: its commonest gap between periods, the shorter on a tie (1 for yearly
  // figures; 2 for two-year periods published every other year).
  let step = periods.length > 1 ? periods[1]! - periods[0]! : 0;
  let even = true;
  // Almost every series is evenly spaced: its first gap is then its step.
  for (let i = 2; i < periods.length; i++) if (periods[i]! - periods[i - 1]! !== step) even = false;
  if (!even) {
    let seen = 0;
    for (let i = 1; i < periods.length; i++) {
      const g = periods[i]! - periods[i - 1]!;
      let count = 0;
      for (let j = 1; j < periods.length; j++) if (periods[j]! - periods[j - 1]! === g) count++;
      if (count > seen || (count === seen && g < step)) [step, seen] = [g, count];
    }
  }
  // Steps of that length between neighbouring values: their spread is the series' variation.
  let m = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 1; i < periods.length; i++) {
    if (periods[i]! - periods[i - 1]! !== step) continue;
    const d = levels[i]! - levels[i - 1]!;
    m++;
    sum += d;
    sumSq += d * d;
  }
  if (m < MIN_STEPS) return { ...unknown, delta, measure: input.measure, estimate, lower: null, upper: null };
  const sd = Math.sqrt(Math.max(0, (sumSq - (sum * sum) / m) / (m - 1)));
  const k = (input.to - input.from) / step;
  const margin = tQuantile(1 - (1 - (input.confidence ?? 0.95)) / 2, m - 1) * sd * Math.sqrt(k);
  const direction = excess > margin && excess > NO_CHANGE ? "rising" : excess < -margin && excess < -NO_CHANGE ? "falling" : "no_clear_change";
  const back = (x: number) => (relative ? Math.expm1(x) : x);
  return { direction, method, delta, measure: input.measure, estimate, lower: back(excess - margin), upper: back(excess + margin) };
}
