import { poissonInterval } from "../../worker/stats/intervals";
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

  it("gives shown shares a Wilson interval at the value's decimals, never narrower than the exact one, and hidden ones none", () => {
    const card = buildCard(ind, [hidden(2023), shown(2024, 220, 1000)], undefined, undefined)!;
    // Wilson 95 % for 220/1000, by hand: 19.542 to 24.672 %. Served from 21.95 and 22.05 % (the
    // shares that round to 22.0) with 1000 trials (its band's lower edge), rounded outward.
    expect(card.latest).toMatchObject({ value: 22, low: 19.4, high: 24.8 });
    expect(card.series[0]).toEqual({ period: 2023, periodLabel: "2023", value: null, status: ":" });
  });

  it("serves values, changes and smoothed estimates at the unit's decimals, each value inside its interval", () => {
    // A harmonised share (a split's population-weighted mean) and a harmonised count.
    const share = (period: number, value: number, numerator: number, denominator: number): SeriesPoint => ({ period, value, status: null, estimated: true, counts: { numerator, denominator } });
    const card = buildCard(ind, [share(2019, 3.2100000000000004, 30.1, 937.7), share(2024, 5.8734399947864055, 55.08, 937.8)], undefined, undefined, { value: 5.61234, weight: 0.537 })!;
    expect(card.latest).toMatchObject({ value: 5.9, estimated: true });
    expect(card.latest!.low!).toBeLessThanOrEqual(5.9);
    expect(card.latest!.high!).toBeGreaterThanOrEqual(5.9);
    expect(card.change5y!.delta).toBe(2.7);
    expect(card.smoothed).toEqual({ value: 5.6, weight: 0.5 });
    const population = buildCard({ id: "population", unit: "count" }, [{ period: 2024, value: 568295.502, status: null, estimated: true, counts: null }], undefined, undefined)!;
    expect(population.latest).toMatchObject({ value: 568296 });
    // Norway's unemployment 2017: the source's 2.4 lay outside [2.430, 2.467] computed from its counts.
    const norway = buildCard(ind, [{ period: 2017, value: 2.4, status: null, estimated: false, counts: { numerator: 68_544, denominator: 2_800_000 } }], undefined, undefined)!;
    expect(norway.latest!.low!).toBeLessThanOrEqual(2.4);
    expect(norway.latest!.high!).toBeGreaterThanOrEqual(2.4);
  });

  it("reads no trend or change across a split's estimate: old Ålesund's 18.2 % given to Haram is not Haram's base", () => {
    // Without the flag this is "falling" (18.2 → 14.4 on 13,200 and 9,300 residents).
    const base: SeriesPoint = { ...shown(2019, 2400, 13200), estimated: true, split: true };
    const card = buildCard(ind, [base, shown(2024, 1339, 9300)], undefined, undefined)!;
    expect(card.trend).toBe("not_comparable");
    expect(card.change5y).toEqual({ from: 2019, to: 2024, delta: null, fromLabel: "2019", toLabel: "2024" });
    expect(card.series[0]).toMatchObject({ value: 18.2, estimated: true });
    // The same at the other end (a series that stops while the split unit still existed).
    expect(buildCard(ind, [shown(2019, 2400, 13200), { ...shown(2024, 1339, 9300), estimated: true, split: true }], undefined, undefined)!.trend).toBe("not_comparable");
    // A merge's estimate (a population-weighted mean, no split) still gets its trend word.
    expect(buildCard(ind, [{ ...shown(2019, 2400, 13200), estimated: true }, shown(2024, 1339, 9300)], undefined, undefined)!.trend).toBe("falling");
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
    // Garwood at 148 residents: 8.39527 to 24.7402 offences, 56.7–167.2 per 1000. Served for
    // the band below 1000 residents (as if 20), so wider, never narrower, and not from the counts.
    expect(card.latest!.low!).toBeLessThanOrEqual(56.7);
    expect(card.latest!.high!).toBeGreaterThanOrEqual(167.2);
    // Poisson, not binomial: Garwood's bounds for the whole numbers of events at the value's
    // edges among 20 (101.35 and 101.45 per 1000 → 2 events down, 3 up: conservative).
    expect(card.latest!.low).toBe(Math.floor(poissonInterval(2).lower / 20 * 10000) / 10);
    expect(card.latest!.high).toBe(Math.ceil(poissonInterval(3).upper / 20 * 10000) / 10);
    // From 1000 residents the band is finer: 300 among 5000 is served near Garwood's own bounds.
    const large = buildCard(crime, [rate(2024, 300, 5000)], undefined, undefined)!.latest!;
    expect(large.low!).toBeLessThanOrEqual((poissonInterval(300).lower / 5000) * 1000);
    expect(large.high!).toBeGreaterThanOrEqual((poissonInterval(300).upper / 5000) * 1000);
    expect(card.trendMethod).toBe("poisson_ratio");
    // 45 offences in all: a rate 69 % higher is within what chance gives.
    expect(card.trend).toBe("stable");
    expect(buildCard(crime, [rate(2019, 300, 5000), rate(2024, 150, 1480)], undefined, undefined)!.trend).toBe("rising");
  });

  it("returns no card for an indicator without observations", () => {
    expect(buildCard(ind, [], undefined, undefined)).toBeNull();
  });
});
