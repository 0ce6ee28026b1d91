import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { csvMappingSchema, type Mapping } from "../../worker/import/mapping";
import type { ImportReport } from "../../worker/import/report";
import { importText, query, seedBase } from "../fixtures/import/helpers";

beforeAll(seedBase);

// Gamle Oslo's residents on 1 January 2024: SSB table 10826 says 63 712, Oslo kommune's own
// extract 63 714 (issue #13). The official statistic has the higher priority.
const mapping = (source: { id: string; name: string; priority?: number }, indicators: Mapping["indicators"] = []): Mapping =>
  csvMappingSchema.parse({
    format: "csv",
    source: { publisher: source.name, licence: "CC BY 4.0", ...source },
    indicators,
    area: { column: "area_code" },
    period: { column: "period" },
    measures: [{ indicatorColumn: "indicator", value: "value", numerator: "numerator", denominator: "denominator", status: "status" }],
    optionalColumns: ["numerator", "denominator", "status"],
  });
const SSB = mapping({ id: "ssb-10826", name: "Statistisk sentralbyrå", priority: 100 });
const OSLO = mapping({ id: "oslo-kommune", name: "Oslo kommune", priority: 60 });

const csv = (...rows: string[]) => `area_code,indicator,period,value,numerator,denominator,status\n${rows.join("\n")}\n`;
const ssbFile = csv("030101,population,2024,63712,,,", "030101,population,2023,62000,,,");
const osloFile = csv("030101,population,2024,63714,,,", "030101,population,2023,62000,,,");

const cell = async (period: number) =>
  (await query<{ value: number; source_id: string }>("SELECT value, source_id FROM observations WHERE area_code = '030101' AND indicator_id = 'population' AND period = ?", period))[0];

const importBoth = async (order: "ssb first" | "oslo first") => {
  const files = order === "ssb first" ? ([["ssb.csv", ssbFile, SSB], ["oslo.csv", osloFile, OSLO]] as const) : ([["oslo.csv", osloFile, OSLO], ["ssb.csv", ssbFile, SSB]] as const);
  const reports: ImportReport[] = [];
  for (const [file, content, m] of files) reports.push(await importText(file, content, { mapping: m }));
  for (const r of reports) expect(r.status, r.summary).not.toBe("rejected");
  return { reports, cells: { 2024: await cell(2024), 2023: await cell(2023) } };
};

beforeEach(async () => {
  await env.DB.prepare("DELETE FROM observations WHERE area_code = '030101'").run();
});

describe("imports of one cell from two sources", () => {
  it("keeps SSB's 63 712 over Oslo kommune's 63 714 whichever file is read first, and reports the conflict", async () => {
    const ssbFirst = await importBoth("ssb first");
    await env.DB.prepare("DELETE FROM observations WHERE area_code = '030101'").run();
    const osloFirst = await importBoth("oslo first");

    const expected = { 2024: { value: 63712, source_id: "ssb-10826" }, 2023: { value: 62000, source_id: "ssb-10826" } };
    expect(ssbFirst.cells).toEqual(expected);
    expect(osloFirst.cells).toEqual(expected);

    const conflict = {
      area: "030101",
      indicator: "population",
      period: 2024,
      existing: expect.objectContaining({ value: 63712, sourceId: "ssb-10826", priority: 100 }),
      incoming: expect.objectContaining({ value: 63714, sourceId: "oslo-kommune", priority: 60 }),
      winner: "existing",
    };
    // Oslo's file, read second, loses its cell and says so.
    expect(ssbFirst.reports[1]!.conflicts).toMatchObject({ count: 1, replaced: 0, kept: 1, list: [conflict] });
    expect(ssbFirst.reports[1]!.conflicts.list[0]!.text).toBe(
      "030101 population 2024: ssb-10826 (priority 100) says 63712, oslo-kommune (priority 60) says 63714; keeps ssb-10826 (higher priority)",
    );
    expect(ssbFirst.reports[1]!.summary).toMatch(/1 conflict with other sources \(0 replaced, 1 kept by priority\)/);
    // SSB's file, read second, replaces Oslo's value and says so.
    expect(osloFirst.reports[1]!.conflicts).toMatchObject({
      count: 1,
      replaced: 1,
      kept: 0,
      list: [{ ...conflict, existing: expect.objectContaining({ value: 63714, sourceId: "oslo-kommune" }), incoming: expect.objectContaining({ value: 63712, sourceId: "ssb-10826" }), winner: "incoming" }],
    });
    // The first import of each order met no other source.
    expect(ssbFirst.reports[0]!.conflicts.count).toBe(0);
    expect(osloFirst.reports[0]!.conflicts.count).toBe(0);
  });

  it("does not call equal numbers a conflict, and names the higher-priority source for them", async () => {
    const { reports, cells } = await importBoth("oslo first");
    // 2023 agreed: SSB's import took the cell over without a conflict.
    expect(cells[2023]).toEqual({ value: 62000, source_id: "ssb-10826" });
    expect(reports[1]!.conflicts.list.map((c) => c.period)).toEqual([2024]);
    expect(reports[1]!.tables.observations).toEqual({ added: 0, updated: 2, unchanged: 0 });
    // Read the other way round, Oslo's equal number changes nothing.
    await env.DB.prepare("DELETE FROM observations WHERE area_code = '030101'").run();
    const other = await importBoth("ssb first");
    expect(other.reports[1]!.tables.observations).toEqual({ added: 0, updated: 0, unchanged: 2 });
  });

  it("lets the newer import win between sources of equal priority, and says to rank them", async () => {
    const a = mapping({ id: "kommune-a", name: "A", priority: 50 });
    const b = mapping({ id: "kommune-b", name: "B", priority: 50 });
    await importText("a.csv", csv("030101,population,2024,100,,,"), { mapping: a });
    const report = await importText("b.csv", csv("030101,population,2024,101,,,"), { mapping: b });
    expect(report.conflicts).toMatchObject({ count: 1, replaced: 1, kept: 0 });
    expect(report.conflicts.list[0]!.text).toMatch(/keeps kommune-b \(equal priority, so the newer import wins; give the sources distinct priorities\)/);
    expect(await cell(2024)).toEqual({ value: 101, source_id: "kommune-b" });
  });

  it("ranks a value without a source below any named source", async () => {
    await importText("ssb.csv", ssbFile, { mapping: SSB });
    const report = await importText("template.csv", csv("030101,population,2024,1,,,"));
    expect(report.conflicts).toMatchObject({ count: 1, kept: 1 });
    expect(report.conflicts.list[0]!.incoming).toMatchObject({ sourceId: null, priority: 0 });
    expect(await cell(2024)).toEqual({ value: 63712, source_id: "ssb-10826" });
  });

  it("updates a value from the same source without calling it a conflict", async () => {
    await importText("ssb.csv", ssbFile, { mapping: SSB });
    const report = await importText("ssb.csv", csv("030101,population,2024,63713,,,"), { mapping: SSB });
    expect(report.conflicts.count).toBe(0);
    expect(report.tables.observations).toEqual({ added: 0, updated: 1, unchanged: 0 });
  });
});

describe("what a mapping declares about sources and indicators", () => {
  it("stores the source's priority and the indicator's period span", async () => {
    const crime = mapping({ id: "ssb-08487", name: "Statistisk sentralbyrå", priority: 100 }, [
      {
        id: "crime_per_1000", nameNb: "Anmeldte lovbrudd per 1000", nameEn: "Reported offences per 1,000", unit: "per1000", direction: "higher_worse",
        source: "SSB 08487", definitionNb: "Anmeldte lovbrudd per 1000 innbyggere, toårsperiode", definitionEn: "Offences per 1,000, two-year period", finestLevel: "kommune", periodSpan: 2,
      },
    ]);
    const report = await importText("crime.csv", csv("0301,crime_per_1000,2017,85.1,,,"), { mapping: crime });
    expect(report.status, report.summary).toBe("applied");
    expect(await query("SELECT id, priority FROM sources WHERE id = 'ssb-08487'")).toEqual([{ id: "ssb-08487", priority: 100 }]);
    expect(await query("SELECT id, period_span FROM indicators WHERE id = 'crime_per_1000'")).toEqual([{ id: "crime_per_1000", period_span: 2 }]);

    // Leaving them out later keeps what was stored; a new source without one ranks 0.
    const { priority: _p, ...unranked } = crime.source!;
    const again = await importText("crime.csv", csv("0301,crime_per_1000,2017,85.1,,,"), {
      mapping: { ...crime, source: unranked, indicators: crime.indicators.map(({ periodSpan: _s, ...i }) => i) },
    });
    expect(again.status, again.summary).toBe("unchanged");
    expect(await query("SELECT priority FROM sources WHERE id = 'ssb-08487'")).toEqual([{ priority: 100 }]);
    expect(await query("SELECT period_span FROM indicators WHERE id = 'crime_per_1000'")).toEqual([{ period_span: 2 }]);
    await importText("new.csv", csv("5501,population,2024,1000,,,"), { mapping: mapping({ id: "someone", name: "Someone" }) });
    expect(await query("SELECT priority FROM sources WHERE id = 'someone'")).toEqual([{ priority: 0 }]);
  });
});
