import type { Indicator } from "../../db/schema";
import { poissonInterval, rateScale, wilson } from "./intervals";

/**
 * How precisely a figure is served: one rounding rule per unit, and intervals that contain their
 * own value and do not give the counts behind it away. Pure; applied where values leave for the
 * API (cards, maps, downloads), never to what decisions (classification, composite) read.
 */

type Unit = Indicator["unit"];

/**
 * Decimals served per unit. Counts and kroner are whole (a harmonised 568295.502 persons or
 * kroner is an estimate, not a measurement to the øre); shares, rates, gaps and years keep the
 * one decimal their publishers use.
 */
export const DECIMALS: Record<Unit, number> = { count: 0, nok: 0, percent: 1, per1000: 1, points: 1, years: 1 };

/** 10^decimals per unit, computed once: `**` on every served value showed in the recompute's profile. */
const FACTORS = Object.fromEntries(Object.entries(DECIMALS).map(([u, d]) => [u, 10 ** d])) as Record<Unit, number>;
const factor = (unit: Unit) => FACTORS[unit];

/**
 * x × 10^d nudged by a relative 1e-12 (direction given per use), so float noise in the last
 * place (2.45 × 10 = 24.499999999999996, 0.3 × 100 = 30.000000000000004) does not decide a
 * rounding: the value goes the way its decimal writing says. Real figures are never that close
 * to an edge without being on it.
 */
const NUDGE = 1e-12;
const scaled = (x: number, f: number, direction: 1 | -1) => {
  const k = x * f;
  return k + direction * Math.abs(k) * NUDGE;
};

/** A value as served in its unit: half away from zero at the unit's decimals. */
export function roundValue(x: number, unit: Unit): number {
  const f = factor(unit);
  const k = scaled(Math.abs(x), f, 1);
  const r = (Math.sign(x) * Math.round(k)) / f;
  return r === 0 ? 0 : r; // no -0 in JSON diffs
}

/** A served value, or null as it came. */
export const roundServed = (x: number | null, unit: Unit): number | null => (x === null ? null : roundValue(x, unit));

/** A lower bound rounded down to the unit's decimals: never narrower than computed. */
export const floorTo = (x: number, unit: Unit) => Math.floor(scaled(x, factor(unit), 1)) / factor(unit);
/** An upper bound rounded up to the unit's decimals. */
export const ceilTo = (x: number, unit: Unit) => Math.ceil(scaled(x, factor(unit), -1)) / factor(unit);

/**
 * Denominator bands for small areas: an interval of a share whose denominator lies in a band is
 * computed as if the denominator were the band's lower edge. A Wilson interval only widens as
 * its denominator shrinks (it is the set of p with (p̂ − p)² ≤ z² p(1 − p) / n, and the right
 * side falls with n), so this is conservative. What it buys: the served interval says only in
 * which band the denominator lies, and each band is wide enough that every value a share in it
 * can take at the served decimals is reached by at least two numerator/denominator pairs (see
 * test/stats/precision.test.ts, which counts them). Percent at one decimal needs the first band
 * to reach 200; per 1000 at one decimal is ten times finer and needs 1000.
 */
const BANDS: Partial<Record<Unit, readonly number[]>> = {
  percent: [20, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000],
  per1000: [20, 1000, 2000, 5000, 10_000, 20_000, 50_000],
};
/** From this denominator on the interval uses the denominator itself: only the largest kommuner, fylker and Norway. */
export const EXACT_FROM = 100_000;
/**
 * Areas with fewer residents than this never have an exact count pair recoverable from a served
 * value and interval: their denominators (at most the residents, twice them for a two-year rate)
 * all lie below `EXACT_FROM`.
 */
export const PROTECTED_POPULATION = 50_000;

/** The lower edges of the bands of a unit below `EXACT_FROM` (empty for units without intervals). */
export const bandEdges = (unit: Unit): readonly number[] => BANDS[unit] ?? [];

/** The denominator an interval is computed with: its band's lower edge below `EXACT_FROM`; null below the first band. */
export function intervalDenominator(n: number, unit: Unit): number | null {
  if (n >= EXACT_FROM) return n;
  const edges = BANDS[unit];
  if (!edges) return n;
  // The web app shares this module and targets ES2022, which has no findLast.
  let edge: number | null = null;
  for (const e of edges) if (e <= n) edge = e;
  return edge;
}

/**
 * The interval model, as rates (events or persons per person): the lower bound at the rate
 * `pLow`, the upper at `pHigh`, for a denominator `n`. Shares of people are binomial (Wilson's
 * score interval); events per 1000 are Poisson counts over the population (Garwood's exact
 * interval, for the whole number of events at or beyond each end, which is conservative and
 * lets the whole-count limits be cached). Both models keep the two properties the serving
 * relies on: bounds that rise with the rate, and an interval that only widens as `n` shrinks;
 * the bands' guarantee does not depend on the model.
 */
function modelBounds(unit: Unit, pLow: number, pHigh: number, n: number): { lower: number; upper: number } {
  if (unit === "per1000") {
    const eps = 1e-9;
    return { lower: poissonInterval(Math.floor(pLow * n + eps)).lower / n, upper: poissonInterval(Math.ceil(pHigh * n - eps)).upper / n };
  }
  return { lower: wilson(pLow * n, n)!.lower, upper: wilson(pHigh * n, n)!.upper };
}

export interface ServedInterval {
  low: number;
  high: number;
}

/**
 * The 95 % interval served beside a share or rate `value` (already rounded by `roundValue`),
 * with registers treated as draws from a process: a share of people as a binomial proportion
 * (Wilson), events per 1000 as a Poisson count (Garwood); see `modelBounds`.
 *
 * It is built from the served value and the (banded) denominator only, never from the exact
 * numerator, so it tells nothing the value and the band do not: the lower bound is the model's at
 * value − half a last decimal, the upper at value + half a last decimal (the bounds rise
 * with the observed rate, so this contains the interval of every share that rounds to the
 * value, the exact one included), and both are rounded outward to the value's decimals. The
 * served value therefore always lies inside its served interval, even where a source's
 * one-decimal value and its counts disagree slightly (Norway's 2017 unemployment: 2.4 from the
 * source, 2.448 from the counts): the interval belongs to the value we serve.
 *
 * Null when the unit is not a rate, there are no usable counts, or the denominator is below the
 * first band (such shares are suppressed anyway).
 */
export function servedInterval(value: number | null, counts: { numerator: number | null; denominator: number | null } | null, unit: Unit): ServedInterval | null {
  const scale = rateScale(unit);
  if (scale === null || value === null || !counts) return null;
  const { numerator: x, denominator: n } = counts;
  // Events per 1000 may outnumber the residents (one person, many offences); people may not.
  if (x === null || n === null || !(n > 0) || !(x >= 0) || (unit !== "per1000" && x > n)) return null;
  const m = intervalDenominator(n, unit);
  if (m === null) return null;
  const half = 0.5 / factor(unit);
  const ceiling = unit === "per1000" ? Number.POSITIVE_INFINITY : 1;
  const clamp = (p: number) => Math.min(ceiling, Math.max(0, p));
  const { lower, upper } = modelBounds(unit, clamp((value - half) / scale), clamp((value + half) / scale), m);
  const low = Math.max(0, floorTo(lower * scale, unit));
  const high = Math.min(ceiling * scale, ceilTo(upper * scale, unit));
  // Guaranteed by the construction; kept as a guard against a future change of it.
  return { low: Math.min(low, value), high: Math.max(high, value) };
}
