import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classOf, colourClasses, PALETTE } from "../../web/src/components/map/scale";

describe("map colour classes", () => {
  it("gives no classes for no values, ignoring nulls", () => {
    expect(colourClasses([])).toEqual([]);
    expect(colourClasses([null, null])).toEqual([]);
  });

  it("splits ten values into five quantile classes, light to dark", () => {
    const classes = colourClasses([10, 1, 2, 9, 3, 8, 4, 7, 5, 6, null]);
    expect(classes).toEqual([
      { min: 1, max: 2, colour: PALETTE[0] },
      { min: 3, max: 4, colour: PALETTE[1] },
      { min: 5, max: 6, colour: PALETTE[2] },
      { min: 7, max: 8, colour: PALETTE[3] },
      { min: 9, max: 10, colour: PALETTE[4] },
    ]);
  });

  it("uses the ends and the middle of the palette for three distinct values", () => {
    expect(colourClasses([3, 1, 2, 2]).map((c) => c.colour)).toEqual([PALETTE[0], PALETTE[2], PALETTE[4]]);
  });

  it("never splits equal values over two colours", () => {
    expect(colourClasses([5, 5, 5, 5, 5, 5, 9])).toEqual([
      { min: 5, max: 5, colour: PALETTE[0] },
      { min: 9, max: 9, colour: PALETTE[4] },
    ]);
    expect(colourClasses([7, 7, 7])).toEqual([{ min: 7, max: 7, colour: PALETTE[2] }]);
  });

  it("puts every value in exactly one class, classes ascending and at most five", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), { maxLength: 60 }), (values) => {
        const classes = colourClasses(values);
        const known = values.filter((v): v is number => v !== null);
        expect(classes.length).toBeLessThanOrEqual(Math.min(PALETTE.length, new Set(known).size));
        for (let i = 1; i < classes.length; i++) expect(classes[i]!.min).toBeGreaterThan(classes[i - 1]!.max);
        expect(new Set(classes.map((c) => c.colour)).size).toBe(classes.length);
        for (const v of known) {
          const c = classOf(v, classes);
          expect(c).not.toBeNull();
          expect(v).toBeGreaterThanOrEqual(c!.min);
          expect(v).toBeLessThanOrEqual(c!.max);
        }
        expect(classOf(null, classes)).toBeNull();
      }),
    );
  });
});
