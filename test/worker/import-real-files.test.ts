/// <reference types="vite/client" />
/**
 * The bundled mappings for SSB 10826 (bydeler), FHI's population on 2024 borders, IMDi's 2013
 * figures and SSB 08487 (reported offences), each run on a few rows cut byte for byte from the
 * real file (test/fixtures/import/SOURCE.md), so the importer reads them exactly as published.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledMapping } from "../../db/mappings";
import { areas } from "../../db/schema";
import { makeDb } from "../../worker/lib/create-app";
import fhi from "../fixtures/import/fhi-population-excerpt.csv?bytes";
import { expectRejected, importText, query, seedBase } from "../fixtures/import/helpers";
import imdiNeet from "../fixtures/import/imdi-2013-ikke-arbeid-utdanning-excerpt.csv?bytes";
import imdiEmployment from "../fixtures/import/imdi-2013-sysselsatte-excerpt.csv?bytes";
import imdiLowIncome from "../fixtures/import/imdi-2013-vedvarende-lavinntekt-excerpt.csv?bytes";
import crime from "../fixtures/import/ssb-08487-excerpt.csv?bytes";
import ward2001 from "../fixtures/import/ssb-10826-excerpt-2001-2020.csv?bytes";
import ward2024 from "../fixtures/import/ssb-10826-excerpt-2024.csv?bytes";

const area = (code: string, level: "fylke" | "kommune", parentCode: string, nameNb: string, validTo: string | null = null) => ({
  code, level, parentCode, nameNb, validFrom: "2008-01-01", validTo,
});

beforeAll(async () => {
  await seedBase();
  // Besides the base slice: the kommuner (today's and retired ones, as Klass 131 and the
  // boundaries give them) that these excerpts name.
  const db = makeDb(env.DB);
  const extra = [
    area("01", "fylke", "0", "Østfold", "2019-12-31"),
    area("11", "fylke", "0", "Rogaland"),
    area("16", "fylke", "0", "Sør-Trøndelag", "2017-12-31"),
    area("19", "fylke", "0", "Troms", "2019-12-31"),
    area("31", "fylke", "0", "Østfold"),
    area("46", "fylke", "0", "Vestland"),
    area("50", "fylke", "0", "Trøndelag"),
    area("1103", "kommune", "11", "Stavanger"),
    area("1144", "kommune", "11", "Kvitsøy"),
    area("1151", "kommune", "11", "Utsira"),
    area("1601", "kommune", "16", "Trondheim", "2017-12-31"),
    area("1915", "kommune", "19", "Bjarkøy", "2012-12-31"),
    area("3101", "kommune", "31", "Halden"),
    area("4601", "kommune", "46", "Bergen"),
    area("5001", "kommune", "50", "Trondheim - Tråante"),
    area("5055", "kommune", "50", "Heim"),
  ];
  // One statement per area: D1 allows 100 bound values per statement.
  for (const a of extra) await db.insert(areas).values(a);
});

const mapping = (name: string) => {
  const m = bundledMapping(name);
  if (!m) throw new Error(`no bundled mapping ${name}`);
  return { mapping: m, mappingName: name };
};

type Cell = { value: number | null; status: string | null; source_id: string | null };
/** area → period → value, or the status where there is no value. */
async function series(indicator: string, code: string) {
  const rows = await query<Cell & { period: number }>("SELECT period, value, status, source_id FROM observations WHERE indicator_id = ? AND area_code = ? ORDER BY period", indicator, code);
  return Object.fromEntries(rows.map((r) => [r.period, r.value ?? r.status]));
}
const cell = async (indicator: string, code: string, period: number) =>
  (await query<Cell>("SELECT value, status, source_id FROM observations WHERE indicator_id = ? AND area_code = ? AND period = ?", indicator, code, period))[0];

const importWards = async () => {
  const first = await importText("Personerward2001-2020.csv", ward2001, mapping("ssb-10826-befolkning-bydel"));
  const second = await importText("Personerward2024.csv", ward2024, mapping("ssb-10826-befolkning-bydel"));
  return [first, second] as const;
};

describe("SSB 10826, population by bydel and single-year age", () => {
  let reports: Awaited<ReturnType<typeof importWards>>;
  beforeAll(async () => {
    reports = await importWards();
  });

  it("adds up the ages of each bydel into population, 0–17 and 67+, from the ISO-8859-1 export with its title line", async () => {
    for (const report of reports) expect(report.status, report.errors.map((e) => e.text).join("\n")).toBe("applied");
    expect(reports[0].notes).toContain('read as windows-1252, delimiter ";"');
    // Gamle Oslo 2004 in the excerpt: ages 0, 17, 18, 66, 67 and 105+ = 668 + 242 + 217 + 127 + 109 + 0.
    expect(await cell("population", "030101", 2004)).toEqual({ value: 1363, status: null, source_id: "ssb-10826" });
    expect((await cell("population_0_17", "030101", 2004))!.value).toBe(668 + 242);
    expect((await cell("population_67plus", "030101", 2004))!.value).toBe(109 + 0);
    expect((await cell("population", "030101", 2020))!.value).toBe(962 + 329 + 341 + 331 + 289 + 3);
  });

  it("reads the zeros of a bydel before it existed as not applicable, never as nobody", async () => {
    // Oslo's bydeler of 2004 did not exist in 2001–2003; Finnøy joined Stavanger in 2020.
    expect(await series("population", "030101")).toMatchObject({ 2001: ".", 2002: ".", 2003: ".", 2004: 1363 });
    expect(await series("population", "110308")).toMatchObject({ 2019: ".", 2020: 37 + 33 });
    expect((await cell("population_0_17", "110308", 2001))!.status).toBe(".");
  });

  it("skips the city totals and the historic district sets that reuse today's codes", async () => {
    // 030101 Bygdøy-Frogner (1988-2003) is not Gamle Oslo: 2001 stays '.' instead of 240 + 142.
    expect((await cell("population", "030101", 2001))!.status).toBe(".");
    // 160101 Sentrum (2001-2004) is not Midtbyen.
    expect(await series("population", "500101")).toMatchObject({ 2001: ".", 2004: ".", 2005: 554 + 275, 2017: 559 + 461, 2018: 546 + 441 });
    expect(await query("SELECT code FROM areas WHERE code IN ('030100', '120100', '160100', '500100', '120101', '160101')")).toEqual([]);
    expect(await query("SELECT count(*) AS n FROM observations WHERE area_code LIKE '____00'")).toEqual([{ n: 0 }]);
    // Oslo total, Bygdøy-Frogner and Sentrum (2001-2004): two rows each, twenty years.
    expect(reports[0].rows.skipped).toBe(3 * 2 * 20);
    // Trondheim total: four rows of 2024.
    expect(reports[1].rows.skipped).toBe(4);
  });

  it("continues Bergen's bydeler of 1201 under 4601, and keeps Heimdal before Klæbu apart", async () => {
    // Arna: 120101 (-2019) up to 2019, 460101 from 2020, one series.
    expect(await series("population", "460101")).toMatchObject({ 2001: 144 + 134 + 178 + 89 + 92, 2019: 134 + 172 + 189 + 139 + 124, 2020: 164 + 160 + 172 + 118 + 137, 2024: 132 + 172 + 123 });
    expect((await cell("population_67plus", "460101", 2005))!.value).toBe(112 + 1);
    // Heimdal (2005-2017) is its own retired area; 500104 starts where SSB starts it, in 2018.
    expect(await series("population", "160104")).toMatchObject({ 2004: ".", 2005: 387 + 172, 2017: 426 + 328, 2018: ".", 2024: "." });
    expect(await series("population", "500104")).toMatchObject({ 2017: ".", 2018: 443 + 305, 2020: 501 + 411, 2024: 423 + 589 + 416 + 2 });
  });

  it("creates the bydeler the database lacks, named from the label, under their kommune; keeps the ones it has", async () => {
    expect(await query("SELECT code, parent_code, name_nb, valid_to FROM areas WHERE level = 'bydel' ORDER BY code")).toEqual([
      { code: "030101", parent_code: "0301", name_nb: "Gamle Oslo", valid_to: null },
      { code: "030116", parent_code: "0301", name_nb: "Sentrum", valid_to: null },
      { code: "030199", parent_code: "0301", name_nb: "Uten registrert adresse", valid_to: null },
      { code: "110308", parent_code: "1103", name_nb: "Finnøy", valid_to: null },
      { code: "160104", parent_code: "1601", name_nb: "Heimdal (2005-2017)", valid_to: "2017-12-31" },
      { code: "460101", parent_code: "4601", name_nb: "Arna", valid_to: null },
      { code: "500101", parent_code: "5001", name_nb: "Midtbyen", valid_to: null },
      { code: "500104", parent_code: "5001", name_nb: "Heimdal", valid_to: null },
    ]);
    expect(await series("population", "030199")).toMatchObject({ 2004: 18 + 6, 2024: 6 + 18 + 3 + 0 });
  });
});

describe("FHI population on 2024 borders, only where SSB's own exports are silent", () => {
  // FHI's bydeler must exist: SSB 10826 creates them (unchanged if the suite above ran).
  beforeAll(importWards);

  it("imports Norway and the fylker for every year and nothing else", async () => {
    const report = await importText("population_total_b2024_borders.csv", fhi, mapping("fhi-befolkning-land-fylke"));
    expect(report.status, report.errors.map((e) => e.text).join("\n")).toBe("applied");
    expect(await query("SELECT area_code, period, value FROM observations WHERE source_id = 'fhi-csdata' AND length(area_code) <= 2 ORDER BY area_code, period")).toEqual([
      { area_code: "0", period: 1986, value: 4_159_187 },
      { area_code: "0", period: 2014, value: 5_109_056 },
      { area_code: "0", period: 2015, value: 5_165_802 },
      { area_code: "0", period: 2026, value: 5_627_400 },
      { area_code: "03", period: 2005, value: 529_846 },
      { area_code: "03", period: 2024, value: 717_710 },
      { area_code: "46", period: 2026, value: 658_342 },
    ]);
    expect((await query<{ priority: number }>("SELECT priority FROM sources WHERE id = 'fhi-csdata'"))[0]!.priority).toBe(40);
  });

  it("imports kommuner outside 2015–2024 and bydeler outside 2001–2024, never a flat share of a split kommune", async () => {
    const report = await importText("population_total_b2024_borders.csv", fhi, mapping("fhi-befolkning-kommune-bydel-utenfor-ssb"));
    expect(report.status, report.errors.map((e) => e.text).join("\n")).toBe("applied");
    const fromFhi = await query<{ area_code: string; period: number; value: number }>("SELECT area_code, period, value FROM observations WHERE source_id = 'fhi-csdata' AND length(area_code) >= 4 ORDER BY area_code, period");
    expect(fromFhi).toEqual([
      { area_code: "0301", period: 2014, value: 634_463 },
      { area_code: "0301", period: 2025, value: 724_290 },
      { area_code: "030101", period: 2025, value: 64_554 },
      { area_code: "030116", period: 2025, value: 1522 },
      // 1508 Ålesund: 2014 and 2023 are FHI's flat halves of old Ålesund; 2024 is SSB's.
      { area_code: "1508", period: 2025, value: 59_198 },
      { area_code: "3101", period: 2005, value: 27_582 },
      { area_code: "3101", period: 2026, value: 32_082 },
      { area_code: "460101", period: 2026, value: 14_168 },
      // 5055 Heim: 2014 and 2019 carry a third of Snillfjord.
      { area_code: "5055", period: 2026, value: 6075 },
    ]);
    // The bydel years SSB 10826 gives keep SSB's figure.
    expect(await cell("population", "460101", 2005)).toMatchObject({ value: 148 + 161 + 165 + 107 + 112 + 1, source_id: "ssb-10826" });
  });
});

describe("IMDi 2013: persistent low income, employment, not in work or education", () => {
  // Oslo's Sentrum (030116) comes from SSB 10826.
  beforeAll(importWards);

  const lowIncome = () => importText("vedvarende_lavinntekt.csv", imdiLowIncome, mapping("imdi-2013-vedvarende-lavinntekt"));
  // The file's figures, and beside them the gap the import derives (immigrants − the rest, in
  // percentage points; hidden where either input is): db/derived.ts.
  const values = async (prefix: string, code: string) =>
    Object.fromEntries(
      (await query<Cell & { indicator_id: string }>("SELECT indicator_id, value, status FROM observations WHERE indicator_id LIKE ? AND area_code = ? AND period = 2013 ORDER BY indicator_id", `${prefix}%`, code)).map((r) => [r.indicator_id, r.value ?? r.status]),
    );

  it("reads Norway, fylker, 2013 kommuner and Oslo's bydeler, each for all, immigrants and the rest", async () => {
    const report = await lowIncome();
    expect(report.status, report.errors.map((e) => e.text).join("\n")).toBe("applied");
    // Norway is fylke_nr "00"; the rows for world region 1 and 2 are not the immigrants' figure.
    expect(await values("low_income_persistent", "0")).toEqual({ low_income_persistent: 8.6, low_income_persistent_gap: 18.6, low_income_persistent_immigrants: 25.3, low_income_persistent_rest: 6.7 });
    // The næringsregion 01 (11.4 %) is not fylke 01.
    expect(await values("low_income_persistent", "01")).toEqual({ low_income_persistent: 9.9, low_income_persistent_gap: 22.9, low_income_persistent_immigrants: 30.4, low_income_persistent_rest: 7.5 });
    // Oslo comes twice, as kommune 0301 and as bydel 000301, with the same figures.
    expect(await values("low_income_persistent", "0301")).toEqual({ low_income_persistent: 13.7, low_income_persistent_gap: 17.2, low_income_persistent_immigrants: 27.2, low_income_persistent_rest: 10 });
    expect(await values("low_income_persistent", "030116")).toEqual({ low_income_persistent: 29.9, low_income_persistent_gap: 11.5, low_income_persistent_immigrants: 36.4, low_income_persistent_rest: 24.9 });
    expect(await values("low_income_persistent", "1151")).toEqual({ low_income_persistent: 4.6, low_income_persistent_gap: ":", low_income_persistent_immigrants: ":", low_income_persistent_rest: 3.9 });
    expect(await values("low_income_persistent", "1601")).toEqual({ low_income_persistent: 10, low_income_persistent_gap: 18.3, low_income_persistent_immigrants: 26.8, low_income_persistent_rest: 8.5 });
    // Fylke "99" (every cell ".") is no area; the næringsregion rows are skipped.
    expect(report.notes).toContain("skipped rows for excluded codes: 99");
    expect(await query("SELECT DISTINCT area_code FROM observations WHERE indicator_id LIKE 'low_income_persistent%' ORDER BY area_code")).toEqual(
      ["0", "01", "0301", "030101", "030116", "1151", "1601"].map((area_code) => ({ area_code })),
    );
    expect(await query("SELECT id, unit, direction, period_span FROM indicators WHERE id LIKE 'low_income_persistent%' ORDER BY id")).toEqual([
      { id: "low_income_persistent", unit: "percent", direction: "higher_worse", period_span: 3 },
      // Derived: the gap takes its inputs' three-year span.
      { id: "low_income_persistent_gap", unit: "points", direction: "higher_worse", period_span: 3 },
      { id: "low_income_persistent_immigrants", unit: "percent", direction: "higher_worse", period_span: 3 },
      { id: "low_income_persistent_rest", unit: "percent", direction: "higher_worse", period_span: 3 },
    ]);
    expect((await query<{ priority: number }>("SELECT priority FROM sources WHERE id = 'imdi-imdikator-2013'"))[0]!.priority).toBe(80);
  });

  it("refuses the file when Oslo as a bydel row and as a kommune row disagree", async () => {
    const text = new TextDecoder().decode(imdiLowIncome).replace('"000301","alle","alle","prosent","13.7"', '"000301","alle","alle","prosent","13.8"');
    await expectRejected(() => importText("vedvarende_lavinntekt.csv", text, mapping("imdi-2013-vedvarende-lavinntekt")), /0301\/low_income_persistent\/2013 appears twice with different values/);
  });

  it("reads the employment rate in per cent, not the count of employed persons", async () => {
    const report = await importText("sysselsatte_innvkat.csv", imdiEmployment, mapping("imdi-2013-sysselsatte"));
    expect(report.status, report.errors.map((e) => e.text).join("\n")).toBe("applied");
    expect(await values("employment_rate", "0")).toEqual({ employment_rate: 77.3, employment_rate_gap: -12.5, employment_rate_immigrants: 66.8, employment_rate_rest: 79.3 });
    expect(await values("employment_rate", "1151")).toEqual({ employment_rate: 85.9, employment_rate_gap: -1.5, employment_rate_immigrants: 84.6, employment_rate_rest: 86.1 });
    expect(await values("employment_rate", "0301")).toEqual({ employment_rate: 75.9, employment_rate_gap: -16.4, employment_rate_immigrants: 64.5, employment_rate_rest: 80.9 });
  });

  it("reads 'not in work or education' for ages 16–66 ('alle'), with the suppressed cells kept", async () => {
    const report = await importText("ikke_arbutd_innvkat_alder.csv", imdiNeet, mapping("imdi-2013-ikke-arbeid-utdanning"));
    expect(report.status, report.errors.map((e) => e.text).join("\n")).toBe("applied");
    expect(await values("not_in_work_education", "0")).toEqual({ not_in_work_education: 18.6, not_in_work_education_gap: 13.5, not_in_work_education_immigrants: 29.9, not_in_work_education_rest: 16.4 });
    expect(await values("not_in_work_education", "1151")).toEqual({ not_in_work_education: 10.1, not_in_work_education_gap: ":", not_in_work_education_immigrants: ":", not_in_work_education_rest: 9.6 });
    expect(await values("not_in_work_education", "0301")).toEqual({ not_in_work_education: 19.5, not_in_work_education_gap: 17.4, not_in_work_education_immigrants: 31.7, not_in_work_education_rest: 14.3 });
  });
});

describe("SSB 08487, reported offences per 1,000 for two-year periods", () => {
  it("stores '2016-2017' as 2017 with a period span of 2, and keeps '.' and '..'", async () => {
    const report = await importText("CONVERTED_AnmLovbrPer1000-3_long.csv", crime, mapping("ssb-08487-anmeldte-lovbrudd"));
    expect(report.status, report.errors.map((e) => e.text).join("\n")).toBe("applied");
    expect(await series("crime_per_1000", "0301")).toEqual({ 2008: 148.1, 2017: 95.9 });
    expect(await series("crime_per_1000", "5001")).toEqual({ 2017: 68.5 });
    // Bjarkøy joined Harstad in 2013: "." for 2012-2013; Kvitsøy's 2009-2010 is missing.
    expect(await series("crime_per_1000", "1915")).toEqual({ 2012: 19.8, 2013: "." });
    expect(await series("crime_per_1000", "1144")).toEqual({ 2010: ".." });
    expect(await query("SELECT unit, direction, period_span FROM indicators WHERE id = 'crime_per_1000'")).toEqual([{ unit: "per1000", direction: "higher_worse", period_span: 2 }]);
  });
});
