import { beforeAll, describe, expect, it } from "vitest";
import { PLANTED_BYDELER } from "../../db/demo/dataset";
import type { SegregationBody } from "../../worker/api/schemas";
import { SEGREGATION_REPLICATES } from "../../worker/jobs/groupings";
import type { Classification } from "../../worker/stats/classify";
import { ADMIN, get, recomputeNow } from "./fixtures";
import { seedDemo } from "./demo-seed";
import { exports } from "cloudflare:workers";

beforeAll(async () => {
  await seedDemo();
  await recomputeNow();
}, 240_000);

type Seg = SegregationBody & { snapshot: number };
type Listed = { ruleSet: { id: string; version: number }; results: Classification[] };

describe("GET /api/v1/segregation/:code", () => {
  it("gives Oslo's indices over its grunnkretser per year, decomposed by bydel, with intervals", async () => {
    const res = await get("/api/v1/segregation/0301?grouping=immigrant");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Seg;
    expect(body.unitLevel).toBe("grunnkrets");
    expect(body.withinLevel).toBe("bydel");
    expect(body.replicates).toBe(SEGREGATION_REPLICATES);
    expect(body.replicates).toBeGreaterThanOrEqual(1000);
    expect(body.series.map((p) => p.period)).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    body.series.forEach((p, i) => {
      expect(p.D!.value).toBeGreaterThanOrEqual(0);
      expect(p.D!.value).toBeLessThanOrEqual(1);
      expect(p.H!.value).toBeLessThanOrEqual(1);
      // Bootstrap intervals for the two years the five-year change is judged between (2019 and
      // 2024), every served index's from SEGREGATION_REPLICATES replicates; the others have none.
      if (i === body.series.length - 1 || i === body.series.length - 6) {
        for (const id of ["D", "H", "M", "isolation", "exposure"] as const) expect(p[id]!.low!, `${p.period} ${id}`).toBeLessThanOrEqual(p[id]!.high!);
      } else for (const id of ["D", "H", "M", "isolation", "exposure"] as const) expect([p[id]!.low, p[id]!.high], `${p.period} ${id}`).toEqual([null, null]);
      // The decomposition adds up to the total.
      expect(p.decomposition!.M_between + p.decomposition!.M_within).toBeCloseTo(p.M!.value, 3);
    });
  });

  it("measures Norway over its kommuner, and filters years", async () => {
    const body = (await (await get("/api/v1/segregation/0?grouping=low_income&from=2020&to=2022")).json()) as Seg;
    expect(body.unitLevel).toBe("kommune");
    // M split between and within fylker.
    expect(body.withinLevel).toBe("fylke");
    expect(body.series.map((p) => p.period)).toEqual([2020, 2021, 2022]);
    for (const p of body.series) expect(p.decomposition!.M_between + p.decomposition!.M_within).toBeCloseTo(p.M!.value, 3);
    expect(body.series[0]!.units).toBeGreaterThan(300);
  });

  it("gives location quotients only where the unit's share is shown", async () => {
    const body = (await (await get("/api/v1/segregation/5610?grouping=low_income")).json()) as Seg;
    const lq = body.locationQuotients!;
    const card = (await (await get(`/api/v1/areas/5610/children?indicator=low_income_persistent&period=${lq.period}`)).json()) as { children: { code: string; value: number | null }[] };
    for (const u of lq.units) {
      const shown = card.children.find((c) => c.code === u.code)!.value !== null;
      // A shown share may still go without a quotient, when rounding could not hide its count.
      if (!shown) expect(u.lq, u.code).toBeNull();
      else if (u.lq === null) expect(u.status, u.code).toBe(":");
    }
    expect(lq.units.some((u) => u.lq === null)).toBe(true);
    expect(lq.units.some((u) => u.lq !== null)).toBe(true);
  });

  it("answers 400 for an unknown grouping and 404 for an area without sub-areas", async () => {
    expect((await get("/api/v1/segregation/0301?grouping=religion")).status).toBe(400);
    expect((await get("/api/v1/segregation/3201?grouping=immigrant")).status).toBe(404);
  });
});

describe("classifications", () => {
  it("lists the areas meeting the default rule set, each criterion with value, threshold and result", async () => {
    const body = (await (await get("/api/v1/classifications?period=2024&level=grunnkrets")).json()) as Listed;
    expect(body.ruleSet.id).toBe("norway_default");
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results) {
      expect(r.met).toBe(true);
      expect((r as unknown as { name: string }).name.length).toBeGreaterThan(0);
      expect(r.metCount!).toBeGreaterThanOrEqual(r.minMet!);
      expect(r.criteria.filter((c) => c.met)).toHaveLength(r.metCount!);
      for (const c of r.criteria.filter((x) => x.met)) expect(c.value).not.toBeNull();
    }
  });

  it("flags more of the worsening planted bydel's grunnkretser in 2024 than in 2013", async () => {
    const worsening = PLANTED_BYDELER.worsening;
    const count = async (period: number) =>
      ((await (await get(`/api/v1/classifications?period=${period}&level=grunnkrets&limit=500`)).json()) as Listed).results.filter((r) => r.code.startsWith(worsening)).length;
    expect(await count(2024)).toBeGreaterThan(await count(2013));
  });

  it("pages through every evaluated area in code order across the stored buckets, met ones included", async () => {
    const list = async (query: string) => ((await (await get(`/api/v1/classifications?ruleset=sweden_style&period=2024&${query}`)).json()) as Listed).results;
    const every: Classification[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await list(`all=true&limit=500&offset=${offset}`);
      every.push(...page);
      if (page.length < 500) break;
    }
    const codes = every.map((r) => r.code);
    // Several cards chunks' buckets, in code order, none repeated.
    expect(codes.length).toBeGreaterThan(2 * 150);
    expect(codes).toEqual([...new Set(codes)].sort());
    for (const [offset, limit] of [[0, 7], [149, 3], [151, 40], [codes.length - 2, 10], [codes.length + 5, 10]] as const) {
      expect((await list(`all=true&limit=${limit}&offset=${offset}`)).map((r) => r.code), `${offset}+${limit}`).toEqual(codes.slice(offset, offset + limit));
    }
    const bydeler = every.filter((r) => r.level === "bydel").map((r) => r.code);
    expect(bydeler.length).toBeGreaterThan(3);
    expect((await list("all=true&level=bydel&limit=500")).map((r) => r.code)).toEqual(bydeler);
    expect((await list("all=true&level=bydel&limit=2&offset=2")).map((r) => r.code)).toEqual(bydeler.slice(2, 4));
    // The default list is the met areas, whole results as in the full list.
    const met = every.filter((r) => r.met);
    expect(met.length).toBeGreaterThan(0);
    expect(await list("limit=500")).toEqual(met);
    expect((await list("limit=3&offset=1")).map((r) => r.code)).toEqual(met.slice(1, 4).map((r) => r.code));
  });

  it("says how long the list is and links the next page until the last one (total and next)", async () => {
    type Paged = Listed & { total: number; limit: number; offset: number; next: string | null };
    const page = async (path: string) => (await (await get(path)).json()) as Paged;
    const base = "/api/v1/classifications?ruleset=sweden_style&period=2024&all=true";
    const whole = await page(`${base}&limit=500`);
    const every: Classification[] = [...whole.results];
    for (let next = whole.next; next; ) {
      const p = await page(next);
      every.push(...p.results);
      next = p.next;
    }
    expect(every.length).toBe(whole.total);
    expect(whole.total).toBeGreaterThan(300);
    // A page of 100 of them: the total, a link to offset 100, and following the links gives the rest.
    const first = await page(`${base}&limit=100`);
    expect(first).toMatchObject({ total: whole.total, limit: 100, offset: 0 });
    expect(first.results).toHaveLength(100);
    expect(new URL(first.next!, "http://x").searchParams.get("offset")).toBe("100");
    const codes = [...first.results.map((r) => r.code)];
    let last = first;
    while (last.next) {
      last = await page(last.next);
      expect(last.total).toBe(whole.total);
      codes.push(...last.results.map((r) => r.code));
    }
    expect(codes).toEqual(every.map((r) => r.code));
    expect(last.results.length).toBe(whole.total - last.offset);
    expect(last.next).toBeNull();
    // The met list counts only the met areas; the level filter counts only its level.
    const met = await page("/api/v1/classifications?ruleset=sweden_style&period=2024&limit=2");
    expect(met.total).toBe(every.filter((r) => r.met).length);
    const bydeler = await page(`${base}&level=bydel&limit=2`);
    expect(bydeler.total).toBe(every.filter((r) => r.level === "bydel").length);
    expect((await page(`${base}&offset=${whole.total}`)).next).toBeNull();
  });

  it("answers 400 naming limit or offset when they are not whole numbers in range", async () => {
    for (const [query, field] of [["limit=0", "query.limit"], ["limit=abc", "query.limit"], ["limit=501", "query.limit"], ["offset=-1", "query.offset"], ["offset=1.5", "query.offset"]] as const) {
      const res = await get(`/api/v1/classifications?period=2024&${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe(field);
    }
  });

  it("serves which criteria are borderline, and whether an area's outcome depends on them", async () => {
    const body = (await (await get("/api/v1/classifications?period=2024&all=true&limit=500")).json()) as Listed;
    const withFlags = body.results.filter((r) => r.borderlineCriteria.length > 0);
    // Small grunnkretser have wide intervals: some criteria lie within them.
    expect(withFlags.length).toBeGreaterThan(0);
    for (const r of body.results) {
      const all = [...r.criteria, ...r.tiers.flatMap((t) => t.criteria)];
      expect(r.borderlineCriteria).toEqual(all.filter((c) => c.borderline).map((c) => c.id));
      for (const c of all) if (c.reason !== null) expect(c.borderline).toBe(false);
      // An outcome can only depend on a borderline criterion if there is one.
      if (r.borderline) expect(r.borderlineCriteria.length).toBeGreaterThan(0);
      if (r.outcome === "met" && !r.borderline) {
        // Met even with every borderline criterion counted as not met.
        expect(r.criteria.filter((c) => c.met && !c.borderline).length).toBeGreaterThanOrEqual(r.minMet!);
      }
    }
  });

  it("previews other thresholds without saving anything, naming who enters and leaves", async () => {
    const base = "/api/v1/classifications/preview?period=2024&level=grunnkrets";
    const stricter = (await (await get(`${base}&t.persistent_low_income=4`)).json()) as { entering: string[]; leaving: string[]; results: Classification[] };
    expect(stricter.entering).toEqual([]);
    expect(stricter.leaving.length).toBeGreaterThan(0);
    const looser = (await (await get(`${base}&minMet=1`)).json()) as { entering: string[]; leaving: string[] };
    expect(looser.entering.length).toBeGreaterThan(0);
    expect(looser.leaving).toEqual([]);
    // Nothing was stored: the listed results are unchanged.
    const again = (await (await get("/api/v1/classifications?period=2024&level=grunnkrets&limit=500")).json()) as Listed;
    expect(again.results.some((r) => stricter.leaving.includes(r.code))).toBe(true);
  });

  it("takes what-if thresholds only as precise as values are shown, so asking cannot pin a value between its rounding", async () => {
    const base = "/api/v1/classifications/preview?period=2024&level=grunnkrets";
    const asked = async (t: string) => (await (await get(`${base}&t.persistent_low_income=${t}`)).json()) as { ruleSet: unknown; entering: string[]; leaving: string[] };
    const [coarse, fine] = [await asked("4"), await asked("4.0037")];
    expect(fine).toEqual(coarse);
  });

  it("rejects what-if parameters that name no criterion or are not numbers", async () => {
    const res = await get("/api/v1/classifications/preview?period=2024&level=grunnkrets&t.religion=2");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^query\.t\.religion/);
    expect((await get("/api/v1/classifications/preview?period=2024&level=grunnkrets&t.persistent_low_income=much")).status).toBe(400);
  });

  it("serves the rule sets; the default one never uses origin", async () => {
    const body = (await (await get("/api/v1/rulesets")).json()) as { default: string; ruleSets: { id: string; criteria?: { indicator: string }[] }[] };
    expect(body.ruleSets.map((r) => r.id).sort()).toEqual(["denmark_style", "norway_default", "sweden_style"].sort());
    const def = body.ruleSets.find((r) => r.id === body.default)!;
    expect(def.criteria!.map((c) => c.indicator)).not.toContain("immigrant_share");
  });
});

describe("PUT /api/admin/rulesets/:id", () => {
  const put = (id: string, body: unknown, headers: Record<string, string> = ADMIN) =>
    exports.default.fetch(new Request(`http://localhost/api/admin/rulesets/${id}`, { method: "PUT", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) }));

  it("stores a new version that the next recompute uses", async () => {
    const current = (await (await get("/api/v1/rulesets/norway_default")).json()) as { version: number; minMet: number };
    const res = await put("norway_default", { ...current, minMet: 2 });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { version: number }).version).toBe(current.version + 1);
    await recomputeNow();
    const listed = (await (await get("/api/v1/classifications?period=2024&level=grunnkrets&limit=1")).json()) as Listed;
    expect(listed.ruleSet.version).toBe(current.version + 1);
    expect(listed.results[0]!.ruleSet.version).toBe(current.version + 1);
  }, 120_000);

  it("names the invalid field, an unknown indicator, and needs the token", async () => {
    const current = (await (await get("/api/v1/rulesets/norway_default")).json()) as Record<string, unknown>;
    const bad = await put("norway_default", { ...current, minMet: 99 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/body\.minMet/);
    const unknown = await put("norway_default", { ...current, minMet: 1, tiers: [], criteria: [{ ...(current.criteria as object[])[0], indicator: "nonsense" }] });
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/unknown indicator "nonsense"/);
    expect((await put("norway_default", current, {})).status).toBe(401);
  });
});

describe("locate on the demo's boundaries", () => {
  it("finds fylke, kommune, bydel and grunnkrets for a point in central Oslo", async () => {
    const body = (await (await get("/api/v1/locate?lat=59.913&lon=10.752")).json()) as { areas: { code: string; level: string }[] };
    expect(body.areas.map((a) => a.level)).toEqual(["fylke", "kommune", "bydel", "grunnkrets"]);
    expect(body.areas[1]!.code).toBe("0301");
  });
});
