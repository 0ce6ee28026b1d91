import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cardSchema, type Card, type Point } from "../../worker/api/schemas";
import { packCard, unpackCard } from "../../worker/stats/card-store";
import { TREND_METHODS } from "../../worker/stats/models";
import { periodLabel } from "../../worker/stats/period";

const num = fc.double({ min: -1e7, max: 1e7, noNaN: true }).map((x) => x + 0);
type Unlabelled = Omit<Point, "periodLabel">;
const point: fc.Arbitrary<Unlabelled> = fc
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

/** A card's points labelled as its span says (labels are derived, never stored). */
const labelled = (p: Unlabelled, span: number): Point => {
  const { period, ...rest } = p;
  return { period, periodLabel: periodLabel(period, span), ...rest };
};
const card: fc.Arbitrary<Card> = fc
  .record({
    indicator: fc.constantFrom("population", "low_income_persistent"),
    unit: fc.constantFrom("count" as const, "percent" as const),
    periodSpan: fc.constantFrom(1, 1, 2, 3),
    latest: fc.option(point, { nil: null }),
    series: fc.array(point, { maxLength: 16 }),
    municipality: fc.option(point, { nil: null }),
    norway: fc.option(point, { nil: null }),
    change5y: fc.option(fc.record({ from: fc.integer({ min: 1900, max: 2100 }), to: fc.integer({ min: 1900, max: 2100 }), delta: fc.option(num, { nil: null }) }), { nil: null }),
    trend: fc.constantFrom("rising" as const, "falling" as const, "stable" as const, "unknown" as const),
    trendMethod: fc.option(fc.constantFrom(...TREND_METHODS), { nil: undefined }),
    smoothed: fc.option(fc.record({ value: num, weight: num }), { nil: null }),
    sources: fc.array(fc.string(), { maxLength: 2 }),
  })
  .map(({ periodSpan: span, latest, series, municipality, norway, change5y, ...rest }) => ({
    indicator: rest.indicator,
    unit: rest.unit,
    periodSpan: span,
    latest: latest && labelled(latest, span),
    series: series.map((p) => labelled(p, span)),
    municipality: municipality && labelled(municipality, span),
    norway: norway && labelled(norway, span),
    change5y: change5y && { ...change5y, fromLabel: periodLabel(change5y.from, span), toLabel: periodLabel(change5y.to, span) },
    trend: rest.trend,
    ...(rest.trendMethod === undefined ? {} : { trendMethod: rest.trendMethod }),
    smoothed: rest.smoothed,
    sources: rest.sources,
  }));

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

  it("reads cards stored before the tuple form (points as objects, without spans or labels), labelled as single years", () => {
    const strip = ({ periodLabel: _l, ...p }: Point) => p;
    fc.assert(
      fc.property(card, (c0) => {
        const c = { ...c0, periodSpan: 1, series: c0.series.map((p) => ({ ...p, periodLabel: String(p.period) })) };
        const { periodSpan: _s, ...old } = { ...c, series: c.series.map(strip), latest: c.latest && strip(c.latest), municipality: c.municipality && strip(c.municipality), norway: c.norway && strip(c.norway), change5y: c.change5y && { from: c.change5y.from, to: c.change5y.to, delta: c.change5y.delta } };
        const back = unpackCard(JSON.parse(JSON.stringify(old)));
        expect(back.periodSpan).toBe(1);
        expect(back.series).toEqual(c.series);
        expect(back.latest?.periodLabel).toBe(c.latest === null ? undefined : String(c.latest.period));
        expect(back.change5y && [back.change5y.fromLabel, back.change5y.toLabel]).toEqual(c.change5y && [String(c.change5y.from), String(c.change5y.to)]);
      }),
      { numRuns: 200 },
    );
  });

  it("labels a two-year period as SSB does and stores no label or span of one year", () => {
    const p = (period: number, value: number): Point => ({ period, periodLabel: periodLabel(period, 2), value, status: null });
    const c: Card = {
      indicator: "crime_per_1000", unit: "per1000", periodSpan: 2, latest: p(2017, 68.5), series: [p(2012, 81.5), p(2017, 68.5)], municipality: null, norway: null,
      change5y: { from: 2012, to: 2017, delta: -13, fromLabel: "2011-2012", toLabel: "2016-2017" }, trend: "falling", smoothed: null,
    };
    const stored = JSON.parse(JSON.stringify(packCard(c)));
    expect(stored.periodSpan).toBe(2);
    expect(JSON.stringify(stored)).not.toMatch(/2016-2017/);
    const back = unpackCard(stored, "crime_per_1000");
    expect(back.series.map((x) => x.periodLabel)).toEqual(["2011-2012", "2016-2017"]);
    expect(back).toEqual(c);
    expect("periodSpan" in packCard({ ...c, periodSpan: 1 })).toBe(false);
  });

  it("stores year-by-year series and rounded bounds compactly, and gives them back exactly", () => {
    const r3 = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * 1000) / 1000 + 0);
    fc.assert(
      fc.property(card, (c0) => {
        const series = c0.series.map((p, i) => ({ ...p, period: 2000 + i, periodLabel: periodLabel(2000 + i, c0.periodSpan), ...(p.low !== undefined ? { low: r3(p.low) } : {}), ...(p.high !== undefined ? { high: r3(p.high) } : {}) }));
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

  it("counts bounds in the fewest decimals that give them all back (a percentage's tenths), and still reads bounds stored in thousandths", () => {
    const tenths = fc.integer({ min: 0, max: 1000 }).map((k) => k / 10);
    fc.assert(
      fc.property(card, fc.array(fc.tuple(tenths, tenths), { minLength: 1, maxLength: 16 }), (c0, bounds) => {
        const series = bounds.map(([low, high], i) => ({ period: 2000 + i, periodLabel: periodLabel(2000 + i, c0.periodSpan), value: low, status: null, low, high }));
        const c = { ...c0, series };
        const stored = JSON.parse(JSON.stringify(packCard(c)));
        const whole = bounds.every(([low, high]) => Number.isInteger(low) && Number.isInteger(high));
        expect(stored.series.b).toBe(whole ? 0 : 1);
        expect(stored.series.lo).toEqual(bounds.map(([low]) => Math.round(low * (whole ? 1 : 10))));
        expect(unpackCard(stored, c.indicator)).toEqual(c);
        // The form before `b`: thousandths.
        const before = { ...stored, series: { ...stored.series, lo: bounds.map(([low]) => Math.round(low * 1000)), hi: bounds.map(([, high]) => Math.round(high * 1000)) } };
        delete before.series.b;
        expect(unpackCard(before, c.indicator)).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });

  it("reads cards stored with their indicator, change and smoothed estimate as objects (the previous form)", () => {
    fc.assert(
      fc.property(card, (c) => {
        const change = c.change5y && { from: c.change5y.from, to: c.change5y.to, delta: c.change5y.delta };
        const stored = { indicator: c.indicator, ...packCard(c), change5y: change, smoothed: c.smoothed };
        expect(unpackCard(JSON.parse(JSON.stringify(stored)), "another")).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });

  it("reads cards stored with their points as tuples (an earlier form)", () => {
    const tuple = (p: Unlabelled) => [p.period, p.value, p.status, ...(p.low !== undefined || p.estimated !== undefined ? [p.low ?? null, p.high ?? null] : []), ...(p.estimated !== undefined ? [p.estimated] : [])];
    fc.assert(
      fc.property(card, (c) => {
        const { periodSpan, ...rest } = c;
        const stored = { ...rest, ...(periodSpan === 1 ? {} : { periodSpan }), latest: c.latest && tuple(c.latest), series: c.series.map(tuple), municipality: c.municipality && tuple(c.municipality), norway: c.norway && tuple(c.norway) };
        expect(unpackCard(JSON.parse(JSON.stringify(stored)))).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });

  it("leaves out the latest point when the series gives it", () => {
    const p = (period: number, value: number | null): Point => ({ period, periodLabel: String(period), value, status: value === null ? ":" : null });
    const c: Card = { indicator: "x", unit: "percent", periodSpan: 1, latest: p(2023, 4), series: [p(2022, 3), p(2023, 4), p(2024, null)], municipality: null, norway: null, change5y: null, trend: "unknown", smoothed: null };
    expect("latest" in packCard(c)).toBe(false);
    expect(unpackCard(JSON.parse(JSON.stringify(packCard(c))), "x")).toEqual(c);
    expect("latest" in packCard({ ...c, latest: p(2022, 3) })).toBe(true);
  });

  it("stores a point in far fewer bytes than the API's object form", () => {
    const p: Point = { period: 2024, periodLabel: "2024", value: 10.2, status: null, low: 7.649, high: 13.525 };
    const c: Card = { indicator: "x", unit: "percent", periodSpan: 1, latest: p, series: Array(15).fill(p), municipality: p, norway: p, change5y: null, trend: "stable", smoothed: null };
    expect(JSON.stringify(packCard(c)).length).toBeLessThan(JSON.stringify(c).length / 2);
  });
});
