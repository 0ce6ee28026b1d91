import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import type { Level } from "../../db/schema";
import { checkFeatureGeometry, parentProblem } from "../../worker/import/boundary-checks";
import { areaKm2, checkRing, extentOf, selfCrossing, shareInside } from "../../worker/import/geometry-checks";
import { MAX_TILES, tileCount, tilesOf, type Areal } from "../../worker/stats/geo";

// test/stats is type-checked with the worker's types (no @types/node): the node built-in is
// imported untyped and given the little shape used here (as in demo-boundaries.test.ts).
type Fs = { readFileSync(path: URL, encoding: "utf8"): string };
const fs: Fs = await import(/* @vite-ignore */ "node:fs" as string);
const here = (import.meta as unknown as { url: string }).url;

const square = (x: number, y: number, d: number): Position[] => [[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]];
const poly = (...rings: Position[][]): Areal => ({ type: "Polygon", coordinates: rings });

describe("ring checks", () => {
  it("finds the crossing of a bow-tie and none in a square, a ring with a hole-like notch, or a ring that only touches itself", () => {
    expect(selfCrossing([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])).toMatchObject({ i: 0, j: 2, at: [0.5, 0.5] });
    expect(selfCrossing(square(10, 60, 1))).toBeNull();
    // A ring that pinches at (1, 1): touching at a point is allowed.
    expect(selfCrossing([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]])).toBeNull();
    // Two edges running along each other.
    expect(selfCrossing([[0, 0], [3, 0], [3, 1], [2, 0], [1, 0], [1, 1], [0, 0]])).not.toBeNull();
  });

  it("calls rings without corners or area degenerate, and reports how much a crossing changes the area", () => {
    expect(checkRing([[5, 60], [5, 60], [5, 60], [5, 60]])).toEqual({ degenerate: "has 1 distinct position; a ring needs at least 3 corners" });
    expect(checkRing([[5, 60], [5.1, 60.1], [5.2, 60.2000000001], [5, 60]])).toEqual({ degenerate: "encloses no area (its positions lie on one line)" });
    const bowTie = checkRing([[10, 60], [10.2, 60.1], [10.2, 60], [10, 60.1], [10, 60]]);
    expect(bowTie && "crossing" in bowTie && bowTie.changedKm2).toBeCloseTo(areaKm2(poly([[10, 60], [10.1, 60.05], [10, 60.1], [10, 60]])) * 2, 3);
  });

  it("finds the crossings of a large ring quickly (a sweep, not every pair)", () => {
    // 20,000 vertices on a wavy circle, then a crossing added near the end.
    const n = 20_000;
    const ring: Position[] = Array.from({ length: n }, (_, k) => {
      const t = (2 * Math.PI * k) / n;
      const r = 1 + 0.01 * Math.sin(50 * t);
      return [10 + r * Math.cos(t), 65 + r * Math.sin(t)];
    });
    ring.push(ring[0]!);
    const started = performance.now();
    expect(selfCrossing(ring)).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
    // One vertex on the west side moved beyond the east side: its two edges cross the ring there.
    const crossed = ring.map((p, k) => (k === n / 2 ? [11.5, 65.001] : p));
    expect(selfCrossing(crossed)).not.toBeNull();
  });
});

describe("place and size", () => {
  it("knows Norway's extent, with Svalbard and Jan Mayen", () => {
    expect(extentOf({ minLon: 10.7, maxLon: 10.8, minLat: 59.9, maxLat: 59.95 })?.name).toBe("mainland");
    expect(extentOf({ minLon: 15.5, maxLon: 15.7, minLat: 78.2, maxLat: 78.25 })?.name).toBe("Svalbard");
    expect(extentOf({ minLon: -8.5, maxLon: -8, minLat: 70.9, maxLat: 71.1 })?.name).toBe("Jan Mayen");
    expect(extentOf({ minLon: 2.3, maxLon: 2.4, minLat: 48.8, maxLat: 48.9 })).toBeNull();
  });

  it("counts a box's grid cells as the tile builder lists them", () => {
    for (const b of [{ minLon: 18.5, maxLon: 19.5, minLat: 69.4, maxLat: 69.9 }, { minLon: 10.71, maxLon: 10.73, minLat: 59.91, maxLat: 59.92 }]) expect(tileCount(b)).toBe(tilesOf(b).length);
    expect(tileCount({ minLon: -180, maxLon: 180, minLat: -90, maxLat: 90 })).toBe(3601 * 1801);
  });

  it("measures the share of a child inside its parent", () => {
    const parent = poly(square(10, 60, 0.1));
    expect(shareInside(poly(square(10, 60, 0.01)), parent)).toBe(1);
    expect(shareInside(poly(square(12, 60, 0.01)), parent)).toBe(0);
    // Half over the parent's eastern edge.
    expect(shareInside(poly([[10.09, 59.99], [10.11, 59.99], [10.11, 60.01], [10.09, 60.01], [10.09, 59.99]]), parent)).toBeCloseTo(0.5, 2);
    expect(shareInside(poly([[10.05, 59.99], [10.11, 59.99], [10.11, 60.01], [10.05, 60.01], [10.05, 59.99]]), parent)).toBeCloseTo(5 / 6, 1);
  });
});

/** Every feature of db/real's boundary files, by level, with its parent code. */
function realBoundaries() {
  const out = new Map<string, { level: Level; parent: string; geometry: Areal }>();
  for (const level of ["fylke", "kommune", "bydel", "grunnkrets"] as const) {
    const file = JSON.parse(fs.readFileSync(new URL(`../../db/real/boundaries-${level}.geojson`, here), "utf8")) as { features: { properties: { code: string; parent: string }; geometry: Areal }[] };
    for (const f of file.features) out.set(f.properties.code, { level, parent: f.properties.parent, geometry: f.geometry });
  }
  return out;
}

describe("the built-in real boundaries (db/real) pass every check", () => {
  const real = realBoundaries();

  it("has 922 boundaries, none rejected on its own", () => {
    expect(real.size).toBe(15 + 357 + 15 + 535);
    const rejected: string[] = [];
    for (const [code, b] of real) for (const e of checkFeatureGeometry(b.geometry, b.level).errors) rejected.push(`${code}: ${e}`);
    expect(rejected).toEqual([]);
  });

  it("nests every kommune in its fylke and every bydel in Oslo within the tolerance", () => {
    const rejected: string[] = [];
    let checked = 0;
    for (const [code, b] of real) {
      const parent = real.get(b.parent);
      if (!parent) continue; // the grunnkretser are under 2018 kommuner (0219, 0220) without a boundary
      checked++;
      const problem = parentProblem(b.geometry, parent.geometry, b.parent);
      if (problem) rejected.push(`${code}: ${problem}`);
    }
    expect(checked).toBe(357 + 15);
    expect(rejected).toEqual([]);
  });

  it("stays under the grid-cell caps by a wide margin", () => {
    for (const b of real.values()) {
      const cells = tileCount(bboxOfAreal(b.geometry));
      expect(cells).toBeLessThanOrEqual(MAX_TILES[b.level] / 3);
    }
  });
});

function bboxOfAreal(g: Areal) {
  const ps = (g.type === "Polygon" ? g.coordinates.flat() : g.coordinates.flat(2)) as [number, number][];
  return { minLon: Math.min(...ps.map((p) => p[0])), maxLon: Math.max(...ps.map((p) => p[0])), minLat: Math.min(...ps.map((p) => p[1])), maxLat: Math.max(...ps.map((p) => p[1])) };
}
