/**
 * Periods as their publisher labels them. A period is stored as its last year and the
 * indicator says how many years it covers (`indicators.period_span`): SSB's two-year crime
 * figures "2016-2017" are period 2017 with span 2, IMDi's persistent low income for the
 * three-year period ending 2013 is period 2013 with span 3. Numbers sort and compare; labels are
 * what people read.
 */

/** The first year a period covers. */
export function periodStart(period: number, span = 1): number {
  return period - Math.max(1, Math.trunc(span)) + 1;
}

/** "2017" for one year, "2016-2017" for two (SSB's own label: a hyphen, no spaces). */
export function periodLabel(period: number, span = 1): string {
  const first = periodStart(period, span);
  return first === period ? String(period) : `${first}-${period}`;
}

/**
 * Years back the change of a card is measured over: five, or the span when a period is longer,
 * so the two periods compared never overlap (2011-2012 against 2016-2017, never against a
 * one-year period, which a series of one indicator never holds).
 */
export function changeWindow(span = 1, years = 5): number {
  return Math.max(years, Math.trunc(span));
}

/**
 * A series' point in each of `periods` (ascending), or undefined: one walk when the series is in
 * period order too, as cards' and protected series are (a lookup per year was a national run's
 * ~6 million scans), else a lookup per year.
 */
export function inPeriods<T extends { period: number }>(series: readonly T[], periods: readonly number[]): (T | undefined)[] {
  const out: (T | undefined)[] = new Array(periods.length).fill(undefined);
  let j = 0;
  for (let k = 0; k < series.length; k++) {
    const p = series[k]!;
    if (k > 0 && series[k - 1]!.period >= p.period) return periods.map((y) => series.find((x) => x.period === y));
    while (j < periods.length && periods[j]! < p.period) j++;
    if (j < periods.length && periods[j] === p.period) out[j] = p;
  }
  return out;
}
