import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TopSeries } from "../../worker/jobs/protection";
import type { SeriesPoint } from "../../worker/stats/cards";

const count = fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null });
const point: fc.Arbitrary<SeriesPoint> = fc.record({
  period: fc.integer({ min: 1990, max: 2040 }),
  value: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0), { nil: null }),
  status: fc.constantFrom(null, ":" as const, ".." as const, "." as const),
  estimated: fc.boolean(),
  // Kept counts may themselves lack a part; hidden values keep none.
  counts: fc.option(fc.record({ numerator: count, denominator: count }), { nil: null }),
});

describe("the top table's series kept as text", () => {
  it("reads back every area's and indicator's points exactly as given", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("0", "03", "0301", "4601"), fc.dictionary(fc.constantFrom("population", "unemployment"), fc.array(point, { maxLength: 6 }))), (given) => {
        const series = new Map(Object.entries(given).map(([code, byIndicator]) => [code, new Map(Object.entries(byIndicator))]));
        const top = new TopSeries(series);
        for (const [code, byIndicator] of series) {
          expect(top.get(code)).toEqual(byIndicator);
          for (const [id, points] of byIndicator) expect(top.seriesOf(code, id)).toEqual(points);
        }
        expect(top.get("9999")).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});
