/// <reference types="vite/client" />
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
// `.txt?inline` hands over the file's own ISO-8859-1 bytes (a `.csv?raw` import would decode them as UTF-8).
import countryExcerpt from "../fixtures/import/imdi-landbakgrunn-excerpt.latin1.txt?inline";
import reasonExcerpt from "../fixtures/import/imdi-innvandringsgrunn-excerpt.latin1.txt?inline";
import { bundledMapping } from "../../db/mappings";
import { areas } from "../../db/schema";
import { makeDb } from "../../worker/lib/create-app";
import { expectRejected, importText, query, seedBase } from "../fixtures/import/helpers";

/** The bytes of a Vite `?inline` data URL. */
const bytesOf = (dataUrl: string) => Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(",") + 1)), (c) => c.charCodeAt(0));
const latin1 = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes);
const toLatin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

const COUNTRY_FILE = "befolkning_opprinnelsesland_2022.csv";
const REASON_FILE = "befolkning_innvandringsgrunn_alle_kommuner.csv";
const countryBytes = bytesOf(countryExcerpt);
const reasonBytes = bytesOf(reasonExcerpt);

const mapping = (name: string) => {
  const m = bundledMapping(name);
  if (!m) throw new Error(`no bundled mapping ${name}`);
  return { mapping: m, mappingName: name };
};
const importCountries = (name: string, bytes = countryBytes) => importText(COUNTRY_FILE, bytes, mapping(name));

type Row = { area_code: string; indicator_id: string; period: number; value: number | null; status: string | null; source_id: string | null };
const observations = (pattern: string) =>
  query<Row>("SELECT area_code, indicator_id, period, value, status, source_id FROM observations WHERE indicator_id LIKE ? ORDER BY area_code, indicator_id, period", pattern);

const REGIONS = ["immigrants_eu_eea_uk", "immigrants_europe_other", "immigrants_africa", "immigrants_asia", "immigrants_americas", "immigrants_oceania", "immigrants_other_unknown"];

beforeAll(async () => {
  await seedBase();
  // The excerpt's other kommuner, under the codes IMDi gives them (both retired since).
  await makeDb(env.DB).insert(areas).values([
    { code: "3001", level: "kommune", parentCode: null, nameNb: "Halden", validFrom: "2020-01-01", validTo: "2023-12-31" },
    { code: "0104", level: "kommune", parentCode: null, nameNb: "Moss", validFrom: "1838-01-01", validTo: "2019-12-31" },
  ]);
});

describe("IMDi immigrants by country background (imdi-innvandrere-landbakgrunn-alle)", () => {
  it("adds every country of a kommune and year into immigrants_count, reading ':' and '.' as nobody", async () => {
    const report = await importCountries("imdi-innvandrere-landbakgrunn-alle");
    expect(report.status, report.summary).toBe("applied");
    expect(report.errorCount).toBe(0);
    expect(report.notes).toContain('read as windows-1252, delimiter ";"');
    // Halden 2014: Danmark 118 + Russland 62 + Tyrkia 40 + Storbritannia 42 + Somalia 257 +
    // Pakistan 32 + USA 19 + Brasil 8 + Andre 67 (Grønland, Kypros, Australia are ":", whose
    // 1–3 persons IMDi counts under "Andre"; Statsløs and Uoppgitt are 0; "alle" is empty).
    expect((await observations("immigrants_count")).map((o) => [o.area_code, o.period, o.value])).toEqual([
      ["0104", 2014, 1289],
      ["0104", 2019, 1450],
      ["0301", 2014, 36747],
      ["0301", 2019, 39383],
      ["0301", 2020, 40535],
      ["1507", 2020, 1020],
      ["3001", 2014, 645],
      ["3001", 2019, 667],
      ["3001", 2020, 693],
    ]);
  });

  it("leaves out kommune-years whose cells are empty (a code not in use that year), and stores no status", async () => {
    await importCountries("imdi-innvandrere-landbakgrunn-alle");
    const rows = await observations("immigrants_count");
    // Moss (t.o.m. 2019) has nothing for 2020, Ålesund (f.o.m. 2020) nothing before.
    expect(rows.some((o) => o.area_code === "0104" && o.period === 2020)).toBe(false);
    expect(rows.filter((o) => o.area_code === "1507").map((o) => o.period)).toEqual([2020]);
    expect(new Set(rows.map((o) => `${o.status}/${o.source_id}`))).toEqual(new Set(["null/imdi-landbakgrunn"]));
    const [indicator] = await query<Record<string, unknown>>("SELECT * FROM indicators WHERE id = 'immigrants_count'");
    expect(indicator).toMatchObject({ name_nb: "Innvandrere (født i utlandet)", name_nn: "Innvandrarar (fødde i utlandet)", name_en: "Immigrants (born abroad)", unit: "count", direction: "neutral", period_span: 1 });
    expect(indicator!.definition_nb).toMatch(/født i utlandet av to utenlandsfødte foreldre.*norskfødte barn av innvandrere er ikke med/);
    expect(await query("SELECT priority FROM sources WHERE id = 'imdi-landbakgrunn'")).toEqual([{ priority: 80 }]);
  });

  it("never counts an 'alle' column: an export that fills it gives the same totals", async () => {
    await importCountries("imdi-innvandrere-landbakgrunn-alle");
    // Oslo's row ends with its three empty "alle" cells; fill them.
    const text = latin1(countryBytes).replace(/^(K0301;.*);;;$/m, "$1;99999;99999;99999");
    expect(text).toContain("99999");
    const report = await importCountries("imdi-innvandrere-landbakgrunn-alle", toLatin1(text));
    expect(report.status, report.summary).toBe("unchanged");
  });
});

describe("IMDi immigrants by world region (imdi-innvandrere-verdensdel)", () => {
  it("adds each country into its world region, and the regions add up to immigrants_count", async () => {
    expect((await importCountries("imdi-innvandrere-landbakgrunn-alle")).status).not.toBe("rejected");
    const report = await importCountries("imdi-innvandrere-verdensdel");
    expect(report.status, report.summary).toBe("applied");
    const rows = await observations("immigrants_%");
    const value = (area: string, indicator: string, period: number) => rows.find((o) => o.area_code === area && o.indicator_id === indicator && o.period === period)?.value;
    // Oslo 2019: Danmark 3293 + Grønland 12 + Storbritannia 2832 + Kypros 40 (EU, though SSB's list puts it in Asia).
    expect(value("0301", "immigrants_eu_eea_uk", 2019)).toBe(6177);
    // Pakistan 12315 + Tyrkia 3830 (Asia, as SSB counts it).
    expect(value("0301", "immigrants_asia", 2019)).toBe(16145);
    expect(value("0301", "immigrants_europe_other", 2019)).toBe(3372);
    expect(value("0301", "immigrants_africa", 2019)).toBe(9744);
    expect(value("0301", "immigrants_americas", 2019)).toBe(3404);
    expect(value("0301", "immigrants_oceania", 2019)).toBe(489);
    expect(value("0301", "immigrants_other_unknown", 2019)).toBe(52);
    // Halden's hidden Australians (":") are nobody in Oceania: their persons are in "Andre".
    expect(value("3001", "immigrants_oceania", 2020)).toBe(0);
    expect(value("3001", "immigrants_other_unknown", 2020)).toBe(94);

    const totals = rows.filter((o) => o.indicator_id === "immigrants_count");
    expect(totals).toHaveLength(9);
    for (const t of totals) {
      const parts = rows.filter((o) => o.area_code === t.area_code && o.period === t.period && o.indicator_id !== "immigrants_count");
      expect(parts.map((o) => o.indicator_id).sort()).toEqual([...REGIONS].sort());
      expect(parts.reduce((s, o) => s + o.value!, 0), `${t.area_code} ${t.period}`).toBe(t.value);
    }
    const names = await query<{ id: string; name_nb: string }>("SELECT id, name_nb FROM indicators WHERE id IN (SELECT value FROM json_each(?)) ORDER BY sort_order", JSON.stringify(REGIONS));
    expect(names.map((n) => n.id)).toEqual(REGIONS);
  });

  it("rejects a country the map does not know, naming it and its column", async () => {
    const text = latin1(countryBytes).replace("Landbakgrunn: Kypros;Landbakgrunn: Kypros", "Landbakgrunn: Atlantis;Landbakgrunn: Atlantis");
    const report = await expectRejected(() => importCountries("imdi-innvandrere-verdensdel", toLatin1(text)), /unknown indicator "Atlantis"/);
    expect(report.errors[0]!.column).toMatch(/^Landbakgrunn: Atlantis \| Enhet: Personer \| År: \d{4}$/);
  });
});

describe("IMDi immigrants by reason for immigration (imdi-innvandrere-innvandringsgrunn)", () => {
  it("reads persons of both sexes for the five reasons, and nothing else", async () => {
    const report = await importText(REASON_FILE, reasonBytes, mapping("imdi-innvandrere-innvandringsgrunn"));
    expect(report.status, report.summary).toBe("applied");
    const rows = await observations("immigrants_reason_%");
    const oslo2020 = Object.fromEntries(rows.filter((o) => o.area_code === "0301" && o.period === 2020).map((o) => [o.indicator_id, o.value]));
    expect(oslo2020).toEqual({
      immigrants_reason_education: 11747,
      immigrants_reason_family: 39582,
      immigrants_reason_refugee: 50730,
      immigrants_reason_unknown: 35552,
      immigrants_reason_work: 39844,
    });
    // The file's "Innvandringsgrunn: Alle | Kjønn: Alle | Enhet: Personer | År: 2020" for Oslo.
    expect(Object.values(oslo2020).reduce((s, v) => s! + v!, 0)).toBe(177455);
    // Four kommuner × two years, less Moss 2020 and Ålesund 2019 (empty), five reasons each.
    expect(rows).toHaveLength(6 * 5);
    expect(rows.every((o) => o.status === null && Number.isInteger(o.value) && o.source_id === "imdi-innvandringsgrunn")).toBe(true);
    const [indicator] = await query<{ definition_nb: string; definition_en: string }>("SELECT definition_nb, definition_en FROM indicators WHERE id = 'immigrants_reason_work'");
    expect(indicator!.definition_en).toMatch(/narrower population than all immigrants by country background/);
  });
});
