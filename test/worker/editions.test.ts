import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { EditionDiffResponse, EditionList, EditionResponse, EditionSummary } from "../../worker/api/editions";
import { makeDb } from "../../worker/lib/create-app";
import { saveRuleSetVersion } from "../../worker/queries/analysis";
import { parseRuleSet } from "../../worker/stats/ruleset-schema";
import { ADMIN, get, recomputeNow, seed } from "./fixtures";

/**
 * A list at kommune level on the hand-made slice: Oslo's persistent low income rises from 11.4 %
 * (2015) to 14.0 % (2024) past the 12 % threshold, and Tromsø's median income from 550,000 to
 * 640,000 past the 600,000 limit, so between 2016 and 2024 Oslo enters (by low income) and
 * Tromsø leaves (by median income).
 */
const RULE_SET = parseRuleSet({
  id: "test_list",
  version: 1,
  kind: "criteria",
  name: { nb: "Testliste", en: "Test list" },
  description: { nb: "Test", en: "Test" },
  levels: ["kommune", "grunnkrets"],
  population: { indicator: "population" },
  minMet: 1,
  criteria: [
    { id: "low_income", indicator: "low_income_persistent", comparison: ">=", threshold: { kind: "absolute", value: 12 }, label: { nb: "Lavinntekt", en: "Low income" } },
    { id: "median", indicator: "median_income", comparison: "<", threshold: { kind: "absolute", value: 600_000 }, label: { nb: "Median", en: "Median" } },
  ],
});

function publish(body: unknown, headers: Record<string, string> = ADMIN) {
  return exports.default.fetch(
    new Request("http://localhost/api/admin/editions", { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) }),
  );
}

async function json<T>(path: string): Promise<T> {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

async function published(body: unknown): Promise<EditionSummary> {
  const res = await publish(body);
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return JSON.parse(text) as EditionSummary;
}

const liveList = async (year: number) =>
  (await json<{ results: { code: string }[] }>(`/api/v1/classifications?ruleset=test_list&period=${year}&level=kommune`)).results.map((r) => r.code);

let first2016: EditionSummary;
let first2024: EditionSummary;

beforeAll(async () => {
  await seed();
  await saveRuleSetVersion(makeDb(env.DB), RULE_SET, new Date("2026-01-01T00:00:00Z"));
  await recomputeNow();
  first2016 = await published({ ruleset: "test_list", year: 2016, level: "kommune" });
  first2024 = await published({ ruleset: "test_list", year: 2024, level: "kommune" });
}, 120_000);

describe("publishing an edition", () => {
  it("freezes every evaluated area with each criterion's value, threshold and result, and names its data", async () => {
    expect(first2024).toMatchObject({ id: "2024-1", year: 2024, seq: 1, level: "kommune", ruleSet: { id: "test_list", version: 1 }, corrects: null, previous: "2016-1" });
    const live = await recomputeNowVersion();
    expect(first2024.snapshot.version).toBe(live);
    expect(first2024.dataset?.newestPeriod).toBe(2024);
    const edition = await json<EditionResponse>("/api/v1/editions/2024-1?all=true");
    const oslo = edition.areas.find((a) => a.code === "0301")!;
    expect(oslo).toMatchObject({ name: "Oslo", met: true, outcome: "met" });
    expect(oslo.criteria.find((c) => c.id === "low_income")).toMatchObject({ indicator: "low_income_persistent", value: 14, threshold: 12, met: true });
    // The list the edition froze is the live list of that year.
    expect(edition.areas.filter((a) => a.met).map((a) => a.code)).toEqual(await liveList(2024));
    expect(edition.counts.evaluated).toBe(edition.areas.length);
    // Without all=true, only the areas on the list.
    expect((await json<EditionResponse>("/api/v1/editions/2024-1")).areas.every((a) => a.met)).toBe(true);
  });

  it("gives a stable URL and a citation line", async () => {
    expect(first2024.url).toMatch(/\/levekar\/utgaver\/2024-1$/);
    expect(first2024.citation).toMatch(/^IMDi \(\d{4}\)\. Levekårsområder 2024, utgave 1\. Områdemonitoren\. https?:\/\/\S+\/levekar\/utgaver\/2024-1$/);
    // The year resolves to its current edition.
    expect((await json<EditionResponse>("/api/v1/editions/2024")).id).toBe("2024-1");
  });

  it("lists the areas that entered and left since the previous year's edition, with the criteria that moved them", async () => {
    const diff = await json<EditionDiffResponse>("/api/v1/editions/2024-1/diff");
    expect(diff.previous).toBe("2016-1");
    expect(diff.sincePrevious!.entered).toEqual([{ code: "0301", name: "Oslo", before: "undetermined", after: "met", movedBy: ["low_income"] }]);
    expect(diff.sincePrevious!.left.map((m) => [m.code, m.movedBy])).toEqual([["5501", ["median"]]]);
    expect(diff.correction).toBeNull();
    expect(first2024.counts).toMatchObject({ entered: 1, left: 1 });
    // The first edition has nothing before it.
    expect((await json<EditionDiffResponse>("/api/v1/editions/2016-1/diff")).sincePrevious).toBeNull();
  });
});

async function recomputeNowVersion() {
  return (await json<{ snapshot: { version: number } }>("/api/health")).snapshot.version;
}

describe("a published edition is immutable", () => {
  it("keeps its rows when the data are revised and recomputed, while the live list changes", async () => {
    const before = await json<EditionResponse>("/api/v1/editions/2024-1?all=true");
    const csvBefore = await (await get("/api/v1/editions/2024-1?format=csv")).text();
    // Oslo's 2024 low income revised down to 10 %: it leaves the live list.
    await env.DB.prepare("UPDATE observations SET numerator = 70000, value = 10 WHERE area_code = '0301' AND indicator_id = 'low_income_persistent' AND period = 2024").run();
    await env.DB.prepare("INSERT INTO data_changes (target, indicator_id, changed_at) VALUES ('observations', 'low_income_persistent', '2026-02-01T00:00:00Z')").run();
    await recomputeNow("");
    expect(await liveList(2024)).not.toContain("0301");
    const after = await json<EditionResponse>("/api/v1/editions/2024-1?all=true");
    expect(after.areas).toEqual(before.areas);
    expect(after.snapshot).toEqual(before.snapshot);
    expect(await (await get("/api/v1/editions/2024-1?format=csv")).text()).toBe(csvBefore);
  });

  it("is refused by the database itself: no UPDATE, no DELETE, no areas added", async () => {
    await expect(env.DB.prepare("UPDATE editions SET title = 'x' WHERE id = '2016-1'").run()).rejects.toThrow(/immutable/);
    await expect(env.DB.prepare("DELETE FROM editions WHERE id = '2016-1'").run()).rejects.toThrow(/immutable/);
    await expect(env.DB.prepare("UPDATE edition_areas SET met = 1 WHERE edition = '2016-1'").run()).rejects.toThrow(/immutable/);
    await expect(env.DB.prepare("DELETE FROM edition_areas WHERE edition = '2016-1'").run()).rejects.toThrow(/immutable/);
    await expect(
      env.DB.prepare("INSERT INTO edition_areas (edition, code, name, level, outcome, met, borderline, criteria) VALUES ('2016-1', '9999', 'X', 'kommune', 'met', 1, 0, '[]')").run(),
    ).rejects.toThrow(/immutable/);
  });
});

describe("a corrected edition", () => {
  let correction: EditionSummary;
  beforeAll(async () => {
    correction = await published({ ruleset: "test_list", year: 2024, level: "kommune", corrects: "2024-1", reason: "SSB revised Oslo's persistent low income for 2024." });
  });

  it("is a new edition that says what changed against the one it corrects, and why", async () => {
    expect(correction).toMatchObject({ id: "2024-2", seq: 2, corrects: "2024-1", reason: "SSB revised Oslo's persistent low income for 2024.", previous: "2016-1" });
    expect(correction.citation).toMatch(/Levekårsområder 2024, utgave 2\. Områdemonitoren\. \S+\/levekar\/utgaver\/2024-2$/);
    const diff = await json<EditionDiffResponse>("/api/v1/editions/2024-2/diff");
    expect(diff.reason).toBe("SSB revised Oslo's persistent low income for 2024.");
    expect(diff.correction!.left).toEqual([{ code: "0301", name: "Oslo", before: "met", after: expect.any(String), movedBy: ["low_income"] }]);
    expect(diff.correction!.entered).toEqual([]);
    expect(diff.correction!.added).toEqual([]);
    expect(diff.correction!.removed).toEqual([]);
    const oslo = diff.correction!.changed.find((c) => c.code === "0301")!;
    expect(oslo.criteria).toEqual([
      { id: "low_income", before: expect.objectContaining({ value: 14, met: true }), after: expect.objectContaining({ value: 10, met: false }) },
    ]);
  });

  it("is what the year shows now; the corrected edition stays reachable and says it was corrected", async () => {
    expect((await json<EditionResponse>("/api/v1/editions/2024")).id).toBe("2024-2");
    const old = await json<EditionResponse>("/api/v1/editions/2024-1");
    expect(old.correctedBy).toBe("2024-2");
    expect(old.areas.map((a) => a.code)).toContain("0301");
    const list = await json<EditionList>("/api/v1/editions");
    expect(list.editions.map((e) => e.id)).toEqual(["2024-1", "2024-2", "2016-1"]);
  });

  it("cannot correct an edition that was already corrected, nor go without a reason", async () => {
    const again = await publish({ ruleset: "test_list", year: 2024, level: "kommune", corrects: "2024-1", reason: "again" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/^body\.corrects: .*2024-2/);
    const noReason = await publish({ ruleset: "test_list", year: 2024, level: "kommune", corrects: "2024-2" });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { error: { message: string } }).error.message).toMatch(/^body\.reason: /);
  });
});

describe("refusals", () => {
  it("401 without the admin token", async () => {
    expect((await publish({ ruleset: "test_list", year: 2020, level: "kommune" }, {})).status).toBe(401);
    expect((await publish({ ruleset: "test_list", year: 2020, level: "kommune" }, { Authorization: "Bearer wrong" })).status).toBe(401);
  });

  it.each([
    [{ ruleset: "test_list", year: "2020", level: "kommune" }, "body.year"],
    [{ ruleset: "test_list", year: 2020, level: "street" }, "body.level"],
    [{ ruleset: "Test List", year: 2020, level: "kommune" }, "body.ruleset"],
    [{ ruleset: "test_list", year: 2020, level: "bydel" }, "body.level"],
    [{ ruleset: "test_list", year: 2020, level: "kommune", corrects: "latest", reason: "x" }, "body.corrects"],
    [{ ruleset: "test_list", year: 2020, level: "kommune", reason: "x" }, "body.reason"],
    [{ ruleset: "test_list", year: 2020, level: "kommune", extra: 1 }, "body"],
  ])("400 naming the field for %j", async (body, field) => {
    const res = await publish(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message.startsWith(field)).toBe(true);
  });

  it("400 naming the parameter for a malformed edition id or format", async () => {
    const bad = await get("/api/v1/editions/latest");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^param\.id: /);
    const format = await get("/api/v1/editions/2024-1?format=xlsx");
    expect(format.status).toBe(400);
    expect(((await format.json()) as { error: { message: string } }).error.message).toMatch(/^query\.format: /);
    expect((await get("/api/v1/editions/2023")).status).toBe(404);
    expect((await get("/api/v1/editions/2024-9/diff")).status).toBe(404);
  });

  it("409 for a year or level without evaluated data, and for a duplicate without corrects", async () => {
    const empty = await publish({ ruleset: "test_list", year: 2030, level: "kommune" });
    expect(empty.status).toBe(409);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(/^body\.year: no kommune was evaluated/);
    const duplicate = await publish({ ruleset: "test_list", year: 2016, level: "kommune" });
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as { error: { message: string } }).error.message).toMatch(/^body\.corrects: .*already published as 2016-1/);
    // Nothing was written by the refusals.
    expect((await json<EditionList>("/api/v1/editions")).editions).toHaveLength(3);
  });

  it("404 for an unknown rule set", async () => {
    expect((await publish({ ruleset: "no_such_list", year: 2024, level: "kommune" })).status).toBe(404);
  });
});

describe("downloads", () => {
  it("CSV: a citation line, then one row per area and criterion that parses back", async () => {
    const res = await get("/api/v1/editions/2016-1?format=csv");
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const [meta, header, ...rows] = (await res.text()).trimEnd().split("\n");
    expect(meta).toMatch(/^# Levekårsområder 2016, utgave 1 .*Cite as: IMDi \(\d{4}\)\. Levekårsområder 2016, utgave 1/);
    const cols = header!.split(",");
    expect(cols.slice(0, 3)).toEqual(["edition", "area_code", "area_name"]);
    const parsed = rows.map((r) => Object.fromEntries(r.split(",").map((v, i) => [cols[i], v])));
    const edition = await json<EditionResponse>("/api/v1/editions/2016-1?all=true");
    expect(parsed).toHaveLength(edition.areas.reduce((n, a) => n + Math.max(1, a.criteria.length), 0));
    const tromso = parsed.find((r) => r.area_code === "5501" && r.criterion === "median")!;
    expect(tromso).toMatchObject({ edition: "2016-1", met: "true", indicator: "median_income", value: "560000", threshold: "600000", criterion_met: "true" });
  });

  it("JSON-stat2: one year, criteria values, thresholds and results per area, with the edition's citation", async () => {
    const doc = await json<{
      version: string; class: string; id: string[]; size: number[]; value: (number | null)[];
      dimension: Record<string, { category: { index: string[] } }>; extension: { edition: { id: string; citation: string } };
    }>("/api/v1/editions/2016-1?format=jsonstat2");
    expect(doc).toMatchObject({ version: "2.0", class: "dataset", id: ["Region", "ContentsCode", "Tid"] });
    expect(doc.value).toHaveLength(doc.size.reduce((a, b) => a * b, 1));
    expect(doc.dimension.Tid!.category.index).toEqual(["2016"]);
    const regions = doc.dimension.Region!.category.index;
    const contents = doc.dimension.ContentsCode!.category.index;
    const at = (area: string, content: string) => doc.value[regions.indexOf(area) * contents.length + contents.indexOf(content)];
    expect(at("5501", "median")).toBe(560000);
    expect(at("5501", "median.threshold")).toBe(600000);
    expect(at("5501", "median.met")).toBe(1);
    expect(at("5501", "met")).toBe(1);
    expect(doc.extension.edition.id).toBe("2016-1");
  });
});

describe("GET /api/v1/classifications without period", () => {
  it("answers the latest year evaluated and says so", async () => {
    const body = await json<{ period: number; periodDefaulted: boolean; results: { code: string; period: number }[] }>("/api/v1/classifications?ruleset=test_list&level=kommune");
    expect(body).toMatchObject({ period: 2024, periodDefaulted: true });
    expect(body.results.map((r) => r.code)).toEqual(await liveList(2024));
    const asked = await json<{ period: number; periodDefaulted: boolean }>("/api/v1/classifications?ruleset=test_list&level=kommune&period=2016");
    expect(asked).toMatchObject({ period: 2016, periodDefaulted: false });
  });
});
