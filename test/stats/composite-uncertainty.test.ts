import { describe, expect, it } from "vitest";
import { compositeIndex, type CompositeRow } from "../../worker/stats/composite";
import { changeSe, DECILES, indexInterval, percentBelow, placements, quantiles, servedSe } from "../../worker/stats/composite-uncertainty";

const Z = 1.959963984540054;

describe("servedSe", () => {
  it("reads a standard error off a served 95 % interval", () => {
    expect(servedSe({ low: 10, high: 10 + 2 * Z }, "percent")).toBeCloseTo(1, 6);
  });
  it("falls back to the rounding of a value served without an interval (one step, uniform)", () => {
    expect(servedSe(null, "percent")).toBeCloseTo(0.1 / Math.sqrt(12), 12);
    expect(servedSe(undefined, "count")).toBeCloseTo(1 / Math.sqrt(12), 12);
  });
  it("adds the variances of the two ends of a change", () => {
    expect(changeSe(3, 4)).toBe(5);
  });
});

describe("indexInterval", () => {
  it("propagates one component: se(index) = (se / sd) / σ_S", () => {
    const ci = indexInterval(0.5, [{ se: 1, sd: 2 }], 0.5)!;
    expect(ci.se).toBeCloseTo(1, 12);
    expect(ci.low).toBeCloseTo(0.5 - Z, 6);
    expect(ci.high).toBeCloseTo(0.5 + Z, 6);
  });

  it("divides by the number of components: two equal ones give √2 / 2", () => {
    const ci = indexInterval(0, [{ se: 1, sd: 1 }, { se: 1, sd: 1 }], 1)!;
    expect(ci.se).toBeCloseTo(Math.SQRT2 / 2, 12);
  });

  it("is wider for less certain figures and narrower for a more spread-out level", () => {
    const narrow = indexInterval(1, [{ se: 0.5, sd: 2 }, { se: 0.5, sd: 2 }], 0.7)!;
    const wide = indexInterval(1, [{ se: 1.5, sd: 2 }, { se: 0.5, sd: 2 }], 0.7)!;
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
    const spread = indexInterval(1, [{ se: 0.5, sd: 4 }, { se: 0.5, sd: 4 }], 0.7)!;
    expect(spread.high - spread.low).toBeCloseTo((narrow.high - narrow.low) / 2, 9);
  });

  it("gives no interval without components or without a spread to standardise by", () => {
    expect(indexInterval(1, [], 1)).toBeNull();
    expect(indexInterval(1, [{ se: 1, sd: 1 }], 0)).toBeNull();
    expect(indexInterval(1, [{ se: 1, sd: 0 }], 1)).toBeNull();
  });

  it("matches the spread of the index when one area's figures are redrawn with that error (cross-check through compositeIndex)", () => {
    // A level of 200 areas with two indicators; area "X" is redrawn 800 times with normal errors
    // of se 2 and 3, everything else fixed. With 199 others the references barely move, so the
    // index's sd across draws should be the propagated se.
    const rand = mulberry32(7);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const base: CompositeRow[] = [];
    for (let i = 0; i < 199; i++) {
      const code = `A${i}`;
      base.push({ areaCode: code, indicatorId: "a", period: 2024, value: 20 + 6 * normal(), status: null });
      base.push({ areaCode: code, indicatorId: "b", period: 2024, value: 50 + 10 * normal(), status: null });
    }
    const directions = { a: "higher_worse", b: "higher_better" } as const;
    const config = { status: ["a", "b"] };
    const run = (a: number, b: number) =>
      compositeIndex({
        period: 2024,
        rows: [...base, { areaCode: "X", indicatorId: "a", period: 2024, value: a, status: null }, { areaCode: "X", indicatorId: "b", period: 2024, value: b, status: null }],
        directions,
        config,
      });
    const first = run(26, 44);
    const x = first.areas.find((r) => r.code === "X")!;
    const sd = (id: string) => first.reference.status.find((r) => r.indicator === id)!.sd;
    const ci = indexInterval(x.status.index!, [{ se: 2, sd: sd("a") }, { se: 3, sd: sd("b") }], first.reference.statusScore!.sd)!;
    const draws: number[] = [];
    for (let i = 0; i < 800; i++) draws.push(run(26 + 2 * normal(), 44 + 3 * normal()).areas.find((r) => r.code === "X")!.status.index!);
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    const simulated = Math.sqrt(draws.reduce((s, v) => s + (v - mean) ** 2, 0) / (draws.length - 1));
    expect(simulated / ci.se).toBeGreaterThan(0.9);
    expect(simulated / ci.se).toBeLessThan(1.1);
  }, 30_000);
});

describe("percentBelow and placements", () => {
  it("counts the others strictly below, rounded down to a whole percent", () => {
    expect(percentBelow([1, 2, 4, 5], 3)).toBe(50);
    expect(percentBelow([1, 2, 3], 3)).toBe(66);
    expect(percentBelow([], 3)).toBeNull();
  });

  it("places each area among the other areas of its level, and the ends of its interval", () => {
    const m = new Map([
      ["a", { index: 1 }],
      ["b", { index: 2 }],
      ["c", { index: 3, low: 1.5, high: 4.5 }],
      ["d", { index: 4 }],
      ["e", { index: 5 }],
      ["f", { index: null }],
    ]);
    const p = placements(m);
    expect(p.get("a")).toEqual({ percentBelow: 0, low: 0, high: 0 });
    expect(p.get("e")!.percentBelow).toBe(100);
    // Others of c: 1, 2, 4, 5 → 2 of 4 below 3, 1 below 1.5, 3 below 4.5.
    expect(p.get("c")).toEqual({ percentBelow: 50, low: 25, high: 75 });
    expect(p.has("f")).toBe(false);
  });

  it("does not count a tie as below", () => {
    const p = placements(new Map([["a", { index: 1 }], ["b", { index: 1 }], ["c", { index: 2 }]]));
    expect(p.get("a")!.percentBelow).toBe(0);
    expect(p.get("c")!.percentBelow).toBe(100);
  });

  it("places nothing in a level of one", () => {
    expect(placements(new Map([["a", { index: 1 }]])).size).toBe(0);
  });
});

describe("quantiles", () => {
  it("interpolates between order statistics (type 7)", () => {
    expect(quantiles([1, 2, 3, 4, 5], [0, 0.25, 0.5, 1])).toEqual([1, 2, 3, 5]);
    expect(quantiles([0, 10], [0.3])[0]).toBeCloseTo(3, 12);
    expect(quantiles([7], DECILES)).toEqual(DECILES.map(() => 7));
    expect(quantiles([], [0.5])).toEqual([]);
  });
  it("rejects a probability outside [0, 1]", () => {
    expect(() => quantiles([1, 2], [1.5])).toThrow(/1.5/);
  });
});

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
