import { z } from "zod";
import { STATUS_SYMBOLS, type Indicator } from "../../db/schema";
import { DEFAULT_DISCLOSURE, disclose, type DisclosureRules, type RawValue } from "./disclosure";
import { TREND_METHODS } from "./models";

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

// ---- Gamma and Student t quantiles (for Poisson intervals and amounts' change tests) ----

/** Lanczos (g = 7, n = 9) coefficients: ln Γ to ~15 significant digits for x > 0. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma: x must be positive, got ${x}`);
  // Below 0.5 the series loses accuracy: Γ(x) = Γ(x + 1) / x.
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const y = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) s += LANCZOS[i]! / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * Regularised lower incomplete gamma P(a, x): the probability that a Gamma(a, 1) variable is at
 * most x. Series below a + 1, Lentz's continued fraction for the upper tail above (Numerical
 * Recipes §6.2), each to machine precision.
 */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`regularizedGammaP: shape must be positive, got ${a}`);
  if (x <= 0) return 0;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let ap = a + 1; Math.abs(term) > Math.abs(sum) * 1e-16; ap++) {
      term *= x / ap;
      sum += term;
    }
    return Math.min(1, sum * front);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return Math.max(0, 1 - front * h);
}

/**
 * Quantile of Gamma(shape, 1): Newton's method on P(shape, x) from the Wilson-Hilferty start,
 * kept inside a bracket that every step narrows, to 12 significant digits.
 */
export function gammaQuantile(p: number, shape: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`gammaQuantile: p must be in (0, 1), got ${p}`);
  if (!(shape > 0)) throw new RangeError(`gammaQuantile: shape must be positive, got ${shape}`);
  const lgamma = logGamma(shape);
  const z = normalQuantile(p);
  const wh = shape * (1 - 1 / (9 * shape) + z / (3 * Math.sqrt(shape))) ** 3;
  // Near 0, P(a, x) ≈ x^a / Γ(a + 1).
  let x = shape >= 1 && wh > 0 ? wh : Math.exp((Math.log(p) + logGamma(shape + 1)) / shape);
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 200; i++) {
    const f = regularizedGammaP(shape, x) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((shape - 1) * Math.log(x) - x - lgamma);
    let next = x - f / density;
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : 2 * x;
    if (Math.abs(next - x) <= 1e-13 * next) return next;
    x = next;
  }
  return x;
}

/**
 * Student t quantile by the Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5): within 0.4 %
 * of the exact value from 3 degrees of freedom up (3.182 → 3.170 at 3, exact to 3 decimals
 * from 6), which is as far as the amounts' change test asks.
 */
export function tQuantile(p: number, df: number): number {
  if (!(df >= 1)) throw new RangeError(`tQuantile: df must be at least 1, got ${df}`);
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z2 + 1) * z / 4;
  const g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/**
 * Exact (Garwood 1936) interval for the mean of a Poisson count of `events`: the gamma
 * quantiles that are the chi-square ones halved, lower Γ⁻¹(α/2; x) (0 for x = 0) and upper
 * Γ⁻¹(1 − α/2; x + 1). Conservative: it covers at least the stated level for every mean.
 */
export function poissonInterval(events: number, confidence = 0.95): Interval {
  if (!(events >= 0) || !Number.isFinite(events)) throw new RangeError(`poissonInterval: events must be a count of 0 or more, got ${events}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  // Every card point of events per 1 000 asks (~250,000 a national run), mostly for the same
  // few thousand whole counts at 95 %: each is solved once.
  const cached = confidence === 0.95 && Number.isInteger(events) && events < GARWOOD_CACHE;
  if (cached && GARWOOD95[2 * events + 1]! > 0) return { estimate: events, lower: GARWOOD95[2 * events]!, upper: GARWOOD95[2 * events + 1]! };
  const alpha = 1 - confidence;
  const lower = events === 0 ? 0 : gammaQuantile(alpha / 2, events);
  const upper = gammaQuantile(1 - alpha / 2, events + 1);
  if (cached) {
    GARWOOD95[2 * events] = lower;
    GARWOOD95[2 * events + 1] = upper;
  }
  return { estimate: events, lower, upper };
}

const GARWOOD_CACHE = 20_000;
/** 95 % Garwood limits of whole counts below GARWOOD_CACHE, [lower, upper] pairs; 0 = not yet solved (an upper limit is never 0). */
const GARWOOD95 = new Float64Array(2 * GARWOOD_CACHE);

/**
 * The interval of a published share or rate, in the indicator's unit (12.3 = 12.3 %): Wilson
 * for a share of people (binomial), the exact Poisson interval of the events over the
 * population for events per 1 000 (offences are events, not people: one person may count many
 * times, so a binomial bound at 1 000 per 1 000 would be wrong). Null when the value is not
 * shown, has no counts, or the unit is not a rate.
 */
export function rateInterval(raw: RawValue, unit: Indicator["unit"], confidence = 0.95): Interval | null {
  const scale = rateScale(unit);
  if (scale === null || raw.status || raw.value === null) return null;
  if (unit === "per1000") {
    const e = events(raw);
    if (!e) return null;
    const { x, n } = e;
    const ci = poissonInterval(x, confidence);
    return { estimate: (x / n) * scale, lower: (ci.lower / n) * scale, upper: (ci.upper / n) * scale };
  }
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
  /** Between-area variance of the true proportions around that mean: ψ · (m(1 − m))². */
  variance: z.number(),
  /**
   * α + β of the beta prior: how many "pseudo-persons" at the parent's rate each area is blended
   * with, 1 / (ψ m(1 − m)) − 1. 0 when the parent's rate is 0 or 1 (nothing to shrink toward).
   */
  strength: z.number(),
  /** ψ: the variance of the areas' true rates around their parent's on the log-odds scale. */
  spread: z.number(),
  /** Where ψ was fitted: every area of the level in the country (`pooled`), or these siblings alone. */
  fittedOn: z.enum(["pooled", "siblings"]),
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

/** One area for the spread fit: its counts, its parent's rate (a proportion) and the parent's denominator. */
export interface SpreadUnit {
  x: number;
  n: number;
  mean: number;
  /** The parent's denominator, when the parent's rate is made of its children's counts (this one's among them). */
  parentN?: number | null;
}

/** The sums the moment estimator of ψ needs. */
export interface SpreadSums {
  /** Σ (nᵢ zᵢ² − (1 − hᵢ)) */
  excess: number;
  /** Σ (1 − hᵢ)(nᵢ − 1) vᵢ */
  weight: number;
  units: number;
}

export interface Spread {
  /** ψ used: the estimate, but never below `floor`. */
  spread: number;
  /** The moment estimate itself (≤ 0 when areas vary no more than chance). */
  estimate: number;
  /** The smallest ψ this many areas could tell from 0 (see `spreadFromSums`). */
  floor: number;
  units: number;
}

/** Areas that can inform ψ: counts with at least two trials, a parent rate strictly inside (0, 1). */
const informs = (u: SpreadUnit) => u.n > 1 && u.x >= 0 && u.x <= u.n && u.mean > 0 && u.mean < 1;

/**
 * Sums for the moment estimator of the smoothing prior's spread ψ. Area i's true rate pᵢ
 * scatters around its parent's rate mᵢ with variance ψ vᵢ², vᵢ = mᵢ(1 − mᵢ): ψ is the variance
 * on the log-odds scale (a spread of 0.1: 95 % of true rates within ±0.62 log-odds of the parent's,
 * 0.54 to 1.86 times its odds), so a low-rate kommune's grunnkretser differ by less, in points,
 * than a high-rate one's — what a simulation of logit-normal areas needs and a single beta
 * overdispersion misses. With xᵢ ~ Binomial(nᵢ, pᵢ), zᵢ² = (rᵢ − mᵢ)² / vᵢ and hᵢ = nᵢ / Nᵢ the
 * area's part of its parent (whose rate it helped make, which pulls the two together):
 *   E[nᵢ zᵢ²] ≈ (1 − hᵢ) (1 + (nᵢ − 1) ψ vᵢ),
 * so ψ̂ = Σ (nᵢ zᵢ² − (1 − hᵢ)) / Σ (1 − hᵢ)(nᵢ − 1) vᵢ. Each area is centred on its own
 * parent, so the areas of many parents pool into one fit.
 */
export function spreadSums(units: readonly SpreadUnit[]): SpreadSums {
  let excess = 0;
  let weight = 0;
  let count = 0;
  for (const u of units) {
    if (!informs(u)) continue;
    const v = u.mean * (1 - u.mean);
    const h = u.parentN && u.parentN > 0 ? Math.min(u.n / u.parentN, 0.99) : 0;
    excess += (u.n * (u.x / u.n - u.mean) ** 2) / v - (1 - h);
    weight += (1 - h) * (u.n - 1) * v;
    count++;
  }
  return { excess, weight, units: count };
}

/**
 * ψ from its sums, floored so that it cannot collapse to 0. Were the areas all alike (ψ = 0),
 * each nᵢ zᵢ² would be about χ²₁ (variance 2), so ψ̂ would scatter around 0 with standard error
 * about √(2k) / weight for k areas. A spread below 1.96 of those is one these data cannot tell
 * from none; using that bound rather than 0 keeps every area's own data in its estimate
 * (weight > 0), so siblings with different counts are never all served the parent's rate. With
 * the thousands of grunnkretser of a national fit the floor is tiny and the estimate rules.
 * Null with fewer than two informative areas.
 */
export function spreadFromSums(s: SpreadSums): Spread | null {
  if (s.units < 2 || !(s.weight > 0)) return null;
  const estimate = s.excess / s.weight;
  const floor = (1.96 * Math.sqrt(2 * s.units)) / s.weight;
  return { spread: Math.max(estimate, floor), estimate, floor, units: s.units };
}

export const fitSpread = (units: readonly SpreadUnit[]) => spreadFromSums(spreadSums(units));

export interface ShrinkInput {
  areas: readonly (RawValue & { code: string })[];
  unit: Indicator["unit"];
  /** The parent's own counts (e.g. the kommune over its grunnkretser); else the pooled rate. */
  parent?: Pick<RawValue, "numerator" | "denominator"> | null;
  /**
   * ψ fitted on every area of this level in the country (`fitSpread`), each centred on its own
   * parent. Without it ψ is fitted on these siblings alone, with its floor.
   */
  spread?: number | null;
  rules?: DisclosureRules;
}

/**
 * Empirical-Bayes shrinkage of small-area rates toward their parent with a beta prior: mean m =
 * the parent's rate, variance ψ (m(1 − m))², i.e. α + β = 1 / (ψ m(1 − m)) − 1 pseudo-persons:
 *
 *   shrunk rᵢ = (xᵢ + m(α + β)) / (nᵢ + α + β).
 *
 * ψ comes from a fit on enough areas (all of the level in the country, each around its parent)
 * and cannot be 0, so an area's own data always count: a kommune's nine grunnkretser are never
 * all served the kommune's rate. Small areas move most, large ones hardly at all. `raw` is always
 * returned beside `shrunk`. Every area with counts informs a siblings' fit (it is an aggregate),
 * but an area whose own value is not shown gets no shrunk value: it would give its count away.
 */
export function shrinkRates(input: ShrinkInput): { prior: ShrinkagePrior | null; areas: ShrunkRate[] } {
  const scale = rateScale(input.unit);
  if (scale === null) throw new Error(`shrinkRates: unit "${input.unit}" is not a rate (percent or per1000)`);
  const rules = input.rules ?? DEFAULT_DISCLOSURE;
  const withCounts = input.areas.filter(
    (a) => !a.status && a.numerator !== null && a.denominator !== null && a.denominator > 0 && a.numerator >= 0 && a.numerator <= a.denominator,
  );
  const parent = input.parent && input.parent.numerator !== null && input.parent.denominator ? { x: input.parent.numerator, n: input.parent.denominator } : null;
  const prior = priorOf(
    withCounts.map((a) => ({ x: a.numerator!, n: a.denominator! })),
    parent,
    input.spread ?? null,
  );
  const counted = new Set(withCounts);
  const areas = input.areas.map((a): ShrunkRate => {
    const served = disclose(a, input.unit, rules);
    if (served.status) return { code: a.code, raw: null, shrunk: null, weight: null, status: served.status };
    if (!counted.has(a) || !prior) return { code: a.code, raw: served.value, shrunk: null, weight: null, status: null };
    const x = a.numerator!;
    const n = a.denominator!;
    const k = prior.strength;
    return { code: a.code, raw: (x / n) * scale, shrunk: ((x + prior.mean * k) / (n + k)) * scale, weight: n / (n + k), status: null };
  });
  return { prior, areas };
}

function priorOf(units: { x: number; n: number }[], parent: { x: number; n: number } | null, pooled: number | null): ShrinkagePrior | null {
  if (units.length === 0 || (pooled === null && units.length < 2)) return null;
  const totalN = units.reduce((s, u) => s + u.n, 0);
  const mean = parent ? parent.x / parent.n : units.reduce((s, u) => s + u.x, 0) / totalN;
  const v = mean * (1 - mean);
  let spread: number;
  let fittedOn: ShrinkagePrior["fittedOn"];
  if (pooled !== null && pooled > 0) {
    spread = pooled;
    fittedOn = "pooled";
  } else {
    // Without the parent's counts its rate is the siblings' pooled one, made of all of them.
    const fit = fitSpread(units.map((u) => ({ ...u, mean, parentN: parent ? parent.n : totalN })));
    // A parent rate of 0 or 1 informs no fit and leaves nothing to shrink (strength 0 below).
    if (!fit && v > 0) return null;
    spread = fit?.spread ?? 0;
    fittedOn = "siblings";
  }
  const phi = Math.min(1, spread * v);
  const strength = v === 0 || phi === 0 ? 0 : (1 - phi) / phi;
  return { mean, variance: spread * v * v, strength, spread, fittedOn, areas: units.length };
}

// ---- Is a change real? ----

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

/** Events over a population: unlike a share, events may outnumber people. */
function events(v: RawValue): { x: number; n: number } | null {
  const x = v.numerator;
  const n = v.denominator;
  return x === null || n === null || !(n > 0) || !(x >= 0) ? null : { x, n };
}

function proportion(v: RawValue): { x: number; n: number } | null {
  const x = v.numerator;
  const n = v.denominator;
  if (x === null || n === null || !(n > 0) || !(x >= 0) || x > n) return null;
  return { x, n };
}
