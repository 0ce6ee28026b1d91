import { describe, expect, it } from "vitest";
import type { RawValue } from "../../worker/stats/disclosure";
import { trend } from "../../worker/stats/trend";
import { changeResultSchema, changeTest, seriesChangeTest } from "../../worker/stats/change";
import { gammaQuantile, logGamma, normalQuantile, regularizedGammaP, tQuantile } from "../../worker/stats/distributions";
import { poissonInterval, rateInterval, wilson } from "../../worker/stats/intervals";
import { fitSpread, shrinkRates } from "../../worker/stats/shrinkage";

const share = (numerator: number, denominator: number): RawValue => ({
  value: (100 * numerator) / denominator, numerator, denominator, status: null,
});
const amount = (value: number): RawValue => ({ value, numerator: null, denominator: null, status: null });

describe("normalQuantile", () => {
  it.each([
    [0.975, 1.959964],
    [0.995, 2.575829],
    [0.5, 0],
    [0.001, -3.090232],
  ])("Φ⁻¹(%s) = %s", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 6);
  });

  it("rejects p outside (0, 1)", () => {
    expect(() => normalQuantile(1)).toThrow(/p must be in \(0, 1\)/);
  });
});

describe("wilson", () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i of %i: %s to %s (Newcombe 1998)", (x, n, lower, upper) => {
    const ci = wilson(x, n)!;
    expect(ci.estimate).toBeCloseTo(x / n, 12);
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });

  it("is exactly 0 at the bottom for 0 successes and exactly 1 at the top for n of n", () => {
    expect(wilson(0, 7)!.lower).toBe(0);
    expect(wilson(7, 7)!.upper).toBe(1);
    expect(wilson(7, 7)!.lower).toBeGreaterThan(0.6);
  });

  it("widens with the confidence level", () => {
    const ci95 = wilson(10, 50)!;
    const ci99 = wilson(10, 50, 0.99)!;
    expect(ci99.lower).toBeLessThan(ci95.lower);
    expect(ci99.upper).toBeGreaterThan(ci95.upper);
  });

  it("has no interval without trials and refuses impossible counts", () => {
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(11, 10)).toThrow(/successes must be between 0 and trials/);
    expect(() => wilson(1, 10, 1)).toThrow(/confidence must be in/);
  });
});

describe("gamma and t quantiles", () => {
  it("ln Γ and the regularised incomplete gamma match scipy", () => {
    expect(logGamma(0.3)).toBeCloseTo(1.0957979948, 9);
    expect(logGamma(10.5)).toBeCloseTo(13.9406252194, 9);
    expect(logGamma(1000.5)).toBeCloseTo(5908.674175849, 7);
    expect(regularizedGammaP(2.5, 3)).toBeCloseTo(0.6937810816, 9);
  });

  it.each([
    [0.3, 0.4, 0.037541886437],
    [0.999, 2.5, 10.2575028262],
  ])("Γ⁻¹(%s; shape %s) = %s (scipy)", (p, shape, q) => {
    expect(gammaQuantile(p, shape) / q).toBeCloseTo(1, 9);
  });

  it.each([
    [3, 3.182446],
    [4, 2.776445],
    [6, 2.446912],
    [10, 2.228139],
    [30, 2.042272],
  ])("t(0.975, %i) ≈ %s: within 0.4 %, and to 3 decimals from 6 degrees of freedom", (df, t) => {
    expect(Math.abs(tQuantile(0.975, df) / t - 1)).toBeLessThan(0.004);
    if (df >= 6) expect(tQuantile(0.975, df)).toBeCloseTo(t, 3);
  });
});

describe("poissonInterval (exact, Garwood)", () => {
  // Garwood (1936) limits, as tabulated e.g. by Ulm (1990); these from scipy's gamma.ppf.
  it.each([
    [0, 0, 3.68888],
    [1, 0.0253178, 5.57164],
    [2, 0.242209, 7.22469],
    [5, 1.62349, 11.6683],
    [10, 4.79539, 18.3904],
    [37, 26.0514, 50.9996],
    [100, 81.364, 121.627],
    [1000, 938.973, 1063.95],
  ])("%i events: %s to %s", (x, lower, upper) => {
    const ci = poissonInterval(x);
    expect(ci.estimate).toBe(x);
    if (lower === 0) expect(ci.lower).toBe(0);
    else expect(ci.lower / lower).toBeCloseTo(1, 5);
    expect(ci.upper / upper).toBeCloseTo(1, 5);
    // Solved once, then remembered: the same limits again.
    expect(poissonInterval(x)).toEqual(ci);
  });

  it("refuses a negative count", () => {
    expect(() => poissonInterval(-1)).toThrow(/events must be a count/);
  });
});

describe("rateInterval", () => {
  it("gives the Wilson interval of a share in percent", () => {
    expect(rateInterval(share(81, 263), "percent")).toEqual({
      estimate: expect.closeTo(30.798, 3), lower: expect.closeTo(25.53, 2), upper: expect.closeTo(36.62, 2),
    });
  });

  it("gives events per 1000 the exact Poisson interval of the events over the population, not a binomial one", () => {
    // 15 offences among 148 residents: Garwood 8.39527 to 24.7402 events (Wilson would say 62.4 to 160.5 per 1000).
    expect(rateInterval({ ...share(15, 148), value: 101.35 }, "per1000")).toEqual({
      estimate: expect.closeTo(101.351, 3), lower: expect.closeTo(56.7256, 3), upper: expect.closeTo(167.1636, 3),
    });
    // Events may outnumber residents (a city centre): a share's bound at 1000 would be wrong.
    const busy = rateInterval({ value: 1500, numerator: 150, denominator: 100, status: null }, "per1000")!;
    expect(busy.lower).toBeGreaterThan(1000);
    expect(busy.upper).toBeGreaterThan(1500);
  });

  it("has no interval for a hidden value, a value without counts or a non-rate", () => {
    expect(rateInterval({ value: null, numerator: null, denominator: null, status: ":" }, "percent")).toBeNull();
    expect(rateInterval(amount(12), "percent")).toBeNull();
    expect(rateInterval(amount(12), "per1000")).toBeNull();
    expect(rateInterval(share(5, 50), "count")).toBeNull();
  });
});

describe("fitSpread (the smoothing prior's spread on the log-odds scale)", () => {
  it("is the moment estimate Σ(n z² − (1 − h)) / Σ(1 − h)(n − 1)v, each area around its own parent", () => {
    // Parent A at 0.2 (v = 0.16), parent B at 0.5 (v = 0.25), each of 1000: h = 0.1.
    const units = [
      { x: 10, n: 100, mean: 0.2, parentN: 1000 },
      { x: 30, n: 100, mean: 0.2, parentN: 1000 },
      { x: 30, n: 100, mean: 0.5, parentN: 1000 },
      { x: 70, n: 100, mean: 0.5, parentN: 1000 },
    ];
    const excess = 2 * ((100 * 0.01) / 0.16 - 0.9) + 2 * ((100 * 0.04) / 0.25 - 0.9);
    const weight = 2 * 0.9 * 99 * 0.16 + 2 * 0.9 * 99 * 0.25;
    const fit = fitSpread(units)!;
    expect(fit.estimate).toBeCloseTo(excess / weight, 12);
    expect(fit.spread).toBe(fit.estimate);
    expect(fit.units).toBe(4);
  });

  it("never collapses to 0: areas that vary less than chance get the floor 1.96·√(2k)/weight", () => {
    const alike = [
      { x: 10, n: 100, mean: 0.1 },
      { x: 20, n: 200, mean: 0.1 },
      { x: 5, n: 50, mean: 0.1 },
    ];
    const fit = fitSpread(alike)!;
    expect(fit.estimate).toBeLessThan(0);
    expect(fit.floor).toBeCloseTo((1.96 * Math.sqrt(6)) / (347 * 0.09), 12);
    expect(fit.spread).toBe(fit.floor);
  });

  it("has no fit with fewer than two areas that can inform it", () => {
    expect(fitSpread([{ x: 1, n: 10, mean: 0.1 }])).toBeNull();
    expect(fitSpread([{ x: 0, n: 10, mean: 0 }, { x: 0, n: 20, mean: 0 }])).toBeNull();
  });
});

describe("shrinkRates (empirical Bayes toward the parent)", () => {
  const areas = [
    { code: "a", ...share(1, 10) },
    { code: "b", ...share(10, 50) },
    { code: "c", ...share(60, 200) },
    { code: "d", ...share(29, 140) },
  ];
  const open = { minCount: 0, minDenominator: 0 };
  // ψ = 0.08 at m = 0.25: φ = ψ m(1 − m) = 0.015, α + β = 0.985 / 0.015.
  const k = 0.985 / 0.015;

  it("blends each area with 1/(ψ m(1 − m)) − 1 pseudo-persons at the parent's rate, ψ fitted on the whole level", () => {
    const { prior, areas: out } = shrinkRates({ areas, unit: "percent", parent: { numerator: 100, denominator: 400 }, spread: 0.08, rules: open });
    expect(prior).toMatchObject({ mean: 0.25, spread: 0.08, fittedOn: "pooled", areas: 4 });
    expect(prior!.strength).toBeCloseTo(k, 9);
    expect(prior!.variance).toBeCloseTo(0.08 * 0.1875 ** 2, 12);
    const a = out.find((o) => o.code === "a")!;
    expect(a.raw).toBeCloseTo(10, 12);
    expect(a.shrunk).toBeCloseTo((100 * (1 + 0.25 * k)) / (10 + k), 9);
    expect(a.weight).toBeCloseTo(10 / (10 + k), 9);
  });

  it("shrinks a low-rate parent's children less in points than a high-rate one's with the same spread", () => {
    const low = shrinkRates({ areas: [{ code: "x", ...share(8, 200) }], unit: "percent", parent: { numerator: 20, denominator: 1000 }, spread: 0.1 });
    const high = shrinkRates({ areas: [{ code: "x", ...share(44, 200) }], unit: "percent", parent: { numerator: 200, denominator: 1000 }, spread: 0.1 });
    expect(low.prior!.strength).toBeGreaterThan(high.prior!.strength);
  });

  it("without a national fit, fits ψ on the siblings, floored", () => {
    const { prior } = shrinkRates({ areas, unit: "percent", rules: open });
    const fit = fitSpread(areas.map((a) => ({ x: a.numerator!, n: a.denominator!, mean: 0.25, parentN: 400 })))!;
    expect(prior).toMatchObject({ mean: 0.25, fittedOn: "siblings", spread: fit.spread });
    expect(prior!.strength).toBeCloseTo(1 / (fit.spread * 0.1875) - 1, 9);
  });

  it("moves small areas more than large ones and keeps every shrunk rate between raw and parent", () => {
    const { areas: out } = shrinkRates({ areas, unit: "percent", spread: 0.08, rules: open });
    for (const o of out) {
      const [lo, hi] = [Math.min(o.raw!, 25), Math.max(o.raw!, 25)];
      expect(o.shrunk!).toBeGreaterThanOrEqual(lo);
      expect(o.shrunk!).toBeLessThanOrEqual(hi);
    }
    const moved = (code: string) => {
      const o = out.find((x) => x.code === code)!;
      return Math.abs(o.shrunk! - o.raw!) / Math.abs(25 - o.raw!);
    };
    expect(moved("a")).toBeGreaterThan(moved("b"));
    expect(moved("b")).toBeGreaterThan(moved("c"));
  });

  it("shrinks toward the parent's own rate when given", () => {
    const { prior } = shrinkRates({ areas, unit: "percent", parent: { numerator: 30, denominator: 100 }, rules: open });
    expect(prior!.mean).toBe(0.3);
  });

  it("keeps each area's own data when areas vary no more than chance: never every sibling at the parent's rate", () => {
    const same = [{ code: "x", ...share(10, 100) }, { code: "y", ...share(21, 200) }, { code: "z", ...share(5, 50) }];
    const { prior, areas: out } = shrinkRates({ areas: same, unit: "per1000" });
    expect(prior!.strength).toBeGreaterThan(0);
    expect(Number.isFinite(prior!.strength)).toBe(true);
    for (const o of out) expect(o.weight!).toBeGreaterThan(0);
    expect(new Set(out.map((o) => o.shrunk)).size).toBe(3);
  });

  it("keeps a suppressed area suppressed: no raw, no shrunk value", () => {
    const withSmall = [...areas, { code: "tiny", ...share(3, 40) }, { code: "gone", value: null, numerator: null, denominator: null, status: ":" as const }];
    const { areas: out } = shrinkRates({ areas: withSmall, unit: "percent" });
    expect(out.find((o) => o.code === "tiny")).toEqual({ code: "tiny", raw: null, shrunk: null, weight: null, status: ":" });
    expect(out.find((o) => o.code === "gone")).toEqual({ code: "gone", raw: null, shrunk: null, weight: null, status: ":" });
    // a (1 of 10) is itself below the default thresholds.
    expect(out.find((o) => o.code === "a")!.status).toBe(":");
    expect(out.find((o) => o.code === "c")!.shrunk).not.toBeNull();
  });

  it("has no siblings' prior with fewer than two areas, but one area can use the national fit; refuses units that are not rates", () => {
    const { prior, areas: out } = shrinkRates({ areas: [areas[2]!], unit: "percent" });
    expect(prior).toBeNull();
    expect(out[0]).toEqual({ code: "c", raw: 30, shrunk: null, weight: null, status: null });
    const pooled = shrinkRates({ areas: [areas[2]!], unit: "percent", parent: { numerator: 25, denominator: 100 }, spread: 0.08 });
    expect(pooled.areas[0]!.shrunk).toBeCloseTo((100 * (60 + 0.25 * k)) / (200 + k), 9);
    expect(() => shrinkRates({ areas, unit: "nok" })).toThrow(/not a rate/);
  });
});

describe("changeTest", () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions",
  // Table II, method 10 (hybrid score interval).
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339, "rising"],
    [9, 10, 3, 10, 0.1705, 0.809, "rising"],
    [5, 56, 0, 29, -0.0381, 0.1926, "no_clear_change"],
    [0, 10, 0, 20, -0.1611, 0.2775, "no_clear_change"],
    [10, 10, 0, 20, 0.6791, 1, "rising"],
  ])("%i/%i vs %i/%i: %s to %s", (x2, n2, x1, n1, lower, upper, direction) => {
    const r = changeTest(share(x1, n1), share(x2, n2));
    expect(r.lower).toBeCloseTo(lower, 4);
    expect(r.upper).toBeCloseTo(upper, 4);
    expect(r.direction).toBe(direction);
    expect(r.method).toBe("newcombe");
    expect(changeResultSchema.parse(r)).toEqual(r);
  });

  it("calls the reverse change falling, with the mirrored interval", () => {
    const r = changeTest(share(56, 70), share(48, 80));
    expect(r.direction).toBe("falling");
    expect(r.lower).toBeCloseTo(-0.3339, 4);
    expect(r.upper).toBeCloseTo(-0.0524, 4);
  });

  it("reports the change in the unit's scale when asked (percentage points)", () => {
    const r = changeTest(share(1000, 10000), share(1300, 10000), { scale: 100 });
    expect(r.delta).toBeCloseTo(3, 10);
    expect(r.lower!).toBeGreaterThan(0);
    expect(r.upper!).toBeLessThan(6);
  });

  it("tests events per 1000 as a ratio of Poisson rates (conditional binomial, Wilson)", () => {
    const rate = (x: number, n: number): RawValue => ({ value: (1000 * x) / n, numerator: x, denominator: n, status: null });
    const r = changeTest(rate(40, 10000), rate(70, 10000), { model: "poisson", scale: 1000 });
    expect(r).toMatchObject({ direction: "rising", method: "poisson_ratio", measure: "ratio" });
    expect(r.delta).toBeCloseTo(3, 10);
    expect(r.estimate).toBeCloseTo(1.75, 12);
    expect(r.lower).toBeCloseTo(1.18951, 4);
    expect(r.upper).toBeCloseTo(2.57459, 4);
    expect(changeResultSchema.parse(r)).toEqual(r);
    expect(changeTest(rate(40, 10000), rate(55, 10000), { model: "poisson" })).toMatchObject({ direction: "no_clear_change", lower: expect.closeTo(0.91753, 4) });
    const down = changeTest(rate(30, 5000), rate(12, 6000), { model: "poisson" });
    expect(down).toMatchObject({ direction: "falling", lower: expect.closeTo(0.17271, 4), upper: expect.closeTo(0.64335, 4) });
    expect(changeTest(rate(0, 500), rate(0, 600), { model: "poisson" }).direction).toBe("no_clear_change");
  });

  it("has nothing to test for amounts without counts: their series decides (seriesChangeTest)", () => {
    expect(changeTest(amount(500000), amount(540000))).toMatchObject({ direction: "unknown", method: null });
  });

  it("is unknown when either end is missing or suppressed", () => {
    expect(changeTest(null, share(1, 2)).direction).toBe("unknown");
    expect(changeTest(share(10, 100), { value: null, numerator: null, denominator: null, status: ":" }).direction).toBe("unknown");
  });

  it("drives the card's trend word: no clear change is shown as 'stable'", () => {
    expect(trend(share(48, 80), share(56, 70))).toBe("rising");
    expect(trend(share(5, 56), share(0, 29))).toBe("stable");
  });
});

describe("seriesChangeTest (amounts against their own year-to-year variation)", () => {
  const years = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
  const norwayIncome = years.map((period, i) => ({ period, value: 450000 * 1.035 ** i }));
  // Deterministic wobble: ±1 % around a path, never drifting.
  const wobble = [0.004, -0.008, 0.01, -0.002, 0.006, -0.01, 0.003, 0.008, -0.006, 0];

  it("calls money that grew only with Norway (inflation) no clear change, though it rose 19 % in five years", () => {
    const area = years.map((period, i) => ({ period, value: 380000 * 1.035 ** i }));
    const r = seriesChangeTest({ series: area, from: 2019, to: 2024, reference: norwayIncome, measure: "relative" });
    expect(area[9]!.value / area[4]!.value).toBeGreaterThan(1.18);
    expect(r).toMatchObject({ direction: "no_clear_change", method: "relative_to_norway", measure: "relative" });
    expect(r.estimate).toBeCloseTo(0, 12);
    const noisy = years.map((period, i) => ({ period, value: 380000 * 1.035 ** i * (1 + wobble[i]!) }));
    expect(seriesChangeTest({ series: noisy, from: 2019, to: 2024, reference: norwayIncome, measure: "relative" }).direction).toBe("no_clear_change");
  });

  it("calls money rising when it outgrew Norway by more than its own variation, falling when it fell behind", () => {
    const ahead = years.map((period, i) => ({ period, value: 380000 * 1.055 ** i * (1 + wobble[i]! / 4) }));
    const up = seriesChangeTest({ series: ahead, from: 2019, to: 2024, reference: norwayIncome, measure: "relative" });
    expect(up.direction).toBe("rising");
    expect(up.estimate).toBeGreaterThan(0.09);
    expect(up.lower!).toBeGreaterThan(0);
    const behind = years.map((period, i) => ({ period, value: 380000 * 1.015 ** i * (1 + wobble[i]! / 4) }));
    expect(seriesChangeTest({ series: behind, from: 2019, to: 2024, reference: norwayIncome, measure: "relative" }).direction).toBe("falling");
  });

  it("calls the same excess no clear change in a series that jumps about more than that from year to year", () => {
    const jumpy = years.map((period, i) => ({ period, value: 380000 * 1.045 ** i * (1 + 6 * wobble[i]!) }));
    expect(seriesChangeTest({ series: jumpy, from: 2019, to: 2024, reference: norwayIncome, measure: "relative" }).direction).toBe("no_clear_change");
  });

  it("judges years by their own variation: a steady rise of 0.15 a year is rising, noise alone is not", () => {
    const steady = years.map((period, i) => ({ period, value: 81 + 0.15 * i + wobble[i]! }));
    expect(seriesChangeTest({ series: steady, from: 2019, to: 2024, measure: "difference" })).toMatchObject({ direction: "rising", method: "own_variation", measure: "difference" });
    const flat = years.map((period, i) => ({ period, value: 81 + 30 * wobble[i]! }));
    expect(seriesChangeTest({ series: flat, from: 2019, to: 2024, measure: "difference" }).direction).toBe("no_clear_change");
  });

  it("says unknown, naming its method, with too few years to know the variation, or without Norway to compare money with", () => {
    // Published only in 2019 and from 2022: two year-to-year steps say nothing of the spread.
    const short = [2019, 2022, 2023, 2024].map((period) => ({ period, value: 380000 * 1.05 ** (period - 2015) }));
    expect(seriesChangeTest({ series: short, from: 2019, to: 2024, reference: norwayIncome, measure: "relative" })).toMatchObject({ direction: "unknown", method: "relative_to_norway" });
    const area = years.map((period, i) => ({ period, value: 380000 * 1.035 ** i }));
    expect(seriesChangeTest({ series: area, from: 2019, to: 2024, reference: null, measure: "relative" })).toMatchObject({ direction: "unknown", method: "relative_to_norway" });
    const hidden = area.map((p) => (p.period === 2019 ? { ...p, value: null } : p));
    expect(seriesChangeTest({ series: hidden, from: 2019, to: 2024, reference: norwayIncome, measure: "relative" }).direction).toBe("unknown");
  });
});
