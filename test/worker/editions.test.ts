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
