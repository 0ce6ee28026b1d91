import { describe, expect, it } from "vitest";
import { bandEdges, ceilTo, DECIMALS, EXACT_FROM, floorTo, intervalDenominator, PROTECTED_POPULATION, roundValue, servedInterval } from "../../worker/stats/precision";
import { rateScale, wilson } from "../../worker/stats/intervals";
import { solve, type Served } from "./interval-solver";

type RateUnit = "percent" | "per1000";

/** What the cards serve for x of n: the value at its decimals and the interval around it. */
const serve = (unit: RateUnit) => (x: number, n: number): Served | null => {
  const value = roundValue((x / n) * rateScale(unit)!, unit);
  const ci = servedInterval(value, { numerator: x, denominator: n }, unit);
  return ci ? { value, low: ci.low, high: ci.high } : null;
};

describe("one rounding rule per unit", () => {
  it.each([
    ["percent", 5.8734399947864055, 5.9],
    ["percent", 2.45, 2.5],
    ["percent", 0.3 * 100 + 0.04, 30],
    ["per1000", 45.25, 45.3],
    ["points", -2.45, -2.5],
    ["points", -0.04, 0],
    ["years", 82.349999, 82.3],
    ["count", 568295.502, 568296],
    ["count", 4.5, 5],
    ["nok", 568295.502, 568296],
  ] as const)("%s %s is served as %s", (unit, x, served) => {
    expect(roundValue(x, unit)).toBe(served);
    expect(Object.is(roundValue(x, unit), -0)).toBe(false);
  });

  it("rounds bounds outward, and leaves a bound already on a decimal where it is", () => {
    expect(floorTo(2.4499, "percent")).toBe(2.4);
    expect(ceilTo(2.4001, "percent")).toBe(2.5);
    expect(floorTo(0.3 * 100, "percent")).toBe(30);
    expect(ceilTo(0.3 * 100, "percent")).toBe(30);
  });

  it("names the decimals of every unit", () => {
    expect(DECIMALS).toEqual({ count: 0, nok: 0, percent: 1, per1000: 1, points: 1, years: 1 });
  });
});

describe("served intervals", { timeout: 120_000 }, () => {
  it("contain a value whose source rounded it away from its counts (Norway's unemployment 2017: 2.4 from the source, 2.448 from the counts)", () => {
    const ci = servedInterval(2.4, { numerator: 68_544, denominator: 2_800_000 }, "percent")!;
    expect(ci.low).toBeLessThanOrEqual(2.4);
    expect(ci.high).toBeGreaterThanOrEqual(2.4);
    expect([ci.low, ci.high]).toEqual([floorTo(ci.low, "percent"), ceilTo(ci.high, "percent")]);
  });

  it("are never narrower than the exact Wilson interval of the counts, and always hold their value (every x of every n up to 1000, and samples up to a million)", () => {
    const pairs: [number, number][] = [];
    for (let n = 20; n <= 1000; n++) for (let x = 0; x <= n; x++) pairs.push([x, n]);
    for (let i = 0; i < 20_000; i++) {
      const n = 1000 + Math.floor(Math.random() * 1_000_000);
      pairs.push([Math.floor(Math.random() * (n + 1)), n]);
    }
    for (const unit of ["percent", "per1000"] as const) {
      const scale = rateScale(unit)!;
      let outside = 0;
      let narrower = 0;
      for (const [x, n] of pairs) {
        const s = serve(unit)(x, n)!;
        if (!(s.low! <= s.value && s.value <= s.high!)) outside++;
        const exact = wilson(x, n)!;
        if (s.low! > exact.lower * scale + 1e-9 || s.high! < exact.upper * scale - 1e-9) narrower++;
      }
      expect({ unit, outside, narrower }).toEqual({ unit, outside: 0, narrower: 0 });
    }
  });

  it("depend on the denominator only through its band below the exact threshold, and use it exactly from there on", () => {
    expect(intervalDenominator(19, "percent")).toBeNull();
    expect(intervalDenominator(199, "percent")).toBe(20);
    expect(intervalDenominator(278, "percent")).toBe(200);
    expect(intervalDenominator(99_999, "percent")).toBe(50_000);
    expect(intervalDenominator(999, "per1000")).toBe(20);
    expect(intervalDenominator(EXACT_FROM + 1, "percent")).toBe(EXACT_FROM + 1);
    // The example: 23 of 278 (8.3 %) and 24 of 289 (8.3 %) are served alike.
    expect(serve("percent")(23, 278)).toEqual(serve("percent")(24, 289));
    // A big area keeps a useful interval: 30 % of 200,000 is served within ±0.3 points.
    const big = serve("percent")(60_000, 200_000)!;
    expect(big.high! - big.low!).toBeLessThanOrEqual(0.7);
  });

  it("a denominator below the disclosure threshold gets no interval", () => {
    expect(servedInterval(50, { numerator: 5, denominator: 10 }, "percent")).toBeNull();
  });
});

describe("the interval solver cannot recover counts", { timeout: 120_000 }, () => {
  it("finds the issue's example unique under three-decimal bounds around the exact share (the old serving), as a check that it can", () => {
    const old = (x: number, n: number): Served => {
      const w = wilson(x, n)!;
      return { value: roundValue((100 * x) / n, "percent"), low: Math.round(w.lower * 100_000) / 1000, high: Math.round(w.upper * 100_000) / 1000 };
    };
    expect(solve(old(23, 278), "percent", old, { maxDenominator: 50_000, minDenominator: 20 })).toEqual([{ x: 23, n: 278 }]);
  });

  it("finds at least two pairs for every served share of every x of every n below 1000, whole bands (percent and per 1000)", () => {
    for (const unit of ["percent", "per1000"] as const) {
      const seen = new Map<string, number>();
      for (let n = 20; n < 1000; n++) {
        for (let x = 0; x <= n; x++) {
          const s = serve(unit)(x, n)!;
          const key = `${s.value}|${s.low}|${s.high}`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
        }
      }
      // Pairs from 1000 on could only add candidates: counting below it is a lower bound.
      const unique = [...seen].filter(([, k]) => k < 2).map(([key]) => key);
      expect({ unit, unique }).toEqual({ unit, unique: [] });
    }
  });

  it("every value a share can take in a denominator band is reached by at least two pairs of that band, up to the exact threshold", () => {
    // With the interval a function of the value and the band (previous tests), this is what
    // makes every served share below EXACT_FROM ambiguous for a solver with unbounded search.
    for (const unit of ["percent", "per1000"] as const) {
      const scale = rateScale(unit)!;
      const values = scale * 10 ** DECIMALS[unit] + 1;
      const edges = bandEdges(unit);
      expect(edges.map((e) => intervalDenominator(e, unit))).toEqual(edges);
      for (const [i, lower] of edges.entries()) {
        const upper = edges[i + 1] ?? EXACT_FROM;
        const count = new Map<number, number>();
        let reachedTwice = 0;
        for (let n = lower; n < upper && reachedTwice < values; n++) {
          for (let x = 0; x <= n; x++) {
            const v = roundValue((x / n) * scale, unit);
            const k = (count.get(v) ?? 0) + 1;
            count.set(v, k);
            if (k === 2) reachedTwice++;
          }
        }
        const once = [...count].filter(([, k]) => k < 2).map(([v]) => v);
        expect({ unit, band: [lower, upper], once }).toEqual({ unit, band: [lower, upper], once: [] });
      }
    }
  });

  it(`finds at least two pairs for sampled shares with denominators up to ${EXACT_FROM} (areas below ${PROTECTED_POPULATION} residents)`, () => {
    const samples: [number, number][] = [[23, 278], [1, 20], [137, 4321], [5, 39]];
    for (let i = 0; i < 30; i++) {
      const n = 20 + Math.floor(Math.random() * (EXACT_FROM - 21));
      samples.push([Math.floor(Math.random() * (n + 1)), n]);
    }
    for (const unit of ["percent", "per1000"] as const) {
      for (const [x, n] of samples) {
        const seen = serve(unit)(x, n)!;
        // Searching only from the band's lower edge finds fewer pairs than a full search: two
        // found there prove the counts ambiguous.
        const found = solve(seen, unit, serve(unit), { maxDenominator: EXACT_FROM - 1, minDenominator: intervalDenominator(n, unit)!, stopAfter: 2 });
        expect({ unit, x, n, found: found.length }).toEqual({ unit, x, n, found: 2 });
      }
    }
  });
});
