import { describe, expect, it } from "vitest";
import type { RawValue } from "../../worker/stats/disclosure";
import { trend } from "../../worker/stats/trend";
import { changeResultSchema, changeTest, normalQuantile, rateInterval, shrinkRates, wilson } from "../../worker/stats/uncertainty";

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

describe("rateInterval", () => {
  it("gives the Wilson interval of a share in percent and of a rate per 1000", () => {
    expect(rateInterval(share(81, 263), "percent")).toEqual({
      estimate: expect.closeTo(30.798, 3), lower: expect.closeTo(25.53, 2), upper: expect.closeTo(36.62, 2),
    });
    expect(rateInterval({ ...share(15, 148), value: 101.35 }, "per1000")).toMatchObject({ lower: expect.closeTo(62.4, 1), upper: expect.closeTo(160.5, 1) });
  });

  it("has no interval for a hidden value, a value without counts or a non-rate", () => {
    expect(rateInterval({ value: null, numerator: null, denominator: null, status: ":" }, "percent")).toBeNull();
    expect(rateInterval(amount(12), "percent")).toBeNull();
    expect(rateInterval(share(5, 50), "count")).toBeNull();
  });
});

describe("shrinkRates (empirical Bayes toward the parent)", () => {
  // Pooled rate m = 100/400 = 0.25; s² = Σn(r−m)²/Σn = (38.75/35)/400; A = s² − m(1−m)/n̄
  // = 1/1120; prior strength α+β = m(1−m)/A − 1 = 0.1875·1120 − 1 = 209.
  const areas = [
    { code: "a", ...share(1, 10) },
    { code: "b", ...share(10, 50) },
    { code: "c", ...share(60, 200) },
    { code: "d", ...share(29, 140) },
  ];

  it("fits the beta prior by the method of moments and blends each area with it", () => {
    const { prior, areas: out } = shrinkRates({ areas, unit: "percent", rules: { minCount: 0, minDenominator: 0 } });
    expect(prior!.mean).toBeCloseTo(0.25, 12);
    expect(prior!.variance).toBeCloseTo(1 / 1120, 12);
    expect(prior!.strength).toBeCloseTo(209, 9);
    const a = out.find((o) => o.code === "a")!;
    expect(a.raw).toBeCloseTo(10, 12);
    expect(a.shrunk).toBeCloseTo((100 * (1 + 0.25 * 209)) / (10 + 209), 9);
    expect(a.weight).toBeCloseTo(10 / 219, 9);
    const c = out.find((o) => o.code === "c")!;
    expect(c.shrunk).toBeCloseTo((100 * (60 + 0.25 * 209)) / (200 + 209), 9);
  });

  it("moves small areas more than large ones and keeps every shrunk rate between raw and parent", () => {
    const { areas: out } = shrinkRates({ areas, unit: "percent", rules: { minCount: 0, minDenominator: 0 } });
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
    const { prior } = shrinkRates({ areas, unit: "percent", parent: { numerator: 30, denominator: 100 }, rules: { minCount: 0, minDenominator: 0 } });
    expect(prior!.mean).toBe(0.3);
  });

  it("gives every area the parent's rate when areas vary no more than chance", () => {
    const same = [{ code: "x", ...share(10, 100) }, { code: "y", ...share(20, 200) }, { code: "z", ...share(5, 50) }];
    const { prior, areas: out } = shrinkRates({ areas: same, unit: "per1000" });
    expect(prior!.strength).toBeNull();
    expect(out.map((o) => o.shrunk)).toEqual([100, 100, 100]);
    expect(out.map((o) => o.weight)).toEqual([0, 0, 0]);
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

  it("has no prior with fewer than two areas, and refuses units that are not rates", () => {
    const { prior, areas: out } = shrinkRates({ areas: [areas[2]!], unit: "percent" });
    expect(prior).toBeNull();
    expect(out[0]).toEqual({ code: "c", raw: 30, shrunk: null, weight: null, status: null });
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

  it("uses a relative tolerance for amounts without counts", () => {
    expect(changeTest(amount(500000), amount(510000)).direction).toBe("no_clear_change");
    expect(changeTest(amount(500000), amount(540000))).toEqual({ direction: "rising", method: "relative_tolerance", delta: 40000, lower: null, upper: null });
    expect(changeTest(amount(82), amount(79)).direction).toBe("falling");
    expect(changeTest(amount(500000), amount(510000), { amountTolerance: 0.01 }).direction).toBe("rising");
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
