import { getTableColumns, type Column } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./create-app";

/** D1 allows at most 100 bound parameters per statement. */
export const D1_MAX_PARAMS = 100;

/** Splits rows so that one multi-row INSERT stays under D1's parameter limit. */
export function chunkForInsert<T extends object>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(D1_MAX_PARAMS / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** A drizzle query or a statement prepared on the D1 binding itself (see `insertMany`). */
export type Statement = BatchItem<"sqlite"> | D1PreparedStatement;

/** Runs statements as one D1 batch, which is a single transaction: all apply or none do. */
export async function runAtomically(db: Db, statements: Statement[]) {
  if (statements.length === 0) return;
  const prepared = statements.map((s) => {
    if (!("toSQL" in s)) return s as D1PreparedStatement;
    const q = (s as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
    return db.$client.prepare(q.sql).bind(...q.params);
  });
  await db.$client.batch(prepared);
}

/**
 * Inserts many rows with as few statements as D1's 100 bound parameters allow: multi-row
 * VALUES, one parameter per column and row. Values go through each column's own driver
 * mapping, so JSON columns hold the same text drizzle would write. `upsert` names the columns
 * a conflict replaces; otherwise conflicting rows are left as they are.
 *
 * Rows used to travel as one JSON array parameter that `json_each` unpacked (a few statements
 * of ~900 KB): SQLite then parsed every card body twice over (the array, then each escaped
 * string in it), and a national run writes ~314 MB of bodies. Bound directly, SQLite copies
 * each string as it is: a third of its time per row (measured on 100,000 stored cards), and no
 * second JSON encoding of each body in the worker.
 */
export function insertMany<T extends SQLiteTable>(db: Db, table: T, rows: readonly T["$inferInsert"][], upsert?: readonly (keyof T["$inferInsert"] & string)[]): D1PreparedStatement[] {
  if (rows.length === 0) return [];
  const writer = rowWriter(db, table, upsert);
  for (const row of rows) writer.add(row);
  return writer.statements();
}

/**
 * `insertMany` one row at a time: each row's values are mapped as it is added, so the caller
 * need not hold its rows (a chunk's cards and their bodies) until the statements are made; they
 * die young instead of filling the capped heap. The same statements as `insertMany` of the rows.
 */
export function rowWriter<T extends SQLiteTable>(db: Db, table: T, upsert?: readonly (keyof T["$inferInsert"] & string)[]) {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  const { name } = getTableConfig(table);
  const names = columns.map(([, c]) => `"${c.name}"`).join(", ");
  const conflict = upsert?.length
    ? `ON CONFLICT DO UPDATE SET ${upsert.map((key) => `"${getTableColumns(table)[key]!.name}" = excluded."${getTableColumns(table)[key]!.name}"`).join(", ")}`
    : "ON CONFLICT DO NOTHING";
  const perStatement = Math.max(1, Math.floor(D1_MAX_PARAMS / columns.length));
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const textOf = (n: number) => `INSERT INTO "${name}" (${names}) VALUES ${Array.from({ length: n }, () => tuple).join(", ")} ${conflict}`;
  const full = textOf(perStatement);
  const statements: D1PreparedStatement[] = [];
  let params: unknown[] = [];
  let rows = 0;
  const flush = () => {
    statements.push(db.$client.prepare(rows === perStatement ? full : textOf(rows)).bind(...params));
    params = [];
    rows = 0;
  };
  return {
    add(row: T["$inferInsert"]) {
      for (const [key, c] of columns) {
        const v = (row as Record<string, unknown>)[key];
        params.push(v === undefined || v === null ? null : c.mapToDriverValue(v));
      }
      if (++rows === perStatement) flush();
    },
    /** The statements of every row added (none without rows). */
    statements(): D1PreparedStatement[] {
      if (rows > 0) flush();
      return statements;
    },
  };
}
