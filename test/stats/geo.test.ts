import { describe, expect, it } from "vitest";
import { bboxOf, containsPoint, tileOf, tilesOf } from "../../worker/stats/geo";

const square = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

describe("containsPoint", () => {
  const withHole = { type: "Polygon" as const, coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] };
  it.each([
    [1, 1, true],
    [5, 5, false], // in the hole
    [11, 5, false],
    [9.99, 9.99, true],
  ])("(%d, %d) → %s", (x, y, expected) => {
    expect(containsPoint(withHole, x, y)).toBe(expected);
  });

  it("tests every part of a multipolygon", () => {
    const islands = { type: "MultiPolygon" as const, coordinates: [[square(0, 0, 1, 1)], [square(5, 5, 6, 6)]] };
    expect(containsPoint(islands, 5.5, 5.5)).toBe(true);
    expect(containsPoint(islands, 3, 3)).toBe(false);
  });
});

describe("grid tiles", () => {
  it("cover a bounding box, and a point's tile is among its boundary's tiles", () => {
    const b = bboxOf({ type: "Polygon", coordinates: [square(10.71, 59.85, 10.95, 59.95)] });
    expect(b).toEqual({ minLon: 10.71, minLat: 59.85, maxLon: 10.95, maxLat: 59.95 });
    const tiles = tilesOf(b);
    expect(tiles).toHaveLength(3 * 2);
    expect(tiles).toContain(tileOf(10.9, 59.9));
  });
});
