import { getTableColumns, getTableName } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { areaChanges, areas, boundaries, indicators, observations, postcodes, sources } from "../../db/schema";
import type { Diff, Target } from "./diff";
import { TARGETS } from "./diff";

/**
 * All-or-nothing writes of any size. D1 runs a batch as one transaction, but one batch cannot
 * carry a national file, so rows are first staged as JSON chunks in `import_staging` (many small
 * batches that touch no real table), then one final batch copies every staged row into its table
 * with an upsert, records the run and empties the staging rows. If anything fails before that
 * batch commits, the real tables are exactly as they were.
 *
 * The staging table is created here, not in a migration, because it is scratch space no query
 * ever reads; a crashed run's rows are deleted by the next import after a day.
 */
const STAGING_DDL =
  "CREATE TABLE IF NOT EXISTS import_staging (run TEXT NOT NULL, target TEXT NOT NULL, seq INTEGER NOT NULL, rows TEXT NOT NULL, staged_at TEXT NOT NULL, PRIMARY KEY (run, target, seq))";

const TABLES: Record<Target, { table: SQLiteTable; key: string[] }> = {
  sources: { table: sources, key: ["id"] },
  indicators: { table: indicators, key: ["id"] },
  areas: { table: areas, key: ["code"] },
  area_changes: { table: areaChanges, key: ["id"] },
  boundaries: { table: boundaries, key: ["code"] },
  observations: { table: observations, key: ["area_code", "indicator_id", "period"] },
  postcodes: { table: postcodes, key: ["code"] },
};

/** Keeps each staging statement and batch well inside D1's request limits. */
export interface WriterLimits {
  chunkBytes: number;
  statementsPerBatch: number;
}
const DEFAULT_LIMITS: WriterLimits = { chunkBytes: 200_000, statementsPerBatch: 10 };

export interface RunRecord {
  startedAt: string;
  file: string;
  format: string;
  report: unknown;
}

const q = (name: string) => `"${name}"`;

function columnsOf(target: Target) {
  return Object.entries(getTableColumns(TABLES[target].table)).map(([prop, col]) => ({
    prop,
    name: col.name,
    // Every column is written, so a row without a value would write NULL: use the column's
    // plain default instead (sources.priority, indicators.period_span are NOT NULL).
    fallback: col.hasDefault && ["number", "string", "boolean"].includes(typeof col.default) ? (col.default as number | string | boolean) : null,
  }));
}

function upsertSql(target: Target): string {
  const { table, key } = TABLES[target];
  const cols = columnsOf(target);
  const name = getTableName(table);
  const select = cols.map((_, i) => `json_extract(j.value, '$[${i}]')`).join(", ");
  const updates = cols.filter((c) => !key.includes(c.name)).map((c) => `${q(c.name)} = excluded.${q(c.name)}`);
  return (
    `INSERT INTO ${q(name)} (${cols.map((c) => q(c.name)).join(", ")}) ` +
    `SELECT ${select} FROM import_staging s, json_each(s.rows) j WHERE s.run = ?1 AND s.target = ?2 ORDER BY s.seq, j.key ` +
    `ON CONFLICT (${key.map(q).join(", ")}) DO UPDATE SET ${updates.join(", ")}`
  );
}

/** Rows → JSON arrays in column order, cut into chunks of about `chunkBytes`. */
function* chunks(target: Target, rows: object[], chunkBytes: number): Generator<{ json: string; rows: number }> {
  const cols = columnsOf(target);
  let parts: string[] = [];
  let size = 0;
  for (const row of rows) {
    const values = cols.map(({ prop, fallback }) => {
      const v = (row as Record<string, unknown>)[prop] ?? fallback;
      return typeof v === "boolean" ? (v ? 1 : 0) : (v ?? null);
    });
    const text = JSON.stringify(values);
    if (parts.length > 0 && size + text.length > chunkBytes) {
      yield { json: `[${parts.join(",")}]`, rows: parts.length };
      parts = [];
      size = 0;
    }
    parts.push(text);
    size += text.length + 1;
  }
  if (parts.length > 0) yield { json: `[${parts.join(",")}]`, rows: parts.length };
}

export type Progress = (done: number, total: number) => void;

/**
 * What the recompute needs to know about this import: which indicators' observations changed,
 * and whether anything else did (areas, boundaries, reforms, sources, the catalogue).
 */
function changeLog(d1: D1Database, diff: Diff, targets: readonly Target[], at: string): D1PreparedStatement[] {
  const insert = "INSERT INTO data_changes (target, indicator_id, changed_at) VALUES (?, ?, ?)";
  return targets.flatMap((t) => {
    if (t !== "observations") return [d1.prepare(insert).bind(t, null, at)];
    const ids = new Set([...diff.observations.added, ...diff.observations.updated].map((o) => o.indicatorId));
    return [...ids].map((id) => d1.prepare(insert).bind(t, id, at));
  });
}

export interface ApplyOptions {
  limits?: WriterLimits;
  onProgress?: Progress;
  /** Statements that must commit with the rows, run before them in the final batch (e.g. deleting stale derived rows). */
  extra?: (d1: D1Database, at: string) => D1PreparedStatement[];
}

/** Writes the added and updated rows of `diff` and the run record, atomically. */
export async function applyDiff(d1: D1Database, diff: Diff, run: RunRecord, options: ApplyOptions = {}) {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const runId = crypto.randomUUID();
  const stagedAt = new Date().toISOString();
  const total = TARGETS.reduce((n, t) => n + diff[t].added.length + diff[t].updated.length, 0);
  await d1.prepare(STAGING_DDL).run();
  await d1.prepare("DELETE FROM import_staging WHERE staged_at < ?").bind(new Date(Date.now() - 86_400_000).toISOString()).run();
  try {
    let pending: D1PreparedStatement[] = [];
    let pendingRows = 0;
    let done = 0;
    const flush = async () => {
      if (pending.length === 0) return;
      await d1.batch(pending);
      done += pendingRows;
      pending = [];
      pendingRows = 0;
      options.onProgress?.(done, total);
    };
    let seq = 0;
    for (const target of TARGETS) {
      const rows = [...diff[target].added, ...diff[target].updated];
      for (const chunk of chunks(target, rows, limits.chunkBytes)) {
        pending.push(d1.prepare("INSERT INTO import_staging (run, target, seq, rows, staged_at) VALUES (?, ?, ?, ?, ?)").bind(runId, target, seq++, chunk.json, stagedAt));
        pendingRows += chunk.rows;
        if (pending.length >= limits.statementsPerBatch) await flush();
      }
    }
    await flush();
    const changedTargets = TARGETS.filter((t) => diff[t].added.length + diff[t].updated.length > 0);
    const swap = changedTargets.map((t) => d1.prepare(upsertSql(t)).bind(runId, t));
    await d1.batch([
      ...(options.extra?.(d1, stagedAt) ?? []),
      ...swap,
      ...changeLog(d1, diff, changedTargets, stagedAt),
      d1.prepare("DELETE FROM import_staging WHERE run = ?").bind(runId),
      d1.prepare("INSERT INTO import_runs (started_at, file, format, report) VALUES (?, ?, ?, ?)").bind(run.startedAt, run.file, run.format, JSON.stringify(run.report)),
    ]);
  } catch (e) {
    await d1.prepare("DELETE FROM import_staging WHERE run = ?").bind(runId).run().catch(() => undefined);
    throw e;
  }
}
