import { and, inArray, isNull } from "drizzle-orm";
import { bundledMapping } from "../../db/mappings";
import { areas, type Level } from "../../db/schema";
import { SSB_API, SSB_MAX_CELLS, SSB_TABLES, type SsbTable } from "../../db/sources";
import { makeDb } from "../lib/create-app";
import { normaliseCode } from "./codes";
import { readDataset, readDimensions, type Dataset, type Dimension } from "./jsonstat2";
import type { Mapping } from "./mapping";
import type { ImportReport } from "./report";
import { runImport } from "./run";

/**
 * The scheduled fetcher: for each table in db/sources.ts, read its metadata, resolve the query
 * to category codes, split it into requests of at most SSB's 800,000 cells, fetch them as
 * JSON-stat2, join the parts into one dataset and import that as one all-or-nothing file.
 */

export type Selection = Record<string, string[]>;
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export const cellsOf = (s: Selection) => Object.values(s).reduce((n, codes) => n * codes.length, 1);

/** Splits along the largest dimension until every part fits; the parts cover each cell once. */
export function splitSelection(selection: Selection, maxCells: number): Selection[] {
  if (maxCells < 1) throw new Error("maxCells must be at least 1");
  const cells = cellsOf(selection);
  if (cells <= maxCells) return [selection];
  const [dim, codes] = Object.entries(selection).sort((a, b) => b[1].length - a[1].length)[0]!;
  const per = Math.max(1, Math.floor(maxCells / (cells / codes.length)));
  const parts: Selection[] = [];
  for (let i = 0; i < codes.length; i += per) parts.push(...splitSelection({ ...selection, [dim]: codes.slice(i, i + per) }, maxCells));
  return parts;
}

/**
 * SSB labels a code it no longer uses with the years it was valid: "Bærum (-2019)",
 * "Bygdøy-Frogner (1988-2003)", "Asker (2020-2023)". A code still in use has no end year.
 */
export const retiredLabel = (label: string | undefined) => !!label && /\((\d{4})?-\d{4}\)\s*$/.test(label);

/** Today's area codes of some levels, as the database holds them. */
export type AreaCodes = (levels: readonly Level[]) => Promise<ReadonlySet<string>>;

interface Resolve {
  /** For `{ areas }`: today's codes, and how the table's codes become area codes (the mapping's rules). */
  areaCodes?: AreaCodes;
  mapping?: Mapping | null;
}

/** The query of db/sources.ts as codes, checked against the table's metadata. */
async function resolveQuery(table: SsbTable, dimensions: Dimension[], r: Resolve = {}): Promise<Selection> {
  const out: Selection = {};
  for (const d of dimensions) {
    const q = table.query[d.id];
    if (q === undefined) throw new Error(`table ${table.table}: db/sources.ts must select dimension ${d.id} ("*", a list, { top: n } or { areas: [levels] })`);
    if (q === "*") out[d.id] = d.codes;
    else if (Array.isArray(q)) {
      const unknown = q.filter((c) => !d.position.has(c));
      if (unknown.length) throw new Error(`table ${table.table}: dimension ${d.id} has no ${unknown.join(", ")}`);
      out[d.id] = q;
    } else if ("top" in q) out[d.id] = d.codes.slice(-q.top);
    else out[d.id] = await areaCategories(table, d, q.areas, r);
  }
  const extra = Object.keys(table.query).filter((id) => !dimensions.some((d) => d.id === id));
  if (extra.length) throw new Error(`table ${table.table}: no dimension ${extra.join(", ")}`);
  return out;
}

/**
 * The categories of the area dimension that are today's areas: not retired by SSB's own label,
 * and, read with the mapping's code rules (e.g. 10826's "030101a" → 030101), a current area of
 * these levels in the database. So codes the table keeps from before a reform are never asked
 * for (an import would reject them), and a new kommune is asked for once Klass brings it.
 */
async function areaCategories(table: SsbTable, d: Dimension, levels: readonly Level[], r: Resolve): Promise<string[]> {
  const rules = r.mapping?.format === "jsonstat2" && "dimension" in r.mapping.area && r.mapping.area.dimension === d.id ? r.mapping.area : null;
  if (!rules) throw new Error(`table ${table.table}: { areas } needs dimension ${d.id} to be the area dimension of mapping ${table.mapping}`);
  if (!r.areaCodes) throw new Error(`table ${table.table}: { areas } needs the database's area codes`);
  const today = await r.areaCodes(levels);
  const codes = d.codes.filter((c) => {
    if (retiredLabel(d.labels[c])) return false;
    const code = normaliseCode(c, rules);
    return "code" in code && today.has(code.code);
  });
  if (codes.length === 0) throw new Error(`table ${table.table}: no category of dimension ${d.id} is one of today's ${levels.join("/")} areas in the database`);
  return codes;
}

/** Parts of one selection as one JSON-stat2 dataset, categories in the metadata's order. */
function joinParts(dimensions: Dimension[], selection: Selection, parts: Dataset[]) {
  const ids = dimensions.map((d) => d.id);
  const codes = dimensions.map((d) => d.codes.filter((c) => selection[d.id]!.includes(c)));
  const strides = codes.map((_, i) => codes.slice(i + 1).reduce((n, c) => n * c.length, 1));
  const positions = codes.map((list) => new Map(list.map((c, i) => [c, i])));
  const size = codes.reduce((n, c) => n * c.length, 1);
  const value: (number | null)[] = new Array(size).fill(null);
  const status: Record<string, string> = {};
  for (const part of parts) {
    const order = ids.map((id) => part.dimensions.findIndex((d) => d.id === id));
    if (order.some((i) => i < 0)) throw new Error(`a response lacks dimension ${ids[order.indexOf(-1)]}`);
    const partStrides = part.dimensions.map((_, i) => part.dimensions.slice(i + 1).reduce((n, d) => n * d.codes.length, 1));
    for (let cell = 0; cell < part.size; cell++) {
      let target = 0;
      for (const [k, i] of order.entries()) {
        const code = part.dimensions[i]!.codes[Math.floor(cell / partStrides[i]!) % part.dimensions[i]!.codes.length]!;
        const pos = positions[k]!.get(code);
        if (pos === undefined) throw new Error(`a response has ${ids[k]} ${code}, which was not asked for`);
        target += pos * strides[k]!;
      }
      value[target] = part.value(cell);
      const flag = part.status(cell);
      if (flag) status[target] = flag;
    }
  }
  const dimension = Object.fromEntries(dimensions.map((d, k) => [d.id, { category: { index: codes[k], label: Object.fromEntries(codes[k]!.map((c) => [c, d.labels[c] ?? c])) } }]));
  return { version: "2.0", class: "dataset", id: ids, size: codes.map((c) => c.length), dimension, value, status };
}

async function getJson(fetch: Fetch, url: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`SSB answered ${res.status} for ${init?.method ?? "GET"} ${url}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

export interface FetchOptions {
  fetch?: Fetch;
  maxCells?: number;
  api?: string;
  /** Today's area codes, for queries that ask for `{ areas }`. */
  areaCodes?: AreaCodes;
}

/** Fetches one table's query, split as needed, as one JSON-stat2 dataset. */
export async function fetchTable(table: SsbTable, options: FetchOptions = {}) {
  const fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const api = options.api ?? SSB_API;
  const metadataUrl = `${api}/tables/${table.table}/metadata?lang=no&outputFormat=json-stat2`;
  const { dimensions } = readDimensions(await getJson(fetch, metadataUrl), `${table.table} metadata`);
  const selection = await resolveQuery(table, dimensions, { areaCodes: options.areaCodes, mapping: bundledMapping(table.mapping) });
  const requests = splitSelection(selection, options.maxCells ?? SSB_MAX_CELLS);
  const parts: Dataset[] = [];
  for (const [i, part] of requests.entries()) {
    const body = {
      selection: Object.entries(part).map(([variableCode, valueCodes]) => ({ variableCode, valueCodes, ...(table.codelists?.[variableCode] ? { codelist: table.codelists[variableCode] } : {}) })),
    };
    const json = await getJson(fetch, `${api}/tables/${table.table}/data?lang=no&outputFormat=json-stat2`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    parts.push(readDataset(json, `${table.table} part ${i + 1}/${requests.length}`));
  }
  return { dataset: joinParts(dimensions, selection, parts), requests: requests.length };
}

/** Today's codes of some levels from D1 (one read per table that asks). */
export function databaseAreaCodes(env: Env): AreaCodes {
  const db = makeDb(env.DB);
  return async (levels) => {
    const rows = await db.select({ code: areas.code }).from(areas).where(and(isNull(areas.validTo), inArray(areas.level, [...levels]))).all();
    return new Set(rows.map((r) => r.code));
  };
}

export interface FetchResult {
  /** One import report per table fetched (each all-or-nothing). */
  reports: ImportReport[];
  /** Tables that could not be fetched or read, with why; they wrote nothing. */
  failures: { table: string; error: string }[];
}

/**
 * What the cron runs: every table of db/sources.ts fetched and imported, one report each. A
 * table that fails (SSB refuses, a code it no longer has) writes nothing and is reported; the
 * other tables are still fetched, so one changed table never stops the nightly refresh.
 */
export async function fetchSources(env: Env, now: Date, options: FetchOptions & { tables?: SsbTable[] } = {}): Promise<FetchResult> {
  const result: FetchResult = { reports: [], failures: [] };
  const withAreas = { ...options, areaCodes: options.areaCodes ?? databaseAreaCodes(env) };
  for (const table of options.tables ?? SSB_TABLES) {
    try {
      const { dataset, requests } = await fetchTable(table, withAreas);
      const report = await runImport(env, { file: `ssb-${table.table}.json`, bytes: new TextEncoder().encode(JSON.stringify(dataset)), mapping: bundledMapping(table.mapping), mappingName: table.mapping }, { now });
      report.notes.push(`fetched from SSB in ${requests} request${requests === 1 ? "" : "s"}`);
      result.reports.push(report);
    } catch (e) {
      result.failures.push({ table: table.table, error: (e as Error).message });
    }
  }
  return result;
}
