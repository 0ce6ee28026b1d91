import type { AreaRef, Card, OverviewBody } from "../api/schemas";
import type { Indicator } from "../../db/schema";

/**
 * The figures the home page's national map offers, in this order of preference among those the
 * catalogue has (real and demo ids alike): living conditions first, then population make-up.
 * Counts are left out: coloured by a count, a map only shows where many people live.
 */
export const KEY_INDICATORS = [
  "low_income_persistent",
  "unemployment",
  "employment_rate",
  "immigrants",
  "immigrant_share",
  "share_0_17",
  "share_67plus",
  "crime_per_1000",
  "median_income",
] as const;

/** At most this many figures on the map's select and in the list of changes. */
export const MAX_KEY_INDICATORS = 5;
/** Kommuner listed per figure among the largest clear changes. */
export const CHANGES_PER_INDICATOR = 3;

type IndicatorMeta = Pick<Indicator, "id" | "unit" | "direction" | "periodSpan">;

/**
 * The key figures with data, most recent newest period first (an old series is offered after a
 * current one), in the preference order among equals.
 */
export function pickKeyIndicators<I extends IndicatorMeta>(catalogue: readonly I[], newest: Readonly<Record<string, number>>): I[] {
  const rank = (id: string) => KEY_INDICATORS.indexOf(id as (typeof KEY_INDICATORS)[number]);
  return catalogue
    .filter((i) => rank(i.id) >= 0 && i.unit !== "count" && newest[i.id] !== undefined)
    .sort((a, b) => newest[b.id]! - newest[a.id]! || rank(a.id) - rank(b.id))
    .slice(0, MAX_KEY_INDICATORS);
}

type Change = OverviewBody["changes"][number]["kommuner"][number];

/**
 * The kommuner whose change over five years to the newest period is largest, among those whose
 * card calls it a change (the trend word is given only when the change exceeds its uncertainty;
 * stats/trend.ts). Values are the card's served ones, so the list says what the cards say.
 */
export function largestClearChanges(kommuner: readonly AreaRef[], cardOf: (code: string) => Card | undefined, limit = CHANGES_PER_INDICATOR): Change[] {
  const out: Change[] = [];
  for (const k of kommuner) {
    const card = cardOf(k.code);
    if (!card || (card.trend !== "rising" && card.trend !== "falling") || !card.change5y || card.change5y.delta === null) continue;
    const from = card.series.find((p) => p.period === card.change5y!.from);
    const to = card.series.find((p) => p.period === card.change5y!.to);
    if (from?.value == null || to?.value == null) continue;
    out.push({
      ...k,
      from: { period: from.period, periodLabel: from.periodLabel, value: from.value },
      to: { period: to.period, periodLabel: to.periodLabel, value: to.value },
      delta: card.change5y.delta,
      trend: card.trend,
    });
  }
  return out.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.code < b.code ? -1 : 1)).slice(0, limit);
}
