/// <reference types="vite/client" />
import { env, exports } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledMapping } from "../../db/mappings";
import { jsonstatMappingSchema, type Mapping } from "../../worker/import/mapping";
import type { ImportReport } from "../../worker/import/report";
import { runImport } from "../../worker/import/run";
import askerBaerum from "../fixtures/import/asker-baerum-excerpt.geojson?raw";
import immigrants from "../fixtures/import/immigrants-excerpt.json?raw";
import klassCsv from "../fixtures/import/klass131-excerpt.csv?raw";
import klassJson from "../fixtures/import/klass131-excerpt.json?raw";
import populationV2 from "../fixtures/import/ssb-population-v2.json?raw";
import { seedBase, tableContents } from "../fixtures/import/helpers";
import { ADMIN } from "./fixtures";
import { byteMutations, csvMutations, fuzzRuns, jsonMutations, mutateBytes, mutateCsv, mutateJson } from "../fuzz/mutate";

/**
 * Malformed files of every importer format through the whole import (parse, validate, compare):
 * each must end in a report, never an exception; each rejection names the file and, where the
 * file has them, the row, column or JSON path; and a rejected import writes nothing.
 * `npm run fuzz` runs FILES_FULL per format, `npm test` a sample.
 */
const FULL = env.FUZZ_FULL === "1";
const FILES = fuzzRuns(FULL, 25, 2000);
/** Every this-many-th file is imported for real, through the route, and the database compared. */
const WRITE_EVERY = FULL ? 20 : 4;

beforeAll(seedBase);

const utf8 = (s: string) => new TextEncoder().encode(s);
// What a JavaScript exception's text looks like, as opposed to a message written for the user.
const CRASH = /TypeError|RangeError|ReferenceError|undefined is not (a function|an object)|Cannot read prop|is not a function|is not iterable|Maximum call stack/;

const jsonstatMapping: Mapping = jsonstatMappingSchema.parse({
  format: "jsonstat2",
  area: { dimension: "Region" },
  period: { dimension: "Tid" },
  series: [{ indicator: "population", sum: ["Kjonn", "Alder"] }],
});

const CSV_GOOD = "area_code,indicator,period,value\n0301,population,2025,720000\n1508,population,2025,68000\n03010101,population,2025,1200\n5610,low_income_persistent,2024,12.5\n";

let count = 0;
const outcomes = new Map<string, number>();

type Source = { mapping: Mapping | null; name: string | null };

/** Every WRITE_EVERY-th file goes through POST /api/admin/import for real, the rest through runImport as a dry run. */
async function importOnce(file: string, bytes: Uint8Array, source: Source): Promise<ImportReport | null> {
  if (++count % WRITE_EVERY !== 0) {
    try {
      return await runImport(env, { file, bytes, mapping: source.mapping, mappingName: source.name }, { dryRun: true });
    } catch (e) {
      throw new Error(`${file}: the import threw instead of reporting: ${(e as Error).stack}`);
    }
  }
  const before = await tableContents();
  const headers: Record<string, string> = { ...ADMIN, "Content-Type": "application/octet-stream" };
  let query = `?file=${encodeURIComponent(file)}`;
  if (source.name) query += `&mapping=${encodeURIComponent(source.name)}`;
  else if (source.mapping) headers["X-Import-Mapping"] = btoa(String.fromCharCode(...utf8(JSON.stringify(source.mapping))));
  const res = await exports.default.fetch(new Request(`http://localhost/api/admin/import${query}`, { method: "POST", headers, body: bytes as BodyInit }));
  const text = await res.text();
  expect(res.status, `${file}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status === 200) return JSON.parse(text) as ImportReport;
  const body = JSON.parse(text) as { error: { code: string; message: string; details?: ImportReport } };
  // Every refusal, with a report or before one (an empty body), leaves the database as it was.
  expect(await tableContents(), `${file}: ${body.error.code}`).toEqual(before);
  if (body.error.code === "import_rejected") return body.error.details!;
  // Refused before any parsing (an empty body): the message names the field.
  expect(body.error.message, text).toMatch(/^body: /);
  return null;
}

async function expectClearOutcome(file: string, bytes: Uint8Array, source: Source) {
  const report = await importOnce(file, bytes, source);
  outcomes.set(report?.status ?? "refused", (outcomes.get(report?.status ?? "refused") ?? 0) + 1);
  if (report?.status !== "rejected") return;
  expect(report.errors.length, report.summary).toBeGreaterThan(0);
  for (const error of report.errors) {
    expect(error.file).toBe(file);
    expect(error.text.startsWith(file), error.text).toBe(true);
    expect(error.message.trim(), error.text).not.toBe("");
    expect(error.text, error.text).not.toMatch(CRASH);
  }
}

const FORMATS: { name: string; file: string; mapping: () => Source; arbitrary: fc.Arbitrary<Uint8Array> }[] = [];
const json = (text: string) => JSON.parse(text) as Parameters<typeof mutateJson>[0];
const jsonFiles = (text: string) =>
  fc.oneof(
    { weight: 4, arbitrary: jsonMutations.map((m) => utf8(JSON.stringify(mutateJson(json(text), m)))) },
    { weight: 1, arbitrary: byteMutations.map((m) => mutateBytes(utf8(text), m)) },
  );
FORMATS.push(
  {
    name: "CSV",
    file: "fuzz.csv",
    mapping: () => ({ mapping: null, name: null }),
    arbitrary: fc.oneof(
      { weight: 4, arbitrary: fc.tuple(csvMutations, fc.constantFrom(",", ";", "\t")).map(([m, d]) => utf8(mutateCsv(CSV_GOOD, m, d))) },
      { weight: 1, arbitrary: byteMutations.map((m) => mutateBytes(utf8(CSV_GOOD), m)) },
    ),
  },
  { name: "JSON records", file: "fuzz-records.json", mapping: () => ({ mapping: bundledMapping("asker-baerum-innvandrere-2018"), name: "asker-baerum-innvandrere-2018" }), arbitrary: jsonFiles(immigrants) },
  { name: "JSON-stat2", file: "fuzz-07459.json", mapping: () => ({ mapping: jsonstatMapping, name: null }), arbitrary: jsonFiles(populationV2) },
  { name: "GeoJSON", file: "fuzz.geojson", mapping: () => ({ mapping: bundledMapping("asker-baerum-grunnkretser"), name: "asker-baerum-grunnkretser" }), arbitrary: jsonFiles(askerBaerum) },
  { name: "Klass JSON", file: "fuzz-klass.json", mapping: () => ({ mapping: bundledMapping("klass131-kommuner"), name: "klass131-kommuner" }), arbitrary: jsonFiles(klassJson) },
  {
    name: "Klass CSV",
    file: "fuzz-klass.csv",
    mapping: () => ({ mapping: bundledMapping("klass131-kommuner"), name: "klass131-kommuner" }),
    arbitrary: fc.oneof(
      { weight: 4, arbitrary: csvMutations.map((m) => utf8(mutateCsv(klassCsv.replace(/\r/g, ""), m, ","))) },
      { weight: 1, arbitrary: byteMutations.map((m) => mutateBytes(utf8(klassCsv), m)) },
    ),
  },
);

describe(`malformed import files (${FILES} per format${FULL ? ", full run" : "; npm run fuzz runs 2000"})`, () => {
  for (const format of FORMATS) {
    it(`${format.name}: every malformed file ends in a report naming where, never an exception, and a rejected one writes nothing`, async () => {
      const started = Date.now();
      outcomes.clear();
      await fc.assert(
        fc.asyncProperty(format.arbitrary, (bytes) => expectClearOutcome(format.file, bytes, format.mapping())),
        { numRuns: FILES, seed: FULL ? undefined : 16, endOnFailure: true },
      );
      console.log(`fuzz-import ${format.name}: ${FILES} files in ${Date.now() - started} ms`, Object.fromEntries(outcomes));
    }, FULL ? 1_800_000 : 60_000);
  }
});
