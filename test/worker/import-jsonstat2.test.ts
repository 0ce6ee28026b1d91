/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from "vitest";
import { bundledMapping } from "../../db/mappings";
import metadata14216 from "../fixtures/import/ssb-14216-metadata-v2.json?raw";
import table05300 from "../fixtures/import/ssb-05300-v0.json?raw";
import populationV2 from "../fixtures/import/ssb-population-v2.json?raw";
import { expectRejected, importText, query, seedBase } from "../fixtures/import/helpers";
import { jsonstatMappingSchema, type Mapping } from "../../worker/import/mapping";

beforeAll(seedBase);

const population: Mapping = jsonstatMappingSchema.parse({
  format: "jsonstat2",
  area: { dimension: "Region" },
  period: { dimension: "Tid" },
  series: [
    { indicator: "population", sum: ["Kjonn", "Alder"] },
    { indicator: "population_67plus", select: { Alder: "067+" }, sum: ["Kjonn"] },
  ],
  indicators: [
    { id: "population_67plus", nameNb: "Personer 67 år og over", nameEn: "Aged 67 and over", unit: "count", direction: "neutral", source: "SSB", tableId: "07459", definitionNb: "Bosatte 67 år og over", definitionEn: "Residents aged 67 and over", finestLevel: "kommune" },
  ],
});

const values = (indicator: string) =>
  query<{ area_code: string; period: number; value: number | null; status: string | null }>(
    "SELECT area_code, period, value, status FROM observations WHERE indicator_id = ? AND period IN (2023, 2024) AND area_code IN ('0', '0301', '1507', '1508') ORDER BY area_code, period",
    indicator,
  );

describe("JSON-stat2 import", () => {
  it("reads a PxWebApi v2 response: sums and selections, codes (not labels with historical suffixes), status symbols", async () => {
    const report = await importText("07459.json", populationV2, { mapping: population });
    expect(report.status, report.summary).toBe("applied");
    expect(report.format).toBe("jsonstat2");
    expect(await values("population")).toEqual([
      { area_code: "0", period: 2023, value: 5_460_000, status: null },
      { area_code: "0", period: 2024, value: 5_500_000, status: null },
      // One of Oslo's 2023 cells carries the older symbol "-": the sum is confidential, not a number.
      { area_code: "0301", period: 2023, value: null, status: ":" },
      { area_code: "0301", period: 2024, value: 689_000, status: null },
      // "Ålesund (2020-2023)" is 1507 by its code; after the reform SSB marks it ".".
      { area_code: "1507", period: 2023, value: 66_000, status: null },
      { area_code: "1507", period: 2024, value: null, status: "." },
      { area_code: "1508", period: 2023, value: null, status: "." },
      { area_code: "1508", period: 2024, value: 56_000, status: null },
    ]);
    expect(await values("population_67plus")).toEqual([
      { area_code: "0", period: 2023, value: 910_000, status: null },
      { area_code: "0", period: 2024, value: 935_000, status: null },
      { area_code: "0301", period: 2023, value: null, status: ":" },
      { area_code: "0301", period: 2024, value: 92_000, status: null },
      { area_code: "1507", period: 2023, value: 11_000, status: null },
      { area_code: "1507", period: 2024, value: null, status: "." },
      { area_code: "1508", period: 2023, value: null, status: "." },
      { area_code: "1508", period: 2024, value: 9_000, status: null },
    ]);
    expect(await query("SELECT id, unit, table_id FROM indicators WHERE id = 'population_67plus'")).toEqual([{ id: "population_67plus", unit: "count", table_id: "07459" }]);
    const again = await importText("07459.json", populationV2, { mapping: population });
    expect(again.status).toBe("unchanged");
  });

  it("reads SSB's v0 response for table 05300 with the bundled mapping, adding up distance bands", async () => {
    const report = await importText("05300.json", table05300, { mapping: bundledMapping("ssb-05300"), mappingName: "ssb-05300" });
    expect(report.status, report.summary).toBe("applied");
    expect(report.mapping).toBe("ssb-05300");
    const rows = await query<{ period: number; value: number | null; status: string | null }>(
      "SELECT period, value, status FROM observations WHERE area_code = '0' AND indicator_id = 'library_within_5km' ORDER BY period",
    );
    // Under 1 km + 1–4.9 km, read by hand from the file (Kulturtilbud 07 = public library).
    expect(rows.slice(0, 3)).toEqual([
      { period: 1991, value: 73, status: null },
      { period: 1994, value: 73, status: null },
      { period: 1997, value: 70, status: null },
    ]);
    // In 2021 the 1–4.9 km band is "." (not applicable), so the sum is too.
    expect(rows.at(-1)).toEqual({ period: 2021, value: null, status: "." });
    expect(await query("SELECT id, licence FROM sources WHERE id = 'ssb'")).toEqual([{ id: "ssb", licence: "CC BY 4.0" }]);
    expect(await query("SELECT DISTINCT source_id FROM observations WHERE indicator_id = 'cinema_within_5km'")).toEqual([{ source_id: "ssb" }]);
  });
});

describe("JSON-stat2 rejections name the JSON path and leave the database unchanged", () => {
  const variant = (edit: (ds: Record<string, any>) => void) => {
    const ds = JSON.parse(populationV2);
    edit(ds);
    return JSON.stringify(ds);
  };

  it("an unknown region code, with the closest known codes", async () => {
    const text = variant((ds) => {
      ds.dimension.Region.category.index = { "0": 0, "0399": 1, "1507": 2, "1508": 3 };
    });
    await expectRejected(() => importText("07459.json", text, { mapping: population }), /07459\.json, \$\.value\[\d+\]: unknown area code 0399 \(closest known: 0301 Oslo/);
  });

  it("a non-numeric cell", async () => {
    const text = variant((ds) => {
      ds.value[5] = "12";
    });
    await expectRejected(() => importText("07459.json", text, { mapping: population }), /07459\.json, \$\.value\[5\]: non-numeric value "12"/);
  });

  it("a period that is not a year", async () => {
    const text = variant((ds) => {
      ds.dimension.Tid.category.index = { "2023K4": 0, "2024": 1 };
    });
    await expectRejected(() => importText("07459.json", text, { mapping: population }), /\$\.dimension\.Tid\.category\.index\["2023K4"\]: "2023K4" is not a year/);
  });

  it("a dimension the mapping neither selects nor sums", async () => {
    const mapping = jsonstatMappingSchema.parse({ format: "jsonstat2", area: { dimension: "Region" }, period: { dimension: "Tid" }, series: [{ indicator: "population", sum: ["Alder"] }] });
    await expectRejected(() => importText("07459.json", populationV2, { mapping }), /\$\.dimension\.Kjonn\.category\.index: dimension "Kjonn" has 2 categories \(1, 2\): the mapping's series "population" must select or sum them/);
  });

  it("a dimension the table does not have", async () => {
    const mapping = jsonstatMappingSchema.parse({ format: "jsonstat2", area: { dimension: "Kommune" }, period: { dimension: "Tid" }, series: [{ indicator: "population" }] });
    await expectRejected(() => importText("07459.json", populationV2, { mapping }), /the mapping names dimension "Kommune" but the table has Region, Kjonn, Alder, ContentsCode, Tid/);
  });

  it("more or fewer values than the dimensions make", async () => {
    const text = variant((ds) => ds.value.pop());
    await expectRejected(() => importText("07459.json", text, { mapping: population }), /\$\.value: 31 values but the dimensions make 32 cells/);
  });

  it("a category index with positions beyond the dimension's size (SSB's trimmed 14216 metadata)", async () => {
    const mapping = jsonstatMappingSchema.parse({ format: "jsonstat2", area: { dimension: "Region" }, period: { dimension: "Tid" }, series: [{ indicator: "population" }] });
    await expectRejected(() => importText("14216.json", metadata14216, { mapping }), /14216\.json, \$\.dimension\.TettSted\.category\.index\["0801"\]: position 159 is not a free position below the dimension's size 2/);
  });
});
