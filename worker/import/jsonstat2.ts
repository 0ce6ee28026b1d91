import type { StatusSymbol } from "../../db/schema";
import { DEFAULT_SYMBOLS, parsePeriod, symbolMeaning, type Symbols } from "./cells";
import { normaliseCode } from "./codes";
import { ImportFailure, pathKey } from "./issues";
import type { JsonstatMapping } from "./mapping";
import type { ObservationRow, Plan } from "./plan";
import { strongerStatus } from "./tabular";

/**
 * SSB's JSON-stat 2.0 data responses (PxWebApi v2 and the older v0 API; a JSON-stat 1.x
 * bundle is unwrapped too): dimensions with ordered categories and a row-major `value` array
 * (or sparse object) whose cells may be null with a status symbol.
 */

export interface Dimension {
  id: string;
  codes: string[];
  position: Map<string, number>;
  labels: Record<string, string>;
}

export interface Dataset {
  label: string | null;
  dimensions: Dimension[];
  value: (index: number) => number | null;
  status: (index: number) => string | null;
  size: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === "object" && !Array.isArray(v);

function fail(file: string, path: string, message: string): never {
  throw new ImportFailure({ file, path }, "unreadable", message);
}

function readCategories(file: string, id: string, raw: unknown, size: number, sizePath: string): Dimension {
  const path = `$.dimension${pathKey(id)}.category`;
  if (!isObject(raw)) fail(file, path, "missing category");
  const labels = (isObject(raw.label) ? raw.label : {}) as Record<string, string>;
  const given = Array.isArray(raw.index) ? raw.index.length : isObject(raw.index) ? Object.keys(raw.index).length : Object.keys(labels).length;
  // Checked before anything is allocated by `size`: a file's size may be any number at all.
  if (given !== size) fail(file, sizePath, `${sizePath} says ${size} but dimension "${id}" has ${given} categories`);
  let codes: string[];
  if (Array.isArray(raw.index)) codes = raw.index.map(String);
  else if (isObject(raw.index)) {
    // Filled, not `new Array(size)`: a hole left by a missing position would pass `some` unseen.
    codes = Array.from({ length: size }, () => undefined as unknown as string);
    for (const [code, pos] of Object.entries(raw.index)) {
      if (typeof pos !== "number" || !Number.isInteger(pos) || pos < 0 || pos >= size || codes[pos] !== undefined) {
        fail(file, `${path}.index${pathKey(code)}`, `position ${JSON.stringify(pos)} is not a free position below the dimension's size ${size}`);
      }
      codes[pos] = code;
    }
  } else codes = Object.keys(labels);
  if (codes.some((c) => c === undefined)) fail(file, `${path}.index`, `${codes.filter((c) => c !== undefined).length} categories but ${sizePath} says ${size}`);
  return { id, codes, position: new Map(codes.map((c, i) => [c, i])), labels };
}

/** The dimensions of a dataset or of a PxWebApi v2 metadata response (whose `value` is empty). */
export function readDimensions(json: unknown, file: string): { ds: Json; dimensions: Dimension[]; size: number } {
  const ds = isObject(json) && isObject(json.dataset) ? json.dataset : json;
  if (!isObject(ds)) fail(file, "$", "not a JSON-stat dataset");
  const dimension = ds.dimension;
  if (!isObject(dimension)) fail(file, "$.dimension", "missing dimension object");
  // JSON-stat 1.x keeps id and size inside `dimension`.
  const ids = (ds.id ?? dimension.id) as unknown;
  const sizes = (ds.size ?? dimension.size) as unknown;
  if (!Array.isArray(ids) || !ids.every((i) => typeof i === "string")) fail(file, "$.id", "expected an array of dimension ids");
  if (!Array.isArray(sizes) || sizes.length !== ids.length || !sizes.every((s) => Number.isInteger(s) && s >= 0)) fail(file, "$.size", "expected one size per dimension id");
  const dimensions = ids.map((id, i) => {
    const d = dimension[id];
    if (!isObject(d)) fail(file, `$.dimension${pathKey(id)}`, `dimension "${id}" is listed in id but missing`);
    return readCategories(file, id, d.category, sizes[i] as number, `$.size[${i}]`);
  });
  return { ds, dimensions, size: (sizes as number[]).reduce((a, b) => a * b, 1) };
}

export function readDataset(json: unknown, file: string): Dataset {
  const { ds, dimensions, size } = readDimensions(json, file);
  const values = ds.value;
  let value: Dataset["value"];
  if (Array.isArray(values)) {
    if (values.length !== size) fail(file, "$.value", `${values.length} values but the dimensions make ${size} cells`);
    value = (i) => values[i] as number | null;
  } else if (isObject(values)) value = (i) => (values[String(i)] as number | undefined) ?? null;
  else fail(file, "$.value", "expected an array or object of values");
  const statuses = ds.status;
  const status: Dataset["status"] =
    typeof statuses === "string" ? () => statuses : Array.isArray(statuses) ? (i) => (statuses[i] as string | null) ?? null : isObject(statuses) ? (i) => (statuses[String(i)] as string | undefined) ?? null : () => null;
  return { label: typeof ds.label === "string" ? ds.label : null, dimensions, value, status, size };
}

/** One cell as an observation's value or status, with the symbols of the mapping. */
function readCellAt(ds: Dataset, index: number, symbols: Symbols, notes: Set<string>) {
  const raw = ds.value(index);
  const flag = ds.status(index);
  if (raw !== null && (typeof raw !== "number" || !Number.isFinite(raw))) return { invalid: JSON.stringify(raw) };
  if (flag) {
    const symbol = symbolMeaning(symbols, flag);
    if (symbol && "value" in symbol) return { value: symbol.value, status: null };
    if (symbol) return { value: null, status: symbol.status };
    if (raw !== null) {
      notes.add(`status flag "${flag}" kept with its value`);
      return { value: raw, status: null };
    }
    notes.add(`status flag "${flag}" without a value read as ".."`);
  }
  return raw === null ? { value: null, status: ".." as StatusSymbol } : { value: raw, status: null };
}

export function jsonstatToPlan(ds: Dataset, mapping: JsonstatMapping, plan: Plan) {
  const { file, issues } = plan;
  const symbols = { ...DEFAULT_SYMBOLS, ...mapping.symbols };
  const byId = new Map(ds.dimensions.map((d) => [d.id, d]));
  const dim = (id: string, path: string) => byId.get(id) ?? fail(file, path, `the mapping names dimension "${id}" but the table has ${[...byId.keys()].join(", ")}`);
  const areaDim = "dimension" in mapping.area ? dim(mapping.area.dimension, "$.id") : null;
  const periodDim = dim(mapping.period.dimension, "$.id");
  const strides = ds.dimensions.map((_, i) => ds.dimensions.slice(i + 1).reduce((n, d) => n * d.codes.length, 1));
  const axis = (d: Dimension) => ds.dimensions.indexOf(d);
  const notes = new Set<string>();
  const excluded = new Set<string>();

  for (const series of mapping.series) {
    const pick = (d: Dimension): string[] => {
      const chosen = series.select[d.id];
      const path = `$.dimension${pathKey(d.id)}.category.index`;
      if (chosen !== undefined) {
        const codes = [chosen].flat();
        const missing = codes.filter((c) => !d.position.has(c));
        if (missing.length) fail(file, path, `series "${series.indicator}" selects ${missing.join(", ")}, which dimension "${d.id}" does not have (it has ${d.codes.slice(0, 12).join(", ")}${d.codes.length > 12 ? ", …" : ""})`);
        return codes;
      }
      if (series.sum.includes(d.id) || d.codes.length === 1 || d === areaDim || d === periodDim) return d.codes;
      fail(file, path, `dimension "${d.id}" has ${d.codes.length} categories (${d.codes.slice(0, 6).join(", ")}${d.codes.length > 6 ? ", …" : ""}): the mapping's series "${series.indicator}" must select or sum them`);
    };
    const others = ds.dimensions.filter((d) => d !== areaDim && d !== periodDim);
    // Every combination of the selected categories of the other dimensions is added up.
    let combos: number[] = [0];
    for (const d of others) {
      const positions = pick(d).map((c) => d.position.get(c)! * strides[axis(d)]!);
      combos = combos.flatMap((base) => positions.map((p) => base + p));
    }
    const areaCodes = areaDim ? pick(areaDim) : [null];
    for (const areaRaw of areaCodes) {
      let areaCode: string;
      if (areaRaw === null) areaCode = (mapping.area as { code: string }).code;
      else {
        const code = normaliseCode(areaRaw, mapping.area as { prefix?: string; map?: Record<string, string>; exclude?: string[] });
        if ("excluded" in code) {
          excluded.add(code.excluded);
          continue;
        }
        areaCode = code.code;
      }
      const areaOffset = areaDim && areaRaw !== null ? areaDim.position.get(areaRaw)! * strides[axis(areaDim)]! : 0;
      for (const periodCode of pick(periodDim)) {
        const period = parsePeriod(periodCode);
        const periodPath = `$.dimension${pathKey(periodDim.id)}.category.index${pathKey(periodCode)}`;
        if (period === null) {
          issues.error({ file, path: periodPath }, "invalid_period", `"${periodCode}" is not a year`);
          continue;
        }
        const base = areaOffset + periodDim.position.get(periodCode)! * strides[axis(periodDim)]!;
        let value: number | null = 0;
        let status: StatusSymbol | null = null;
        let bad = false;
        for (const offset of combos) {
          const index = base + offset;
          const cell = readCellAt(ds, index, symbols, notes);
          if ("invalid" in cell) {
            issues.error({ file, path: `$.value[${index}]` }, "non_numeric", `non-numeric value ${cell.invalid}`);
            bad = true;
            break;
          }
          status = strongerStatus(status, cell.status);
          value = status || value === null || cell.value === null ? null : value + cell.value;
        }
        plan.rowsRead += combos.length;
        if (bad) continue;
        const row: ObservationRow = { areaCode, indicatorId: series.indicator, period, value: status ? null : value, status, sourceId: plan.source?.id ?? null };
        plan.observations.push({ row, at: { file, path: `$.value[${base + combos[0]!}]` } });
      }
    }
  }
  if (excluded.size) plan.notes.push(`skipped excluded area codes: ${[...excluded].sort().join(", ")}`);
  plan.notes.push(...notes);
}
