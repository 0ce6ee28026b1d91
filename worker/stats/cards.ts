import type { Area, Indicator, StatusSymbol } from "../../db/schema";
import type { AreaBody, AreaRef, Card, Point } from "../api/schemas";
import type { RawValue } from "./disclosure";
import { changeWindow, periodLabel } from "./period";
import { cardTrend } from "./trend";
import { roundServed, servedInterval } from "./precision";

/** Years a card's change and trend word look back (more for periods longer than that: see `changeWindow`). */
export const CHANGE_WINDOW_YEARS = 5;

/**
 * One value after harmonisation and disclosure control. `counts` are kept only for values that
 * are shown, so intervals and change tests never see a hidden number.
 */
export interface SeriesPoint {
  period: number;
  value: number | null;
  status: StatusSymbol | null;
  estimated: boolean;
  /** A split's population share made it (pseudo-counts): no trend or change is read across it. */
  split?: boolean;
  counts: { numerator: number | null; denominator: number | null } | null;
}

export type SeriesByIndicator = Map<string, SeriesPoint[]>;

export function toRef(area: Pick<Area, "code" | "level" | "nameNb">): AreaRef {
  return { code: area.code, level: area.level, name: area.nameNb };
}

const asRaw = (p: SeriesPoint): RawValue => ({
  value: p.value,
  status: p.status,
  numerator: p.counts?.numerator ?? null,
  denominator: p.counts?.denominator ?? null,
});

/** A point as served: its value at its unit's decimals, its interval around that value (see stats/precision.ts). */
function toPoint(p: SeriesPoint, unit: Indicator["unit"], span: number): Point {
  const value = roundServed(p.value, unit);
  const point: Point = { period: p.period, periodLabel: periodLabel(p.period, span), value, status: p.status };
  const ci = p.status ? null : servedInterval(value, p.counts, unit);
  if (ci) {
    point.low = ci.low;
    point.high = ci.high;
  }
  if (p.estimated) point.estimated = true;
  return point;
}

/**
 * A trend card from served series: the latest shown value, the value five years before, the
 * comparisons in the same period, and a trend word only when the change exceeds its
 * uncertainty. One indicator's series has one period span, so the change compares periods of
 * the same length (2011-2012 with 2016-2017), and only when the earlier one is in the series.
 */
export function buildCard(
  indicator: Pick<Indicator, "id" | "unit"> & { periodSpan?: number },
  own: SeriesPoint[],
  ofMunicipality: SeriesPoint[] | undefined,
  ofNorway: SeriesPoint[] | undefined,
  smoothed: Card["smoothed"] = null,
  /** The bydel a grunnkrets lies in (undefined: the area is not within one, and the card has no `bydel`). */
  ofBydel?: SeriesPoint[] | null,
): Card | null {
  // Protected series arrive in period order; only others are copied to be sorted.
  const series = own.every((p, i) => i === 0 || own[i - 1]!.period < p.period) ? own : [...own].sort((a, b) => a.period - b.period);
  if (series.length === 0) return null;
  const span = indicator.periodSpan ?? 1;
  const latest = series.findLast((p) => p.value !== null) ?? series[series.length - 1]!;
  const base = series.find((p) => p.period === latest.period - changeWindow(span, CHANGE_WINDOW_YEARS));
  const samePeriod = (rows: SeriesPoint[] | undefined) => {
    const p = rows?.find((x) => x.period === latest.period);
    return p ? toPoint(p, indicator.unit, span) : null;
  };
  // Across a split's estimate the two ends are not the same territory's figures: no change is read.
  const acrossSplit = !!base && (base.split === true || latest.split === true);
  // The change between the two values as served, so it is what a reader subtracts from the card.
  const from = roundServed(base?.value ?? null, indicator.unit), to = roundServed(latest.value, indicator.unit);
  const delta = !acrossSplit && from !== null && to !== null ? roundServed(to - from, indicator.unit) : null;
  const judged = base && !acrossSplit ? cardTrend(indicator.unit, series, base, latest, ofNorway) : null;
  // Key by key rather than with spreads of the optional keys (~400,000 cards nationally; spreads
  // in a literal take V8's slow path); the order is the API's.
  const card = {
    indicator: indicator.id,
    unit: indicator.unit,
    periodSpan: span,
    latest: toPoint(latest, indicator.unit, span),
    series: series.map((p) => toPoint(p, indicator.unit, span)),
    municipality: ofMunicipality ? samePeriod(ofMunicipality) : null,
  } as Card;
  if (ofBydel !== undefined) card.bydel = ofBydel ? samePeriod(ofBydel) : null;
  card.norway = ofNorway ? samePeriod(ofNorway) : null;
  card.change5y = base ? { from: base.period, to: latest.period, delta, fromLabel: periodLabel(base.period, span), toLabel: periodLabel(latest.period, span) } : null;
  // By the indicator's model (stats/trend.ts); money is judged against Norway's change.
  card.trend = acrossSplit ? "not_comparable" : (judged?.word ?? "unknown");
  if (judged?.method) card.trendMethod = judged.method;
  // The weight n / (n + k) is shared in k by all siblings: at three decimals it gave each
  // sibling's denominator to a few tenths of a percent once one sibling's was known (population
  // is served), undoing the interval's bands. One decimal says how much the estimate borrows.
  card.smoothed = smoothed && { value: roundServed(smoothed.value, indicator.unit)!, weight: Math.round(smoothed.weight * 10) / 10 };
  return card;
}

/** What an area's indicator cards are built from. */
export interface SeriesInputs {
  indicators: (Pick<Indicator, "id" | "unit"> & { periodSpan?: number })[];
  own: SeriesByIndicator;
  ofMunicipality: SeriesByIndicator | null;
  /** The series of the bydel the area lies in; left out for areas not within one. */
  ofBydel?: SeriesByIndicator | null;
  ofNorway: SeriesByIndicator | null;
  smoothed?: Map<string, NonNullable<Card["smoothed"]>>;
  /** indicator → ids of the sources its observations came from (`/api/v1/sources`). */
  sources?: Map<string, string[]>;
}

export interface CardInputs extends SeriesInputs {
  snapshot: number;
  synthetic: boolean;
  area: Area;
  ancestors: AreaRef[];
  children: AreaRef[];
  municipality: AreaRef | null;
  /** The bydel a grunnkrets lies in, which its cards compare with beside the kommune. */
  bydel?: AreaRef | null;
  replacedBy: AreaBody["replacedBy"];
  composite?: AreaBody["composite"];
  classification?: AreaBody["classification"];
  classifications?: AreaBody["classifications"];
}

/** One card per indicator with data, in the order given, each naming its sources. */
export function buildCards(input: SeriesInputs): Card[] {
  return input.indicators
    .map((ind) =>
      buildCard(
        ind,
        input.own.get(ind.id) ?? [],
        input.ofMunicipality?.get(ind.id),
        input.ofNorway?.get(ind.id),
        input.smoothed?.get(ind.id) ?? null,
        input.ofBydel === undefined ? undefined : (input.ofBydel?.get(ind.id) ?? null),
      ),
    )
    .filter((card): card is Card => card !== null)
    .map((card) => {
      // The card was just built: naming its sources in place spares a copy of each.
      const sources = input.sources?.get(card.indicator);
      if (sources) card.sources = sources;
      return card;
    });
}

/** Everything the area page shows, built once per snapshot. */
export function buildAreaBody(input: CardInputs): AreaBody {
  const { area } = input;
  const cards = buildCards(input);
  return {
    snapshot: input.snapshot,
    synthetic: input.synthetic,
    area: {
      ...toRef(area),
      names: { nb: area.nameNb, nn: area.nameNn, en: area.nameEn, se: area.nameSe },
      parentCode: area.parentCode,
      validFrom: area.validFrom,
      validTo: area.validTo,
    },
    ancestors: input.ancestors,
    children: input.children,
    municipality: input.municipality,
    ...(input.bydel ? { bydel: input.bydel } : {}),
    replacedBy: input.replacedBy,
    cards,
    composite: input.composite ?? null,
    classification: input.classification ?? null,
    classifications: input.classifications ?? [],
  };
}
