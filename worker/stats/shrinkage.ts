import { z } from "zod";
import { STATUS_SYMBOLS, type Indicator } from "../../db/schema";
import { DEFAULT_DISCLOSURE, disclose, type DisclosureRules, type RawValue } from "./disclosure";
import { proportion, rateScale } from "./intervals";

/** Empirical-Bayes shrinkage of small areas' rates towards their parent's (see the method page). */

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
