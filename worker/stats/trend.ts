import type { Indicator, StatusSymbol } from "../../db/schema";
import type { RawValue } from "./disclosure";
import type { TrendMethod } from "./models";
import { changeTest, seriesChangeTest, type ChangeResult } from "./change";

export type TrendWord = "rising" | "falling" | "stable" | "unknown";

const wordOf = (r: ChangeResult): TrendWord => (r.direction === "no_clear_change" ? "stable" : r.direction);

/**
 * The trend word of a share or rate with counts: "rising"/"falling" only when the change exceeds
 * its uncertainty (see `changeTest`); "stable" is shown as "no clear change". Without counts:
 * unknown (amounts need their series: `cardTrend`).
 */
export function trend(from: RawValue | null, to: RawValue | null, model: "binomial" | "poisson" = "binomial"): TrendWord {
  return wordOf(changeTest(from, to, { model }));
}

/** A served point as the trend sees it: its counts only when its value is shown. */
export interface TrendPoint {
  period: number;
  value: number | null;
  status: StatusSymbol | null;
  counts: { numerator: number | null; denominator: number | null } | null;
}

const asRaw = (p: TrendPoint): RawValue => ({ value: p.value, status: p.status, numerator: p.counts?.numerator ?? null, denominator: p.counts?.denominator ?? null });
const hasCounts = (p: TrendPoint) => p.counts !== null && p.counts.numerator !== null && p.counts.denominator !== null;

/**
 * A card's trend word and how it was decided, by the indicator's model (stats/models.ts):
 * - shares with counts (percent): Newcombe's interval for the difference;
 * - events with counts (per 1 000): the interval for the ratio of two Poisson rates;
 * - money (NOK): the area's relative change minus Norway's over the same window, against the
 *   year-to-year variation of that excess (no price index is needed: inflation cancels). Norway's
 *   own card has nothing to compare with: unknown;
 * - counts of everyone (count): the relative change against the series' own variation;
 * - years, and rates published without counts: the change against the series' own variation;
 * - gaps in percentage points: no word (two shares' difference without their counts).
 */
export function cardTrend(
  unit: Indicator["unit"],
  series: readonly TrendPoint[],
  base: TrendPoint,
  latest: TrendPoint,
  norway: readonly TrendPoint[] | undefined,
): { word: TrendWord; method: TrendMethod | null } {
  if (unit === "points") return { word: "unknown", method: null };
  const of = (r: ChangeResult) => ({ word: wordOf(r), method: r.method });
  if ((unit === "percent" || unit === "per1000") && hasCounts(base) && hasCounts(latest)) {
    return of(changeTest(asRaw(base), asRaw(latest), { model: unit === "per1000" ? "poisson" : "binomial" }));
  }
  if (base.status || latest.status || base.value === null || latest.value === null) return { word: "unknown", method: null };
  // A hidden point's value is null (served series never carry a hidden number).
  const window = { series, from: base.period, to: latest.period };
  if (unit === "nok") return of(seriesChangeTest({ ...window, measure: "relative", reference: norway ?? null }));
  return of(seriesChangeTest({ ...window, measure: unit === "count" ? "relative" : "difference" }));
}
