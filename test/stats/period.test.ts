import { describe, expect, it } from "vitest";
import { changeWindow, inPeriods, periodLabel, periodStart } from "../../worker/stats/period";

describe("periods as published", () => {
  it.each([
    [2024, 1, "2024"],
    [2024, undefined, "2024"],
    [2017, 2, "2016-2017"],
    [2008, 2, "2007-2008"],
    [2013, 3, "2011-2013"],
  ])("labels period %i with span %s as %s", (period, span, label) => {
    expect(periodLabel(period, span)).toBe(label);
  });

  it("starts a period span − 1 years before its last year", () => {
    expect(periodStart(2013, 3)).toBe(2011);
    expect(periodStart(2017, 1)).toBe(2017);
  });

  it("looks back five years, or a whole period when periods are longer, so compared periods never overlap", () => {
    expect(changeWindow(1)).toBe(5);
    expect(changeWindow(2)).toBe(5);
    expect(changeWindow(3)).toBe(5);
    expect(changeWindow(6)).toBe(6);
  });
});

describe("a series' points in given periods", () => {
  const pt = (period: number, value: number) => ({ period, value });

  it("finds each period's point in one walk over a series in period order, undefined for the years it lacks", () => {
    const series = [pt(2011, 1), pt(2013, 3), pt(2014, 4), pt(2020, 9)];
    expect(inPeriods(series, [2010, 2011, 2012, 2013, 2014, 2020, 2021])).toEqual([undefined, series[0], undefined, series[1], series[2], series[3], undefined]);
  });

  it("gives the same points as a lookup per year for a series out of order or with a repeated year", () => {
    const periods = [2010, 2011, 2012, 2013];
    for (const series of [
      [pt(2012, 2), pt(2010, 0), pt(2013, 3)],
      [pt(2011, 1), pt(2011, 7), pt(2013, 3)],
      [],
    ]) {
      expect(inPeriods(series, periods)).toEqual(periods.map((y) => series.find((p) => p.period === y)));
    }
  });
});
