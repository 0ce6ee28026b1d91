import type { AreaRef, Card, IndicatorInfo, Point } from "../../../../worker/api/schemas";
import { decimalsOf, formatNumber, formatValue, type Unit } from "./format";
import { TREND_PHRASES } from "./phrases";
import type { CardLang, CardText, Relation } from "./text";

/**
 * A card's figures in words: the interval, the trend with its meaning for living conditions,
 * and comparisons with other areas. Pure (no DOM, no I/O), shared by the area page and the
 * embed, and read from what the API serves: intervals are never recomputed here.
 */

export interface Interval {
  low: number;
  high: number;
}

/** The 95 % interval as served beside a value (worker/stats/precision.ts), or null when none is. */
export function intervalOf(point: Pick<Point, "value" | "low" | "high"> | null | undefined): Interval | null {
  if (!point || point.value === null || point.low === undefined || point.high === undefined) return null;
  return { low: point.low, high: point.high };
}

/** "1,8–4,0 %" / "1.8–4.0%": a table cell. Bounds at the value's decimals ("4,0", not "4"). */
export function intervalRange(interval: Interval, unit: Unit, lang: CardLang): string {
  return `${formatNumber(interval.low, lang, decimalsOf(unit))}–${formatValue(interval.high, unit, lang)}`;
}

/** "mellom 1,8 og 4,0 %" / "between 1.8 and 4.0%", or null without a served interval. */
export function intervalInWords(point: Pick<Point, "value" | "low" | "high"> | null | undefined, unit: Unit, lang: CardLang, t: Pick<CardText, "intervalWords">): string | null {
  const interval = intervalOf(point);
  if (!interval) return null;
  return t.intervalWords(formatNumber(interval.low, lang, decimalsOf(unit)), formatValue(interval.high, unit, lang));
}

/**
 * How a value compares with another area's value of the same period. "About the same" when the
 * difference lies within the intervals (they overlap, or one value lies inside the other's
 * interval); without any interval only equal served values are the same. Null when either value
 * is not shown, and for counts: a kommune has more residents than its bydel by construction, and
 * "higher than in Norway" would say nothing.
 */
export function relationOf(own: Point | null, other: Point | null, unit: Unit): Relation | null {
  if (unit === "count" || !own || !other || own.value === null || other.value === null) return null;
  const a = intervalOf(own) ?? { low: own.value, high: own.value };
  const b = intervalOf(other) ?? { low: other.value, high: other.value };
  if (a.low <= b.high && b.low <= a.high) return "about_same";
  return own.value > other.value ? "higher" : "lower";
}

export type Sense = "favourable" | "unfavourable";

/** What a rise or fall means from the indicator's direction; neutral indicators and non-changes mean nothing. */
export function senseOf(trend: Card["trend"], direction: IndicatorInfo["direction"] | undefined): Sense | null {
  if ((trend !== "rising" && trend !== "falling") || !direction || direction === "neutral") return null;
  const up = trend === "rising";
  return up === (direction === "higher_better") ? "favourable" : "unfavourable";
}

export interface TrendWords {
  /** The trend in words: the indicator's own phrase for a real change, the API's word otherwise. */
  words: string;
  /** Said after the words for a change of an indicator with a direction. */
  sense: Sense | null;
  /** Why "no clear change": the change is within its uncertainty or usual variation. */
  why: string | null;
}

/**
 * The trend as a reader should take it. A direction ("a larger share of residents with persistent
 * low income", "lower employment") only where the API says `rising` or `falling`, i.e. the change
 * exceeded its uncertainty (worker/stats/trend.ts); "no clear change", "unknown" and "not
 * comparable" are said as such, never as a direction.
 */
export function trendWords(card: Pick<Card, "indicator" | "trend" | "trendMethod" | "unit">, info: Pick<IndicatorInfo, "direction"> | undefined, lang: CardLang, t: CardText): TrendWords {
  if (card.trend === "rising" || card.trend === "falling") {
    const up = card.trend === "rising";
    const phrase = TREND_PHRASES[card.indicator]?.[lang];
    const words = phrase ? (up ? phrase.up : phrase.down) : (up ? t.trendUp : t.trendDown)[card.unit];
    return { words: capitalise(words), sense: senseOf(card.trend, info?.direction), why: null };
  }
  const why = card.trend === "stable" && card.trendMethod ? t.stableWhy[card.trendMethod] : null;
  return { words: capitalise(t.trend[card.trend]), sense: null, why };
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface Comparator {
  key: "bydel" | "municipality" | "norway";
  /** Where, as said after "than in": "Oslo", "Norge", "bydelen". */
  place: string;
  point: Point;
}

/**
 * The areas a card compares with, nearest first: a grunnkrets's bydel (its card's `bydel`), the kommune
 * of a bydel or grunnkrets, and Norway (not for Norway itself).
 */
export function comparatorsOf(card: Card, area: AreaRef, places: { municipality: AreaRef | null; bydel?: AreaRef | null }, t: Pick<CardText, "theBydel" | "norway">): Comparator[] {
  const out: Comparator[] = [];
  if (area.level === "grunnkrets" && card.bydel) out.push({ key: "bydel", place: places.bydel?.name ?? t.theBydel, point: card.bydel });
  const { municipality } = places;
  if (card.municipality && municipality && municipality.code !== area.code) out.push({ key: "municipality", place: municipality.name, point: card.municipality });
  if (card.norway && area.level !== "country") out.push({ key: "norway", place: t.norway, point: card.norway });
  return out;
}
