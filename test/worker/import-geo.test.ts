/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from "vitest";
import { bundledMapping } from "../../db/mappings";
import askerBaerum from "../fixtures/import/asker-baerum-excerpt.geojson?raw";
import immigrants from "../fixtures/import/immigrants-excerpt.json?raw";
import osloBydeler from "../fixtures/import/oslo-bydeler-excerpt.geojson?raw";
import { expectRejected, importText, query, seedBase } from "../fixtures/import/helpers";
import { geoMappingSchema, type Mapping } from "../../worker/import/mapping";

beforeAll(seedBase);

type Geometry = { type: "Polygon" | "MultiPolygon"; coordinates: number[][][] | number[][][][] };
const positions = (g: Geometry): number[][] => (g.type === "Polygon" ? (g.coordinates as number[][][]).flat() : (g.coordinates as number[][][][]).flat(2));
const boundary = async (code: string) => {
  const [row] = await query<{ level: string; geometry: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number; source_id: string | null }>("SELECT * FROM boundaries WHERE code = ?", code);
  return row ? { ...row, geometry: JSON.parse(row.geometry) as Geometry } : undefined;
};
const mapping = (m: object): Mapping => geoMappingSchema.parse({ format: "geo", ...m });
const square = (x: number, y: number, d: number, z?: number) => {
  const p = (a: number, b: number) => (z === undefined ? [a, b] : [a, b, z]);
  return [[p(x - d, y - d), p(x + d, y - d), p(x + d, y + d), p(x - d, y + d), p(x - d, y - d)]];
};
const featureCollection = (features: { code: unknown; coordinates: unknown; type?: string }[], extra: object = {}) =>
  JSON.stringify({ type: "FeatureCollection", ...extra, features: features.map((f) => ({ type: "Feature", properties: { nr: f.code }, geometry: { type: f.type ?? "Polygon", coordinates: f.coordinates } })) });

describe("boundary import", () => {
  it("reads Oslo's bydeler (3-D MultiPolygons, ids with a prefix), creates missing areas and stores 2-D WGS84 at 5 decimals", async () => {
    const report = await importText("oslo_bydeler.geojson", osloBydeler, { mapping: bundledMapping("oslo-bydeler") });
    expect(report.status, report.summary).toBe("applied");
    expect(report.tables.boundaries).toEqual({ added: 2, updated: 0, unchanged: 0 });
    // Gamle Oslo was known; Grünerløkka is new, under Oslo.
    expect(report.tables.areas).toEqual({ added: 1, updated: 0, unchanged: 1 });
    expect(await query("SELECT code, level, parent_code, name_nb FROM areas WHERE code = '030102'")).toEqual([{ code: "030102", level: "bydel", parent_code: "0301", name_nb: "Grünerløkka" }]);
    const gamleOslo = (await boundary("030101"))!;
    expect(gamleOslo.level).toBe("bydel");
    expect(gamleOslo.source_id).toBe("oslo-kommune");
    for (const p of positions(gamleOslo.geometry)) {
      expect(p).toHaveLength(2);
      expect(Math.round(p[0]! * 1e5) / 1e5).toBe(p[0]);
    }
    expect(gamleOslo.min_lon).toBeGreaterThan(10.6);
    expect(gamleOslo.max_lon).toBeLessThan(10.9);
    expect(gamleOslo.min_lat).toBeGreaterThan(59.8);
    expect(gamleOslo.max_lat).toBeLessThan(59.95);

    // The map's request: every child of Oslo with its shape, one query.
    const children = await query<{ code: string; geometry: string }>("SELECT a.code, b.geometry FROM areas a JOIN boundaries b ON b.code = a.code WHERE a.parent_code = '0301' AND a.valid_to IS NULL ORDER BY a.code");
    expect(children.map((c) => c.code)).toEqual(["030101", "030102"]);

    const again = await importText("oslo_bydeler.geojson", osloBydeler, { mapping: bundledMapping("oslo-bydeler") });
    expect(again.status).toBe("unchanged");
  });

  it("reprojects EPSG:25833 with a legacy crs member, then takes statistics keyed by those codes from JSON records", async () => {
    const report = await importText("ab.geojson", askerBaerum, { mapping: bundledMapping("asker-baerum-grunnkretser") });
    expect(report.status, report.summary).toBe("applied");
    expect(report.notes).toContain("reprojected from EPSG:25833 to WGS84");
    // Bærum (0219) is a pre-2020 code this database does not hold: a warning, not an error.
    expect(report.warnings.map((w) => w.text).join("\n")).toMatch(/parent 0219 of new area 02190101 is not a known area/);
    const slottet = (await boundary("02190101"))!;
    // Bærum lies around 10.5° E, 59.9° N.
    expect(slottet.min_lon).toBeGreaterThan(10.3);
    expect(slottet.max_lon).toBeLessThan(10.7);
    expect(slottet.min_lat).toBeGreaterThan(59.8);
    expect(slottet.max_lat).toBeLessThan(60.1);
    expect(await query("SELECT level, parent_code FROM areas WHERE code = '02190207'")).toEqual([{ level: "grunnkrets", parent_code: "0219" }]);

    const counts = await importText("immigrants.json", immigrants, { mapping: bundledMapping("asker-baerum-innvandrere-2018") });
    expect(counts.status, counts.summary).toBe("applied");
    expect(counts.format).toBe("records");
    expect(counts.notes).toContain("skipped rows for excluded codes: 02199999");
    expect(await query("SELECT area_code, indicator_id, value, status FROM observations WHERE area_code LIKE '0219%' ORDER BY area_code, indicator_id")).toEqual([
      { area_code: "02190101", indicator_id: "immigrants_nonwestern", value: 17, status: null },
      { area_code: "02190101", indicator_id: "immigrants_western", value: 54, status: null },
      { area_code: "02190103", indicator_id: "immigrants_nonwestern", value: 12, status: null },
      { area_code: "02190103", indicator_id: "immigrants_western", value: 70, status: null },
      // "-" in the source: suppressed, never a number.
      { area_code: "02190207", indicator_id: "immigrants_nonwestern", value: null, status: ":" },
      { area_code: "02190207", indicator_id: "immigrants_western", value: 44, status: null },
    ]);
  });

  it("reads TopoJSON with integer codes and simplifies shared borders once, so neighbours still meet", async () => {
    // Two squares side by side; their shared border (arc 0) wiggles by a few centimetres.
    const wiggle = Array.from({ length: 49 }, (_, i) => [10.5, 59.9 + (i + 1) * 0.002 + (i % 2 ? 1e-7 : -1e-7)]);
    const topo = {
      type: "Topology",
      objects: {
        kommuner: {
          type: "GeometryCollection",
          geometries: [
            { type: "Polygon", arcs: [[0, 1]], properties: { nr: 301 } },
            { type: "Polygon", arcs: [[2, ~0]], properties: { nr: 3201 } },
          ],
        },
      },
      arcs: [
        [[10.5, 59.9], ...wiggle, [10.5, 60.0]],
        [[10.5, 60.0], [10.4, 60.0], [10.4, 59.9], [10.5, 59.9]],
        [[10.5, 59.9], [10.6, 59.9], [10.6, 60.0], [10.5, 60.0]],
      ],
    };
    const report = await importText("kommuner.topojson", JSON.stringify(topo), { mapping: mapping({ level: "kommune", code: { property: "nr" } }) });
    expect(report.status, report.summary).toBe("applied");
    const oslo = positions((await boundary("0301"))!.geometry);
    const baerum = positions((await boundary("3201"))!.geometry);
    const onBorder = (ps: number[][]) => ps.filter((p) => p[0] === 10.5).map((p) => p[1]).sort();
    // The wiggles are gone, and both sides keep exactly the same border points.
    expect(oslo.length).toBeLessThan(10);
    expect(onBorder(oslo)).toEqual(onBorder(baerum));
    expect(onBorder(oslo)).toEqual([59.9, 59.9, 60]);
  });

  it("reprojects UTM zones 32 and 35 named in the mapping, from 3-D coordinates", async () => {
    // Ålesund centre 62.4723° N 6.1549° E is (353328, 6930027) in EPSG:25832.
    const alesund = await importText("alesund.geojson", featureCollection([{ code: "1508", coordinates: square(353328, 6930027, 500, 12.5) }]), { mapping: mapping({ level: "kommune", code: { property: "nr" }, crs: "EPSG:25832" }) });
    expect(alesund.status, alesund.summary).toBe("applied");
    const a = (await boundary("1508"))!;
    expect((a.min_lon + a.max_lon) / 2).toBeCloseTo(6.1549, 3);
    expect((a.min_lat + a.max_lat) / 2).toBeCloseTo(62.4723, 3);
    // Karasjok 69.4719° N 25.5114° E is (441748, 7707691) in EPSG:25835.
    await importText("karasjok.geojson", featureCollection([{ code: 5610, coordinates: square(441748, 7707691, 500) }]), { mapping: mapping({ level: "kommune", code: { property: "nr" }, crs: "EPSG:25835" }) });
    const k = (await boundary("5610"))!;
    expect((k.min_lon + k.max_lon) / 2).toBeCloseTo(25.5114, 3);
    expect((k.min_lat + k.max_lat) / 2).toBeCloseTo(69.4719, 3);
  });
});

describe("boundary rejections name the feature and leave the database unchanged", () => {
  const kommune = mapping({ level: "kommune", code: { property: "nr" } });

  it("a ring that is not closed", async () => {
    const open = [[[10.4, 59.9], [10.5, 59.9], [10.5, 60.0], [10.4, 60.0]]];
    await expectRejected(() => importText("bad.geojson", featureCollection([{ code: "5501", coordinates: square(18.9, 69.6, 0.1) }, { code: "1580", coordinates: open }]), { mapping: kommune }), /bad\.geojson, \$\.features\[1\]\.geometry: invalid geometry for 1580: ring 0 is not closed/);
  });

  it("a ring with too few positions, and a geometry that is not a polygon", async () => {
    await expectRejected(() => importText("bad.geojson", featureCollection([{ code: "1580", coordinates: [[[10.4, 59.9], [10.5, 59.9], [10.4, 59.9]]] }]), { mapping: kommune }), /\$\.features\[0\]\.geometry: invalid geometry for 1580: ring 0 has 3 positions; a ring needs at least 4/);
    await expectRejected(() => importText("bad.geojson", featureCollection([{ code: "1580", type: "Point", coordinates: [10.4, 59.9] }]), { mapping: kommune }), /invalid geometry for 1580: geometry type "Point" is not a Polygon or MultiPolygon/);
  });

  it("projected coordinates without a CRS, and an unsupported CRS", async () => {
    await expectRejected(() => importText("bad.geojson", featureCollection([{ code: "1508", coordinates: square(353328, 6930027, 500) }]), { mapping: kommune }), /invalid geometry for 1508: position \(352828, 6929527\) is not longitude\/latitude: give the file's CRS/);
    const webMercator = featureCollection([{ code: "1508", coordinates: square(685000, 8800000, 500) }], { crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::3857" } } });
    await expectRejected(() => importText("bad.geojson", webMercator, { mapping: kommune }), /bad\.geojson, \$\.crs: unsupported CRS urn:ogc:def:crs:EPSG::3857/);
  });

  it("two features with the same code, a feature without a code, an unknown area", async () => {
    await expectRejected(() => importText("bad.geojson", featureCollection([{ code: "1580", coordinates: square(6.5, 62.6, 0.1) }, { code: 1580, coordinates: square(6.7, 62.6, 0.1) }]), { mapping: kommune }), /\$\.features\[1\], column "nr": area 1580 has a second feature \(the first is \$\.features\[0\]\)/);
    await expectRejected(() => importText("bad.geojson", featureCollection([{ code: null, coordinates: square(6.5, 62.6, 0.1) }]), { mapping: kommune }), /\$\.features\[0\]\.properties, column "nr": no area code in property "nr"/);
    await expectRejected(() => importText("bad.geojson", featureCollection([{ code: "4601", coordinates: square(5.3, 60.4, 0.1) }]), { mapping: kommune }), /\$\.features\[0\]: unknown area code 4601/);
  });
});

describe("geometry checks reject shapes no Norwegian area can have, naming file, feature and area, and write nothing", () => {
  const kommune = mapping({ level: "kommune", code: { property: "nr" } });
  const grunnkrets = mapping({ level: "grunnkrets", code: { property: "nr" } });
  const WORLD = [[[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]];
  // Two triangles meeting where the ring crosses itself at (18.9, 69.65).
  const BOW_TIE = [[[18.8, 69.6], [19.0, 69.7], [19.0, 69.6], [18.8, 69.7], [18.8, 69.6]]];

  it("a whole-world polygon as a grunnkrets: outside Norway, larger than any grunnkrets, millions of grid cells", async () => {
    const report = await expectRejected(
      () => importText("world.geojson", featureCollection([{ code: "03010102", coordinates: square(10.76, 59.91, 0.002) }, { code: "03010101", coordinates: WORLD }]), { mapping: grunnkrets }),
      /world\.geojson, \$\.features\[1\]\.geometry: invalid geometry for 03010101: lies outside Norway/,
    );
    const texts = report.errors.map((e) => e.text);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toMatch(/\$\.features\[1\]\.geometry: invalid geometry for 03010101: encloses 510,\d{3},\d{3} km², more than any grunnkrets can \(at most 20,000 km²\)/);
    expect(texts[2]).toMatch(/\$\.features\[1\]\.geometry: invalid geometry for 03010101: its box covers 6,485,401 cells of the locate grid, more than a grunnkrets may \(2,000\)/);
    expect(report.summary).toMatch(/^world\.geojson: rejected, nothing was written \(3 errors/);
  });

  it("a self-crossing (bow-tie) ring", async () => {
    await expectRejected(
      () => importText("bowtie.geojson", featureCollection([{ code: "5501", coordinates: BOW_TIE }]), { mapping: kommune }),
      /bowtie\.geojson, \$\.features\[0\]\.geometry: invalid geometry for 5501: ring 0 crosses itself near \(18\.9, 69\.65\) \(segments 0 and 2\); the loops of its crossings change 1\.0e\+2 % of the area/,
    );
    // A bow-tie as the second part of a MultiPolygon is named by part.
    const multi = featureCollection([{ code: "5501", type: "MultiPolygon", coordinates: [square(18.5, 69.6, 0.05), BOW_TIE] }]);
    await expectRejected(() => importText("bowtie.geojson", multi, { mapping: kommune }), /invalid geometry for 5501: polygon 1, ring 0 crosses itself near \(18\.9, 69\.65\)/);
  });

  it("an unclosed ring, and a hole that is not closed", async () => {
    const open = [[[10.4, 59.9], [10.5, 59.9], [10.5, 60.0], [10.4, 60.0]]];
    await expectRejected(() => importText("open.geojson", featureCollection([{ code: "1580", coordinates: open }]), { mapping: kommune }), /open\.geojson, \$\.features\[0\]\.geometry: invalid geometry for 1580: ring 0 is not closed/);
    const hole = [...square(6.5, 62.6, 0.1), [[6.45, 62.55], [6.55, 62.55], [6.55, 62.65], [6.45, 62.65]]];
    await expectRejected(() => importText("open.geojson", featureCollection([{ code: "1580", coordinates: hole }]), { mapping: kommune }), /invalid geometry for 1580: ring 1 is not closed/);
  });

  it("degenerate rings: points on a line, one repeated point, infinite coordinates", async () => {
    const line = [[[6.4, 62.5], [6.5, 62.6], [6.6, 62.7], [6.4, 62.5]]];
    await expectRejected(() => importText("flat.geojson", featureCollection([{ code: "1580", coordinates: line }]), { mapping: kommune }), /flat\.geojson, \$\.features\[0\]\.geometry: invalid geometry for 1580: ring 0 encloses no area \(its positions lie on one line\)/);
    const point = [[[6.4, 62.5], [6.4, 62.5], [6.4, 62.5], [6.4, 62.5]]];
    await expectRejected(() => importText("flat.geojson", featureCollection([{ code: "1580", coordinates: point }]), { mapping: kommune }), /invalid geometry for 1580: ring 0 has 1 distinct position; a ring needs at least 3 corners/);
    // JSON has no NaN, but 1e999 parses as Infinity.
    const infinite = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nr":"1580"},"geometry":{"type":"Polygon","coordinates":[[[6.4,62.5],[1e999,62.5],[6.5,62.6],[6.4,62.5]]]}}]}`;
    await expectRejected(() => importText("flat.geojson", infinite, { mapping: kommune }), /invalid geometry for 1580: ring 0 has a position that is not two numbers: \[null,62\.5\]/);
  });

  it("keeps a feature whose extra parts hold no area, dropping them with a warning", async () => {
    const islet = [[[6.7, 62.7], [6.7, 62.7], [6.7, 62.7], [6.7, 62.7]]];
    const report = await importText("islets.geojson", featureCollection([{ code: "1508", type: "MultiPolygon", coordinates: [square(6.15, 62.47, 0.05), islet] }]), { mapping: kommune });
    expect(report.status, report.summary).toBe("applied");
    expect(report.warnings.map((w) => w.text)).toContainEqual(expect.stringMatching(/islets\.geojson, \$\.features\[0\]\.geometry: geometry of 1508: dropped 1 ring that hold no area \(polygon 1, ring 0 has 1 distinct position/));
    const [row] = await query<{ geometry: string }>("SELECT geometry FROM boundaries WHERE code = '1508'");
    expect(JSON.parse(row!.geometry).type).toBe("Polygon");
  });

  it("a polygon outside Norway (Paris), also when it comes in UTM", async () => {
    await expectRejected(
      () => importText("paris.geojson", featureCollection([{ code: "1580", coordinates: square(2.35, 48.85, 0.05) }]), { mapping: kommune }),
      /paris\.geojson, \$\.features\[0\]\.geometry: invalid geometry for 1580: lies outside Norway \(its box is 2\.3–2\.4° E, 48\.8–48\.9° N; allowed: mainland 3–33° E, 57–72° N/,
    );
    // Kiruna, Sweden (67.85° N 20.22° E) in EPSG:25833: inside the mainland box, so the box alone cannot tell; the parent check below can.
    // A point in the Barents Sea far east of Norway (75° N 45° E) can: (8° E of zone 33's range, still a valid UTM position).
    const barents = featureCollection([{ code: "5610", coordinates: square(1_150_000, 8_400_000, 500) }], { crs: { type: "name", properties: { name: "EPSG:25833" } } });
    await expectRejected(() => importText("barents.geojson", barents, { mapping: kommune }), /invalid geometry for 5610: lies outside Norway/);
  });

  it("a child outside its parent, or larger than it; a child that sticks out a little is kept", async () => {
    const haram = await importText("haram.geojson", featureCollection([{ code: "1580", coordinates: square(6.5, 62.6, 0.1) }]), { mapping: kommune });
    expect(haram.status, haram.summary).toBe("applied");
    const kretser = mapping({ level: "grunnkrets", code: { property: "nr" }, createAreas: { name: "navn", parent: { prefix: 4 }, validFrom: "2024-01-01" } });
    const file = (features: { code: string; coordinates: unknown }[]) =>
      JSON.stringify({ type: "FeatureCollection", features: features.map((f) => ({ type: "Feature", properties: { nr: f.code, navn: `Krets ${f.code}` }, geometry: { type: "Polygon", coordinates: f.coordinates } })) });

    const report = await expectRejected(
      () =>
        importText(
          "kretser.geojson",
          file([
            { code: "15800101", coordinates: square(6.5, 62.6, 0.01) },
            // In Oslo, filed under Haram.
            { code: "15800102", coordinates: square(10.75, 59.91, 0.01) },
            // Around all of Haram and more.
            { code: "15800103", coordinates: square(6.5, 62.6, 0.2) },
          ]),
          { mapping: kretser },
        ),
      /kretser\.geojson, \$\.features\[1\]\.geometry: invalid geometry for 15800102: only 0\.0 % of it lies inside its parent 1580 \(at least 50\.0 % must\)/,
    );
    expect(report.errors.map((e) => e.text)).toEqual([
      expect.stringMatching(/\$\.features\[1\]\.geometry: invalid geometry for 15800102: only 0\.0 % of it lies inside its parent 1580/),
      expect.stringMatching(/\$\.features\[2\]\.geometry: invalid geometry for 15800103: it encloses \d+\.\d km², more than its parent 1580 \(\d+\.\d km²; at most ×1\.05 is tolerated\)/),
    ]);

    // Boundaries from different sources do not nest exactly: a third outside is tolerated.
    const edge = await importText("kretser.geojson", file([{ code: "15800104", coordinates: [[[6.56, 62.55], [6.62, 62.55], [6.62, 62.56], [6.56, 62.56], [6.56, 62.55]]] }]), { mapping: kretser });
    expect(edge.status, edge.summary).toBe("applied");
  });

  it("lists every rejected feature of a file in the report", async () => {
    const report = await expectRejected(
      () =>
        importText(
          "many.geojson",
          featureCollection([
            { code: "1508", coordinates: square(6.15, 62.47, 0.05) },
            { code: "0301", coordinates: WORLD },
            { code: "5501", coordinates: BOW_TIE },
            { code: "1580", coordinates: [[[6.4, 62.5], [6.5, 62.6], [6.6, 62.7], [6.4, 62.5]]] },
            { code: "5610", coordinates: square(2.35, 48.85, 0.05) },
          ]),
          { mapping: kommune },
        ),
      /many\.geojson/,
    );
    expect([...new Set(report.errors.map((e) => e.path))]).toEqual(["$.features[1].geometry", "$.features[2].geometry", "$.features[3].geometry", "$.features[4].geometry"]);
    expect(report.rows.rejected).toBe(report.errorCount);
  });
});
