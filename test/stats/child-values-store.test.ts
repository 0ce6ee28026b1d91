import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChildValuesBody } from "../../worker/api/schemas";
import { packChildValues, unpackChildValues } from "../../worker/stats/child-values-store";

const status = fc.constantFrom(null, ":" as const, ".." as const, "." as const);
const body: fc.Arbitrary<ChildValuesBody> = fc.integer({ min: 0, max: 6 }).chain((years) =>
  fc.record({
    indicator: fc.constant("x"),
    unit: fc.constantFrom("count" as const, "percent" as const),
    periods: fc.constant(Array.from({ length: years }, (_, i) => 2010 + i)),
    children: fc.array(
      fc.record({
        code: fc.string(),
        level: fc.constantFrom("bydel" as const, "grunnkrets" as const, "kommune" as const),
        name: fc.string(),
        values: fc.array(fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0), { nil: null }), { minLength: years, maxLength: years }),
        statuses: fc.oneof(fc.constant(Array<null>(years).fill(null)), fc.array(status, { minLength: years, maxLength: years })),
      }),
      { maxLength: 5 },
    ),
  }),
);

describe("stored choropleth rows", () => {
  it("unpack(pack(body)) through JSON is the body again, and children without a status keep no list", () => {
    fc.assert(
      fc.property(body, (b) => {
        const stored = JSON.parse(JSON.stringify(packChildValues(b)));
        expect(unpackChildValues(stored)).toEqual(b);
        // A tuple of four (no statuses) or five.
        b.children.forEach((c, i) => expect(stored.children[i].length, c.code).toBe(c.statuses.some((s) => s !== null) ? 5 : 4));
      }),
      { numRuns: 300 },
    );
  });

  it("rows stored before the children were tuples read as they did", () => {
    fc.assert(
      fc.property(body, (b) => {
        // The earlier form: children as objects, statuses left out when all null.
        const before = { ...b, children: b.children.map(({ statuses, ...c }) => (statuses.every((s) => s === null) ? c : { ...c, statuses })) };
        expect(unpackChildValues(JSON.parse(JSON.stringify(before)))).toEqual(b);
      }),
      { numRuns: 200 },
    );
  });
});
