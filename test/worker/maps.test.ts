import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ChildrenResponse, LocateResponse } from "../../worker/api/schemas";
import { get, recomputeNow, seed, SHAPES } from "./fixtures";

beforeAll(async () => {
  await seed();
  await recomputeNow();
});

describe("GET /api/v1/areas/:code/children", () => {
  it("gives every child's value for the latest period with data, and their shapes with attribution", async () => {
    const res = await get("/api/v1/areas/030101/children?indicator=low_income_persistent");
    expect(res.status).toBe(200);
    const body = (await res.json()) as ChildrenResponse;
    expect(body.period).toBe(2024);
    expect(body.children).toEqual([
      { code: "03010101", level: "grunnkrets", name: "Grønland", value: 50.7, status: null },
      // Suppressed stays suppressed on the map too.
      { code: "03010102", level: "grunnkrets", name: "Tøyen", value: null, status: ":" },
      { code: "03010103", level: "grunnkrets", name: "Vålerenga", value: null, status: ":" },
    ]);
    expect(body.geometry?.features.map((f) => f.id)).toEqual(["03010101", "03010102", "03010103"]);
    expect(body.geometry?.features[0]!.geometry).toEqual(SHAPES["03010101"]);
    expect(body.attribution).toBe("© Kartverket, CC BY 4.0");
  });

  it("takes a period, and says which periods exist when it has none", async () => {
    const ok = (await (await get("/api/v1/areas/030101/children?indicator=low_income_persistent&period=2016")).json()) as ChildrenResponse;
    expect(ok.children[0]!.value).toBe(29.3);
    const res = await get("/api/v1/areas/030101/children?indicator=low_income_persistent&period=1990");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { details: { periods: number[] } } }).error.details.periods).toContain(2024);
  });

  it("answers children without boundaries with geometry null, and 404/400 for bad input", async () => {
    const fylke = (await (await get("/api/v1/areas/56/children?indicator=low_income_persistent")).json()) as ChildrenResponse;
    expect(fylke.geometry).toBeNull();
    expect((await get("/api/v1/areas/9999/children?indicator=low_income_persistent")).status).toBe(404);
    expect((await get("/api/v1/areas/0301/children")).status).toBe(400);
  });
});

describe("GET /api/v1/locate", () => {
  it("finds the areas at every level that contain a point, coarsest first", async () => {
    const res = await get("/api/v1/locate?lat=59.9&lon=10.72");
    expect(res.status).toBe(200);
    const body = (await res.json()) as LocateResponse;
    expect(body.areas.map((a) => a.code)).toEqual(["03", "0301", "030101", "03010101"]);
  });

  it("answers 404 outside Norway and 400 for impossible coordinates", async () => {
    expect((await get("/api/v1/locate?lat=48.85&lon=2.35")).status).toBe(404);
    const bad = await get("/api/v1/locate?lat=95&lon=10");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^query\.lat/);
  });
});

describe("the locate index with a boundary stored before the import checked sizes", () => {
  it("leaves a whole-world polygon out of the grid instead of writing millions of cells, and locate stays right", async () => {
    // As a database filled before the geometry checks could hold it: written directly, not imported.
    const world = { type: "Polygon", coordinates: [[[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]] };
    await env.DB.prepare("INSERT INTO boundaries (code, level, geometry, min_lon, min_lat, max_lon, max_lat, source_id) VALUES ('55010101', 'grunnkrets', ?, -180, -90, 180, 90, 'test-geo')")
      .bind(JSON.stringify(world))
      .run();
    const { version } = await recomputeNow();
    const count = async (code: string) => (await env.DB.prepare("SELECT COUNT(*) AS n FROM locate_tiles WHERE snapshot = ? AND code = ?").bind(version, code).first<{ n: number }>())!.n;
    expect(await count("55010101")).toBe(0);
    // Tromsø's own 1° × 0.5° box still gets its cells: 11 × 6, as the cells its edges touch count too.
    expect(await count("5501")).toBe(66);
    expect((await get("/api/v1/locate?lat=48.85&lon=2.35")).status).toBe(404);
    const oslo = (await (await get("/api/v1/locate?lat=59.9&lon=10.72")).json()) as LocateResponse;
    expect(oslo.areas.map((a) => a.code)).toEqual(["03", "0301", "030101", "03010101"]);
  });
});
