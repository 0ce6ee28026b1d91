/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from "vitest";
import { bundledMapping } from "../../db/mappings";
import type { AreaBody } from "../../worker/api/schemas";
import klassCsv from "../fixtures/import/klass131-excerpt.csv?raw";
import klassJson from "../fixtures/import/klass131-excerpt.json?raw";
import { expectRejected, importText, query, seedBase } from "../fixtures/import/helpers";
import { get, recomputeNow } from "./fixtures";

beforeAll(seedBase);

const klass = () => ({ mapping: bundledMapping("klass131-kommuner"), mappingName: "klass131-kommuner" });
const area = (code: string) => query<{ name_nb: string; valid_from: string; valid_to: string | null; parent_code: string | null }>("SELECT name_nb, valid_from, valid_to, parent_code FROM areas WHERE code = ?", code).then((r) => r[0]);
const changesFrom = (codes: string[]) =>
  query<{ old_code: string; new_code: string; changed_on: string; weight: number }>(
    `SELECT old_code, new_code, changed_on, weight FROM area_changes WHERE old_code IN (${codes.map(() => "?").join(",")}) ORDER BY old_code, new_code`,
    ...codes,
  );

describe("Klass changes import", () => {
  it("turns merges, a split, renumberings and a pure rename into area changes and area validity", async () => {
    const report = await importText("klass131.json", klassJson, klass());
    expect(report.status, report.summary).toBe("applied");
    expect(report.format).toBe("klass");
    // Merged into 1507 in 2020; 1507 itself was split in 2024.
    expect(await area("1534")).toEqual({ name_nb: "Haram", valid_from: "2008-01-01", valid_to: "2019-12-31", parent_code: "15" });
    expect(await area("1507")).toMatchObject({ valid_from: "2020-01-01", valid_to: "2023-12-31" });
    // Renumbered twice: 0101 → 3001 (2020) → 3101 (2024).
    expect(await area("0101")).toMatchObject({ name_nb: "Halden", valid_to: "2019-12-31", parent_code: "01" });
    expect(await area("3001")).toMatchObject({ valid_from: "2020-01-01", valid_to: "2023-12-31", parent_code: "30" });
    expect(await area("3101")).toEqual({ name_nb: "Halden", valid_from: "2024-01-01", valid_to: null, parent_code: "31" });
    // 5001 kept its code when Klæbu joined in 2020, and was renamed in 2023.
    expect(await area("5001")).toEqual({ name_nb: "Trondheim - Tråante", valid_from: "2018-01-01", valid_to: null, parent_code: "50" });
    expect(report.notes.join()).toMatch(/renames in the table: .*5001 Trondheim → Trondheim - Tråante \(2023-01-01\)/);
    // The old fylker the mapping declares give retired kommuner a parent.
    expect(await area("30")).toMatchObject({ name_nb: "Viken", valid_to: "2023-12-31", parent_code: "0" });

    expect(await changesFrom(["1507", "1534", "3001", "5001", "5030"])).toEqual([
      { old_code: "1507", new_code: "1508", changed_on: "2024-01-01", weight: 0.5 },
      { old_code: "1507", new_code: "1580", changed_on: "2024-01-01", weight: 0.5 },
      { old_code: "1534", new_code: "1507", changed_on: "2020-01-01", weight: 1 },
      { old_code: "3001", new_code: "3101", changed_on: "2024-01-01", weight: 1 },
      { old_code: "5030", new_code: "5001", changed_on: "2020-01-01", weight: 1 },
    ]);
    expect(report.warnings.map((w) => w.text)).toContain(
      "klass131.json: split 1507 → 1508, 1580 on 2024-01-01: equal shares (estimated) — no population for the new areas yet; import it and re-import this file to weigh by population",
    );
    expect(report.tables.area_changes).toEqual({ added: 11, updated: 0, unchanged: 0 });
    expect((await importText("klass131.json", klassJson, klass())).status).toBe("unchanged");
  });

  it("weighs a split by the new areas' population once it is known", async () => {
    await importText("klass131.json", klassJson, klass());
    const population = await importText("pop.csv", "area_code,indicator,period,value\n1508,population,2024,67000\n1580,population,2024,9000\n");
    expect(population.status, population.summary).toBe("applied");
    const report = await importText("klass131.json", klassJson, klass());
    expect(report.tables.area_changes).toEqual({ added: 0, updated: 2, unchanged: 9 });
    expect(report.notes).toContain("split 1507 → 1508, 1580 on 2024-01-01: weights from population 2024");
    const weights = await changesFrom(["1507"]);
    expect(weights.map((w) => w.weight)).toEqual([67000 / 76000, 9000 / 76000]);
  });

  it("retired codes keep answering: GET /api/v1/areas/:code lists the successors after a recompute", async () => {
    await importText("klass131.json", klassJson, klass());
    await recomputeNow();
    const successors = async (code: string) => {
      const res = await get(`/api/v1/areas/${code}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as AreaBody;
      return body.replacedBy.map((r) => `${r.code} ${r.name} ${r.changedOn}`);
    };
    // A split: several successors.
    expect(await successors("1507")).toEqual(["1508 Ålesund 2024-01-01", "1580 Haram 2024-01-01"]);
    // A merge into a code that was itself split later: the split re-established Haram, so old
    // Haram's successor is today's Haram alone, and the rest of the merger is today's Ålesund.
    expect(await successors("1534")).toEqual(["1580 Haram 2024-01-01"]);
    expect(await successors("1523")).toEqual(["1508 Ålesund 2024-01-01"]);
    // Renumbered twice, and renamed after the merge: one successor each.
    expect(await successors("0101")).toEqual(["3101 Halden 2024-01-01"]);
    expect(await successors("1601")).toEqual(["5001 Trondheim - Tråante 2018-01-01"]);
    expect(await successors("5001")).toEqual([]);
  });

  it("reads the CSV export of the same table", async () => {
    const report = await importText("klass131.csv", klassCsv, klass());
    expect(report.status, report.summary).toBe("applied");
    expect(await area("1736")).toMatchObject({ name_nb: "Snåase - Snåsa", valid_to: "2017-12-31" });
    expect(await area("5041")).toMatchObject({ name_nb: "Snåase - Snåsa", valid_from: "2018-01-01", valid_to: null });
    expect(await area("1850")).toMatchObject({ name_nb: "Tysfjord - Divtasvuodna", valid_to: "2019-12-31" });
    expect(await changesFrom(["1850"])).toEqual([
      { old_code: "1850", new_code: "1806", changed_on: "2020-01-01", weight: 0.5 },
      { old_code: "1850", new_code: "1875", changed_on: "2020-01-01", weight: 0.5 },
    ]);
  });
});

describe("Klass rejections", () => {
  const header = "oldCode,oldName,oldShortName,newCode,newName,newShortName,changeOccurred\n";
  it("a code that is not a kommune code", async () => {
    await expectRejected(() => importText("bad.csv", `${header}15O7,Ålesund,,1508,Ålesund,,2024-01-01\n`, klass()), /bad\.csv, row 2, column "oldCode": "15O7" is not a kommune code \(4 digits\)/);
  });
  it("a date that is not a date", async () => {
    await expectRejected(() => importText("bad.csv", `${header}1507,Ålesund,,1508,Ålesund,,1.1.2024\n`, klass()), /row 2, column "changeOccurred": "1\.1\.2024" is not a date YYYY-MM-DD/);
  });
  it("a missing column", async () => {
    await expectRejected(() => importText("bad.csv", "oldCode,newCode,changeOccurred\n1507,1508,2024-01-01\n", klass()), /bad\.csv, row 1: missing column\(s\) oldName, newName/);
  });
});
