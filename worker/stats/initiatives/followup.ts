import { seededRandom } from "../segregation/random";

/**
 * The follow-up of an area-based initiative on one indicator: its areas' values before and after
 * the start against a comparison group of similar areas, as a difference-in-differences estimate
 * with a bootstrap interval. Pure: the caller passes served (protected, rounded) series only, so
 * nothing here can rest on a hidden value.
 *
 * The method, step by step:
 * 1. Windows. Before: the `preYears` (5) years up to the year before the start. After: from the
 *    start year to the end year (or the latest year when the initiative runs on). The result names
 *    the years within them that have figures. An area counts
 *    when it has at least one value in each window; its level before and after is the mean of the
 *    values it has there, its trend before the slope of a least-squares line through them.
 * 2. Matching. Every treated area takes its `k` (3) nearest candidates — same level, in no
 *    initiative running during the windows (the caller chooses them) — by Euclidean distance on
 *    the level and trend before the start, each standardised by its spread over all areas
 *    considered; by level alone when a treated area has only one year before the start. The
 *    comparison group is the union of those neighbours, each counted once.
 * 3. Estimate. Each area's change is its mean after minus its mean before; the estimate is the
 *    treated areas' mean change minus the comparison areas' mean change (with every area having
 *    every year, the classic 2×2 difference-in-differences of the group means).
 * 4. Interval. Areas are resampled with replacement within the treated and within the comparison
 *    group (`replicates`, 2,000, from a fixed seed, so the same inputs give the same interval),
 *    the estimate recomputed on each, and the 2.5th and 97.5th percentiles taken. The matching is
 *    kept as it is: the interval says how much the result depends on which areas it rests on,
 *    not every uncertainty (see reading.ts).
 */

export interface YearValue {
  period: number;
  value: number | null;
}

export interface AreaSeries {
  code: string;
  points: readonly YearValue[];
}

export interface FollowUpOptions {
  /** Years before the start that the level and trend are measured over. */
  preYears?: number;
  /** Nearest comparison areas per treated area. */
  k?: number;
  replicates?: number;
  seed?: number;
  /** Coverage of the interval. */
  level?: number;
}

export const FOLLOW_UP_DEFAULTS = { preYears: 5, k: 3, replicates: 2000, seed: 20070101, level: 0.95 } as const satisfies Required<FollowUpOptions>;

export interface FollowUpInput {
  treated: readonly AreaSeries[];
  candidates: readonly AreaSeries[];
  startYear: number;
  endYear: number | null;
}

/** One area's windows. */
export interface AreaSummary {
  code: string;
  preMean: number;
  /** Per year; null with a single year before the start. */
  preSlope: number | null;
  postMean: number;
  change: number;
}

export interface Neighbour {
  code: string;
  distance: number;
}

export interface YearMeans {
  period: number;
  /** Mean over the treated areas with a value that year (null: none has one). */
  treated: number | null;
  comparison: number | null;
}

export type NotEstimable = "no_figures_before" | "no_figures_after" | "no_comparison";

export type FollowUp =
  | {
      status: "estimated";
      windows: { before: [number, number]; after: [number, number] };
      matchedOn: "level_and_trend" | "level";
      treated: AreaSummary[];
      comparison: AreaSummary[];
      /** Each treated area's nearest candidates (the comparison group is their union). */
      neighbours: { code: string; neighbours: Neighbour[] }[];
      /** Group means of the windows: before and after, treated and comparison. */
      means: { treatedBefore: number; treatedAfter: number; comparisonBefore: number; comparisonAfter: number };
      treatedChange: number;
      comparisonChange: number;
      estimate: number;
      interval: { low: number; high: number; level: number; replicates: number; seed: number };
      years: YearMeans[];
    }
  | { status: "not_estimable"; reason: NotEstimable; windows: { before: [number, number]; after: [number, number] } | null };

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Least-squares slope of y on x (null with fewer than two distinct x). */
export function slope(points: readonly { x: number; y: number }[]): number | null {
  if (points.length < 2) return null;
  const mx = mean(points.map((p) => p.x));
  const my = mean(points.map((p) => p.y));
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}

/** The windows of an initiative given the last year any series reaches. */
export function windowsOf(startYear: number, endYear: number | null, lastYear: number, preYears: number = FOLLOW_UP_DEFAULTS.preYears) {
  return { before: [startYear - preYears, startYear - 1] as [number, number], after: [startYear, Math.min(endYear ?? lastYear, lastYear)] as [number, number] };
}

const inWindow = (p: YearValue, [from, to]: [number, number]) => p.value !== null && Number.isFinite(p.value) && p.period >= from && p.period <= to;

/** An area's level and trend before, level after and change; null when a window has no value. */
export function summarise(series: AreaSeries, windows: { before: [number, number]; after: [number, number] }): AreaSummary | null {
  const before = series.points.filter((p) => inWindow(p, windows.before));
  const after = series.points.filter((p) => inWindow(p, windows.after));
  if (before.length === 0 || after.length === 0) return null;
  const preMean = mean(before.map((p) => p.value!));
  const postMean = mean(after.map((p) => p.value!));
  return { code: series.code, preMean, preSlope: slope(before.map((p) => ({ x: p.period, y: p.value! }))), postMean, change: postMean - preMean };
}

/** Spread (population standard deviation) or 1 when the values do not vary, so a feature that cannot tell areas apart weighs nothing. */
function spread(xs: readonly number[]): number {
  if (xs.length < 2) return 1;
  const m = mean(xs);
  const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
  return sd > 0 ? sd : 1;
}

/**
 * Each treated area's `k` nearest candidates on the standardised level and trend before the
 * start (level only when some treated area has no trend). Ties go to the lower code, so the
 * choice never depends on input order.
 */
export function matchNeighbours(treated: readonly AreaSummary[], candidates: readonly AreaSummary[], k: number = FOLLOW_UP_DEFAULTS.k) {
  const withTrend = treated.every((t) => t.preSlope !== null);
  const pool = withTrend ? candidates.filter((c) => c.preSlope !== null) : [...candidates];
  const all = [...treated, ...pool];
  const sLevel = spread(all.map((a) => a.preMean));
  const sTrend = withTrend ? spread(all.map((a) => a.preSlope!)) : 1;
  const distance = (a: AreaSummary, b: AreaSummary) =>
    Math.sqrt(((a.preMean - b.preMean) / sLevel) ** 2 + (withTrend ? ((a.preSlope! - b.preSlope!) / sTrend) ** 2 : 0));
  const neighbours = treated.map((t) => ({
    code: t.code,
    neighbours: pool
      .map((c) => ({ code: c.code, distance: distance(t, c) }))
      .sort((a, b) => a.distance - b.distance || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .slice(0, k),
  }));
  const chosen = new Set(neighbours.flatMap((n) => n.neighbours.map((x) => x.code)));
  return { matchedOn: withTrend ? ("level_and_trend" as const) : ("level" as const), neighbours, comparison: pool.filter((c) => chosen.has(c.code)) };
}

/** Treated mean change minus comparison mean change. */
export const differenceInDifferences = (treatedChanges: readonly number[], comparisonChanges: readonly number[]) => mean(treatedChanges) - mean(comparisonChanges);

/** Percentile bootstrap of the estimate, resampling areas within each group. */
export function bootstrapInterval(treatedChanges: readonly number[], comparisonChanges: readonly number[], opts: { replicates: number; seed: number; level: number }) {
  if (!Number.isInteger(opts.replicates) || opts.replicates < 100) throw new RangeError(`replicates must be a whole number of at least 100, got ${opts.replicates}`);
  if (!(opts.level > 0 && opts.level < 1)) throw new RangeError(`level must lie between 0 and 1, got ${opts.level}`);
  const rng = seededRandom(opts.seed);
  const draw = (xs: readonly number[]) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[Math.floor(rng.uniform() * xs.length)]!;
    return s / xs.length;
  };
  const estimates = new Float64Array(opts.replicates);
  for (let r = 0; r < opts.replicates; r++) estimates[r] = draw(treatedChanges) - draw(comparisonChanges);
  estimates.sort();
  const q = (p: number) => {
    // Linear interpolation between order statistics (R's type 7).
    const h = (estimates.length - 1) * p;
    const lo = Math.floor(h);
    return estimates[lo]! + (h - lo) * ((estimates[Math.min(lo + 1, estimates.length - 1)] ?? estimates[lo]!) - estimates[lo]!);
  };
  const tail = (1 - opts.level) / 2;
  return { low: q(tail), high: q(1 - tail) };
}

/** Mean of each group per year across both windows (the chart and the table behind it). */
export function yearMeans(treated: readonly AreaSeries[], comparison: readonly AreaSeries[], [from, to]: [number, number]): YearMeans[] {
  const at = (group: readonly AreaSeries[], year: number) => {
    const xs = group.flatMap((s) => s.points.filter((p) => p.period === year && p.value !== null && Number.isFinite(p.value)).map((p) => p.value!));
    return xs.length ? mean(xs) : null;
  };
  const out: YearMeans[] = [];
  for (let y = from; y <= to; y++) {
    const row = { period: y, treated: at(treated, y), comparison: at(comparison, y) };
    if (row.treated !== null || row.comparison !== null) out.push(row);
  }
  return out;
}

/** The whole follow-up of one initiative on one indicator. */
export function followUp(input: FollowUpInput, options: FollowUpOptions = {}): FollowUp {
  const o = { ...FOLLOW_UP_DEFAULTS, ...options };
  if (!Number.isInteger(o.preYears) || o.preYears < 1) throw new RangeError(`preYears must be a whole number of at least 1, got ${o.preYears}`);
  if (!Number.isInteger(o.k) || o.k < 1) throw new RangeError(`k must be a whole number of at least 1, got ${o.k}`);
  const periods = [...input.treated, ...input.candidates].flatMap((s) => s.points.filter((p) => p.value !== null).map((p) => p.period));
  if (periods.length === 0) return { status: "not_estimable", reason: "no_figures_before", windows: null };
  const lastYear = Math.max(...periods);
  const windows = windowsOf(input.startYear, input.endYear, lastYear, o.preYears);
  const has = (w: [number, number]) => input.treated.some((s) => s.points.some((p) => inWindow(p, w)));
  if (!has(windows.before)) return { status: "not_estimable", reason: "no_figures_before", windows };
  if (windows.after[1] < windows.after[0] || !has(windows.after)) return { status: "not_estimable", reason: "no_figures_after", windows };
  const treated = input.treated.map((s) => summarise(s, windows)).filter((s): s is AreaSummary => s !== null);
  if (treated.length === 0) return { status: "not_estimable", reason: "no_figures_before", windows };
  const candidates = input.candidates.map((s) => summarise(s, windows)).filter((s): s is AreaSummary => s !== null);
  const { matchedOn, neighbours, comparison } = matchNeighbours(treated, candidates, o.k);
  if (comparison.length === 0) return { status: "not_estimable", reason: "no_comparison", windows };
  // The windows as the figures fill them (real bydel series start in 2004, after some windows open).
  const used = [...input.treated.filter((s) => treated.some((t) => t.code === s.code)), ...input.candidates.filter((s) => comparison.some((c) => c.code === s.code))];
  const filled = (w: [number, number]): [number, number] => {
    const years = used.flatMap((s) => s.points.filter((p) => inWindow(p, w)).map((p) => p.period));
    return [Math.min(...years), Math.max(...years)];
  };
  const shown = { before: filled(windows.before), after: filled(windows.after) };
  const tc = treated.map((t) => t.change);
  const cc = comparison.map((c) => c.change);
  const chosen = new Set(comparison.map((c) => c.code));
  const counted = new Set(treated.map((t) => t.code));
  return {
    status: "estimated",
    windows: shown,
    matchedOn,
    treated,
    comparison,
    neighbours,
    means: {
      treatedBefore: mean(treated.map((t) => t.preMean)),
      treatedAfter: mean(treated.map((t) => t.postMean)),
      comparisonBefore: mean(comparison.map((c) => c.preMean)),
      comparisonAfter: mean(comparison.map((c) => c.postMean)),
    },
    treatedChange: mean(tc),
    comparisonChange: mean(cc),
    estimate: differenceInDifferences(tc, cc),
    interval: { ...bootstrapInterval(tc, cc, o), level: o.level, replicates: o.replicates, seed: o.seed },
    years: yearMeans(
      input.treated.filter((s) => counted.has(s.code)),
      input.candidates.filter((s) => chosen.has(s.code)),
      [shown.before[0], shown.after[1]],
    ),
  };
}

/** A seed per initiative and indicator (FNV-1a), so each follow-up's interval is reproducible on its own. */
export function seedOf(...parts: string[]): number {
  let h = 0x811c9dc5;
  for (const s of parts.join("\u0000")) {
    h ^= s.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
