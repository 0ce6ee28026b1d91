/**
 * Demo data → SQL text. Multi-row INSERTs (200 rows by default, fewer when rows are long) load
 * quickly in D1 and SQLite and stay below D1's 100 KB statement limit; literals rather than
 * bound parameters because D1 allows only 100 parameters per statement.
 */
import type { AreaChange, NewArea, NewIndicator, NewPostcode } from "../schema";
import type { ObservationRow } from "./observations";
import type { BoundaryRow, SourceRow } from "./shapes";

/** Anything with the demo's tables; observations and boundaries may be lazy streams (national scale). */
export type DemoSource = {
  areas: readonly NewArea[];
  changes: readonly AreaChange[];
  indicators: readonly NewIndicator[];
  observations: Iterable<ObservationRow>;
  sources: readonly SourceRow[];
  boundaries: Iterable<BoundaryRow>;
  /** Invented postcodes of the demo's kommuner (absent in older callers' data). */
  postcodes?: readonly NewPostcode[];
};

type Column<T> = readonly [sqlName: string, key: keyof T];

const AREA_COLUMNS: readonly Column<NewArea>[] = [
  ["code", "code"], ["level", "level"], ["parent_code", "parentCode"], ["name_nb", "nameNb"],
  ["name_nn", "nameNn"], ["name_en", "nameEn"], ["name_se", "nameSe"], ["valid_from", "validFrom"],
  ["valid_to", "validTo"], ["synthetic", "synthetic"],
];
const CHANGE_COLUMNS: readonly Column<AreaChange>[] = [
  ["old_code", "oldCode"], ["new_code", "newCode"], ["changed_on", "changedOn"], ["weight", "weight"],
];
const INDICATOR_COLUMNS: readonly Column<NewIndicator>[] = [
  ["id", "id"], ["name_nb", "nameNb"], ["name_nn", "nameNn"], ["name_en", "nameEn"], ["unit", "unit"],
  ["direction", "direction"], ["source", "source"], ["table_id", "tableId"],
  ["definition_nb", "definitionNb"], ["definition_en", "definitionEn"], ["finest_level", "finestLevel"],
  ["sort_order", "sortOrder"],
];
const SOURCE_COLUMNS: readonly Column<SourceRow>[] = [
  ["id", "id"], ["name", "name"], ["publisher", "publisher"], ["licence", "licence"], ["url", "url"],
];
const BOUNDARY_COLUMNS: readonly Column<BoundaryRow>[] = [
  ["code", "code"], ["level", "level"], ["geometry", "geometry"], ["min_lon", "minLon"], ["min_lat", "minLat"],
  ["max_lon", "maxLon"], ["max_lat", "maxLat"], ["source_id", "sourceId"],
];
const POSTCODE_COLUMNS: readonly Column<NewPostcode>[] = [
  ["code", "code"], ["area_code", "areaCode"], ["place", "place"], ["source_id", "sourceId"],
];
const OBSERVATION_COLUMNS: readonly Column<ObservationRow>[] = [
  ["area_code", "areaCode"], ["indicator_id", "indicatorId"], ["period", "period"], ["value", "value"],
  ["numerator", "numerator"], ["denominator", "denominator"], ["status", "status"],
];

/** Tables the demo fills, children of the reference data first so a reset can delete in order. */
export const DEMO_TABLES = ["postcodes", "observations", "boundaries", "area_changes", "indicators", "areas", "sources"] as const;

/** D1 rejects statements over 100 KB; a boundary can be tens of KB, so batches also end by length. */
export const MAX_STATEMENT_LENGTH = 95_000;

export function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} to SQL`);
    return String(v);
  }
  if (typeof v === "string") return `'${v.replaceAll("'", "''")}'`;
  throw new Error(`unsupported SQL value ${typeof v}`);
}

function* inserts<T>(table: string, columns: readonly Column<T>[], rows: Iterable<T>, perInsert: number): Generator<string> {
  const head = `INSERT INTO ${table} (${columns.map(([c]) => c).join(", ")}) VALUES `;
  let batch: string[] = [];
  let length = head.length + 1;
  const flush = () => {
    const statement = `${head}${batch.join(",")};`;
    batch = [];
    length = head.length + 1;
    return statement;
  };
  for (const row of rows) {
    const values = `(${columns.map(([, k]) => sqlLiteral(row[k])).join(", ")})`;
    // Geometry is ASCII and the other tables' rows are short, so characters stand in for bytes.
    if (batch.length > 0 && length + values.length + 1 > MAX_STATEMENT_LENGTH) yield flush();
    batch.push(values);
    length += values.length + 1;
    if (batch.length === perInsert) yield flush();
  }
  if (batch.length > 0) yield flush();
}

/** DELETEs that empty the demo's tables (for reloading into a database that has data). */
export function resetStatements(): string[] {
  return DEMO_TABLES.map((t) => `DELETE FROM ${t};`);
}

/**
 * INSERT statements, lazily: write them one by one to a file for the national scale. Each
 * statement is a single line (no newlines inside) ending in `;`.
 */
export function* sqlStatements(data: DemoSource, rowsPerInsert = 200): Generator<string> {
  yield* inserts("areas", AREA_COLUMNS, data.areas, rowsPerInsert);
  yield* inserts("area_changes", CHANGE_COLUMNS, data.changes, rowsPerInsert);
  yield* inserts("indicators", INDICATOR_COLUMNS, data.indicators, rowsPerInsert);
  yield* inserts("sources", SOURCE_COLUMNS, data.sources, rowsPerInsert);
  yield* inserts("boundaries", BOUNDARY_COLUMNS, data.boundaries, rowsPerInsert);
  yield* inserts("postcodes", POSTCODE_COLUMNS, data.postcodes ?? [], rowsPerInsert);
  yield* inserts("observations", OBSERVATION_COLUMNS, data.observations, rowsPerInsert);
}

/** All statements in memory; fine for the demo scale. */
export function toSqlStatements(data: DemoSource, rowsPerInsert = 200): string[] {
  return [...sqlStatements(data, rowsPerInsert)];
}
