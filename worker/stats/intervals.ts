import { z } from "zod";
import type { Indicator } from "../../db/schema";
import type { RawValue } from "./disclosure";
import { gammaQuantile, zFor } from "./distributions";

/**
 * The interval models of served figures: Wilson (binomial) for shares of people, Garwood
 * (Poisson) for events per 1 000.
 */

/** Factor from a proportion to the unit's value (0.123 → 12.3 %), or null for counts and amounts. */
export function rateScale(unit: Indicator["unit"]): number | null {
  return unit === "percent" ? 100 : unit === "per1000" ? 1000 : null;
}

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

/** Events over a population: unlike a share, events may outnumber people. */
export function events(v: RawValue): { x: number; n: number } | null {
  const x = v.numerator;
  const n = v.denominator;
  return x === null || n === null || !(n > 0) || !(x >= 0) ? null : { x, n };
}

/** People with a trait over people: a share cannot exceed its population. */
export function proportion(v: RawValue): { x: number; n: number } | null {
  const x = v.numerator;
  const n = v.denominator;
  if (x === null || n === null || !(n > 0) || !(x >= 0) || x > n) return null;
  return { x, n };
}
