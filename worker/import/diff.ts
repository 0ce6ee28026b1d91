import { and, eq, inArray } from "drizzle-orm";
import { areaChanges, boundaries, observations, postcodes, sources, type AreaChange, type NewArea, type NewIndicator, type NewPostcode, type StatusSymbol } from "../../db/schema";
import type { ImportContext } from "./context";
import type { BoundaryRow, ObservationRow, Plan, SourceRow } from "./plan";

export const TARGETS = ["sources", "indicators", "areas", "area_changes", "boundaries", "observations", "postcodes"] as const;
export type Target = (typeof TARGETS)[number];

export interface TableDiff<T> {
  added: T[];
  updated: T[];
  unchanged: number;
}

/** One side of a conflict: what a source says about a cell, and how much that source counts. */
export interface ConflictSide {
  sourceId: string | null;
  priority: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: StatusSymbol | null;
}

/**
 * A cell (area, indicator, period) that another source already fills with a different value.
 * `winner` says whose value the database holds after the import: the higher priority; on equal
 * priority the newer import.
 */
export interface Conflict {
  area: string;
  indicator: string;
  period: number;
  existing: ConflictSide;
  incoming: ConflictSide;
  winner: "existing" | "incoming";
}

export interface Diff {
  sources: TableDiff<SourceRow>;
  indicators: TableDiff<NewIndicator>;
  areas: TableDiff<NewArea>;
  area_changes: TableDiff<AreaChange>;
  boundaries: TableDiff<BoundaryRow>;
  observations: TableDiff<ObservationRow>;
  postcodes: TableDiff<NewPostcode>;
  /** Cells where this import and another source disagree, in file order. */
  conflicts: Conflict[];
}

/** Numbers read back from SQLite may differ from the parsed ones in the last bit. */
function same(a: unknown, b: unknown): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (typeof x === "number" && typeof y === "number") return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return x === y;
}

const sameFields = <T extends object>(fields: (keyof T)[]) => (a: T, b: T) => fields.every((f) => same(a[f], b[f]));
const sameObservation = sameFields<ObservationRow>(["value", "numerator", "denominator", "status", "sourceId"]);
const sameValues = sameFields<ObservationRow>(["value", "numerator", "denominator", "status"]);

function classify<T>(rows: T[], existing: Map<string, T>, keyOf: (row: T) => string, equal: (a: T, b: T) => boolean): TableDiff<T> {
  const out: TableDiff<T> = { added: [], updated: [], unchanged: 0 };
  for (const row of rows) {
    const old = existing.get(keyOf(row));
    if (!old) out.added.push(row);
    else if (equal(old, row)) out.unchanged++;
    else out.updated.push(row);
  }
  return out;
}

async function inChunks<T>(values: string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 90) out.push(...(await query(values.slice(i, i + 90))));
  return out;
}

const obsKey = (r: Pick<ObservationRow, "areaCode" | "indicatorId" | "period">) => `${r.areaCode}\u0000${r.indicatorId}\u0000${r.period}`;
const changeKey = (r: AreaChange) => `${r.oldCode}>${r.newCode}@${r.changedOn}`;

const INDICATOR_FIELDS: (keyof NewIndicator)[] = ["nameNb", "nameNn", "nameEn", "unit", "direction", "source", "tableId", "definitionNb", "definitionEn", "finestLevel", "sortOrder", "periodSpan"];
const AREA_FIELDS: (keyof NewArea)[] = ["level", "parentCode", "nameNb", "nameNn", "nameEn", "nameSe", "validFrom", "validTo", "synthetic"];
const BOUNDARY_FIELDS: (keyof BoundaryRow)[] = ["level", "geometry", "minLon", "minLat", "maxLon", "maxLat", "sourceId"];

/** An observation without a source (a template CSV, hand-made rows) ranks below every named source. */
export const NO_SOURCE_PRIORITY = 0;

const side = (r: ObservationRow, priority: number): ConflictSide => ({
  sourceId: r.sourceId ?? null,
  priority,
  value: r.value ?? null,
  numerator: r.numerator ?? null,
  denominator: r.denominator ?? null,
  status: r.status ?? null,
});

/**
 * Observations sorted into added, updated and unchanged, where a cell another source already
 * holds is decided by the sources' priorities, never by which file came first:
 * - same source: an ordinary update;
 * - same numbers from another source: no conflict; the cell names the higher-priority source
 *   (on a tie the one it already names);
 * - different numbers: a conflict, reported; the higher priority wins, and on equal priority the
 *   newer import (the sources should then be given distinct priorities; the report says so).
 */
function classifyObservations(rows: ObservationRow[], existing: Map<string, ObservationRow>, priorityOf: (id: string | null) => number) {
  const out: TableDiff<ObservationRow> = { added: [], updated: [], unchanged: 0 };
  const conflicts: Conflict[] = [];
  for (const row of rows) {
    const old = existing.get(obsKey(row));
    if (!old) {
      out.added.push(row);
      continue;
    }
    const oldSource = old.sourceId ?? null;
    const newSource = row.sourceId ?? null;
    if (oldSource === newSource) {
      if (sameObservation(old, row)) out.unchanged++;
      else out.updated.push(row);
      continue;
    }
    const oldPriority = priorityOf(oldSource);
    const newPriority = priorityOf(newSource);
    if (sameValues(old, row)) {
      if (newPriority > oldPriority) out.updated.push(row);
      else out.unchanged++;
      continue;
    }
    const winner = newPriority >= oldPriority ? "incoming" : "existing";
    conflicts.push({ area: row.areaCode, indicator: row.indicatorId, period: row.period, existing: side(old, oldPriority), incoming: side(row, newPriority), winner });
    if (winner === "incoming") out.updated.push(row);
    else out.unchanged++;
  }
  return { diff: out, conflicts };
}

/** Sorts every planned row into added, updated or unchanged by reading what the database holds. */
export async function diffPlan(plan: Plan, ctx: ImportContext): Promise<Diff> {
  const { db } = ctx;

  // Every source's priority (a short table): conflicts weigh the sources of both values.
  const storedSources = new Map((await db.select().from(sources).all()).map((s) => [s.id, s]));
  // A mapping that leaves priority out keeps the stored one (0 for a new source).
  const sourceRow = plan.source ? { ...plan.source, priority: plan.source.priority ?? storedSources.get(plan.source.id)?.priority ?? 0 } : null;
  const sourceDiff = classify<SourceRow>(sourceRow ? [sourceRow] : [], storedSources, (s) => s.id, sameFields(["name", "publisher", "licence", "url", "priority"]));
  const priorityOf = (id: string | null) => (id === null ? NO_SOURCE_PRIORITY : id === sourceRow?.id ? sourceRow.priority : (storedSources.get(id)?.priority ?? NO_SOURCE_PRIORITY));

  // Likewise an indicator declared without periodSpan keeps the stored one (1 for a new indicator).
  const indicatorRows = plan.indicators.map((i) => ({
    ...i,
    nameNn: i.nameNn ?? null,
    tableId: i.tableId ?? null,
    sortOrder: i.sortOrder ?? 0,
    periodSpan: i.periodSpan ?? ctx.indicators.get(i.id)?.periodSpan ?? 1,
  }));
  const indicatorDiff = classify(indicatorRows, ctx.indicators as Map<string, NewIndicator>, (i) => i.id, sameFields(INDICATOR_FIELDS));

  // A "create" row never changes an area the database (or an earlier row) already has.
  const areaRows = new Map<string, NewArea>();
  for (const { row, mode } of plan.areas) {
    if (mode === "create" && (ctx.areas.has(row.code) || areaRows.has(row.code))) continue;
    areaRows.set(row.code, { nameNn: null, nameEn: null, nameSe: null, validTo: null, parentCode: null, ...row, synthetic: row.synthetic ?? false });
  }
  const areaDiff = classify([...areaRows.values()], ctx.areas as Map<string, NewArea>, (a) => a.code, sameFields(AREA_FIELDS));
  const createOnly = plan.areas.filter((a) => a.mode === "create" && ctx.areas.has(a.row.code));
  areaDiff.unchanged += new Set(createOnly.map((a) => a.row.code)).size;

  const changeRows = plan.areaChanges.map((c) => c.row);
  const oldCodes = [...new Set(changeRows.map((c) => c.oldCode))];
  const existingChanges = await inChunks(oldCodes, (chunk) => db.select().from(areaChanges).where(inArray(areaChanges.oldCode, chunk)).all());
  const changesByKey = new Map(existingChanges.map((c) => [changeKey(c), c]));
  const changeDiff = classify(changeRows, changesByKey, changeKey, sameFields(["weight"]));
  // Updates keep the row's id, so the upsert replaces the weight instead of adding a row.
  changeDiff.updated = changeDiff.updated.map((c) => ({ ...c, id: changesByKey.get(changeKey(c))!.id }));

  const boundaryRows = plan.boundaries.map((b) => b.row);
  const existingBoundaries = await inChunks(boundaryRows.map((b) => b.code), (chunk) => db.select().from(boundaries).where(inArray(boundaries.code, chunk)).all());
  const boundaryDiff = classify(boundaryRows, new Map(existingBoundaries.map((b) => [b.code, b])), (b) => b.code, sameFields(BOUNDARY_FIELDS));

  const obsRows = plan.observations.map((o) => ({ numerator: null, denominator: null, status: null, value: null, sourceId: null, ...o.row }));
  const byIndicator = new Map<string, Set<string>>();
  for (const r of obsRows) {
    const set = byIndicator.get(r.indicatorId) ?? new Set<string>();
    set.add(r.areaCode);
    byIndicator.set(r.indicatorId, set);
  }
  const existingObs = new Map<string, ObservationRow>();
  for (const [indicatorId, codes] of byIndicator) {
    const rows = await inChunks([...codes], (chunk) =>
      db.select().from(observations).where(and(eq(observations.indicatorId, indicatorId), inArray(observations.areaCode, chunk))).all(),
    );
    for (const r of rows) existingObs.set(obsKey(r), r);
  }
  const { diff: obsDiff, conflicts } = classifyObservations(obsRows, existingObs, priorityOf);

  const postcodeRows = plan.postcodes.map((p) => ({ place: null, sourceId: null, ...p.row }));
  const existingPostcodes = await inChunks(postcodeRows.map((p) => p.code), (chunk) => db.select().from(postcodes).where(inArray(postcodes.code, chunk)).all());
  const postcodeDiff = classify<NewPostcode>(postcodeRows, new Map(existingPostcodes.map((p) => [p.code, p])), (p) => p.code, sameFields(["areaCode", "place", "sourceId"]));

  return { sources: sourceDiff, indicators: indicatorDiff, areas: areaDiff, area_changes: changeDiff, boundaries: boundaryDiff, observations: obsDiff, postcodes: postcodeDiff, conflicts };
}

export const changedRows = (diff: Diff) => TARGETS.reduce((n, t) => n + diff[t].added.length + diff[t].updated.length, 0);
