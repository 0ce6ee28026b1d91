import { describe, expect, it } from "vitest";
import { cardTrend, trend, type TrendPoint } from "../../worker/stats/trend";

const share = (numerator: number, denominator: number) => ({
  value: (100 * numerator) / denominator, numerator, denominator, status: null,
});
const amount = (value: number) => ({ value, numerator: null, denominator: null, status: null });

describe("trend", () => {
  it("calls a large, well-measured change rising or falling", () => {
    expect(trend(share(1000, 10000), share(1300, 10000))).toBe("rising");
    expect(trend(share(1300, 10000), share(1000, 10000))).toBe("falling");
  });

  it("calls the same percentage change in a small area 'stable': it is within the noise", () => {
    // 10 % → 13 % of 100 people: z ≈ 0.67.
    expect(trend(share(10, 100), share(13, 100))).toBe("stable");
  });

  it("handles shares of 0 and of everyone: an interval, not a zero standard error", () => {
    expect(trend(share(0, 30), share(0, 30))).toBe("stable");
    expect(trend(share(0, 30), share(2, 30))).toBe("stable");
    expect(trend(share(0, 30), share(12, 30))).toBe("rising");
    expect(trend(share(30, 30), share(18, 30))).toBe("falling");
  });

  it("has no word for amounts from two points alone: their series decides (cardTrend)", () => {
    expect(trend(amount(500000), amount(540000))).toBe("unknown");
  });

  it("tests events per 1000 as Poisson rates when asked", () => {
    expect(trend(share(40, 10000), share(70, 10000), "poisson")).toBe("rising");
    expect(trend(share(40, 10000), share(55, 10000), "poisson")).toBe("stable");
  });
  it("is unknown when either end is missing or suppressed", () => {
    expect(trend(null, share(1, 2))).toBe("unknown");
    expect(trend(share(10, 100), { value: null, numerator: null, denominator: null, status: ":" })).toBe("unknown");
  });
});

describe("cardTrend (by the indicator's model)", () => {
  const years = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
  const point = (period: number, value: number | null, counts: TrendPoint["counts"] = null): TrendPoint => ({ period, value, status: value === null ? ":" : null, counts });
  const series = (f: (i: number) => number) => years.map((y, i) => point(y, f(i)));
  const judge = (unit: Parameters<typeof cardTrend>[0], own: TrendPoint[], norway?: TrendPoint[]) => cardTrend(unit, own, own.find((p) => p.period === 2019)!, own.at(-1)!, norway);
  const norwayIncome = series((i) => 450000 * 1.035 ** i);

  it("calls median income that grew only as Norway's (inflation) no clear change, judged against Norway", () => {
    // +18.8 % in five years: the old ±3 % rule said "rising".
    expect(judge("nok", series((i) => 380000 * 1.035 ** i), norwayIncome)).toEqual({ word: "stable", method: "relative_to_norway" });
    expect(judge("nok", series((i) => 380000 * 1.06 ** i * (1 + (i % 2) * 0.002)), norwayIncome)).toEqual({ word: "rising", method: "relative_to_norway" });
  });

  it("has no word for Norway's own income: there is nothing to compare it with and no price index", () => {
    expect(judge("nok", norwayIncome, undefined)).toEqual({ word: "unknown", method: "relative_to_norway" });
  });

  it("calls life expectancy rising 0.15 years a year rising, against its own year-to-year variation", () => {
    // 82.0 → 82.75 in five years: under 1 %, which the old ±3 % rule called no change.
    expect(judge("years", series((i) => 81.4 + 0.15 * i + (i % 2) * 0.05))).toEqual({ word: "rising", method: "own_variation" });
  });

  it("tests shares with counts by Newcombe and events per 1000 with counts as Poisson rates", () => {
    const counted = (x: number, n: number) => ({ numerator: x, denominator: n });
    const shares = years.map((y, i) => point(y, 10 + i, counted(100 + 10 * i, 1000)));
    expect(judge("percent", shares)).toEqual({ word: "rising", method: "newcombe" });
    const offences = years.map((y, i) => point(y, 4 + 0.3 * i, counted(40 + 3 * i, 10000)));
    expect(judge("per1000", offences).method).toBe("poisson_ratio");
  });

  it("gives gaps in points no word, and says unknown when an end is hidden", () => {
    expect(judge("points", series((i) => i))).toEqual({ word: "unknown", method: null });
    const own = series((i) => 380000 * 1.05 ** i);
    own[4] = point(2019, null);
    expect(judge("nok", own, norwayIncome)).toEqual({ word: "unknown", method: null });
  });
});
