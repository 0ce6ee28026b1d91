import { bundledMapping } from "../../db/mappings";
import { SSB_API, SSB_MAX_CELLS, SSB_TABLES, type SsbTable } from "../../db/sources";
import { readDataset, readDimensions, type Dataset, type Dimension } from "./jsonstat2";
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

/** The query of db/sources.ts as codes, checked against the table's metadata. */
function resolveQuery(table: SsbTable, dimensions: Dimension[]): Selection {
  const out: Selection = {};
  for (const d of dimensions) {
    const q = table.query[d.id];
    if (q === undefined) throw new Error(`table ${table.table}: db/sources.ts must select dimension ${d.id} ("*", a list, or { top: n })`);
    if (q === "*") out[d.id] = d.codes;
    else if (Array.isArray(q)) {
      const unknown = q.filter((c) => !d.position.has(c));
      if (unknown.length) throw new Error(`table ${table.table}: dimension ${d.id} has no ${unknown.join(", ")}`);
      out[d.id] = q;
    } else out[d.id] = d.codes.slice(-q.top);
  }
  const extra = Object.keys(table.query).filter((id) => !dimensions.some((d) => d.id === id));
  if (extra.length) throw new Error(`table ${table.table}: no dimension ${extra.join(", ")}`);
  return out;
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
}

/** Fetches one table's query, split as needed, as one JSON-stat2 dataset. */
export async function fetchTable(table: SsbTable, options: FetchOptions = {}) {
  const fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const api = options.api ?? SSB_API;
  const metadataUrl = `${api}/tables/${table.table}/metadata?lang=no&outputFormat=json-stat2`;
  const { dimensions } = readDimensions(await getJson(fetch, metadataUrl), `${table.table} metadata`);
  const selection = resolveQuery(table, dimensions);
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

/** What the cron runs: every table of db/sources.ts fetched and imported, one report each. */
export async function fetchSources(env: Env, now: Date, options: FetchOptions & { tables?: SsbTable[] } = {}): Promise<ImportReport[]> {
  const reports: ImportReport[] = [];
  for (const table of options.tables ?? SSB_TABLES) {
    const { dataset, requests } = await fetchTable(table, options);
    const report = await runImport(env, { file: `ssb-${table.table}.json`, bytes: new TextEncoder().encode(JSON.stringify(dataset)), mapping: bundledMapping(table.mapping), mappingName: table.mapping }, { now });
    report.notes.push(`fetched from SSB in ${requests} request${requests === 1 ? "" : "s"}`);
    reports.push(report);
  }
  return reports;
}
