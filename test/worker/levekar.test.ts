/**
 * What /levekar needs from the classifications API: each listed area's kommune and bydel (names
 * repeat between kommuner), and the areas that entered and left since the previous year with the
 * criteria that flipped, checked against the stored lists of both years. Demo data, real D1.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AreaBody } from "../../worker/api/schemas";
import { app } from "../../worker/app";
import { makeDb } from "../../worker/lib/create-app";
import { countingD1 } from "../../worker/lib/rows-read";
import { placesOf } from "../../worker/queries/analysis";
import type { Classification } from "../../worker/stats/classify";
import { seedDemo } from "./demo-seed";
import { get, recomputeNow } from "./fixtures";

type Ref = { code: string; name: string } | null;
type Listed = Classification & { name: string; kommune: Ref; bydel: Ref };
type Change = { code: string; name: string; kommune: Ref; bydel: Ref; before: { outcome: string } | null; after: { outcome: string } | null; flipped: { id: string; tier: string | null; before: { met: boolean; reason: string | null } | null; after: { met: boolean; reason: string | null } | null }[]; eligibilityChanged: boolean };
type Changes = { period: number; previous: number | null; comparable: boolean; entered: Change[]; left: Change[] };

beforeAll(async () => {
  await seedDemo();
  await recomputeNow();
}, 240_000);

const json = async <T>(path: string) => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
const list = async (query: string) => (await json<{ results: Listed[] }>(`/api/v1/classifications?${query}`)).results;

describe("GET /api/v1/classifications: where each area lies", () => {
  it("gives each listed grunnkrets its kommune and, where the kommune has bydeler, its bydel, as the area's own ancestors", async () => {
    const results = await list("period=2024&level=grunnkrets&all=true&limit=500");
    const inBydel = results.filter((r) => r.bydel !== null);
    const outside = results.filter((r) => r.bydel === null);
    expect(inBydel.length).toBeGreaterThan(0);
    expect(outside.length).toBeGreaterThan(0);
    for (const r of [...inBydel.slice(0, 8), ...outside.slice(0, 8)]) {
      const area = await json<AreaBody>(`/api/v1/areas/${r.code}`);
      const kommune = area.ancestors.find((a) => a.level === "kommune")!;
      const bydel = area.ancestors.find((a) => a.level === "bydel") ?? null;
      expect(r.kommune, r.code).toEqual({ code: kommune.code, name: kommune.name });
      expect(r.bydel, r.code).toEqual(bydel && { code: bydel.code, name: bydel.name });
    }
  });

  it("gives a listed bydel itself as its bydel and its kommune", async () => {
    const [r] = await list("ruleset=sweden_style&period=2024&level=bydel&all=true&limit=1");
    const area = await json<AreaBody>(`/api/v1/areas/${r!.code}`);
    expect(r!.bydel).toEqual({ code: r!.code, name: area.area.name });
    expect(r!.kommune!.code).toBe(area.area.parentCode);
  });

  it("reads each distinct area once (index entry and row): the listed ones and their bydeler and kommuner", async () => {
    const results = await list("period=2024&level=grunnkrets&all=true&limit=200");
    const codes = results.map((r) => r.code);
    const counter = { read: 0, written: 0, queries: 0 };
    const places = await placesOf(makeDb(countingD1(env.DB, counter)), codes);
    const parents = new Set([...places.values()].flatMap((p) => [p.kommune?.code, p.bydel?.code]).filter(Boolean));
    expect(places.size).toBe(codes.length);
    // A text primary key is an index beside the rowid table: D1 counts the index entry and the row.
    expect(counter.read).toBeLessThanOrEqual(2 * (codes.length + parents.size));
    expect(counter.queries).toBeLessThanOrEqual(Math.ceil(codes.length / 90) + Math.ceil(parents.size / 90) + 1);
  });
});

describe("GET /api/v1/classifications/changes", () => {
  const flagged = async (period: number) => new Map((await list(`period=${period}&level=grunnkrets&all=true&limit=500`)).map((r) => [r.code, r]));

  it("lists as entered the areas met this year and not the year before, and as left the reverse, as the two stored lists say", async () => {
    const body = await json<Changes>("/api/v1/classifications/changes?period=2024&level=grunnkrets");
    expect(body.previous).toBe(2023);
    expect(body.comparable).toBe(true);
    const [now, before] = await Promise.all([flagged(2024), flagged(2023)]);
    const met = (m: Map<string, Listed>) => new Set([...m.values()].filter((r) => r.met).map((r) => r.code));
    const [metNow, metBefore] = [met(now), met(before)];
    expect(body.entered.map((x) => x.code)).toEqual([...metNow].filter((c) => !metBefore.has(c)).sort());
    expect(body.left.map((x) => x.code)).toEqual([...metBefore].filter((c) => !metNow.has(c)).sort());
    expect(body.entered.length + body.left.length, "the demo's planted trends should move some areas").toBeGreaterThan(0);
  });

  it("names for each area the criteria whose result flipped, exactly those, with both years' results", async () => {
    const body = await json<Changes>("/api/v1/classifications/changes?period=2024&level=grunnkrets");
    const [now, before] = await Promise.all([flagged(2024), flagged(2023)]);
    for (const x of [...body.entered, ...body.left]) {
      const a = before.get(x.code);
      const b = now.get(x.code)!;
      expect(x.name).toBe((b ?? a)!.name);
      expect(x.kommune).toEqual(b.kommune);
      expect(x.bydel).toEqual(b.bydel);
      const expected = b.criteria
        .filter((k) => {
          const old = a?.criteria.find((o) => o.id === k.id);
          return !old || old.met !== k.met || (old.reason === null) !== (k.reason === null);
        })
        .map((k) => k.id);
      expect(x.flipped.filter((f) => f.tier === null).map((f) => f.id), x.code).toEqual(expected);
      for (const f of x.flipped.filter((f) => f.tier === null)) {
        expect(f.after?.met).toBe(b.criteria.find((k) => k.id === f.id)!.met);
        expect(f.before?.met).toBe(a?.criteria.find((k) => k.id === f.id)?.met);
      }
      // Something moved every area: a criterion, its eligibility, or it was not evaluated before.
      expect(x.flipped.length > 0 || x.eligibilityChanged || x.before === null, x.code).toBe(true);
    }
  });

  it("reads the met rows of both years, the buckets holding them once per year, and the moved areas' places", async () => {
    const path = "/api/v1/classifications/changes?period=2024&level=grunnkrets";
    const body = await json<Changes>(path);
    const res = await app.request(path, {}, { ...env, MEASURE_ROWS_READ: "true" });
    const read = Number(res.headers.get("X-D1-Rows-Read"));
    const [now, before] = await Promise.all([list("period=2024&level=grunnkrets&limit=500"), list("period=2023&level=grunnkrets&limit=500")]);
    const met = now.length + before.length;
    const moved = body.entered.length + body.left.length;
    // Pointer, rule set, previous year, two coverage rows; each met row and bucket is an index
    // entry and a row; the buckets (cards chunks) hold whole kommune subtrees: at most one per
    // met area and year; the places read each moved area and its bydel and kommune.
    expect(read).toBeGreaterThan(met);
    expect(read).toBeLessThanOrEqual(10 + 2 * met + 2 * 2 * met + 2 * 3 * moved);
    console.log(`changes route: ${read} rows read for ${met} met rows and ${moved} moved areas`);
  });

  it("has no previous year for the first year with results", async () => {
    const body = await json<Changes>("/api/v1/classifications/changes?period=2013&level=grunnkrets");
    expect(body).toMatchObject({ previous: null, comparable: false, entered: [], left: [] });
  });

  it("answers 400 naming the level when it is missing, and 404 for an unknown rule set", async () => {
    const res = await get("/api/v1/classifications/changes?period=2024");
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("level");
    expect((await get("/api/v1/classifications/changes?period=2024&level=grunnkrets&ruleset=nope")).status).toBe(404);
  });
});
