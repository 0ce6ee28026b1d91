import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { SeriesResponse } from "../../worker/api/schemas";
import { CSV_TEMPLATE, type Mapping } from "../../worker/import/mapping";
import { runImport } from "../../worker/import/run";
import { importText, query, seedBase } from "../fixtures/import/helpers";
import { get, recomputeNow } from "./fixtures";

const HEADER = "area_code,indicator,period,value,numerator,denominator,status\n";
const csv = (...rows: string[]) => HEADER + rows.join("\n") + "\n";

const decl = (id: string, unit: "count" | "percent", finestLevel: "grunnkrets" | "bydel", periodSpan = 1) => ({
  id, nameNb: id, nameEn: id, unit, direction: "neutral" as const, source: "SSB 07459", tableId: "07459", definitionNb: id, definitionEn: id, finestLevel, periodSpan,
});

/** The CSV template with a publisher and the input indicators declared, as a real mapping would. */
const mapping: Mapping = {
  ...CSV_TEMPLATE,
  source: { id: "ssb-07459", name: "SSB 07459", publisher: "Statistisk sentralbyrå", licence: "CC BY 4.0", url: null, priority: 100 },
  indicators: [decl("population_0_17", "count", "bydel"), decl("population_67plus", "count", "bydel")],
};
const imdi: Mapping = {
  ...CSV_TEMPLATE,
  source: { id: "imdi-2013", name: "IMDi 2013", publisher: "IMDi", licence: "NLOD 2.0", url: null, priority: 80 },
  indicators: [decl("low_income_persistent_immigrants", "percent", "bydel", 3), decl("low_income_persistent_rest", "percent", "bydel", 3)],
};

const share = (code: string, period: number, indicator = "share_0_17") =>
  query<{ value: number | null; numerator: number | null; denominator: number | null; status: string | null; source_id: string }>(
    "SELECT value, numerator, denominator, status, source_id FROM observations WHERE area_code = ? AND indicator_id = ? AND period = ?",
    code,
    indicator,
    period,
  ).then((r) => r[0]);

beforeAll(seedBase);

describe("derived indicators are written with the import that changes their inputs", () => {
  it("derives the children's share from counts imported through the template, keeping both counts", async () => {
    const report = await importText(
      "children.csv",
      csv(
        "0301,population,2023,700000,,,",
        "0301,population_0_17,2023,140000,,,",
        "030101,population,2023,60000,,,",
        "030101,population_0_17,2023,9000,,,",
        "03010101,population,2023,1500,,,",
        "03010101,population_0_17,2023,,,,:",
        "5610,population_0_17,2023,480,,,",
      ),
      { mapping },
    );
    expect(report.status, report.summary).toBe("applied");
    // The report counts the file's rows; the derived ones are told in the notes.
    expect(report.tables.observations.added).toBe(7);
    expect(report.notes).toContain("derived share_0_17: 3 added, 0 updated, 0 removed, 0 unchanged");
    expect(report.notes.join("\n")).toMatch(/derived immigrants: not computed until immigrants_count is imported/);
    // Declared but without values: no share of the elderly to list in the catalogue yet.
    expect(report.notes).toContain("derived share_67plus: 0 added, 0 updated, 0 removed, 0 unchanged");
    expect(await query("SELECT id FROM indicators WHERE id IN ('share_67plus', 'immigrants')")).toEqual([]);

    expect(await share("0301", 2023)).toEqual({ value: 20, numerator: 140000, denominator: 700000, status: null, source_id: "derived" });
    expect(await share("030101", 2023)).toEqual({ value: 15, numerator: 9000, denominator: 60000, status: null, source_id: "derived" });
    expect(await share("03010101", 2023)).toEqual({ value: null, numerator: null, denominator: null, status: ":", source_id: "derived" });
    // No population for Karasjok in 2023, and no children's count for Oslo in 2024: no share.
    expect(await share("5610", 2023)).toBeUndefined();
    expect(await share("0301", 2024)).toBeUndefined();

    expect(await query("SELECT unit, finest_level, period_span, source, table_id, direction FROM indicators WHERE id = 'share_0_17'")).toEqual([
      { unit: "percent", finest_level: "bydel", period_span: 1, source: "Beregnet fra: SSB 07459; Test", table_id: "07459", direction: "neutral" },
    ]);
    const [source] = await query<{ licence: string; name: string; priority: number }>("SELECT licence, name, priority FROM sources WHERE id = 'derived'");
    expect(source!.licence).toBe("CC BY 4.0");
    expect(source!.name).toMatch(/beregnet/);
    expect(source!.priority).toBe(0);
    // The next recompute learns that share_0_17 changed.
    expect(await query("SELECT DISTINCT indicator_id FROM data_changes WHERE target = 'observations' AND indicator_id = 'share_0_17'")).toHaveLength(1);
  });

  it("updates the share when a changed population is imported again", async () => {
    const report = await importText("population.csv", csv("0301,population,2023,560000,,,"), { mapping });
    expect(report.status, report.summary).toBe("applied");
    expect(report.notes).toContain("derived share_0_17: 0 added, 1 updated, 0 removed, 2 unchanged");
    expect(await share("0301", 2023)).toEqual({ value: 25, numerator: 140000, denominator: 560000, status: null, source_id: "derived" });
  });

  it("derives a gap in percentage points from two rates, its period span taken from them, and the licences of all inputs", async () => {
    const report = await importText(
      "imdi.csv",
      csv(
        "0301,low_income_persistent_immigrants,2013,27.2,,,",
        "0301,low_income_persistent_rest,2013,13.1,,,",
        "030101,low_income_persistent_immigrants,2013,,,,:",
        "030101,low_income_persistent_rest,2013,19.4,,,",
        "5610,low_income_persistent_rest,2013,8.0,,,",
      ),
      { mapping: imdi },
    );
    expect(report.status, report.summary).toBe("applied");
    const gap = (code: string) => share(code, 2013, "low_income_persistent_gap");
    expect(await gap("0301")).toEqual({ value: 14.1, numerator: null, denominator: null, status: null, source_id: "derived" });
    expect(await gap("030101")).toMatchObject({ value: null, status: ":" });
    expect(await gap("5610")).toMatchObject({ value: null, status: ".." });
    expect(await query("SELECT unit, period_span, direction FROM indicators WHERE id = 'low_income_persistent_gap'")).toEqual([{ unit: "points", period_span: 3, direction: "higher_worse" }]);
    expect((await query<{ licence: string }>("SELECT licence FROM sources WHERE id = 'derived'"))[0]!.licence).toBe("CC BY 4.0; NLOD 2.0");
  });

  it("leaves a publisher's own figure for a derived indicator alone", async () => {
    const published: Mapping = { ...mapping, source: { id: "oslo-kommune", name: "Oslo kommune", publisher: "Oslo kommune", licence: "NLOD 2.0", url: null, priority: 60 } };
    await importText("oslo-share.csv", csv("030101,share_0_17,2022,14.8,8800,59500,"), { mapping: published });
    const report = await importText("oslo-counts.csv", csv("030101,population,2022,59000,,,", "030101,population_0_17,2022,8850,,,"), { mapping });
    expect(report.notes.join("\n")).toMatch(/derived share_0_17: 0 added, 0 updated, 0 removed, \d+ unchanged; 1 left as published/);
    expect(await share("030101", 2022)).toMatchObject({ value: 14.8, numerator: 8800, source_id: "oslo-kommune" });
  });

  it("removes a derived row whose inputs are gone, in the same batch as the import", async () => {
    await importText("tromso.csv", csv("5501,population,2021,76000,,,", "5501,population_0_17,2021,15200,,,"), { mapping });
    expect(await share("5501", 2021)).toMatchObject({ value: 20 });
    // Something other than an import took the population away (imports never delete).
    await env.DB.prepare("DELETE FROM observations WHERE area_code = '5501' AND indicator_id = 'population' AND period = 2021").run();
    const report = await importText("tromso-children.csv", csv("5501,population_0_17,2021,15300,,,"), { mapping });
    expect(report.notes.join("\n")).toMatch(/derived share_0_17: 0 added, 0 updated, 1 removed, \d+ unchanged/);
    expect(await share("5501", 2021)).toBeUndefined();
  });

  it("writes nothing, derived rows included, when the import's final batch fails", async () => {
    let batches = 0;
    const DB = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch") {
          return (statements: D1PreparedStatement[]) => {
            // The first batch stages rows; the second is the one that writes the tables.
            if (++batches === 2) throw new Error("simulated crash in the final batch");
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const bytes = new TextEncoder().encode(csv("1508,population,2023,67000,,,", "1508,population_0_17,2023,13400,,,"));
    await expect(runImport({ ...env, DB }, { file: "crash.csv", bytes, mapping })).rejects.toThrow(/simulated crash/);
    expect(await query("SELECT indicator_id FROM observations WHERE area_code = '1508'")).toEqual([]);
  });

  it("serves the derived share after a recompute with a Wilson interval from its counts", async () => {
    await recomputeNow();
    const res = await get("/api/v1/areas/0301/series?indicators=share_0_17");
    expect(res.status).toBe(200);
    const body = (await res.json()) as SeriesResponse;
    const point = body.series[0]!.points.find((p) => p.period === 2023)!;
    expect(point.value).toBe(25);
    // Wilson 95 % for 140 000 / 560 000: ±0.11 points around 25 %; served from 24.95 and 25.05 %
    // (the shares that round to 25.0) and rounded outward to one decimal.
    expect(point).toMatchObject({ low: 24.8, high: 25.2 });
  }, 60_000);
});
