/// <reference path="../../worker/worker-configuration.d.ts" />
/// <reference path="../../worker/env.d.ts" />
/**
 * SSB 10826 (bydeler), FHI's population on 2024 borders, IMDi's 2013 figures and SSB 08487,
 * imported whole through their bundled mappings into a database of their own, prepared as
 * docs/IMPORTING.md says (Klass 131, the fylke and kommune boundaries, Oslo's bydeler). The
 * files are then read again here with plain code, not the importer, and every imported number
 * must equal the file's. Skipped, with a message, where ../shared/data is absent.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportReport } from "../../worker/import/report";
import { runImport } from "../../worker/import/run";
import { localEnv, loadMapping, ROOT } from "../../scripts/import";
import { SHARED_DATA } from "../../scripts/import-shared";

const present = existsSync(SHARED_DATA);
if (!present) console.warn(`real-files acceptance: ${SHARED_DATA} not found; skipped`);
const STATE = join(ROOT, ".wrangler", "acceptance-real-files-state");

const WARD_FILES = ["Personerward2001-2020.csv", "Personerward2021.csv", "Personerward2022.csv", "Personerward2023.csv", "Personerward2024.csv"].map((f) => `ssb_population/${f}`);
const FHI = "fhi_csdata/population_total_b2024_borders.csv";
const IMDI = {
  lowIncome: "imdi_2013/vedvarende_lavinntekt.csv",
  employment: "imdi_2013/sysselsatte_innvkat.csv",
  neet: "imdi_2013/ikke_arbutd_innvkat_alder.csv",
};
const CRIME = "ssb_crime/CONVERTED_AnmLovbrPer1000-3_long.csv";

/** The preparation of docs/IMPORTING.md, then the files under test in the order they need. */
const STEPS = [
  { file: "klass/klass131_kommune_changes_2008-2025.json", mapping: "klass131-kommuner" },
  { file: "robhop/Fylker-S.geojson", mapping: "robhop-fylker" },
  { file: "robhop/Kommuner-S.topojson", mapping: "robhop-kommuner" },
  { file: "oslo_bydelsfakta/oslo_bydeler.geojson", mapping: "oslo-bydeler" },
  ...WARD_FILES.map((file) => ({ file, mapping: "ssb-10826-befolkning-bydel" })),
  { file: FHI, mapping: "fhi-befolkning-land-fylke" },
  { file: FHI, mapping: "fhi-befolkning-kommune-bydel-utenfor-ssb" },
  { file: IMDI.lowIncome, mapping: "imdi-2013-vedvarende-lavinntekt" },
  { file: IMDI.employment, mapping: "imdi-2013-sysselsatte" },
  { file: IMDI.neet, mapping: "imdi-2013-ikke-arbeid-utdanning" },
  { file: CRIME, mapping: "ssb-08487-anmeldte-lovbrudd" },
];

// ---- The files, read with plain code ----

type Figure = number | "." | ".." | ":";
const read = (file: string, encoding: BufferEncoding = "utf8") => readFileSync(join(SHARED_DATA, file), encoding);
const figure = (cell: string): Figure => (cell === "." || cell === ".." || cell === ":" ? cell : Number(cell));

/** A quoted CSV line without embedded delimiters or quotes (true of every file read here). */
const cells = (line: string, delimiter: string) => line.split(delimiter).map((c) => c.replace(/^"|"$/g, ""));

/** An SSB statistics-bank export: title line, blank line, header `"region";"age";"Persons YYYY"…`. */
function wardRows(file: string) {
  const lines = read(file, "latin1").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines.findIndex((l) => l.startsWith('"region"'));
  const years = cells(lines[header]!, ";").slice(2).map((h) => Number(/^Persons (\d{4})$/.exec(h)![1]));
  return lines.slice(header + 1).map((line) => {
    const [region, age, ...counts] = cells(line, ";");
    return { region: region!, age: Number(/^(\d+)/.exec(age!)![1]), counts: new Map(years.map((y, i) => [y, Number(counts[i])])) };
  });
}

/**
 * What SSB 10826 should become, decided here independently of the mapping: today's code for
 * Bergen's 1201 and Trondheim's 1601 bydeler, Heimdal (2005-2017) under its own code, the city
 * totals and the historic sets (1988-2003, 2001-2004) left out; sums of zero are ".".
 */
function expectedWards() {
  const sums = new Map<string, number>();
  const totals = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  for (const file of WARD_FILES) {
    for (const row of wardRows(file)) {
      const code = row.region.slice(0, 6);
      if (/ total\b/.test(row.region)) {
        for (const [year, n] of row.counts) add(totals, `${code.slice(0, 4)}/${year}`, n);
        continue;
      }
      if (/\((1988-2003|2001-2004)\)$/.test(row.region)) continue;
      const today = code.startsWith("1201") ? `4601${code.slice(4)}` : code.startsWith("1601") && code !== "160104" ? `5001${code.slice(4)}` : code;
      for (const [year, n] of row.counts) {
        add(sums, `${today}/population/${year}`, n);
        if (row.age <= 17) add(sums, `${today}/population_0_17/${year}`, n);
        if (row.age >= 67) add(sums, `${today}/population_67plus/${year}`, n);
      }
    }
  }
  const expected = new Map<string, Figure>([...sums].map(([key, n]) => [key, n === 0 ? "." : n]));
  return { expected, totals };
}

function csvRecords(file: string) {
  const [header, ...lines] = read(file).split(/\r?\n/).filter((l) => l.trim() !== "");
  const names = cells(header!, ",");
  return lines.map((line) => Object.fromEntries(cells(line, ",").map((c, i) => [names[i], c])) as Record<string, string>);
}

/** IMDi's 2013 rows: the one area column that is set; Norway is fylke "00", Oslo also bydel "000301". */
function imdiArea(r: Record<string, string>): string | null {
  if (r.naringsregion_nr !== "NULL") return null;
  if (r.bydel_nr !== "NULL") return r.bydel_nr === "000301" ? "0301" : r.bydel_nr!;
  if (r.kommune_nr !== "NULL") return r.kommune_nr!;
  if (r.fylke_nr === "99") return null;
  return r.fylke_nr === "00" ? "0" : r.fylke_nr!;
}
const CATEGORY: Record<string, string> = { alle: "", innvandrere: "_immigrants", befolkningen_ellers: "_rest" };

function expectedImdi(file: string, indicator: string, keep: (r: Record<string, string>) => boolean) {
  const out = new Map<string, Figure>();
  for (const r of csvRecords(file)) {
    const area = imdiArea(r);
    if (area === null || !keep(r)) continue;
    const key = `${area}/${indicator}${CATEGORY[r.innvkat_3!]}/${r.aar}`;
    const value = figure(r.tabellvariabel!);
    // Oslo as kommune and as bydel "000301" must agree (the import refuses them otherwise).
    if (out.has(key)) expect(out.get(key), key).toBe(value);
    out.set(key, value);
  }
  return out;
}

// ---- The database ----

describe.skipIf(!present)("SSB 10826, FHI on 2024 borders, IMDi 2013 and SSB 08487, imported whole", () => {
  const reports: { step: string; report: ImportReport }[] = [];
  let local: Awaited<ReturnType<typeof localEnv>>;
  const all = async <T>(sql: string, ...params: unknown[]) => (await local.env.DB.prepare(sql).bind(...params).all<T>()).results;
  /** area/indicator/period → value or status, for the observations a query selects. */
  const imported = async (where: string, ...params: unknown[]) =>
    new Map(
      (await all<{ area_code: string; indicator_id: string; period: number; value: number | null; status: Figure | null }>(`SELECT area_code, indicator_id, period, value, status FROM observations WHERE ${where}`, ...params)).map((r) => [
        `${r.area_code}/${r.indicator_id}/${r.period}`,
        (r.value ?? r.status) as Figure,
      ]),
    );

  beforeAll(async () => {
    rmSync(join(STATE, "v3", "d1"), { recursive: true, force: true });
    const res = spawnSync(join(ROOT, "node_modules", ".bin", "wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
    });
    if (res.status !== 0) throw new Error(`migrations failed:\n${res.stdout}\n${res.stderr}`);
    local = await localEnv(STATE);
    for (const step of STEPS) {
      const { mapping, name } = loadMapping(step.mapping);
      const report = await runImport(local.env, { file: basename(step.file), bytes: readFileSync(join(SHARED_DATA, step.file)), mapping, mappingName: name });
      reports.push({ step: `${step.file} (${step.mapping})`, report });
    }
  });
  afterAll(() => local?.dispose());

  it("imports every file onto the prepared database without an error", () => {
    const problems = reports.filter(({ report }) => report.status !== "applied" || report.errorCount > 0).map(({ step, report }) => `${step}: ${report.summary} ${report.errors.slice(0, 3).map((e) => e.text).join("; ")}`);
    expect(problems).toEqual([]);
  });

  it("SSB 10826: each bydel's sum over ages equals the import, for all ages, 0–17 and 67+, every year", async () => {
    const { expected } = expectedWards();
    const got = await imported("source_id = 'ssb-10826'");
    expect(got.size).toBe(expected.size);
    const differences = [...expected].filter(([key, value]) => got.get(key) !== value).map(([key, value]) => `${key}: file ${value}, imported ${got.get(key)}`);
    expect(differences).toEqual([]);
    // 43 bydeler (Oslo 15 + Sentrum, Marka, no address; Stavanger 9 + 1; Bergen 8 + 1; Trondheim 4 + 1; Heimdal 2005–2017), 24 years, 3 measures.
    expect(expected.size).toBe(43 * 24 * 3);
  });

  it("SSB 10826: a city's bydeler add up to the city total of the file in every year, so no district was lost", async () => {
    const { totals } = expectedWards();
    const sums = await all<{ kommune: string; period: number; total: number }>(
      "SELECT CASE WHEN area_code = '160104' THEN '1601' ELSE substr(area_code, 1, 4) END AS kommune, period, sum(value) AS total FROM observations WHERE source_id = 'ssb-10826' AND indicator_id = 'population' GROUP BY 1, 2",
    );
    const byCity = new Map(sums.map((s) => [`${s.kommune}/${s.period}`, s.total]));
    // Trondheim's bydeler of 2005–2017 are spread over 5001 and 160104. Oslo's total of 2001–2003
    // and Trondheim's of 2001–2004 belong to the historic sets, which are skipped.
    const trondheim = (year: number) => (byCity.get(`5001/${year}`) ?? 0) + (byCity.get(`1601/${year}`) ?? 0);
    const mismatches: string[] = [];
    for (const [key, total] of totals) {
      if (total === 0) continue;
      const [city, y] = key.split("/");
      const year = Number(y);
      if ((city === "1601" && year <= 2004) || (city === "0301" && year <= 2003)) continue;
      const got = city === "1601" || city === "5001" ? trondheim(year) : city === "1201" ? byCity.get(`4601/${year}`) : byCity.get(key);
      if (got !== total) mismatches.push(`${key}: total ${total}, bydeler ${got}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("SSB 10826: creates the bydeler under their kommune and skips the historic sets and totals", async () => {
    const bydeler = await all<{ code: string; parent_code: string; name_nb: string; valid_to: string | null }>("SELECT code, parent_code, name_nb, valid_to FROM areas WHERE level = 'bydel' ORDER BY code");
    expect(bydeler.map((b) => b.code)).toEqual([
      ...Array.from({ length: 17 }, (_, i) => `0301${String(i + 1).padStart(2, "0")}`),
      "030199",
      ...Array.from({ length: 9 }, (_, i) => `11030${i + 1}`),
      "110399",
      "160104",
      ...Array.from({ length: 8 }, (_, i) => `46010${i + 1}`),
      "460199",
      ...Array.from({ length: 4 }, (_, i) => `50010${i + 1}`),
      "500199",
    ]);
    for (const b of bydeler) expect(b.parent_code, b.code).toBe(b.code === "160104" ? "1601" : b.code.slice(0, 4));
    expect(bydeler.filter((b) => b.code.endsWith("99")).map((b) => b.name_nb)).toEqual(Array(4).fill("Uten registrert adresse"));
    expect(bydeler.find((b) => b.code === "460108")!.name_nb).toBe("Åsane");
    expect(bydeler.find((b) => b.code === "160104")).toMatchObject({ name_nb: "Heimdal (2005-2017)", valid_to: "2017-12-31" });
    // Every parent is an area of the database.
    expect(await all("SELECT a.code FROM areas a LEFT JOIN areas p ON p.code = a.parent_code WHERE a.level = 'bydel' AND p.code IS NULL")).toEqual([]);
  });

  it("FHI: imported exactly where intended (Norway and fylker always; kommuner outside 2015–2024, bydeler outside 2001–2024; never a flat share) and nowhere else", async () => {
    const flat = new Map([["1508", 2024], ["1580", 2024], ["1806", 2020], ["1875", 2020], ["5055", 2020], ["5056", 2020], ["5059", 2020]]);
    const wards = new Set(["wardoslo", "wardbergen", "wardstavanger", "wardtrondheim", "extrawardoslo"]);
    const expected = new Map<string, Figure>();
    for (const r of csvRecords(FHI)) {
      const year = Number(r.year);
      const wanted =
        r.level === "nation" ||
        r.level === "county" ||
        (r.level === "municip" && (year < 2015 || year > 2024) && !(year < (flat.get(r.area_code!) ?? 0))) ||
        (wards.has(r.level!) && (year < 2001 || year > 2024));
      if (wanted) expected.set(`${r.area_code}/population/${year}`, Number(r.population_jan1));
    }
    const got = await imported("source_id = 'fhi-csdata'");
    expect(got).toEqual(expected);
    // FHI's own wording of the known defect: both halves of old Ålesund carry 33,762 in 2023.
    expect(got.has("1508/population/2023")).toBe(false);
    expect(got.get("0/population/1986")).toBe(4_159_187);
  });

  it("FHI never takes a cell SSB's exports give: no fhi-csdata row for a bydel before 2025", async () => {
    expect(await all("SELECT count(*) AS n FROM observations WHERE source_id = 'fhi-csdata' AND length(area_code) = 6 AND period <= 2024")).toEqual([{ n: 0 }]);
  });

  it("IMDi 2013: every value of the three files equals the file's, for all, immigrants and the rest, and each gap is immigrants minus the rest", async () => {
    const expected = new Map([
      ...expectedImdi(IMDI.lowIncome, "low_income_persistent", (r) => r.vreg_3 === "alle" && r.enhet === "prosent"),
      ...expectedImdi(IMDI.employment, "employment_rate", (r) => r.enhet === "prosent"),
      ...expectedImdi(IMDI.neet, "not_in_work_education", (r) => r.enhet === "prosent" && r.aldersinndeling_etter_grskole === "alle"),
    ]);
    const got = await imported("source_id = 'imdi-imdikator-2013'");
    expect(got).toEqual(expected);
    // Norway, 19 fylker of 2013, 428 kommuner, Oslo's 18 bydeler: 466 areas, 9 indicators.
    expect(expected.size).toBe(466 * 9);
    // Beside them, the gaps the import derives (db/derived.ts), worked out here from the file:
    // immigrants − the rest in percentage points, or the stronger status of the two.
    const rank: Record<string, number> = { ".": 1, "..": 2, ":": 3 };
    const gaps = new Map<string, Figure>();
    for (const [key, immigrants] of expected) {
      if (!key.includes("_immigrants/")) continue;
      const rest = expected.get(key.replace("_immigrants/", "_rest/"))!;
      const statuses = [immigrants, rest].filter((v) => typeof v !== "number").sort((a, b) => rank[b]! - rank[a]!);
      gaps.set(key.replace("_immigrants/", "_gap/"), statuses[0] ?? Math.round(((immigrants as number) - (rest as number)) * 1e9) / 1e9);
    }
    expect(gaps.size).toBe(466 * 3);
    expect(await imported("source_id = 'derived' AND indicator_id IN ('low_income_persistent_gap', 'employment_rate_gap', 'not_in_work_education_gap')")).toEqual(gaps);
    expect(await all("SELECT id, period_span FROM indicators WHERE id LIKE 'low_income_persistent%' OR id LIKE 'employment_rate%' OR id LIKE 'not_in_work_education%' ORDER BY id")).toEqual([
      { id: "employment_rate", period_span: 1 },
      { id: "employment_rate_gap", period_span: 1 },
      { id: "employment_rate_immigrants", period_span: 1 },
      { id: "employment_rate_rest", period_span: 1 },
      { id: "low_income_persistent", period_span: 3 },
      { id: "low_income_persistent_gap", period_span: 3 },
      { id: "low_income_persistent_immigrants", period_span: 3 },
      { id: "low_income_persistent_rest", period_span: 3 },
      { id: "not_in_work_education", period_span: 1 },
      { id: "not_in_work_education_gap", period_span: 1 },
      { id: "not_in_work_education_immigrants", period_span: 1 },
      { id: "not_in_work_education_rest", period_span: 1 },
    ]);
  });

  it("IMDi 2013: 'alle' in the NEET file is 16–66, the 16–25 and 26–66 counts added up", () => {
    const persons = new Map<string, string>();
    for (const r of csvRecords(IMDI.neet)) if (r.enhet === "personer") persons.set(`${imdiArea(r) ?? r.naringsregion_nr}/${r.innvkat_3}/${r.aldersinndeling_etter_grskole}`, r.tabellvariabel!);
    let checked = 0;
    for (const [key, all] of persons) {
      if (!key.endsWith("/alle")) continue;
      const [young, old] = [persons.get(key.replace(/alle$/, "16_25")), persons.get(key.replace(/alle$/, "26_66"))];
      if (![all, young, old].every((c) => c !== undefined && /^\d/.test(c))) continue;
      expect(Number(young) + Number(old), key).toBe(Number(all));
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("SSB 08487: every two-year period's value equals the file's raw value, stored under the period's last year", async () => {
    const expected = new Map<string, Figure>();
    for (const r of csvRecords(CRIME)) expected.set(`${r.area_code}/crime_per_1000/${r.period!.slice(5)}`, figure(r.raw_value!));
    const got = await imported("source_id = 'ssb-08487'");
    expect(got).toEqual(expected);
    expect(expected.size).toBe(433 * 10);
    expect(await all("SELECT period_span FROM indicators WHERE id = 'crime_per_1000'")).toEqual([{ period_span: 2 }]);
  });
});
