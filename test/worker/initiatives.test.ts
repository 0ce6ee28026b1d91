import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_INITIATIVES } from "../../db/initiatives";
import { areas, initiatives, type NewArea } from "../../db/schema";
import type { InitiativeDetail, InitiativeList } from "../../worker/api/initiatives";
import { ensureShippedInitiatives } from "../../worker/jobs/initiatives";
import { makeDb } from "../../worker/lib/create-app";
import { ADMIN, get, recomputeNow, seed } from "./fixtures";

const db = makeDb(env.DB);

/** Oslo's bydeler as the real data has them (the fixtures hold only Gamle Oslo). */
const OSLO_BYDELER: [string, string][] = [
  ["030102", "Grünerløkka"], ["030103", "Sagene"], ["030104", "St.Hanshaugen"], ["030105", "Frogner"], ["030106", "Ullern"],
  ["030107", "Vestre Aker"], ["030108", "Nordre Aker"], ["030109", "Bjerke"], ["030110", "Grorud"], ["030111", "Stovner"],
  ["030112", "Alna"], ["030113", "Østensjø"], ["030114", "Nordstrand"], ["030115", "Søndre Nordstrand"],
];

function send(method: string, path: string, body?: unknown, headers: Record<string, string> = ADMIN) {
  return exports.default.fetch(
    new Request(`http://localhost${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
}

const registry = () => db.select().from(initiatives).orderBy(initiatives.id).all();

const valid = { name: "Testløftet", kommune: "0301", areas: ["030104", "030105"], startYear: 2018, endYear: 2022, url: "https://www.oslo.kommune.no/", example: false, synthetic: false, note: null };

beforeAll(async () => {
  await seed();
  await db.insert(areas).values(OSLO_BYDELER.map(([code, nameNb]): NewArea => ({ code, level: "bydel", parentCode: "0301", nameNb, validFrom: "2004-01-01" })));
  await recomputeNow();
}, 120_000);

describe("seeding the shipped registry (db/initiatives)", () => {
  it("seeds the documented examples whose areas the database holds, and no synthetic ones on real areas", async () => {
    const ids = (await registry()).map((r) => r.id);
    expect(ids).toEqual(EXAMPLE_INITIATIVES.map((i) => i.id).sort());
    const grorud = (await registry()).find((r) => r.id === "groruddalssatsingen")!;
    expect(grorud).toMatchObject({ kommune: "0301", areas: ["030109", "030110", "030111", "030112"], startYear: 2007, example: true, synthetic: false, deleted: false });
    expect(grorud.url).toMatch(/^https:\/\/www\.oslo\.kommune\.no\//);
  });

  it("skips an initiative whose areas are missing or of the wrong kind", async () => {
    const seeded = await ensureShippedInitiatives(db, new Date(), [
      { ...EXAMPLE_INITIATIVES[0]!, id: "missing-area", areas: ["030188"] },
      { ...EXAMPLE_INITIATIVES[0]!, id: "wrong-kind", example: false, synthetic: true },
    ]);
    expect(seeded).toEqual([]);
    expect((await registry()).map((r) => r.id)).not.toContain("missing-area");
  });

  it("never brings back an entry an admin deleted, nor overwrites one an admin edited", async () => {
    const id = "handlingsprogram-oslo-indre-ost";
    expect((await send("DELETE", `/api/admin/initiatives/${id}`)).status).toBe(200);
    const edited = await send("PUT", "/api/admin/initiatives/oslo-sor-satsingen", { ...valid, name: "Oslo sør (edited)", areas: ["030115"], startYear: 2008, endYear: null });
    expect(edited.status).toBe(200);
    expect(await ensureShippedInitiatives(db, new Date())).toEqual([]);
    const rows = await registry();
    expect(rows.find((r) => r.id === id)!.deleted).toBe(true);
    expect(rows.find((r) => r.id === "oslo-sor-satsingen")!.name).toBe("Oslo sør (edited)");
    expect((await get(`/api/v1/initiatives/${id}`)).status).toBe(404);
  });
});

describe("PUT and DELETE /api/admin/initiatives/{id}", () => {
  it("refuses without the admin token", async () => {
    expect((await send("PUT", "/api/admin/initiatives/x-test", valid, {})).status).toBe(401);
    expect((await send("DELETE", "/api/admin/initiatives/groruddalssatsingen", undefined, { Authorization: "Bearer wrong" })).status).toBe(401);
    expect((await registry()).map((r) => r.id)).not.toContain("x-test");
  });

  it("creates (201), replaces (200) and deletes (200, then 404) an entry, each with a new revision", async () => {
    const created = await send("PUT", "/api/admin/initiatives/x-test", valid);
    expect(created.status).toBe(201);
    const first = (await created.json()) as { revision: number; areas: string[] };
    expect(first.areas).toEqual(valid.areas);
    const replaced = await send("PUT", "/api/admin/initiatives/x-test", { ...valid, endYear: null });
    expect(replaced.status).toBe(200);
    const second = (await replaced.json()) as { revision: number; endYear: number | null };
    expect(second.endYear).toBeNull();
    expect(second.revision).toBeGreaterThan(first.revision);
    const deleted = await send("DELETE", "/api/admin/initiatives/x-test");
    expect(deleted.status).toBe(200);
    expect(((await deleted.json()) as { revision: number }).revision).toBeGreaterThan(second.revision);
    expect((await send("DELETE", "/api/admin/initiatives/x-test")).status).toBe(404);
    // A deleted id may be stored again: it is created anew.
    expect((await send("PUT", "/api/admin/initiatives/x-test", valid)).status).toBe(201);
    expect((await send("DELETE", "/api/admin/initiatives/x-test")).status).toBe(200);
  });

  const cases: [string, unknown, string][] = [
    ["an end before the start", { ...valid, endYear: 2001 }, "body.endYear"],
    ["an unknown area code", { ...valid, areas: ["030104", "030177"] }, "body.areas"],
    ["an area outside the kommune", { ...valid, areas: ["460101"] }, "body.areas"],
    ["areas of mixed levels", { ...valid, areas: ["030104", "03010101"] }, "body.areas"],
    ["an unknown kommune", { ...valid, kommune: "0399", areas: ["039901"] }, "body.kommune"],
    ["real areas marked synthetic", { ...valid, synthetic: true }, "body.synthetic"],
    ["a missing name", { ...valid, name: undefined }, "body.name"],
    ["a link that is not a web address", { ...valid, url: "javascript:alert(1)" }, "body.url"],
    ["an unknown field", { ...valid, budget: 276 }, "body"],
  ];
  for (const [what, body, field] of cases) {
    it(`answers 400 naming ${field} for ${what}, and writes nothing`, async () => {
      const before = await registry();
      const res = await send("PUT", "/api/admin/initiatives/groruddalssatsingen", body);
      expect(res.status).toBe(400);
      const err = (await res.json()) as { error: { message: string; details: { field: string }[] } };
      expect(err.error.details.map((d) => d.field)).toContain(field);
      expect(err.error.message).toContain(field);
      expect(await registry()).toEqual(before);
    });
  }

  it("answers 400 naming the id for an id that is not one", async () => {
    const res = await send("PUT", "/api/admin/initiatives/Not%20an%20id", valid);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^param\.id/);
  });

  it("refuses a body that is not JSON (415) or not well-formed (400), writing nothing", async () => {
    const before = await registry();
    const text = await exports.default.fetch(new Request("http://localhost/api/admin/initiatives/x-test", { method: "PUT", headers: { ...ADMIN, "Content-Type": "text/plain" }, body: "name=x" }));
    expect([400, 415]).toContain(text.status);
    const broken = await exports.default.fetch(new Request("http://localhost/api/admin/initiatives/x-test", { method: "PUT", headers: { ...ADMIN, "Content-Type": "application/json" }, body: "{" }));
    expect(broken.status).toBe(400);
    expect(await registry()).toEqual(before);
  });
});

describe("GET /api/v1/initiatives", () => {
  it("lists the registry with area names, examples marked as such", async () => {
    const res = await get("/api/v1/initiatives");
    expect(res.status).toBe(200);
    expect(res.headers.get("ETag")).toBeTruthy();
    const body = (await res.json()) as InitiativeList;
    const grorud = body.initiatives.find((i) => i.id === "groruddalssatsingen")!;
    expect(grorud.areas.map((a) => a.name)).toEqual(["Bjerke", "Grorud", "Stovner", "Alna"]);
    expect(grorud.kommune).toEqual({ code: "0301", level: "kommune", name: "Oslo" });
    expect(grorud.example).toBe(true);
    expect(body.initiatives.map((i) => i.id)).not.toContain("handlingsprogram-oslo-indre-ost");
  });

  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    expect((await get("/api/v1/initiatives/no-such-thing")).status).toBe(404);
    expect((await get("/api/v1/initiatives/%3Cb%3E")).status).toBe(400);
  });

  it("says, per indicator, why no follow-up can be made where the areas have no figures", async () => {
    const res = await get("/api/v1/initiatives/groruddalssatsingen");
    expect(res.status).toBe(200);
    const body = (await res.json()) as InitiativeDetail;
    // The fixtures have figures for Gamle Oslo only among the bydeler: nothing to follow up here.
    expect(body.followUp.every((f) => f.status === "not_estimable")).toBe(true);
    expect(body.method).toMatchObject({ preYears: 5, k: 3, replicates: 2000, pool: "country" });
  });

  it("appears in the OpenAPI document", async () => {
    const doc = (await (await get("/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/api/v1/initiatives/{id}"]!)).toContain("get");
    expect(Object.keys(doc.paths["/api/admin/initiatives/{id}"]!).sort()).toEqual(["delete", "put"]);
  });
});

describe("registry rows", () => {
  it("keep areas as a JSON array of codes", async () => {
    const row = await db.select().from(initiatives).where(eq(initiatives.id, "groruddalssatsingen")).get();
    expect(Array.isArray(row!.areas)).toBe(true);
  });
});
