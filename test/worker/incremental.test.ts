import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../worker/import/run";
import { recompute } from "../../worker/jobs/recompute";
import { get, seed } from "./fixtures";

/**
 * A display-only indicator (no index, rule set or grouping reads it), so a new year of it is a
 * series-only change. The fixture's own three indicators all feed something shared.
 */
const RENTAL = "rental_share";
const RENTAL_AREAS: [string, number, number][] = [
  ["0", 1_200_000, 5_000_000],
  ["0301", 220_000, 700_000],
  ["030101", 21_000, 60_000],
  ["03010101", 700, 1_500],
  ["03010102", 2, 40],
  ["03010103", 90, 200],
  ["5501", 25_000, 78_000],
];

async function addRentalIndicator() {
  await env.DB.prepare(
    "INSERT INTO indicators (id, name_nb, name_en, unit, direction, source, definition_nb, definition_en, finest_level, sort_order) VALUES (?, 'Leide boliger', 'Rented dwellings', 'percent', 'neutral', 'Test', 'Leid', 'Rented', 'grunnkrets', 4)",
  )
    .bind(RENTAL)
    .run();
  await env.DB.prepare("INSERT INTO data_changes (target, indicator_id, changed_at) VALUES ('indicators', NULL, '2026-01-01T00:00:00Z')").run();
  for (let year = 2018; year <= 2023; year++) {
    for (const [code, n, d] of RENTAL_AREAS) {
      await env.DB.prepare("INSERT INTO observations (area_code, indicator_id, period, value, numerator, denominator, source_id) VALUES (?, ?, ?, ?, ?, ?, 'test-stats')")
        .bind(code, RENTAL, year, Math.round((n / d) * 1000) / 10, n, d)
        .run();
    }
  }
}

/** A new year of one indicator through the real importer, which logs what it changed. */
async function importYear(indicator: string, year: number, rows: [string, number, number][]) {
  const csv = ["area_code,indicator,period,value,numerator,denominator,status", ...rows.map(([code, n, d]) => `${code},${indicator},${year},${Math.round((n / d) * 1000) / 10},${n},${d},`)].join("\n");
  const report = await runImport(env, { file: `${indicator}-${year}.csv`, bytes: new TextEncoder().encode(csv) });
  expect(report.status, JSON.stringify(report)).toBe("applied");
}

const PAGES = [
  "/api/v1/areas/0",
  "/api/v1/areas/0301",
  "/api/v1/areas/03010101",
  "/api/v1/areas/03010102",
  "/api/v1/areas/5501",
  `/api/v1/areas/0301/series?indicators=${RENTAL},low_income_persistent`,
  `/api/v1/areas/030101/children?indicator=${RENTAL}`,
  "/api/v1/areas/030101/children?indicator=low_income_persistent",
  "/api/v1/compare?codes=0301,5501",
  "/api/v1/search?q=gr",
  "/api/v1/classifications?ruleset=denmark_style&period=2024&all=true",
  "/api/v1/download?childrenOf=0301",
];

/** Every page above as a client sees it, with the snapshot version and the time it was computed taken out. */
async function published() {
  const out: Record<string, unknown> = {};
  for (const path of PAGES) {
    const res = await get(path);
    const text = (await res.text())
      .replace(/"snapshot":\d+/g, '"snapshot":0')
      .replace(/snapshot v\d+/g, "snapshot v0")
      .replace(/"figuresUpdated":"[^"]*"/g, '"figuresUpdated":""')
      .replace(/figures computed [\d-]+/g, "figures computed");
    out[path] = { status: res.status, body: text };
  }
  return out;
}

const count = async (sql: string, ...binds: unknown[]) => (await env.DB.prepare(sql).bind(...binds).first<{ n: number }>())!.n;

beforeAll(async () => {
  await seed();
  await addRentalIndicator();
  const first = await recompute(env, new Date());
  expect(first.plan).toMatchObject({ mode: "full" });
});

describe("incremental recompute", () => {
  it("does nothing when no import changed anything since the live snapshot", async () => {
    const live = await count("SELECT version AS n FROM live_snapshot");
    const run = await recompute(env, new Date());
    expect(run).toMatchObject({ state: "idle", version: live, plan: null });
    expect(await count("SELECT count(*) AS n FROM snapshots")).toBe(live);
  });

  it("rebuilds only the changed indicator's series, and publishes exactly what a full run would", async () => {
    await importYear(RENTAL, 2024, RENTAL_AREAS);
    const run = await recompute(env, new Date(), { chunkSize: 3 });
    expect(run).toMatchObject({ state: "complete", plan: { mode: "series", indicators: [RENTAL] } });
    const v = run.version!;
    // Only the changed indicator was written; frames, terms, classifications and the other
    // indicators' series are carried forward by the manifest, not copied.
    expect(await count("SELECT count(DISTINCT indicator) AS n FROM area_series WHERE snapshot = ?", v)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM child_values WHERE snapshot = ? AND indicator != ?", v, RENTAL)).toBe(0);
    for (const t of ["area_cards", "search_terms", "classification_results", "classification_met", "composite_scores", "segregation_results"]) {
      expect(await count(`SELECT count(*) AS n FROM ${t} WHERE snapshot = ?`, v), t).toBe(0);
    }
    const card = (await (await get("/api/v1/areas/0301")).json()) as { snapshot: number; cards: { indicator: string; latest: { period: number } | null }[] };
    expect(card.snapshot).toBe(v);
    expect(card.cards.find((c) => c.indicator === RENTAL)!.latest!.period).toBe(2024);
    expect(card.cards.map((c) => c.indicator)).toEqual(["population", "low_income_persistent", RENTAL]); // catalogue order

    const incremental = await published();
    for (const [path, page] of Object.entries(incremental)) expect((page as { status: number }).status, path).toBe(200);
    const full = await recompute(env, new Date(), { full: true });
    expect(full.plan).toMatchObject({ mode: "full", reason: "asked for" });
    expect(await published()).toEqual(incremental);
  }, 60_000);

  it("keeps the previous snapshot's rows for readers mid-request and prunes the rest", async () => {
    await importYear(RENTAL, 2025, RENTAL_AREAS);
    const run = await recompute(env, new Date());
    expect(run.plan).toMatchObject({ mode: "series" });
    const manifests = (await env.DB.prepare("SELECT manifest FROM snapshots WHERE state IN ('complete', 'superseded') ORDER BY version DESC LIMIT 2").all<{ manifest: string }>()).results.map(
      (r) => JSON.parse(r.manifest) as { tables: Record<string, number>; series: [string, number][] },
    );
    const kept = new Set(manifests.flatMap((m) => [...Object.values(m.tables), ...m.series.map(([, v]) => v)]));
    const present = (await env.DB.prepare("SELECT DISTINCT snapshot FROM area_series UNION SELECT DISTINCT snapshot FROM area_cards").all<{ snapshot: number }>()).results.map((r) => r.snapshot);
    expect(present.every((v) => kept.has(v)), `present ${present} kept ${[...kept]}`).toBe(true);
    // A series row is kept only where a kept manifest points to it.
    for (const v of present) {
      const ids = new Set(manifests.flatMap((m) => m.series.filter(([, sv]) => sv === v).map(([id]) => id)));
      const stored = (await env.DB.prepare("SELECT DISTINCT indicator FROM area_series WHERE snapshot = ?").bind(v).all<{ indicator: string }>()).results.map((r) => r.indicator);
      expect(stored.every((id) => ids.has(id)), `snapshot ${v}`).toBe(true);
    }
  });

  it("rebuilds everything when a shared indicator changes, and says why", async () => {
    await importYear("low_income_persistent", 2025, [
      ["0", 520_000, 5_000_000],
      ["0301", 100_000, 700_000],
    ]);
    const run = await recompute(env, new Date());
    expect(run.plan).toEqual({ mode: "full", reason: "low_income_persistent feed indices or classifications" });
    const v = run.version!;
    expect(await count("SELECT count(*) AS n FROM area_cards WHERE snapshot = ?", v)).toBeGreaterThan(0);
  });

  it("rebuilds everything when a rule set changes", async () => {
    await env.DB.prepare("UPDATE rule_sets SET active = 0 WHERE id = 'sweden_style'").run();
    const run = await recompute(env, new Date());
    expect(run.plan).toEqual({ mode: "full", reason: "rule sets changed" });
    await env.DB.prepare("UPDATE rule_sets SET active = 1 WHERE id = 'sweden_style'").run();
  });
});
