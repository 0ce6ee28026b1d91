import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cardSchema, type Card, type Point } from "../../worker/api/schemas";
import { packCard, unpackCard } from "../../worker/stats/card-store";

const num = fc.double({ min: -1e7, max: 1e7, noNaN: true }).map((x) => x + 0);
const point: fc.Arbitrary<Point> = fc
  .record(
    {
      period: fc.integer({ min: 1990, max: 2030 }),
      value: fc.option(num, { nil: null }),
      status: fc.constantFrom(null, ":" as const, ".." as const, "." as const),
      interval: fc.option(fc.tuple(num, num), { nil: undefined }),
      estimated: fc.option(fc.boolean(), { nil: undefined }),
    },
    { requiredKeys: ["period", "value", "status"] },
  )
  .map(({ interval, estimated, ...p }) => ({ ...p, ...(interval ? { low: interval[0], high: interval[1] } : {}), ...(estimated !== undefined ? { estimated } : {}) }));

const card: fc.Arbitrary<Card> = fc.record({
  indicator: fc.constantFrom("population", "low_income_persistent"),
  unit: fc.constantFrom("count" as const, "percent" as const),
  latest: fc.option(point, { nil: null }),
  series: fc.array(point, { maxLength: 16 }),
  municipality: fc.option(point, { nil: null }),
  norway: fc.option(point, { nil: null }),
  change5y: fc.option(fc.record({ from: fc.integer(), to: fc.integer(), delta: fc.option(num, { nil: null }) }), { nil: null }),
  trend: fc.constantFrom("rising" as const, "falling" as const, "stable" as const, "unknown" as const),
  smoothed: fc.option(fc.record({ value: num, weight: num }), { nil: null }),
  sources: fc.array(fc.string(), { maxLength: 2 }),
});

describe("stored indicator cards", () => {
  it("unpack(pack(card)) through JSON is the card again, intervals and estimates kept or absent as they were", () => {
    fc.assert(
      fc.property(card, (c) => {
        const stored = JSON.parse(JSON.stringify(packCard(c)));
        // The row names the indicator; the body does not repeat it.
        expect("indicator" in stored).toBe(false);
        expect(() => unpackCard(stored)).toThrow(/indicator/);
        const back = unpackCard(stored, c.indicator);
        expect(back).toEqual(c);
        expect(cardSchema.parse(back)).toEqual(c);
        for (const [i, p] of c.series.entries()) expect(Object.keys(back.series[i]!).sort()).toEqual(Object.keys(p).sort());
        // The API's key order, so served JSON does not change with the storage form.
        expect(Object.keys(back)).toEqual(Object.keys(c));
      }),
      { numRuns: 500 },
    );
  });

  it("reads cards stored before the tuple form (points as objects) as they are", () => {
    fc.assert(
      fc.property(card, (c) => {
        expect(unpackCard(JSON.parse(JSON.stringify(c)))).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });

  it("stores year-by-year series and rounded bounds compactly, and gives them back exactly", () => {
    const r3 = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * 1000) / 1000 + 0);
    fc.assert(
      fc.property(card, (c0) => {
        const series = c0.series.map((p, i) => ({ ...p, period: 2000 + i, ...(p.low !== undefined ? { low: r3(p.low) } : {}), ...(p.high !== undefined ? { high: r3(p.high) } : {}) }));
        const c = { ...c0, series };
        const stored = JSON.parse(JSON.stringify(packCard(c)));
        if (c.change5y) expect(stored.change5y).toEqual([c.change5y.from, c.change5y.to, c.change5y.delta]);
        if (series.length > 0) expect(stored.series.p).toBeUndefined();
        for (const b of [...(stored.series.lo ?? []), ...(stored.series.hi ?? [])]) expect(b === null || Number.isInteger(b)).toBe(true);
        expect(unpackCard(stored, c.indicator)).toEqual(c);
      }),
      { numRuns: 300 },
    );
  });

  it("reads cards stored with their indicator, change and smoothed estimate as objects (the previous form)", () => {
    fc.assert(
      fc.property(card, (c) => {
        const stored = { indicator: c.indicator, ...packCard(c), change5y: c.change5y, smoothed: c.smoothed };
        expect(unpackCard(JSON.parse(JSON.stringify(stored)), "another")).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });

  it("reads cards stored with their points as tuples (an earlier form)", () => {
    const tuple = (p: Point) => [p.period, p.value, p.status, ...(p.low !== undefined || p.estimated !== undefined ? [p.low ?? null, p.high ?? null] : []), ...(p.estimated !== undefined ? [p.estimated] : [])];
    fc.assert(
      fc.property(card, (c) => {
        const stored = { ...c, latest: c.latest && tuple(c.latest), series: c.series.map(tuple), municipality: c.municipality && tuple(c.municipality), norway: c.norway && tuple(c.norway) };
        expect(unpackCard(JSON.parse(JSON.stringify(stored)))).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });

  it("leaves out the latest point when the series gives it", () => {
    const p = (period: number, value: number | null): Point => ({ period, value, status: value === null ? ":" : null });
    const c: Card = { indicator: "x", unit: "percent", latest: p(2023, 4), series: [p(2022, 3), p(2023, 4), p(2024, null)], municipality: null, norway: null, change5y: null, trend: "unknown", smoothed: null };
    expect("latest" in packCard(c)).toBe(false);
    expect(unpackCard(JSON.parse(JSON.stringify(packCard(c))), "x")).toEqual(c);
    expect("latest" in packCard({ ...c, latest: p(2022, 3) })).toBe(true);
  });

  it("stores a point in far fewer bytes than the API's object form", () => {
    const p: Point = { period: 2024, value: 10.2, status: null, low: 7.649, high: 13.525 };
    const c: Card = { indicator: "x", unit: "percent", latest: p, series: Array(15).fill(p), municipality: p, norway: p, change5y: null, trend: "stable", smoothed: null };
    expect(JSON.stringify(packCard(c)).length).toBeLessThan(JSON.stringify(c).length / 2);
  });
});
