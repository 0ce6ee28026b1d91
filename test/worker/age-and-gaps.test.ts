import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { importRuns, indicators, observations } from "../../db/schema";
import type { AreaBody, CompareResponse, SeriesResponse } from "../../worker/api/schemas";
import { recompute } from "../../worker/jobs/recompute";
import { ensureShippedRuleSets } from "../../worker/jobs/rulesets";
import { makeDb } from "../../worker/lib/create-app";
import { saveRuleSetVersion } from "../../worker/queries/analysis";
import type { LevelCoverage } from "../../worker/stats/coverage";
import { parseRuleSet } from "../../worker/stats/ruleset-schema";
import { get, seed } from "./fixtures";

/**
 * Honest about age and gaps (issue #13, item 9): every card and download says which period its
 * figure is for and when the data were updated; a single figure gets no trend; a rule set that
 * cannot be evaluated at a level says so, and which criteria lack figures.
 */

const IMPORTED = "2026-01-15T00:00:00.000Z";
const COMPUTED = new Date("2026-03-01T12:00:00.000Z");

beforeAll(async () => {
  await seed();
  const db = makeDb(env.DB);
  // One reported-crime figure for Oslo, from 2013: a single point, far older than 2024.
  await db.insert(indicators).values({
    id: "crime_per_1000", nameNb: "Anmeldte lovbrudd", nameEn: "Reported offences", unit: "per1000", direction: "higher_worse",
    source: "Test", definitionNb: "Per 1000", definitionEn: "Per 1,000", finestLevel: "kommune", sortOrder: 4,
  });
  await db.insert(observations).values([
    { areaCode: "0301", indicatorId: "crime_per_1000", period: 2013, value: 71.2 },
    // Median income for a Tromsø grunnkrets only: another chunk than Oslo's low income.
    ...[2023, 2024].map((period) => ({ areaCode: "55010101", indicatorId: "median_income", period, value: 400_000 })),
  ]);
  // Two imports: the newer one dates the data.
  await db.insert(importRuns).values([
    { startedAt: "2025-06-01T00:00:00.000Z", file: "old.csv", format: "csv", report: {} },
    { startedAt: IMPORTED, file: "new.csv", format: "csv", report: {} },
  ]);
  // Beside the shipped rule sets, one with two criteria that have figures for grunnkretser (in
  // different kommuner) and one that has none.
  await ensureShippedRuleSets(db, COMPUTED);
  await saveRuleSetVersion(
    db,
    parseRuleSet({
      id: "test_gaps",
      version: 1,
      kind: "criteria",
      name: { nb: "Testsett", en: "Test set" },
      description: { nb: "Test", en: "Test" },
      levels: ["grunnkrets", "bydel"],
      population: { indicator: "population" },
      minMet: 1,
      criteria: [
        { id: "low_income", indicator: "low_income_persistent", comparison: ">=", threshold: { kind: "relative", to: "national", factor: 1 }, label: { nb: "Lavinntekt", en: "Low income" } },
        { id: "median", indicator: "median_income", comparison: "<", threshold: { kind: "absolute", value: 500_000 }, label: { nb: "Median", en: "Median" } },
        // Figures, but Norway has none to compare them with.
        { id: "median_national", indicator: "median_income", comparison: "<", threshold: { kind: "relative", to: "national", factor: 1 }, label: { nb: "Median mot landet", en: "Median against Norway" } },
        { id: "absent", indicator: "children_low_income", comparison: ">=", threshold: { kind: "absolute", value: 10 }, label: { nb: "Barn", en: "Children" } },
      ],
    }),
    COMPUTED,
  );
  // Chunks of one kommune subtree each: what the coverage shows must add up across chunks.
  const run = await recompute(env, COMPUTED, { full: true, chunkSize: 1 });
  expect(run.state).toBe("complete");
});

const json = async <T>(path: string) => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

describe("when the data were updated", () => {
  const expected = { dataUpdated: IMPORTED, figuresUpdated: COMPUTED.toISOString(), newestPeriod: 2024 };

  it("every area, series and compare answer carries the newest import, the snapshot's time and the newest period", async () => {
    expect((await json<AreaBody>("/api/v1/areas/0301")).dataset).toEqual(expected);
    expect((await json<SeriesResponse>("/api/v1/areas/0301/series?indicators=population")).dataset).toEqual(expected);
    expect((await json<CompareResponse>("/api/v1/compare?codes=0301,5501")).dataset).toEqual(expected);
  });

  it("the health check says it too", async () => {
    const body = await json<{ snapshot: { dataset: unknown } }>("/api/health");
    expect(body.snapshot.dataset).toEqual(expected);
  });

  it("a CSV download says it in its first line, before the import template's header", async () => {
    const text = await (await get("/api/v1/download?areas=0301&indicators=crime_per_1000")).text();
    const [first, header, row] = text.split("\n");
    expect(first).toMatch(/^# Area monitor snapshot v\d+\. .*Data updated 2026-01-15; figures computed 2026-03-01; newest period 2024;/);
    expect(header).toBe("area_code,indicator,period,value,numerator,denominator,status,area_name,unit,period_label");
    expect(row).toBe("0301,crime_per_1000,2013,71.2,,,,Oslo,per1000,2013");
    // Left out on request, for tools that want the header first.
    expect((await (await get("/api/v1/download?areas=0301&indicators=crime_per_1000&meta=false")).text()).split("\n")[0]).toBe(header);
  });

  it("a JSON-stat2 download dates the dataset by its data, not by the request", async () => {
    const doc = await json<{ updated: string; note: string[]; extension: { dataset: unknown } }>("/api/v1/download?areas=0301&format=jsonstat2");
    expect(doc.updated).toBe(IMPORTED);
    expect(doc.note.join(" ")).toMatch(/Data updated 2026-01-15; figures computed 2026-03-01/);
    expect(doc.extension.dataset).toEqual(expected);
  });
});

describe("a single figure", () => {
  it("gets no trend and no change: there is nothing to compare it with", async () => {
    const card = (await json<AreaBody>("/api/v1/areas/0301")).cards.find((c) => c.indicator === "crime_per_1000")!;
    expect(card.series).toHaveLength(1);
    expect(card.latest).toMatchObject({ period: 2013, value: 71.2 });
    expect(card.trend).toBe("unknown");
    expect(card.change5y).toBeNull();
  });

  it("is shown in the embed with its year, marked as old, without a trend word, with the data's date", async () => {
    const html = await (await get("/embed/0301?indicators=crime_per_1000,low_income_persistent&lang=nb")).text();
    const crime = html.match(/<article[^>]*data-indicator="crime_per_1000"[\s\S]*?<\/article>/)![0];
    expect(crime).toContain("(2013)");
    expect(crime).toMatch(/<span class="badge badge--old" data-old="2013">Gammelt tall: fra 2013<\/span>/);
    expect(crime).not.toMatch(/class="trend"/);
    expect(crime).toContain("Data sist oppdatert 15. januar 2026.");
    // A figure from the newest year is not old, and its series has a trend.
    const lowIncome = html.match(/<article[^>]*data-indicator="low_income_persistent"[\s\S]*?<\/article>/)![0];
    expect(lowIncome).not.toContain("badge--old");
    expect(lowIncome).toMatch(/class="trend" data-trend="rising"/);
  });

  it("an embed asking for an indicator the area has no figures for says why, by level", async () => {
    const html = await (await get("/embed/03010101?indicators=crime_per_1000&lang=en")).text();
    expect(html).toContain("There are no open figures for this basic statistical unit.");
    expect(html).toContain("produced by Statistics Norway (SSB) to order");
    expect(html).not.toMatch(/class="trend"/);
  });
});

describe("rule sets that cannot be evaluated", () => {
  const coverage = async (ruleSet: string, level?: string) =>
    (await json<{ coverage: LevelCoverage[] }>(`/api/v1/classifications?ruleset=${ruleSet}&period=2024${level ? `&level=${level}` : ""}`)).coverage;

  it("say so per level, naming every criterion whose indicator has no figures there", async () => {
    const [grunnkrets, bydel] = await coverage("norway_default");
    // Grunnkretser have figures for two criteria (persistent low income in Oslo, median income in
    // Tromsø), and three are needed.
    expect(grunnkrets).toMatchObject({ level: "grunnkrets", areas: true, evaluable: false, suppressed: [], noReference: [] });
    expect(grunnkrets!.missing.map((g) => g.criterion)).toEqual(["child_poverty", "not_in_work", "basic_schooling", "social_assistance", "crowding"]);
    // No bydel has a population figure either, and the rule set has a population limit.
    expect(bydel).toMatchObject({ level: "bydel", areas: true, evaluable: false });
    expect(bydel!.missing.map((g) => g.criterion)).toEqual([null, "child_poverty", "not_in_work", "basic_schooling", "social_assistance", "crowding", "low_median_income"]);
    expect(bydel!.missing[0]).toEqual({ criterion: null, indicator: "population" });
  });

  it("add up what each chunk saw, and tell figures without a reference from absent ones", async () => {
    const [grunnkrets] = await coverage("test_gaps", "grunnkrets");
    // Low income (Oslo's chunk) and median income (Tromsø's) both have grunnkrets figures.
    expect(grunnkrets).toMatchObject({ evaluable: true, suppressed: [] });
    expect(grunnkrets!.missing).toEqual([{ criterion: "absent", indicator: "children_low_income" }]);
    expect(grunnkrets!.noReference).toEqual([{ criterion: "median_national", indicator: "median_income" }]);
  });

  it("list only the level asked for, and nothing for a level the rule set is not meant for", async () => {
    expect((await coverage("norway_default", "bydel")).map((c) => c.level)).toEqual(["bydel"]);
    expect(await coverage("norway_default", "kommune")).toEqual([]);
  });

  it("cost one row more than the list itself", async () => {
    const { app } = await import("../../worker/app");
    const res = await app.request("/api/v1/classifications?ruleset=test_gaps&period=2024&level=grunnkrets", {}, { ...env, MEASURE_ROWS_READ: "true" } as Env);
    const body = (await res.json()) as { results: { code: string }[] };
    expect(body.results.map((r) => r.code)).toEqual(["03010101", "55010101"]);
    // The list alone reads 9 rows here (pointer, rule set, the met areas, their buckets: measured
    // with the coverage left out); the coverage is one primary-key lookup more; the listed areas'
    // kommune and bydel (placesOf) are 9 more: the two grunnkretser, their parents, and Oslo
    // above the bydel, each an index entry and its row, read in three rounds.
    expect(Number(res.headers.get("X-D1-Rows-Read"))).toBe(9 + 1 + 9);
  });
});
