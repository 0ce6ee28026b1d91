import { describe, expect, it } from "vitest";
import { type BoundaryRow, generateDemo, generateDemoStream, KARTVERKET_SOURCE, SYNTHETIC_GEOMETRY_SOURCE } from "../../db/demo/dataset";
import { rng } from "../../db/demo/random";
import { type Areal, areaKm2, tile } from "../../db/demo/tiling";
import type { NewArea } from "../../db/schema";
import { checkFeatureGeometry, parentProblem } from "../../worker/import/boundary-checks";
import { bboxOf, containsPoint } from "../../worker/stats/geo";

// test/stats is type-checked with the worker's types (no @types/node): the node built-ins the size
// check needs are imported untyped and given the little shape used here (as in demo.test.ts).
type Fs = { readFileSync(path: URL): Uint8Array };
type Zlib = { gzipSync(data: Uint8Array): Uint8Array };
const fs: Fs = await import(/* @vite-ignore */ "node:fs" as string);
const zlib: Zlib = await import(/* @vite-ignore */ "node:zlib" as string);
const here = (import.meta as unknown as { url: string }).url;

const demo = generateDemo({ scale: "demo" });
const shapes = new Map(demo.boundaries.map((b) => [b.code, b]));
const geometry = (code: string) => JSON.parse(shapes.get(code)!.geometry) as Areal;
const areaByCode = new Map(demo.areas.map((a) => [a.code, a]));
const childrenOf = (areas: readonly NewArea[]) => {
  const out = new Map<string, string[]>();
  for (const a of areas) if (a.parentCode && !a.validTo) out.set(a.parentCode, [...(out.get(a.parentCode) ?? []), a.code]);
  return out;
};
const children = childrenOf(demo.areas);
const polygonsOf = (g: Areal) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);

const relDiff = (a: number, b: number) => Math.abs(a - b) / b;

/** Seeded points inside a shape (rejection sampling in its bounding box). */
function pointsIn(g: Areal, n: number, key: string): [number, number][] {
  const r = rng("test", key);
  const b = bboxOf(g);
  const out: [number, number][] = [];
  while (out.length < n) {
    const p: [number, number] = [b.minLon + r.next() * (b.maxLon - b.minLon), b.minLat + r.next() * (b.maxLat - b.minLat)];
    if (containsPoint(g, ...p)) out.push(p);
  }
  return out;
}

describe("tile", () => {
  // Shapes in degrees near Oslo: a box with a lake, two islands, and a ring that loops around a
  // small square a second time (even-odd counts that square outside, non-zero inside).
  const at = (x: number, y: number) => [10 + x / 10, 59 + y / 10];
  const square = (x0: number, y0: number, x1: number, y1: number) => [at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)];
  const lake: Areal = { type: "Polygon", coordinates: [square(0, 0, 10, 10), square(3, 3, 6, 5)] };
  const islands: Areal = { type: "MultiPolygon", coordinates: [[square(0, 0, 4, 10)], [square(6, 2, 10, 6)]] };
  const twice: Areal = { type: "Polygon", coordinates: [[...square(0, 0, 10, 10), ...square(2, 2, 5, 5), at(0, 0)]] };
  // [name, parent, the same region as a valid polygon]
  const cases: [string, Areal, Areal][] = [
    ["a box with a lake", lake, lake],
    ["two islands", islands, islands],
    ["a ring that winds twice around a square", twice, { type: "Polygon", coordinates: [square(0, 0, 10, 10), square(2, 2, 5, 5)] }],
  ];

  it.each(cases)("splits %s into pieces that cover exactly what containsPoint counts as inside", (name, parent, region) => {
    const pieces = tile(parent, 7, rng("tile", name).next, name);
    expect(pieces).toHaveLength(7);
    for (let x = 0.05; x < 10; x += 0.1) {
      for (let y = 0.05; y < 10; y += 0.1) {
        const [lon, lat] = at(x, y) as [number, number];
        const hits = pieces.filter((p) => containsPoint(p, lon, lat)).length;
        expect(hits, `${name} (${x}, ${y})`).toBe(containsPoint(parent, lon, lat) ? 1 : 0);
      }
    }
    const sum = pieces.reduce((s, p) => s + areaKm2(p), 0);
    expect(relDiff(sum, areaKm2(region))).toBeLessThan(1e-9);
  });

  it("depends only on the random stream, and returns the parent itself for one piece", () => {
    expect(tile(lake, 5, rng("a").next, "x")).toEqual(tile(lake, 5, rng("a").next, "x"));
    expect(tile(lake, 5, rng("b").next, "x")).not.toEqual(tile(lake, 5, rng("a").next, "x"));
    expect(tile(lake, 1, rng("a").next, "x")).toEqual([lake]);
  });
});

describe("demo boundaries: coverage and sources", () => {
  it("gives every current fylke, kommune, bydel and grunnkrets one boundary, and retired codes none", () => {
    const current = demo.areas.filter((a) => a.level !== "country" && !a.validTo);
    expect(demo.boundaries.map((b) => b.code).sort()).toEqual(current.map((a) => a.code).sort());
    for (const b of demo.boundaries) expect(b.level, b.code).toBe(areaByCode.get(b.code)!.level);
    for (const code of ["1504", "1507", "1534", "0"]) expect(shapes.has(code), code).toBe(false);
    expect(new Set(demo.boundaries.map((b) => b.level))).toEqual(new Set(["fylke", "kommune", "bydel", "grunnkrets"]));
  });

  it("credits Kartverket (CC BY 4.0) for the real shapes and labels the invented ones synthetic", () => {
    expect(demo.sources).toEqual([KARTVERKET_SOURCE, SYNTHETIC_GEOMETRY_SOURCE]);
    expect(KARTVERKET_SOURCE).toMatchObject({ publisher: "Kartverket", licence: "CC BY 4.0" });
    expect(SYNTHETIC_GEOMETRY_SOURCE.name).toMatch(/synthetic demo geometry – not real boundaries/i);
    for (const b of demo.boundaries) {
      const real = b.level === "fylke" || b.level === "kommune";
      expect(b.sourceId, b.code).toBe(real ? KARTVERKET_SOURCE.id : SYNTHETIC_GEOMETRY_SOURCE.id);
    }
  });

  it("stores closed Polygon or MultiPolygon rings in WGS84 with their bounding box", () => {
    for (const b of demo.boundaries) {
      const g = JSON.parse(b.geometry) as Areal;
      expect(["Polygon", "MultiPolygon"]).toContain(g.type);
      let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
      for (const rings of polygonsOf(g)) {
        for (const ring of rings) {
          expect(ring.length, b.code).toBeGreaterThanOrEqual(4);
          expect(ring[0], b.code).toEqual(ring[ring.length - 1]);
          for (const [lon, lat] of ring) {
            [minLon, maxLon, minLat, maxLat] = [Math.min(minLon, lon!), Math.max(maxLon, lon!), Math.min(minLat, lat!), Math.max(maxLat, lat!)];
          }
        }
      }
      expect({ minLon: b.minLon, minLat: b.minLat, maxLon: b.maxLon, maxLat: b.maxLat }, b.code).toEqual({ minLon, minLat, maxLon, maxLat });
      // Mainland Norway with Finnmark's east; Svalbard is not a kommune.
      expect(minLon > 4 && maxLon < 32 && minLat > 57.9 && maxLat < 71.3, b.code).toBe(true);
    }
  });

  it("rounds the real shapes to 5 decimals, as the boundary importer stores them", () => {
    for (const b of demo.boundaries.filter((r) => r.sourceId === KARTVERKET_SOURCE.id)) {
      expect(b.geometry.match(/\d\.\d{6,}/), b.code).toBeNull();
    }
  });

  it("keeps the committed Kartverket file under 200 KB gzipped (the budget is 300 KB)", () => {
    const file = fs.readFileSync(new URL("../../db/demo/boundaries/fylker-kommuner.topo.json", here));
    expect(zlib.gzipSync(file).length).toBeLessThan(200 * 1024);
  });
});

describe("demo boundaries: the real fylker and kommuner", () => {
  const containing = (level: BoundaryRow["level"], lon: number, lat: number) =>
    demo.boundaries.filter((b) => b.level === level && containsPoint(JSON.parse(b.geometry) as Areal, lon, lat)).map((b) => b.code);

  it.each([
    ["Oslo sentrum", 10.752, 59.913, "03", "0301"],
    ["Tromsø", 18.956, 69.649, "55", "5501"],
    ["Bergen sentrum", 5.324, 60.393, "46", "4601"],
    ["Karasjok", 25.51, 69.472, "56", "5610"],
  ])("finds %s in exactly one fylke and one kommune", (_, lon, lat, fylke, kommune) => {
    expect(containing("fylke", lon, lat)).toEqual([fylke]);
    expect(containing("kommune", lon, lat)).toEqual([kommune]);
  });

  it("tiles every fylke with its kommuner: equal area, and each sampled point in exactly one", () => {
    for (const f of demo.areas.filter((a) => a.level === "fylke")) {
      const kids = children.get(f.code)!;
      const sum = kids.reduce((s, k) => s + areaKm2(geometry(k)), 0);
      expect(relDiff(sum, areaKm2(geometry(f.code))), f.code).toBeLessThan(1e-9);
      for (const [lon, lat] of pointsIn(geometry(f.code), 40, f.code)) {
        expect(kids.filter((k) => containsPoint(geometry(k), lon, lat)), `${f.code} ${lon} ${lat}`).toHaveLength(1);
      }
    }
  });
});

describe("demo boundaries: synthetic bydeler and grunnkretser", () => {
  const synthetic = demo.areas.filter((a) => a.level === "bydel" || a.level === "grunnkrets");
  const parents = [...new Set(synthetic.map((a) => a.parentCode!))];

  it("covers each parent exactly: the children's areas add up to the parent's", () => {
    expect(parents.length).toBe(6 + 34);
    for (const p of parents) {
      const sum = children.get(p)!.reduce((s, k) => s + areaKm2(geometry(k)), 0);
      // Bergen's source ring crosses itself, so its shoelace area is not quite what it covers.
      const tolerance = areaByCode.get(p)!.level === "kommune" ? 1e-3 : 1e-9;
      expect(relDiff(sum, areaKm2(geometry(p))), p).toBeLessThan(tolerance);
    }
  });

  it("keeps every bydel and grunnkrets inside its parent", () => {
    for (const a of synthetic) {
      const own = shapes.get(a.code)!;
      const parent = shapes.get(a.parentCode!)!;
      expect(own.minLon >= parent.minLon && own.maxLon <= parent.maxLon && own.minLat >= parent.minLat && own.maxLat <= parent.maxLat, a.code).toBe(true);
      for (const [lon, lat] of pointsIn(geometry(a.code), 10, a.code)) {
        expect(containsPoint(geometry(a.parentCode!), lon, lat), `${a.code} ${lon} ${lat}`).toBe(true);
      }
    }
  });

  it("locates random points in a kommune in exactly one of its grunnkretser, inside exactly one bydel", () => {
    const kommuner = parents.filter((p) => areaByCode.get(p)!.level === "kommune");
    expect(kommuner.sort()).toEqual(["0301", "1103", "4601", "5001", "5501", "5610"]);
    for (const k of kommuner) {
      const bydeler = children.get(k)!.filter((c) => areaByCode.get(c)!.level === "bydel");
      const grunnkretser = synthetic.filter((a) => a.level === "grunnkrets" && a.code.startsWith(k)).map((a) => a.code);
      for (const [lon, lat] of pointsIn(geometry(k), 1000, k)) {
        const at = `${k} ${lon} ${lat}`;
        const gk = grunnkretser.filter((c) => containsPoint(geometry(c), lon, lat));
        expect(gk, at).toHaveLength(1);
        if (bydeler.length === 0) continue;
        const bydel = bydeler.filter((c) => containsPoint(geometry(c), lon, lat));
        expect(bydel, at).toEqual([areaByCode.get(gk[0]!)!.parentCode]);
      }
    }
  });

  it("makes pieces of similar size, none a sliver", () => {
    for (const p of parents) {
      const areas = children.get(p)!.map((c) => areaKm2(geometry(c)));
      const mean = areas.reduce((s, x) => s + x, 0) / areas.length;
      expect(Math.min(...areas) / mean, p).toBeGreaterThan(0.05);
    }
  });
});

describe("demo boundaries pass the importer's geometry checks", () => {
  it("rejects none of them, on their own or against their parents", () => {
    const rejected: string[] = [];
    for (const b of demo.boundaries) {
      const area = areaByCode.get(b.code)!;
      for (const e of checkFeatureGeometry(geometry(b.code), area.level).errors) rejected.push(`${b.code}: ${e}`);
      if (area.parentCode && shapes.has(area.parentCode)) {
        const problem = parentProblem(geometry(b.code), geometry(area.parentCode), area.parentCode);
        if (problem) rejected.push(`${b.code}: ${problem}`);
      }
    }
    expect(demo.boundaries.length).toBeGreaterThan(100);
    expect(rejected).toEqual([]);
  });
});

describe("demo boundaries at national scale", () => {
  it("gives all ~14,000 current areas a boundary, each kommune tiled exactly by its sub-areas", { timeout: 180_000 }, () => {
    const national = generateDemoStream({ scale: "national" });
    const rows = new Map<string, Areal>();
    for (const b of national.boundaries) rows.set(b.code, JSON.parse(b.geometry) as Areal);
    const current = national.areas.filter((a) => a.level !== "country" && !a.validTo);
    expect(rows.size).toBe(current.length);
    expect(current.every((a) => rows.has(a.code))).toBe(true);
    const kids = childrenOf(national.areas);
    for (const a of current.filter((x) => x.level === "kommune" || x.level === "bydel")) {
      const codes = kids.get(a.code);
      if (!codes) continue;
      const sum = codes.reduce((s, c) => s + areaKm2(rows.get(c)!), 0);
      // Kommuner whose source rings cross themselves or overlap (1818 Herøy most) measure up to 0.6 % off.
      expect(relDiff(sum, areaKm2(rows.get(a.code)!)), a.code).toBeLessThan(a.level === "kommune" ? 0.01 : 1e-9);
    }
    // Exact in the locate endpoint's terms even where the source rings are irregular.
    for (const k of ["1818", "4601", "5037", "4206", "1573", "5501"]) {
      const gk = current.filter((a) => a.level === "grunnkrets" && a.code.startsWith(k)).map((a) => a.code);
      for (const [lon, lat] of pointsIn(rows.get(k)!, 300, k)) {
        expect(gk.filter((c) => containsPoint(rows.get(c)!, lon, lat)), `${k} ${lon} ${lat}`).toHaveLength(1);
      }
    }
  });
});
