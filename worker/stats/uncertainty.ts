import { z } from "zod";
import { STATUS_SYMBOLS, type Indicator } from "../../db/schema";
import { DEFAULT_DISCLOSURE, disclose, type DisclosureRules, type RawValue } from "./disclosure";

/** Factor from a proportion to the unit's value (0.123 → 12.3 %), or null for counts and amounts. */
export function rateScale(unit: Indicator["unit"]): number | null {
  return unit === "percent" ? 100 : unit === "per1000" ? 1000 : null;
}

/** Acklam's rational approximation coefficients (central a/b, tails c/d). */
const ACKLAM = [
  [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239],
  [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572],
  [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783],
  [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416],
] as const;

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9),
 * so any confidence level can be asked for, not only 95 %.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const [a, b, c, d] = ACKLAM;
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

// Every card point asks for 95 %: its quantile is a constant, others are computed when asked.
const Z95 = normalQuantile(0.975);
const zFor = (confidence: number) => {
  if (confidence === 0.95) return Z95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return normalQuantile(1 - (1 - confidence) / 2);
};

export const intervalSchema = z.object({
  estimate: z.number(),
  lower: z.number(),
  upper: z.number(),
});
export type Interval = z.infer<typeof intervalSchema>;

/**
 * Wilson score interval for a proportion `successes / trials` (as a proportion, 0–1). Unlike the
 * normal approximation it stays inside [0, 1] and is not degenerate at 0 or n, which is exactly
 * where small areas live. Null when there are no trials.
 */
export function wilson(successes: number, trials: number, confidence = 0.95): Interval | null {
  if (!Number.isFinite(trials) || trials <= 0) return null;
  if (!(successes >= 0 && successes <= trials)) {
    throw new RangeError(`wilson: successes must be between 0 and trials (${trials}), got ${successes}`);
  }
  const z = zFor(confidence);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))) / (1 + z2n);
  return {
    estimate: p,
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

/**
 * The Wilson interval of a published share or rate, in the indicator's unit (12.3 = 12.3 %).
 * Null when the value is not shown, has no counts, or the unit is not a rate.
 */
export function rateInterval(raw: RawValue, unit: Indicator["unit"], confidence = 0.95): Interval | null {
  const scale = rateScale(unit);
  if (scale === null || raw.status || raw.value === null) return null;
  const p = proportion(raw);
  const ci = p && wilson(p.x, p.n, confidence);
  if (!ci) return null;
  // Scaled in place: every card point asks for one, ~6 million a national run.
  ci.estimate *= scale;
  ci.lower *= scale;
  ci.upper *= scale;
  return ci;
}

// ---- Empirical-Bayes shrinkage ----

export const shrinkagePriorSchema = z.object({
  /** Prior mean as a proportion: the parent's rate (or the pooled rate of the areas). */
  mean: z.number(),
  /** Between-area variance of the true proportions (method of moments, floored at 0). */
  variance: z.number(),
  /**
   * α + β of the beta prior: how many "pseudo-persons" at the parent's rate each area is blended
   * with. Null when the areas vary no more than chance would make them: every area then gets the
   * parent's rate (weight 0).
   */
  strength: z.number().nullable(),
  areas: z.number().int(),
});
export type ShrinkagePrior = z.infer<typeof shrinkagePriorSchema>;

export const shrunkRateSchema = z.object({
  code: z.string(),
  /** Observed rate in the indicator's unit; null when suppressed, missing or without counts. */
  raw: z.number().nullable(),
  /** Posterior mean in the indicator's unit; null exactly when `raw` is. */
  shrunk: z.number().nullable(),
  /** Weight of the area's own data, n / (n + strength): 1 = no shrinkage, 0 = the parent's rate. */
  weight: z.number().nullable(),
  status: z.enum(STATUS_SYMBOLS).nullable(),
});
export type ShrunkRate = z.infer<typeof shrunkRateSchema>;

export interface ShrinkInput {
  areas: readonly (RawValue & { code: string })[];
  unit: Indicator["unit"];
  /** The parent's own counts (e.g. the kommune over its grunnkretser); else the pooled rate. */
  parent?: Pick<RawValue, "numerator" | "denominator"> | null;
  rules?: DisclosureRules;
}

/**
 * Empirical-Bayes shrinkage of small-area rates toward their parent, with a beta prior fitted by
 * the method of moments (Marshall 1991's global estimator, in its binomial form):
 *
 *   m  = parent rate,   s² = Σ nᵢ (rᵢ − m)² / Σ nᵢ,   A = s² − m(1 − m) / n̄   (floored at 0)
 *   prior Beta with mean m and variance A, i.e. α + β = m(1 − m) / A − 1
 *   shrunk rᵢ = (xᵢ + m(α + β)) / (nᵢ + α + β)
 *
 * Small areas move most, large ones hardly at all. `raw` is always returned beside `shrunk`.
 * Every area with counts informs the prior (it is an aggregate), but an area whose own value is
 * not shown gets no shrunk value either: the posterior mean would give its count away.
 */
export function shrinkRates(input: ShrinkInput): { prior: ShrinkagePrior | null; areas: ShrunkRate[] } {
  const scale = rateScale(input.unit);
  if (scale === null) throw new Error(`shrinkRates: unit "${input.unit}" is not a rate (percent or per1000)`);
  const rules = input.rules ?? DEFAULT_DISCLOSURE;
  const withCounts = input.areas.filter(
    (a) => !a.status && a.numerator !== null && a.denominator !== null && a.denominator > 0 && a.numerator >= 0 && a.numerator <= a.denominator,
  );
  const prior = fitPrior(
    withCounts.map((a) => ({ x: a.numerator!, n: a.denominator! })),
    input.parent && input.parent.numerator !== null && input.parent.denominator ? input.parent.numerator / input.parent.denominator : null,
  );
  const counted = new Set(withCounts);
  const areas = input.areas.map((a): ShrunkRate => {
    const served = disclose(a, input.unit, rules);
    if (served.status) return { code: a.code, raw: null, shrunk: null, weight: null, status: served.status };
    if (!counted.has(a) || !prior) return { code: a.code, raw: served.value, shrunk: null, weight: null, status: null };
    const x = a.numerator!;
    const n = a.denominator!;
    const k = prior.strength;
    const shrunk = k === null ? prior.mean : (x + prior.mean * k) / (n + k);
    return { code: a.code, raw: (x / n) * scale, shrunk: shrunk * scale, weight: k === null ? 0 : n / (n + k), status: null };
  });
  return { prior, areas };
}

function fitPrior(units: { x: number; n: number }[], parentRate: number | null): ShrinkagePrior | null {
  if (units.length < 2) return null;
  const totalN = units.reduce((s, u) => s + u.n, 0);
  const mean = parentRate ?? units.reduce((s, u) => s + u.x, 0) / totalN;
  const s2 = units.reduce((s, u) => s + u.n * (u.x / u.n - mean) ** 2, 0) / totalN;
  const binomial = mean * (1 - mean);
  const variance = Math.max(0, s2 - binomial / (totalN / units.length));
  // A parent rate of 0 or 1 leaves nothing to shrink (strength 0); no detectable between-area
  // variance means every area is best estimated by the parent (strength null: infinite).
  const strength = binomial === 0 ? 0 : variance === 0 ? null : Math.max(0, binomial / variance - 1);
  return { mean, variance, strength, areas: units.length };
}

// ---- Is a change real? ----

export const CHANGE_DIRECTIONS = ["rising", "falling", "no_clear_change", "unknown"] as const;

export const changeResultSchema = z.object({
  direction: z.enum(CHANGE_DIRECTIONS),
  /**
   * `newcombe`: a confidence interval for the difference of two proportions (Newcombe's hybrid
   * Wilson score method); `relative_tolerance`: amounts without counts, a relative change beyond
   * the tolerance counts.
   */
  method: z.enum(["newcombe", "relative_tolerance"]).nullable(),
  /** to − from, in the value's unit (× `scale` for proportions). */
  delta: z.number().nullable(),
  /** Interval of `delta` (newcombe only). */
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
export type ChangeResult = z.infer<typeof changeResultSchema>;

export interface ChangeOptions {
  confidence?: number;
  /** Relative change below which an amount without counts is "no clear change". */
  amountTolerance?: number;
  /** Multiplies proportion differences into the value's unit (100 for percent → points). */
  scale?: number;
}

const DEFAULT_AMOUNT_TOLERANCE = 0.03;

const UNKNOWN: ChangeResult = { direction: "unknown", method: null, delta: null, lower: null, upper: null };

/**
 * Whether a value moved between two points by more than its uncertainty. Shares and rates with
 * counts get a confidence interval for the difference of the two proportions; the change is
 * "rising"/"falling" only when that interval excludes 0. Without counts (NOK, years) there is no
 * sampling model, so a relative change beyond `amountTolerance` is required.
 */
export function changeTest(from: RawValue | null, to: RawValue | null, opts: ChangeOptions = {}): ChangeResult {
  if (!from || !to || from.status || to.status || from.value === null || to.value === null) return UNKNOWN;
  const a = proportion(from);
  const b = proportion(to);
  if (a && b) {
    const confidence = opts.confidence ?? 0.95;
    const scale = opts.scale ?? 1;
    const w1 = wilson(a.x, a.n, confidence)!;
    const w2 = wilson(b.x, b.n, confidence)!;
    const delta = w2.estimate - w1.estimate;
    const lower = delta - Math.sqrt((w2.estimate - w2.lower) ** 2 + (w1.upper - w1.estimate) ** 2);
    const upper = delta + Math.sqrt((w2.upper - w2.estimate) ** 2 + (w1.estimate - w1.lower) ** 2);
    const direction = lower > 0 ? "rising" : upper < 0 ? "falling" : "no_clear_change";
    return { direction, method: "newcombe", delta: delta * scale, lower: lower * scale, upper: upper * scale };
  }
  const tolerance = opts.amountTolerance ?? DEFAULT_AMOUNT_TOLERANCE;
  const delta = to.value - from.value;
  const base = Math.abs(from.value);
  const rel = base === 0 ? (delta === 0 ? 0 : Math.sign(delta) * Number.POSITIVE_INFINITY) : delta / base;
  const direction = rel > tolerance ? "rising" : rel < -tolerance ? "falling" : "no_clear_change";
  return { direction, method: "relative_tolerance", delta, lower: null, upper: null };
}

function proportion(v: RawValue): { x: number; n: number } | null {
  const x = v.numerator;
  const n = v.denominator;
  if (x === null || n === null || !(n > 0) || !(x >= 0) || x > n) return null;
  return { x, n };
}
