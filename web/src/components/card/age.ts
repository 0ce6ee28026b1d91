import type { DatasetInfo, Point } from "../../../../worker/api/schemas";

/**
 * A figure is "old" when its period ends more than this many years before the newest period
 * any indicator of the live snapshot has a value for. Measured against the data, not the
 * calendar: a dataset whose newest figures are from 2024 does not turn every card "old" on
 * New Year's Day, and a cached page says the same thing all day. With 2024 the newest, figures
 * from 2020 and before are marked (2013's persistent low income, 2018's grunnkrets counts), those
 * from 2021 on are not.
 */
export const OLD_AFTER_YEARS = 3;

/** Whether a point is old next to the dataset's newest period (unknown newest: never). */
export function isOld(point: Pick<Point, "period"> | null, dataset: Pick<DatasetInfo, "newestPeriod"> | null | undefined): boolean {
  if (!point || !dataset || dataset.newestPeriod === null) return false;
  return dataset.newestPeriod - point.period > OLD_AFTER_YEARS;
}

/** Whether a series has fewer than two shown values: then there is no trend to put in words. */
export function tooShortForTrend(series: readonly Pick<Point, "value">[]): boolean {
  return series.filter((p) => p.value !== null).length < 2;
}
