import type { Card, Point } from "../api/schemas";

/**
 * How an indicator card is stored (`area_series.body`): its points as tuples
 * [period, value, status, low, high, estimated] with absent trailing parts left out or null.
 * A national snapshot holds ~430,000 cards, and the keys of every point were most of their bytes.
 */
export type StoredPoint = [number, number | null, Point["status"], ...(number | boolean | null)[]];
export type StoredCard = Omit<Card, "latest" | "series" | "municipality" | "norway"> & {
  latest: StoredPoint | null;
  series: StoredPoint[];
  municipality: StoredPoint | null;
  norway: StoredPoint | null;
};

function packPoint(p: Point): StoredPoint {
  const out: StoredPoint = [p.period, p.value, p.status];
  // Intervals come in pairs; null marks an absent pair when `estimated` follows.
  if (p.low !== undefined || p.estimated !== undefined) out.push(p.low ?? null, p.high ?? null);
  if (p.estimated !== undefined) out.push(p.estimated);
  return out;
}

function unpackPoint(t: StoredPoint | Point): Point {
  // Snapshots published before this encoding stored the points as they are served.
  if (!Array.isArray(t)) return t;
  const p: Point = { period: t[0], value: t[1], status: t[2] };
  if (t[3] !== undefined && t[3] !== null) p.low = t[3] as number;
  if (t[4] !== undefined && t[4] !== null) p.high = t[4] as number;
  if (t[5] !== undefined && t[5] !== null) p.estimated = t[5] as boolean;
  return p;
}

const maybe = <A, B>(x: A | null, f: (a: A) => B): B | null => (x === null ? null : f(x));

export function packCard(c: Card): StoredCard {
  return { ...c, latest: maybe(c.latest, packPoint), series: c.series.map(packPoint), municipality: maybe(c.municipality, packPoint), norway: maybe(c.norway, packPoint) };
}

export function unpackCard(s: StoredCard): Card {
  return { ...s, latest: maybe(s.latest, unpackPoint), series: s.series.map(unpackPoint), municipality: maybe(s.municipality, unpackPoint), norway: maybe(s.norway, unpackPoint) };
}
