import type { Card, Point } from "../api/schemas";
import { periodLabel } from "./period";

/**
 * How an indicator card is stored (`area_series.body`). A national snapshot holds ~430,000
 * cards, the largest thing a recompute writes, so the series is stored as columns: periods and
 * values, and statuses, interval bounds and estimate flags only when some point has one. The
 * latest point is left out when it is the one the series gives (the last with a value, as
 * `buildCard` chooses it). Comparison points are tuples [period, value, status, low, high,
 * estimated] with absent trailing parts left out or null; so are the change ([from, to, delta])
 * and the smoothed estimate ([value, weight]). The indicator is left out: the row names it.
 * Period labels are not stored: they follow from each period and the card's span, which is
 * stored only when a period covers more than one year. Cards stored in the earlier forms (with
 * their indicator, points as tuples or as objects, without spans) still read.
 */
export type StoredPoint = [number, number | null, Point["status"], ...(number | boolean | null)[]];
/** Thousandths, or `{ x }` for a bound that thousandths would not give back exactly. */
type StoredBound = number | { x: number } | null;
interface StoredSeries {
  /** The periods, or only the first when they follow year by year (the usual case). */
  p?: number[];
  y?: number;
  v: (number | null)[];
  s?: Point["status"][];
  /** Interval bounds as whole numbers (in thousandths, or in 10^-b when `b` is given): they serialise and parse several times faster. */
  lo?: StoredBound[];
  hi?: StoredBound[];
  /**
   * The decimals the bounds are counted in, when fewer than three: the fewest that give every
   * bound back exactly (a percentage's tenths: 68 rather than 6800, a sixth of a card's bytes).
   */
  b?: number;
  e?: (boolean | null)[];
}
export type StoredCard = Omit<Card, "indicator" | "periodSpan" | "latest" | "series" | "municipality" | "bydel" | "norway" | "change5y" | "smoothed"> & {
  /** Left out when 1. */
  periodSpan?: number;
  /** Only in cards stored before the row was left to name it. */
  indicator?: string;
  latest?: StoredPoint | Point | null;
  series: StoredSeries | (StoredPoint | Point)[];
  municipality: StoredPoint | Point | null;
  /** Only on cards of areas within a bydel (grunnkretser of the big cities). */
  bydel?: StoredPoint | null;
  norway: StoredPoint | Point | null;
  change5y: [number, number, number | null] | (Omit<NonNullable<Card["change5y"]>, "fromLabel" | "toLabel"> & Partial<NonNullable<Card["change5y"]>>) | null;
  smoothed?: [number, number] | Card["smoothed"];
};

function packPoint(p: Point): StoredPoint {
  const out: StoredPoint = [p.period, p.value, p.status];
  // Intervals come in pairs; null marks an absent pair when `estimated` follows.
  if (p.low !== undefined || p.estimated !== undefined) out.push(p.low ?? null, p.high ?? null);
  if (p.estimated !== undefined) out.push(p.estimated);
  return out;
}

/** A stored point as served; `span` gives its label. */
function unpackPoint(t: StoredPoint | Omit<Point, "periodLabel">, span: number): Point {
  if (!Array.isArray(t)) {
    const { period, ...rest } = t;
    return { period, periodLabel: periodLabel(period, span), ...rest };
  }
  const p: Point = { period: t[0], periodLabel: periodLabel(t[0], span), value: t[1], status: t[2] };
  if (t[3] !== undefined && t[3] !== null) p.low = t[3] as number;
  if (t[4] !== undefined && t[4] !== null) p.high = t[4] as number;
  if (t[5] !== undefined && t[5] !== null) p.estimated = t[5] as boolean;
  return p;
}

const SCALES = [1, 10, 100, 1000] as const;
/** Whether `x` is given back exactly from a whole number of 1/`scale`. */
const exactAt = (x: number, scale: number) => {
  const k = Math.round(x * scale);
  return k / scale === x && Number.isSafeInteger(k);
};
/** The fewest decimals (0–3) at which every bound is a whole number (intervals are rounded so); 3 when none is. */
function boundDecimals(points: readonly Point[]): number {
  let d = 0;
  for (const p of points) {
    while (d < 3 && ((p.low !== undefined && !exactAt(p.low, SCALES[d]!)) || (p.high !== undefined && !exactAt(p.high, SCALES[d]!)))) d++;
    if (d === 3) break;
  }
  return d;
}
/** A bound as a whole number of 1/`scale` when that gives it back exactly, else as it is. */
const toScale = (x: number | undefined, scale: number): StoredBound => {
  if (x === undefined) return null;
  const k = Math.round(x * scale);
  return k / scale === x && Number.isSafeInteger(k) ? k : { x };
};
const fromScale = (b: StoredBound | undefined, scale: number) => (b === undefined || b === null ? undefined : typeof b === "number" ? b / scale : b.x);

function packSeries(points: readonly Point[]): StoredSeries {
  // One pass for the values and for what the optional columns need (~400,000 series nationally).
  const first = points[0]?.period ?? 0;
  const v: (number | null)[] = [];
  let yearly = true, statuses = false, lows = false, highs = false, estimates = false;
  for (let i = 0; i < points.length; i++) {
    const x = points[i]!;
    v.push(x.value);
    if (x.period !== first + i) yearly = false;
    if (x.status !== null) statuses = true;
    if (x.low !== undefined) lows = true;
    if (x.high !== undefined) highs = true;
    if (x.estimated !== undefined) estimates = true;
  }
  const out: StoredSeries = yearly ? { y: first, v } : { p: points.map((x) => x.period), v };
  if (statuses) out.s = points.map((x) => x.status);
  if (lows || highs) {
    const d = boundDecimals(points);
    const scale = SCALES[d]!;
    if (lows) out.lo = points.map((x) => toScale(x.low, scale));
    if (highs) out.hi = points.map((x) => toScale(x.high, scale));
    if (d < 3) out.b = d;
  }
  if (estimates) out.e = points.map((x) => x.estimated ?? null);
  return out;
}

function unpackSeries(s: StoredSeries | (StoredPoint | Point)[], span: number): Point[] {
  if (Array.isArray(s)) return s.map((t) => unpackPoint(t, span));
  // Cards stored before `b` counted their bounds in thousandths.
  const scale = SCALES[s.b ?? 3]!;
  return s.v.map((value, i) => {
    const period = s.p?.[i] ?? s.y! + i;
    const p: Point = { period, periodLabel: periodLabel(period, span), value, status: s.s?.[i] ?? null };
    const low = fromScale(s.lo?.[i], scale), high = fromScale(s.hi?.[i], scale), estimated = s.e?.[i];
    if (low !== undefined) p.low = low;
    if (high !== undefined) p.high = high;
    if (estimated !== undefined && estimated !== null) p.estimated = estimated;
    return p;
  });
}

/** The point a card shows as latest, as `buildCard` picks it: the last with a value, else the last. */
const latestOf = (series: readonly Point[]): Point | null => series.findLast((p) => p.value !== null) ?? series.at(-1) ?? null;

const samePoint = (a: Point | null, b: Point | null) =>
  a === b || (a !== null && b !== null && a.period === b.period && a.value === b.value && a.status === b.status && a.low === b.low && a.high === b.high && a.estimated === b.estimated && Object.keys(a).length === Object.keys(b).length);

const maybe = <A, B>(x: A | null, f: (a: A) => B): B | null => (x === null ? null : f(x));

/** The card's keys `packCard` stores in a form of their own (or leaves out); the others are copied as they are. */
const PACKED_KEYS = new Set(["indicator", "periodSpan", "latest", "series", "municipality", "bydel", "norway", "change5y", "smoothed"]);

export function packCard(card: Card): StoredCard {
  const { periodSpan, latest, series, municipality, bydel, norway, change5y, smoothed } = card;
  // Built key by key rather than from spreads (a national recompute packs ~400,000 cards, and
  // spreads in a literal take V8's slow path), in the order the spreads gave: the span when not
  // 1, the card's other keys as they come, then the packed ones.
  const out = {} as Record<string, unknown>;
  if (periodSpan !== 1) out.periodSpan = periodSpan;
  for (const key of Object.keys(card)) if (!PACKED_KEYS.has(key)) out[key] = card[key as keyof Card];
  if (!samePoint(latest, latestOf(series))) out.latest = maybe(latest, packPoint);
  out.series = packSeries(series);
  out.municipality = maybe(municipality, packPoint);
  if (bydel !== undefined) out.bydel = maybe(bydel, packPoint);
  out.norway = maybe(norway, packPoint);
  out.change5y = maybe(change5y, (c) => [c.from, c.to, c.delta]);
  if (smoothed !== undefined) out.smoothed = maybe(smoothed, (x) => [x.value, x.weight]);
  return out as StoredCard;
}

/** `indicator` is the row's: cards stored since the row names it do not repeat it. */
export function unpackCard({ indicator: named, unit, periodSpan: storedSpan, latest, series: stored, municipality, bydel, norway, change5y, trend, trendMethod, smoothed, ...rest }: StoredCard, indicator?: string): Card {
  const id = named ?? indicator;
  if (id === undefined) throw new Error("unpackCard: the card does not name its indicator and none was given");
  const span = storedSpan ?? 1;
  const series = unpackSeries(stored, span);
  const point = (p: StoredPoint | Point) => unpackPoint(p, span);
  const change = Array.isArray(change5y) ? { from: change5y[0], to: change5y[1], delta: change5y[2] } : change5y;
  // In the API's key order.
  return {
    indicator: id,
    unit,
    periodSpan: span,
    latest: latest === undefined ? latestOf(series) : maybe(latest, point),
    series,
    municipality: maybe(municipality, point),
    ...(bydel === undefined ? {} : { bydel: maybe(bydel, point) }),
    norway: maybe(norway, point),
    change5y: change && { from: change.from, to: change.to, delta: change.delta, fromLabel: periodLabel(change.from, span), toLabel: periodLabel(change.to, span) },
    trend,
    ...(trendMethod === undefined ? {} : { trendMethod }),
    ...(smoothed === undefined ? {} : { smoothed: Array.isArray(smoothed) ? { value: smoothed[0], weight: smoothed[1] } : smoothed }),
    ...rest,
  };
}
