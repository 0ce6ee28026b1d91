import { and, gte, inArray, lt } from "drizzle-orm";
import { DERIVED, DERIVED_SOURCE, type DerivedDefinition } from "../../db/derived";
import { LEVELS, observations, sources, type Indicator, type NewIndicator, type StatusSymbol } from "../../db/schema";
import type { ImportContext } from "../import/context";
import type { Diff } from "../import/diff";
import type { ObservationRow, SourceRow } from "../import/plan";
import type { Db } from "../lib/create-app";
import { deriveObservations, type InputObservation } from "../stats/derive";

/**
 * Keeps the derived indicators (db/derived.ts) current: for an import that changes one of their
 * inputs, recomputes every cell of the indicators that read it, from the database as the
 * import will leave it (stored rows overlaid with the import's own). What comes out is merged
 * into the import's diff, so the writer stages it and commits it in the import's own final
 * batch: the import and its derived rows are written together or not at all, and the writer's
 * change log (data_changes) makes the next recompute rebuild the derived indicators too.
 *
 * Derived rows carry the source "derived". A row of a derived indicator that came from a
 * publisher (any other source) is the official figure and is never overwritten; a derived row
 * whose inputs are gone is removed.
 */

export interface DerivedWrite {
  /** The "derived" source row when it is new or names other licences now. */
  source: { row: SourceRow; change: "added" | "updated" } | null;
  indicators: NewIndicator[];
  added: ObservationRow[];
  updated: ObservationRow[];
  /** Derived rows that no longer follow from their inputs, deleted in the final batch. */
  removed: { areaCode: string; indicatorId: string; period: number }[];
  /** One line per definition: what it did, or which input it waits for. */
  notes: string[];
}

const EMPTY: DerivedWrite = { source: null, indicators: [], added: [], updated: [], removed: [], notes: [] };

/** Codes per read: a national import reads its inputs a slice of the country at a time. */
const CODES_PER_CHUNK = 2000;

type Decl = Pick<Indicator, "id" | "unit" | "finestLevel" | "periodSpan" | "source" | "tableId">;

/** The definition's indicator row, finest level, span and source text taken from its inputs. */
export function derivedDeclaration(def: DerivedDefinition, inputs: readonly Decl[]): NewIndicator | string {
  const spans = [...new Set(inputs.map((i) => i.periodSpan ?? 1))];
  if (spans.length > 1) return `inputs cover periods of different lengths (${inputs.map((i) => `${i.id}: ${i.periodSpan ?? 1}`).join(", ")})`;
  const finest = inputs.map((i) => LEVELS.indexOf(i.finestLevel)).reduce((a, b) => Math.min(a, b));
  const distinct = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  const tables = distinct(inputs.map((i) => i.tableId));
  return {
    id: def.id,
    ...def.indicator,
    source: `Beregnet fra: ${distinct(inputs.map((i) => i.source)).join("; ")}`,
    tableId: tables.length ? tables.join(", ") : null,
    finestLevel: LEVELS[finest]!,
    periodSpan: spans[0]!,
  };
}

const key = (code: string, period: number) => `${code}\u0000${period}`;
const sameNumber = (a: number | null | undefined, b: number | null | undefined) => {
  const x = a ?? null;
  const y = b ?? null;
  return x === null || y === null ? x === y : Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
};

/** What the import changes for the derived indicators; empty when it touches none of their inputs. */
export async function deriveForImport(db: Db, diff: Diff, ctx: ImportContext): Promise<DerivedWrite> {
  const written = [...diff.observations.added, ...diff.observations.updated];
  const changed = new Set([...written.map((o) => o.indicatorId), ...[...diff.indicators.added, ...diff.indicators.updated].map((i) => i.id)]);
  const affected = DERIVED.filter((d) => d.inputs.some((id) => changed.has(id)));
  if (affected.length === 0) return EMPTY;

  const declared = new Map<string, Decl>(ctx.indicators);
  for (const i of [...diff.indicators.added, ...diff.indicators.updated]) {
    declared.set(i.id, { id: i.id, unit: i.unit, finestLevel: i.finestLevel, periodSpan: i.periodSpan ?? 1, source: i.source, tableId: i.tableId ?? null });
  }
  const out: DerivedWrite = { ...EMPTY, indicators: [], added: [], updated: [], removed: [], notes: [] };
  const ready: DerivedDefinition[] = [];
  // Declared once there is something to show: the catalogue lists no indicator without values.
  const declarations = new Map<string, NewIndicator>();
  for (const def of affected) {
    const missing = def.inputs.filter((id) => !declared.has(id));
    if (missing.length) {
      out.notes.push(`derived ${def.id}: not computed until ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} imported`);
      continue;
    }
    const decl = derivedDeclaration(def, def.inputs.map((id) => declared.get(id)!));
    if (typeof decl === "string") {
      out.notes.push(`derived ${def.id}: not computed, ${decl}`);
      continue;
    }
    ready.push(def);
    if (!sameDeclaration(ctx.indicators.get(def.id), decl)) declarations.set(def.id, decl);
  }
  if (ready.length === 0) return out;

  const inputIds = [...new Set(ready.flatMap((d) => d.inputs))];
  const derivedIds = ready.map((d) => d.id);
  const unitOf = (id: string) => declared.get(id)?.unit ?? "percent";
  const periods = await periodsOf(db, [...inputIds, ...derivedIds], written);
  const codes = [...new Set([...ctx.areas.keys(), ...diff.areas.added.map((a) => a.code), ...written.map((o) => o.areaCode)])].sort();
  const counts = new Map(derivedIds.map((id) => [id, { added: 0, updated: 0, removed: 0, unchanged: 0, published: 0 }]));
  const inputSources = new Set<string>();

  for (let i = 0; i < codes.length; i += CODES_PER_CHUNK) {
    // Half-open ranges that together cover every code, including any the areas table lacks.
    const from = i === 0 ? "" : codes[i]!;
    const to = i + CODES_PER_CHUNK < codes.length ? codes[i + CODES_PER_CHUNK]! : null;
    const inRange = (code: string) => code >= from && (to === null || code < to);
    const stored = await readRange(db, [...inputIds, ...derivedIds], periods, from, to);
    const cells = new Map<string, { code: string; period: number; inputs: Map<string, InputObservation & { sourceId: string | null }> }>();
    const existing = new Map<string, ObservationRow>();
    const place = (o: ObservationRow) => {
      if (derivedIds.includes(o.indicatorId)) {
        existing.set(`${o.indicatorId}\u0000${key(o.areaCode, o.period)}`, o);
        return;
      }
      const k = key(o.areaCode, o.period);
      let cell = cells.get(k);
      if (!cell) cells.set(k, (cell = { code: o.areaCode, period: o.period, inputs: new Map() }));
      cell.inputs.set(o.indicatorId, { value: o.value ?? null, numerator: o.numerator ?? null, denominator: o.denominator ?? null, status: o.status ?? null, sourceId: o.sourceId ?? null });
    };
    // The import's rows replace the stored ones; its rows of derived indicators are published figures.
    for (const o of stored) place(o);
    for (const o of written) if (inRange(o.areaCode) && (inputIds.includes(o.indicatorId) || derivedIds.includes(o.indicatorId))) place(o);

    const computed = new Set<string>();
    for (const cell of cells.values()) {
      for (const d of deriveObservations(ready, cell.inputs, { unitOf })) {
        const k = `${d.indicatorId}\u0000${key(cell.code, cell.period)}`;
        const c = counts.get(d.indicatorId)!;
        const old = existing.get(k);
        if (old && old.sourceId !== DERIVED_SOURCE.id) {
          c.published++;
          continue;
        }
        computed.add(k);
        const def = ready.find((r) => r.id === d.indicatorId)!;
        for (const id of def.inputs) {
          const s = cell.inputs.get(id)?.sourceId;
          if (s) inputSources.add(s);
        }
        const row: ObservationRow = { areaCode: cell.code, indicatorId: d.indicatorId, period: cell.period, value: d.value, numerator: d.numerator, denominator: d.denominator, status: d.status, sourceId: DERIVED_SOURCE.id };
        if (!old) {
          out.added.push(row);
          c.added++;
        } else if (sameNumber(old.value, row.value) && sameNumber(old.numerator, row.numerator) && sameNumber(old.denominator, row.denominator) && (old.status ?? null) === row.status) {
          c.unchanged++;
        } else {
          out.updated.push(row);
          c.updated++;
        }
      }
    }
    for (const [k, old] of existing) {
      if (old.sourceId !== DERIVED_SOURCE.id || computed.has(k)) continue;
      out.removed.push({ areaCode: old.areaCode, indicatorId: old.indicatorId, period: old.period });
      counts.get(old.indicatorId)!.removed++;
    }
  }

  for (const [id, c] of counts) {
    const kept = c.published ? `; ${c.published} left as published` : "";
    out.notes.push(`derived ${id}: ${c.added} added, ${c.updated} updated, ${c.removed} removed, ${c.unchanged} unchanged${kept}`);
    if (c.added + c.updated + c.unchanged > 0 && declarations.has(id)) out.indicators.push(declarations.get(id)!);
  }
  const derivedAny = [...counts.values()].some((c) => c.added + c.updated + c.unchanged > 0);
  if (derivedAny) out.source = await derivedSource(db, inputSources, diff);
  return out;
}

function sameDeclaration(old: Indicator | undefined, next: NewIndicator): boolean {
  if (!old) return false;
  const fields = ["nameNb", "nameNn", "nameEn", "unit", "direction", "source", "tableId", "definitionNb", "definitionEn", "finestLevel", "sortOrder", "periodSpan"] as const;
  return fields.every((f) => (old[f] ?? null) === (next[f] ?? null));
}

/** Every period the indicators have, stored or arriving: the reads name them to seek the covering index. */
async function periodsOf(db: Db, ids: string[], written: readonly ObservationRow[]): Promise<number[]> {
  const o = observations;
  const rows = await db.selectDistinct({ period: o.period }).from(o).where(inArray(o.indicatorId, ids)).all();
  return [...new Set([...rows.map((r) => r.period), ...written.filter((w) => ids.includes(w.indicatorId)).map((w) => w.period)])].sort((a, b) => a - b);
}

type Raw = [string, string, number, number | null, number | null, number | null, StatusSymbol | null, string | null];

/**
 * Stored rows of some indicators for codes in [from, to). Naming every (indicator, period)
 * lets SQLite seek the code range in each on the covering (indicator, period, code) index,
 * rather than walking every indicator's rows of the range on the primary key.
 */
async function readRange(db: Db, ids: string[], periods: number[], from: string, to: string | null): Promise<ObservationRow[]> {
  const o = observations;
  const out: ObservationRow[] = [];
  // D1 binds at most 100 parameters per statement.
  const step = Math.max(1, 90 - ids.length);
  for (let i = 0; i < periods.length; i += step) {
    const rows = (await db
      .select({ a: o.areaCode, i: o.indicatorId, p: o.period, v: o.value, n: o.numerator, d: o.denominator, s: o.status, src: o.sourceId })
      .from(o)
      .where(and(inArray(o.indicatorId, ids), inArray(o.period, periods.slice(i, i + step)), gte(o.areaCode, from), to === null ? undefined : lt(o.areaCode, to)))
      .values()) as Raw[];
    for (const [areaCode, indicatorId, period, value, numerator, denominator, status, sourceId] of rows) {
      out.push({ areaCode, indicatorId, period, value, numerator, denominator, status, sourceId });
    }
  }
  return out;
}

/**
 * The "derived" source row: the method, and the licences of the inputs it was computed from
 * (added to those it already names, so a licence once relied on stays named).
 */
async function derivedSource(db: Db, inputSources: Set<string>, diff: Diff): Promise<DerivedWrite["source"]> {
  const ids = [...inputSources, DERIVED_SOURCE.id];
  const stored = await db.select().from(sources).where(inArray(sources.id, ids)).all();
  const byId = new Map<string, SourceRow>(stored.map((s) => [s.id, s]));
  for (const s of [...diff.sources.added, ...diff.sources.updated]) byId.set(s.id, s);
  const licences = new Set<string>();
  for (const id of inputSources) {
    const l = byId.get(id)?.licence;
    if (l) licences.add(l);
  }
  const old = byId.get(DERIVED_SOURCE.id);
  if (old && old.licence !== NO_LICENCE) for (const l of old.licence.split("; ")) licences.add(l);
  const row: SourceRow = { ...DERIVED_SOURCE, licence: licences.size ? [...licences].sort().join("; ") : NO_LICENCE };
  if (!old) return { row, change: "added" };
  const same = old.name === row.name && old.publisher === row.publisher && old.licence === row.licence && (old.url ?? null) === row.url && (old.priority ?? 0) === row.priority;
  return same ? null : { row, change: "updated" };
}

const NO_LICENCE = "as the sources of its inputs";

/**
 * Adds the derived rows to the import's diff (after its report is built, so the report counts
 * the file's own rows; the notes say what was derived). A file row of a derived indicator that
 * the derivation replaces cannot occur: published rows are never replaced.
 */
export function mergeIntoDiff(diff: Diff, write: DerivedWrite, ctx: ImportContext) {
  if (write.source) diff.sources[write.source.change].push(write.source.row);
  for (const decl of write.indicators) {
    for (const list of [diff.indicators.added, diff.indicators.updated]) {
      const at = list.findIndex((i) => i.id === decl.id);
      if (at >= 0) list.splice(at, 1);
    }
    (ctx.indicators.has(decl.id) ? diff.indicators.updated : diff.indicators.added).push(decl);
  }
  diff.observations.added.push(...write.added);
  diff.observations.updated.push(...write.updated);
}

/**
 * Statements for the import's final batch that delete derived rows no longer derivable, and log
 * the change for the recompute (rows added or updated are logged by the writer itself).
 */
export function removalStatements(d1: D1Database, removed: DerivedWrite["removed"], at: string): D1PreparedStatement[] {
  if (removed.length === 0) return [];
  const statements: D1PreparedStatement[] = [];
  const sqlText =
    "DELETE FROM observations WHERE source_id = ?1 AND (area_code, indicator_id, period) IN " +
    "(SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]') FROM json_each(?2) j)";
  // About 40 bytes a key: 20,000 keys keep each JSON parameter far below D1's limits.
  for (let i = 0; i < removed.length; i += 20_000) {
    const keys = removed.slice(i, i + 20_000).map((r) => [r.areaCode, r.indicatorId, r.period]);
    statements.push(d1.prepare(sqlText).bind(DERIVED_SOURCE.id, JSON.stringify(keys)));
  }
  for (const id of new Set(removed.map((r) => r.indicatorId))) {
    statements.push(d1.prepare("INSERT INTO data_changes (target, indicator_id, changed_at) VALUES ('observations', ?, ?)").bind(id, at));
  }
  return statements;
}
