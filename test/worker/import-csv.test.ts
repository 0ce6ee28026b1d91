/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from "vitest";
import template from "../fixtures/import/template.csv?raw";
import { expectRejected, importText, query, tableContents, windows1252, seedBase } from "../fixtures/import/helpers";
import { csvMappingSchema, type Mapping } from "../../worker/import/mapping";

beforeAll(seedBase);

const HEADER = "area_code,indicator,period,value,numerator,denominator,status\n";
const csv = (...rows: string[]) => HEADER + rows.join("\n") + "\n";
const obs = (area: string, indicator: string, period: number) =>
  query<{ value: number | null; numerator: number | null; denominator: number | null; status: string | null }>(
    "SELECT value, numerator, denominator, status FROM observations WHERE area_code = ? AND indicator_id = ? AND period = ?",
    area,
    indicator,
    period,
  ).then((r) => r[0]);

describe("CSV import with the template", () => {
  it("reads BOM, non-breaking spaces, decimal commas, lost leading zeros and status markers", async () => {
    const report = await importText("template.csv", template);
    expect(report.status, report.summary).toBe("applied");
    expect(report.tables.observations).toEqual({ added: 6, updated: 0, unchanged: 0 });
    expect(report.notes).toContain('read as utf-8, delimiter ","');
    expect(await obs("0301", "population", 2025)).toEqual({ value: 701234, numerator: null, denominator: null, status: null });
    expect(await obs("0301", "low_income", 2025)).toEqual({ value: 12.5, numerator: 87500, denominator: 700000, status: null });
    // 30101 is Gamle Oslo's 030101 without its leading zero; the share is computed from the counts.
    expect(await obs("030101", "low_income", 2025)).toEqual({ value: 10, numerator: 6000, denominator: 60000, status: null });
    expect(await obs("5610", "low_income", 2021)).toMatchObject({ value: null, status: ".." });
    expect(await obs("5610", "low_income", 2020)).toMatchObject({ value: null, status: ":" });
    // "-" is a suppression marker: never a number.
    expect(await obs("03010101", "population", 2025)).toMatchObject({ value: null, status: ":" });
    expect(report.areasTouched.codes).toEqual(["030101", "03010101", "0301", "5610"].sort());
    expect(report.recompute).toEqual({ due: true, result: null });
    const runs = await query<{ file: string; format: string }>("SELECT file, format FROM import_runs WHERE file = 'template.csv'");
    expect(runs).toEqual([{ file: "template.csv", format: "csv" }]);
  });

  it("re-importing the same file changes nothing and says so", async () => {
    await importText("template.csv", template);
    const before = await tableContents();
    const again = await importText("template.csv", template);
    expect(again.status).toBe("unchanged");
    expect(again.summary).toMatch(/nothing changed/);
    expect(again.totals).toMatchObject({ added: 0, updated: 0, unchanged: 6 });
    expect(await tableContents()).toEqual(before);
  });

  it("takes back the API's own CSV download: a comment line first, extra columns ignored", async () => {
    const download = "# Area monitor snapshot v3. Source: Area monitor; SSB. Licence: CC BY 4.0.\narea_code,indicator,period,value,numerator,denominator,status,area_name,unit\n5501,median_income,2023,560000,,,,Tromsø,nok\n5501,median_income,2022,,,,:,Tromsø,nok\n";
    const report = await importText("download.csv", download);
    expect(report.status, report.summary).toBe("applied");
    expect(await obs("5501", "median_income", 2023)).toMatchObject({ value: 560000, status: null });
    expect(await obs("5501", "median_income", 2022)).toMatchObject({ value: null, status: ":" });
  });

  it("updates a value that changed and counts the rest unchanged", async () => {
    await importText("a.csv", csv("0301,median_income,2025,600000,,,", "0301,median_income,2024,590000,,,"));
    const report = await importText("b.csv", csv("0301,median_income,2025,610000,,,", "0301,median_income,2024,590000,,,"));
    expect(report.tables.observations).toEqual({ added: 0, updated: 1, unchanged: 1 });
    expect((await obs("0301", "median_income", 2025))!.value).toBe(610000);
  });

  it("reads a semicolon-separated Windows-1252 file with decimal commas through a mapping", async () => {
    const mapping: Mapping = csvMappingSchema.parse({
      format: "csv",
      area: { column: "Grunnkrets" },
      period: { column: "År" },
      measures: [
        { indicator: "population", value: "Bosatte" },
        { indicator: "low_income", value: "Lavinntekt %" },
      ],
      createAreas: { level: "grunnkrets", name: "Navn", parent: { prefix: 6 } },
    });
    const file = windows1252('Grunnkrets;Navn;År;Bosatte;Lavinntekt %\r\n3010103;"Tøyen øst; Ænes";2025;"1\u00a0204";"17,25"\r\n');
    const report = await importText("kommune.csv", file, { mapping });
    expect(report.status, report.summary).toBe("applied");
    expect(report.notes).toContain('read as windows-1252, delimiter ";"');
    expect(await query("SELECT code, level, parent_code, name_nb FROM areas WHERE code = '03010103'")).toEqual([
      { code: "03010103", level: "grunnkrets", parent_code: "030101", name_nb: "Tøyen øst; Ænes" },
    ]);
    expect((await obs("03010103", "population", 2025))!.value).toBe(1204);
    expect((await obs("03010103", "low_income", 2025))!.value).toBe(17.25);
    // The new area has no boundary yet: a warning, not an error.
    expect(report.warnings.map((w) => w.text).join()).toMatch(/have no boundary yet: 03010103/);
  });

  it("takes the encoding from a flag when asked", async () => {
    const mapping: Mapping = csvMappingSchema.parse({ format: "csv", area: { column: "kode" }, createAreas: { level: "grunnkrets", name: "navn", parent: { prefix: 6 } } });
    // Valid UTF-8 bytes that are really Windows-1252: "Ã¸" would otherwise be read as "ø".
    const report = await importText("flag.csv", windows1252("kode,navn\n03010104,BjÃ¸rnstad\n"), { mapping, encoding: "windows-1252" });
    expect(report.status, report.summary).toBe("applied");
    expect(await query("SELECT name_nb FROM areas WHERE code = '03010104'")).toEqual([{ name_nb: "BjÃ¸rnstad" }]);
  });
});

describe("CSV rejections name file, row and column and leave the database unchanged", () => {
  it("unknown area code, with the closest known codes", async () => {
    await expectRejected(() => importText("bad.csv", csv("0301,population,2025,1,,,", "0302,population,2025,5,,,")), /bad\.csv, row 3, column "area_code": unknown area code 0302 \(closest known: 0301 Oslo/);
  });

  it("non-numeric value", async () => {
    await expectRejected(() => importText("bad.csv", csv("0301,population,2025,12abc,,,")), /bad\.csv, row 2, column "value": non-numeric value "12abc"/);
  });

  it("negative count", async () => {
    await expectRejected(() => importText("bad.csv", csv("0301,population,2025,-3,,,")), /row 2, column "value": negative count -3 for population/);
  });

  it("numerator greater than denominator", async () => {
    await expectRejected(() => importText("bad.csv", csv("0301,low_income,2025,,80,40,")), /row 2, column "numerator": numerator 80 is greater than denominator 40/);
  });

  it("duplicate key with different values", async () => {
    await expectRejected(
      () => importText("bad.csv", csv("0301,population,2025,10,,,", "0301,population,2025,11,,,")),
      /row 3: 0301\/population\/2025 appears twice with different values \(10 at row 2, 11 here\)/,
    );
  });

  it("unknown indicator", async () => {
    await expectRejected(() => importText("bad.csv", csv("0301,popluation,2025,10,,,")), /row 2: unknown indicator "popluation" \(known: .*population/);
  });

  it("period out of range, and a period that is not a year", async () => {
    await expectRejected(() => importText("bad.csv", csv("0301,population,1850,10,,,")), /row 2: period 1850 is outside 1900–\d{4}/);
    await expectRejected(() => importText("bad.csv", csv("0301,population,2024K1,10,,,")), /row 2, column "period": "2024K1" is not a year/);
  });

  it("a value together with a status, and an empty value", async () => {
    await expectRejected(() => importText("bad.csv", csv("0301,population,2025,10,,,:")), /column "value": a value \(10\) and the status ":" in one row/);
    await expectRejected(() => importText("bad.csv", csv("0301,population,2025,,,,")), /row 2, column "value": no value \(write \.\. for a missing value\)/);
  });

  it("a missing column", async () => {
    await expectRejected(() => importText("bad.csv", "area_code,indicator,year,value\n0301,population,2025,1\n"), /bad\.csv, row 1, column "period": column "period" is not in the header \(it has: area_code, indicator, year, value\)/);
  });

  it("one bad row among good ones stops the whole file", async () => {
    const report = await expectRejected(
      () => importText("bad.csv", csv("0301,population,2026,1,,,", "030101,population,2026,2,,,", "0301,median_income,2026,x,,,", "5501,population,2026,3,,,")),
      /row 4, column "value": non-numeric value "x"/,
    );
    expect(report.totals).toEqual({ added: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(report.summary).toMatch(/rejected, nothing was written/);
  });

  it("an unterminated quote", async () => {
    await expectRejected(() => importText("bad.csv", csv('0301,population,2025,"10,,,')), /bad\.csv, row 2: a quoted field is never closed/);
  });
});
