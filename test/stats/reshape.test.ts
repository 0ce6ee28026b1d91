import { describe, expect, it } from "vitest";
import { parseCsv } from "../../worker/import/csv";
import { emptyPlan } from "../../worker/import/plan";
import { Issues } from "../../worker/import/issues";
import { csvMappingSchema } from "../../worker/import/mapping";
import { tableToPlan } from "../../worker/import/tabular";

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** The plan's observations of a CSV read through a mapping, as "area indicator period → value|status". */
function read(text: string, mapping: unknown, headerRows?: number) {
  const m = csvMappingSchema.parse(mapping);
  const plan = emptyPlan("f.csv", new Issues());
  const table = parseCsv(latin1(text), "f.csv", { headerRows: headerRows ?? m.headerRows });
  plan.notes.push(...table.notes);
  tableToPlan(table, m, plan);
  const obs = Object.fromEntries(plan.observations.map(({ row }) => [`${row.areaCode} ${row.indicatorId} ${row.period}`, row.status ?? row.value]));
  return { obs, plan };
}

const AGES = {
  format: "csv",
  unpivot: { pattern: "^Persons (?<year>\\d{4})$", into: "persons" },
  columns: { kommune: { from: "region", pattern: "^(?:K-)?(\\d{4})\\s" }, age_years: { from: "age", pattern: "^(\\d+) years?" } },
  skip: { region: "^K-Rest\\b" },
  area: { column: "kommune" },
  period: { column: "year" },
  sum: true,
  measures: [
    { indicator: "population", value: "persons" },
    { indicator: "population_0_17", value: "persons", match: { age_years: "^(\\d|1[0-7])$" } },
  ],
};

describe("statistics-bank exports read as published", () => {
  it("sums a wide, tab-separated export with several year columns per kommune and age group", () => {
    const text = '"region"\t"age"\t"Persons 2015"\t"Persons 2016"\n"0101 Halden"\t"0 years"\t306\t287\n"0101 Halden"\t"17 years"\t10\t11\n"0101 Halden"\t"18 years"\t5\t6\n';
    const { obs } = read(text, AGES);
    expect(obs).toEqual({
      "0101 population 2015": 321,
      "0101 population 2016": 304,
      "0101 population_0_17 2015": 316,
      "0101 population_0_17 2016": 298,
    });
  });

  it("skips a title line, finds the semicolon and reads K- codes; skipped rows are counted", () => {
    const text = '"07459: Population, by region, age, contents and year"\r\n\r\n"region";"age";"Persons 2024"\r\n"K-3101 Halden";"0 years";286\r\n"K-Rest Divided municalities and unknown";"0 years";0\r\n';
    const { obs, plan } = read(text, AGES);
    expect(obs).toEqual({ "3101 population 2024": 286, "3101 population_0_17 2024": 286 });
    expect(plan.rowsSkipped).toBe(1);
    expect(plan.notes.join("\n")).toContain("skipped the title line 1: 07459: Population");
    expect(plan.issues.ok).toBe(true);
  });

  it("joins a cross table's header lines and unpivots its dimensions, with symbols and lookups", () => {
    const text = [
      "Region;Navn;Landbakgrunn: Danmark;Landbakgrunn: Danmark;Landbakgrunn: Somalia;Landbakgrunn: Somalia",
      ";;År: 2006;År: 2007;År: 2006;År: 2007",
      "K3001;Halden;114;116;:;5",
      "K0104;Moss (t.o.m. 2019);183;;.;.",
    ].join("\n");
    const mapping = {
      format: "csv",
      headerRows: 2,
      unpivot: { pattern: "^Landbakgrunn: (?<country>.+) \\| År: (?<year>\\d{4})$", into: "persons" },
      columns: { kommune: { from: "Region", pattern: "^K(\\d{4})$" }, region: { from: "country", map: { Danmark: "immigrants_eu_eea_uk", Somalia: "immigrants_africa" }, mapOnly: true } },
      area: { column: "kommune" },
      period: { column: "year" },
      sum: true,
      symbols: { "": ".." },
      measures: [{ indicatorColumn: "region", value: "persons" }],
    };
    const { obs } = read(text, mapping);
    expect(obs).toEqual({
      "3001 immigrants_eu_eea_uk 2006": 114,
      "3001 immigrants_eu_eea_uk 2007": 116,
      "3001 immigrants_africa 2006": ":",
      "3001 immigrants_africa 2007": 5,
      "0104 immigrants_eu_eea_uk 2006": 183,
      "0104 immigrants_eu_eea_uk 2007": "..",
      "0104 immigrants_africa 2006": ".",
      "0104 immigrants_africa 2007": ".",
    });
  });

  it("takes the first non-empty of several code columns, treating NULL as empty", () => {
    const text = '"bydel_nr","kommune_nr","innvkat_3","tabellvariabel"\n"NULL","0101","alle","12.5"\n"030101","NULL","alle","20.1"\n"NULL","NULL","alle","9.9"\n';
    const mapping = {
      format: "csv",
      columns: { area: { from: ["kommune_nr", "bydel_nr"], empty: ["NULL"], default: "0" } },
      area: { column: "area" },
      period: { value: 2013 },
      measures: [{ indicator: "low_income_persistent", value: "tabellvariabel", where: { innvkat_3: ["alle"] } }],
    };
    expect(read(text, mapping).obs).toEqual({ "0101 low_income_persistent 2013": 12.5, "030101 low_income_persistent 2013": 20.1, "0 low_income_persistent 2013": 9.9 });
  });

  it("turns a sum of zeros into the status the mapping gives (a district before it existed)", () => {
    const text = '"region";"age";"Persons 2001";"Persons 2020"\n"110309 Rennesøy";"0 years";0;30\n"110309 Rennesøy";"1 year";0;0\n';
    const mapping = { ...AGES, columns: { kommune: { from: "region", pattern: "^(\\d{6})" } }, measures: [{ indicator: "population", value: "persons" }], zeroSumAs: "." };
    expect(read(text, mapping).obs).toEqual({ "110309 population 2001": ".", "110309 population 2020": 30 });
    expect(read(text, { ...mapping, zeroSumAs: "skip" }).obs).toEqual({ "110309 population 2020": 30 });
  });

  it("rejects a mapping whose unpivot pattern has no named group or an invalid expression", () => {
    expect(() => csvMappingSchema.parse({ ...AGES, unpivot: { pattern: "^Persons \\d{4}$" } })).toThrow(/named group/);
    expect(() => csvMappingSchema.parse({ ...AGES, skip: { region: "(" } })).toThrow(/regular expression/);
  });

  it("says which column is missing when no column matches the unpivot pattern", () => {
    expect(() => read('"region";"age";"Personer 2024"\n"K-3101 Halden";"0 years";286\n', AGES)).toThrow(/no column matches the unpivot pattern/);
  });
});
