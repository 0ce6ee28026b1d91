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
