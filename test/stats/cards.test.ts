import { describe, expect, it } from "vitest";
import { buildCard, type SeriesPoint } from "../../worker/stats/cards";

const shown = (period: number, numerator: number, denominator: number): SeriesPoint => ({
  period, value: Math.round((1000 * numerator) / denominator) / 10, status: null, estimated: false, counts: { numerator, denominator },
});
const hidden = (period: number): SeriesPoint => ({ period, value: null, status: ":", estimated: false, counts: null });
const ind = { id: "low_income", unit: "percent" as const };

describe("buildCard", () => {
  it("takes the latest shown value, the value five years before and the comparisons of the same year", () => {
    const own = [2018, 2019, 2020, 2021, 2022, 2023, 2024].map((y) => shown(y, 100 + (y - 2018) * 20, 1000));
    const card = buildCard(ind, own, [shown(2024, 50, 1000)], [shown(2023, 10, 100), shown(2024, 11, 100)])!;
    expect(card.latest).toMatchObject({ period: 2024, value: 22, status: null });
    expect(card.change5y).toEqual({ from: 2019, to: 2024, delta: 10, fromLabel: "2019", toLabel: "2024" });
    expect(card.municipality).toMatchObject({ period: 2024, value: 5, status: null });
    expect(card.norway).toMatchObject({ period: 2024, value: 11, status: null });
    expect(card.trend).toBe("rising");
  });

  it("gives shown shares a Wilson interval and hidden ones none", () => {
    const card = buildCard(ind, [hidden(2023), shown(2024, 220, 1000)], undefined, undefined)!;
    // Wilson 95 % for 220/1000, by hand: centre 22.107 %, half-width 2.565 points.
    expect(card.latest!.low).toBeCloseTo(19.542, 2);
    expect(card.latest!.high).toBeCloseTo(24.672, 2);
    expect(card.series[0]).toEqual({ period: 2023, periodLabel: "2023", value: null, status: ":" });
  });

  it("gives no change when the base year is suppressed, and never a number for it", () => {
    const card = buildCard(ind, [hidden(2019), shown(2024, 30, 50)], undefined, undefined)!;
    expect(card.change5y).toEqual({ from: 2019, to: 2024, delta: null, fromLabel: "2019", toLabel: "2024" });
    expect(card.trend).toBe("unknown");
  });

  it("gives a gap in percentage points its change but no trend word: it has no counts to test the change against", () => {
    const gap = (period: number, value: number): SeriesPoint => ({ period, value, status: null, estimated: false, counts: null });
    const card = buildCard({ id: "low_income_persistent_gap", unit: "points" }, [gap(2019, 0), gap(2024, 9.5)], undefined, undefined)!;
    expect(card.change5y).toEqual({ from: 2019, to: 2024, delta: 9.5, fromLabel: "2019", toLabel: "2024" });
    expect(card.trend).toBe("unknown");
    expect(card.latest!.low).toBeUndefined();
  });

  it("marks values estimated across a reform split", () => {
    const card = buildCard(ind, [{ ...shown(2024, 30, 100), estimated: true }], undefined, undefined)!;
    expect(card.latest!.estimated).toBe(true);
  });

  it("labels a two-year series as published and compares it with the two-year period five years before", () => {
    const crime = { id: "crime_per_1000", unit: "per1000" as const, periodSpan: 2 };
    const rate = (period: number, value: number): SeriesPoint => ({ period, value, status: null, estimated: false, counts: null });
    const own = [2008, 2010, 2012, 2014, 2016, 2017].map((y) => rate(y, 100 - (y - 2008) * 3));
    const card = buildCard(crime, own, undefined, [rate(2017, 50)])!;
    expect(card.periodSpan).toBe(2);
    expect(card.latest).toMatchObject({ period: 2017, periodLabel: "2016-2017", value: 73 });
    expect(card.norway).toMatchObject({ period: 2017, periodLabel: "2016-2017" });
    expect(card.series.map((p) => p.periodLabel)).toEqual(["2007-2008", "2009-2010", "2011-2012", "2013-2014", "2015-2016", "2016-2017"]);
    // 2016-2017 against 2011-2012: both two-year periods, five years apart.
    expect(card.change5y).toEqual({ from: 2012, to: 2017, delta: -15, fromLabel: "2011-2012", toLabel: "2016-2017" });
    // Published without counts: judged against its own period-to-period variation.
    expect(card.trend).toBe("falling");
    expect(card.trendMethod).toBe("own_variation");
    // Without the period five years back in the series, no change and no trend word.
    const gap = buildCard(crime, own.filter((p) => p.period !== 2012), undefined, undefined)!;
    expect(gap.change5y).toBeNull();
    expect(gap.trend).toBe("unknown");
  });

  it("labels the three-year period ending 2013", () => {
    const card = buildCard({ id: "low_income_persistent", unit: "percent", periodSpan: 3 }, [shown(2013, 90, 1000)], undefined, undefined)!;
    expect(card.latest).toMatchObject({ period: 2013, periodLabel: "2011-2013" });
    expect(card.trend).toBe("unknown");
  });

  it("judges median income against Norway's change: an area growing only with Norway has no clear change", () => {
    const income = { id: "income_median", unit: "nok" as const };
    const amount = (period: number, value: number): SeriesPoint => ({ period, value, status: null, estimated: false, counts: null });
    const years = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
    const norway = years.map((y, i) => amount(y, 450000 * 1.04 ** i));
    const card = buildCard(income, years.map((y, i) => amount(y, 400000 * 1.04 ** i)), undefined, norway)!;
    expect(card.change5y!.delta).toBeGreaterThan(80000);
    expect(card.trend).toBe("stable");
    expect(card.trendMethod).toBe("relative_to_norway");
  });

  it("gives events per 1000 with counts an exact Poisson interval and a rate-ratio trend", () => {
    const crime = { id: "crime_per_1000", unit: "per1000" as const };
    const rate = (period: number, x: number, n: number): SeriesPoint => ({ period, value: Math.round((10000 * x) / n) / 10, status: null, estimated: false, counts: { numerator: x, denominator: n } });
    const card = buildCard(crime, [rate(2019, 30, 500), rate(2024, 15, 148)], undefined, undefined)!;
    // Garwood: 8.39527 to 24.7402 offences among 148 residents.
    expect(card.latest!.low).toBeCloseTo(56.726, 2);
    expect(card.latest!.high).toBeCloseTo(167.164, 2);
    expect(card.trendMethod).toBe("poisson_ratio");
    // 45 offences in all: a rate 69 % higher is within what chance gives.
    expect(card.trend).toBe("stable");
    expect(buildCard(crime, [rate(2019, 300, 5000), rate(2024, 150, 1480)], undefined, undefined)!.trend).toBe("rising");
  });

  it("returns no card for an indicator without observations", () => {
    expect(buildCard(ind, [], undefined, undefined)).toBeNull();
  });
});
