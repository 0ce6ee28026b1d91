/// <reference types="vite/client" />
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledMapping } from "../../db/mappings";
import { areas } from "../../db/schema";
import { SSB_TABLES, type SsbTable } from "../../db/sources";
import { readDataset, type Dataset } from "../../worker/import/jsonstat2";
import { fetchSources, retiredLabel, type Fetch } from "../../worker/import/ssb-fetch";
import { makeDb } from "../../worker/lib/create-app";
import { query } from "../fixtures/import/helpers";
import { replaySsb, type Request } from "../fixtures/import/ssb-replay";
import t07459 from "../fixtures/import/ssb-07459-v2.json?raw";
import t08487 from "../fixtures/import/ssb-08487-v2.json?raw";
import t09429 from "../fixtures/import/ssb-09429-v2.json?raw";
import t09817 from "../fixtures/import/ssb-09817-v2.json?raw";
import t10826 from "../fixtures/import/ssb-10826-v2.json?raw";
import t11607 from "../fixtures/import/ssb-11607-v2.json?raw";

/**
 * The tables of db/sources.ts behind the real indicators, fetched and imported the way the
 * nightly cron does (fetchSources), against recorded responses in PxWebApi v2's JSON-stat2
 * shape (test/fixtures/import/ssb-*-v2.json; SOURCE.md says which codes are SSB's own).
 */
const RECORDED: Record<string, string> = { "07459": t07459, "10826": t10826, "09817": t09817, "08487": t08487, "11607": t11607, "09429": t09429 };
const table = (id: string) => SSB_TABLES.find((t) => t.table === id)!;

beforeAll(async () => {
  const area = (code: string, level: (typeof areas.$inferInsert)["level"], parentCode: string | null, nameNb: string, validTo: string | null = null) => ({ code, level, parentCode, nameNb, validFrom: "2024-01-01", validTo });
  await makeDb(env.DB).insert(areas).values([
    area("0", "country", null, "Norge"),
    area("03", "fylke", "0", "Oslo"),
    area("32", "fylke", "0", "Akershus"),
    area("46", "fylke", "0", "Vestland"),
    area("0219", "kommune", null, "Bærum", "2019-12-31"),
    area("0301", "kommune", "03", "Oslo"),
    area("3201", "kommune", "32", "Bærum"),
    area("4601", "kommune", "46", "Bergen"),
    area("030101", "bydel", "0301", "Gamle Oslo"),
    area("030102", "bydel", "0301", "Grünerløkka"),
    area("460101", "bydel", "4601", "Arna"),
  ]);
});

async function fetchLogged(id: string) {
  const log: Request[] = [];
  const { reports, failures } = await fetchSources(env, new Date(), { fetch: replaySsb({ [id]: { data: RECORDED[id]! } }, log), tables: [table(id)] });
  expect(failures).toEqual([]);
  expect(reports[0]!.status, reports[0]!.summary).toBe("applied");
  return { report: reports[0]!, asked: log.filter((l) => l.method === "POST").map((l) => l.selection) };
}

/** The recorded cells that `pick` selects, added up: the numbers computed apart from the importer. */
function sumOf(ds: Dataset, pick: Record<string, (code: string) => boolean>): number {
  const strides = ds.dimensions.map((_, i) => ds.dimensions.slice(i + 1).reduce((n, d) => n * d.codes.length, 1));
  let total = 0;
  for (let cell = 0; cell < ds.size; cell++) {
    const ok = ds.dimensions.every((d, i) => (pick[d.id] ?? (() => true))(d.codes[Math.floor(cell / strides[i]!) % d.codes.length]!));
    if (ok) total += ds.value(cell) ?? 0;
  }
  return total;
}
const is = (...codes: string[]) => (c: string) => codes.includes(c);
const recorded = (id: string) => readDataset(JSON.parse(RECORDED[id]!), id);
const value = async (area: string, indicator: string, period: number) =>
  (await query<{ value: number | null; status: string | null }>("SELECT value, status FROM observations WHERE area_code = ? AND indicator_id = ? AND period = ?", area, indicator, period))[0];

describe("the SSB tables of db/sources.ts", () => {
  it("each names a bundled mapping for its own table, reading the area dimension the query asks today's areas of", () => {
    for (const t of SSB_TABLES) {
      const mapping = bundledMapping(t.mapping);
      expect(mapping, t.mapping).not.toBeNull();
      if (mapping?.format !== "jsonstat2") throw new Error(`${t.mapping}: not a jsonstat2 mapping`);
      expect(mapping.table).toBe(t.table);
      for (const [dim, q] of Object.entries(t.query)) {
        if (typeof q === "object" && !Array.isArray(q) && "areas" in q) expect("dimension" in mapping.area && mapping.area.dimension, `${t.table} ${dim}`).toBe(dim);
      }
      expect(mapping.source?.priority, t.table).toBe(100);
    }
  });

  it("reads SSB's marks of retired codes in labels", () => {
    expect(["Bærum (-2019)", "Bygdøy-Frogner (1988-2003)", "Asker (2020-2023)"].map(retiredLabel)).toEqual([true, true, true]);
    expect(["Bærum", "Gamle Oslo", "Haram (2024-)", "Kárášjohka - Karasjok"].map(retiredLabel)).toEqual([false, false, false, false]);
  });

  it("07459: asks for today's country, fylker and kommuner only, and imports population, 0–17 and 67+ as sums of single ages", async () => {
    const { report, asked } = await fetchLogged("07459");
    expect(asked.flatMap((s) => s.Region!).sort()).toEqual(["0", "03", "0301", "3201"]);
    expect(asked[0]!.Alder).toHaveLength(106);
    const ds = recorded("07459");
    const age = (from: number, to: number) => (c: string) => (c === "105+" ? 105 : Number(c)) >= from && (c === "105+" ? 105 : Number(c)) <= to;
    for (const area of ["0", "0301", "3201"]) {
      for (const year of ["2023", "2024"]) {
        expect((await value(area, "population", Number(year)))!.value).toBe(sumOf(ds, { Region: is(area), Tid: is(year) }));
        expect((await value(area, "population_0_17", Number(year)))!.value).toBe(sumOf(ds, { Region: is(area), Tid: is(year), Alder: age(0, 17) }));
        expect((await value(area, "population_67plus", Number(year)))!.value).toBe(sumOf(ds, { Region: is(area), Tid: is(year), Alder: age(67, 105) }));
      }
    }
    expect(report.tables.observations.added).toBe(4 * 2 * 3);
    expect(await query("SELECT priority FROM sources WHERE id = 'ssb-07459'")).toEqual([{ priority: 100 }]);
  });

  it("10826: asks for today's bydeler by the table's own codes (030101a, not the 1988–2003 ward 030101) and stores them on the area codes", async () => {
    const { asked } = await fetchLogged("10826");
    expect(asked.flatMap((s) => s.Region!).sort()).toEqual(["030101a", "030102a", "460101"]);
    const ds = recorded("10826");
    expect((await value("030101", "population", 2024))!.value).toBe(sumOf(ds, { Region: is("030101a"), Tid: is("2024") }));
    expect((await value("460101", "population", 2023))!.value).toBe(sumOf(ds, { Region: is("460101"), Tid: is("2023") }));
    expect(sumOf(ds, { Region: is("030101a"), Tid: is("2024") })).toBeGreaterThan(0);
  });

  it("09817: imports first-generation immigrants, all countries of origin together", async () => {
    const { asked } = await fetchLogged("09817");
    expect(asked[0]).toMatchObject({ InnvandrKat: ["B"], Landbakgrunn: ["999"], ContentsCode: ["Personer1"] });
    const ds = recorded("09817");
    for (const area of ["0", "03", "0301", "3201"]) {
      expect((await value(area, "immigrants_count", 2024))!.value).toBe(sumOf(ds, { Region: is(area), Tid: is("2024"), InnvandrKat: is("B"), Landbakgrunn: is("999"), ContentsCode: is("Personer1") }));
    }
  });

  it("08487: imports offences per 1 000 for two-year periods, stored under the last year with a span of two", async () => {
    await fetchLogged("08487");
    const ds = recorded("08487");
    const rate = (area: string, period: string) => sumOf(ds, { Gjerningssted: is(area), Tid: is(period), LovbruddKrim: is("1AAAAA-9ZZZZz"), ContentsCode: is("AnmLovbrPer1000") });
    expect((await value("0301", "crime_per_1000", 2024))!.value).toBeCloseTo(rate("0301", "2023-2024"), 6);
    expect((await value("3201", "crime_per_1000", 2023))!.value).toBeCloseTo(rate("3201", "2022-2023"), 6);
    expect(await query("SELECT period_span FROM indicators WHERE id = 'crime_per_1000'")).toEqual([{ period_span: 2 }]);
    expect(await query("SELECT count(*) AS n FROM observations WHERE area_code = '0219'")).toEqual([{ n: 0 }]);
  });

  it("11607: imports the employment rate of everyone and of immigrants, both sexes, 15–74", async () => {
    await fetchLogged("11607");
    const ds = recorded("11607");
    const rate = (area: string, who: string) => sumOf(ds, { Region: is(area), Tid: is("2024"), Landbakgrunn: is(who), Kjonn: is("0"), Alder: is("15-74") });
    expect((await value("0301", "employment_rate_15_74", 2024))!.value).toBeCloseTo(rate("0301", "tot"), 6);
    expect((await value("0301", "employment_rate_15_74_immigrants", 2024))!.value).toBeCloseTo(rate("0301", "zzz"), 6);
    expect((await value("0", "employment_rate_15_74_immigrants", 2024))!.value).toBeCloseTo(rate("0", "zzz"), 6);
    // Not under IMDi's ids, which count ages 20–66: a series or a gap never mixes the two.
    expect(await query("SELECT count(*) AS n FROM observations WHERE indicator_id IN ('employment_rate', 'employment_rate_immigrants', 'employment_rate_gap')")).toEqual([{ n: 0 }]);
    expect(await query("SELECT id, name_en FROM indicators WHERE id LIKE 'employment_rate%' ORDER BY id")).toEqual([
      { id: "employment_rate_15_74", name_en: "Employment rate, ages 15–74" },
      { id: "employment_rate_15_74_immigrants", name_en: "Employment rate, ages 15–74, immigrants" },
    ]);
  });

  it("09429: imports the share with compulsory schooling only", async () => {
    await fetchLogged("09429");
    const ds = recorded("09429");
    expect((await value("3201", "basic_education", 2024))!.value).toBeCloseTo(sumOf(ds, { Region: is("3201"), Tid: is("2024"), Nivaa: is("01"), Kjonn: is("0"), ContentsCode: is("PersonerProsent") }), 6);
  });

  it("keeps fetching the other tables when one fails, and the failed one writes nothing", async () => {
    const before = await query("SELECT count(*) AS n FROM observations WHERE indicator_id = 'basic_education'");
    const replay = replaySsb({ "09817": { data: t09817 } });
    const refusing: Fetch = async (url, init) => (url.includes("/09429/data") ? new Response("Too many cells", { status: 403 }) : url.includes("/09429/") ? replaySsb({ "09429": { data: t09429 } })(url, init) : replay(url, init));
    const { reports, failures } = await fetchSources(env, new Date(), { fetch: refusing, tables: [table("09429"), table("09817")] });
    expect(failures.map((f) => f.table)).toEqual(["09429"]);
    expect(failures[0]!.error).toMatch(/SSB answered 403 for POST .*\/tables\/09429\/data/);
    expect(reports.map((r) => r.file)).toEqual(["ssb-09817.json"]);
    expect(await query("SELECT count(*) AS n FROM observations WHERE indicator_id = 'basic_education'")).toEqual(before);
  });

  it("stops a table whose area dimension has none of today's areas, naming it", async () => {
    const elsewhere: SsbTable = { ...table("10826"), query: { ...table("10826").query, Region: { areas: ["grunnkrets"] } } };
    const { failures } = await fetchSources(env, new Date(), { fetch: replaySsb({ "10826": { data: t10826 } }), tables: [elsewhere] });
    expect(failures).toEqual([{ table: "10826", error: "table 10826: no category of dimension Region is one of today's grunnkrets areas in the database" }]);
  });
});
