import { and, asc, desc, eq, max } from "drizzle-orm";
import { editionAreas, editions, type Level } from "../../db/schema";
import type { Db } from "../lib/create-app";
import { EDITION_REF, type EditionArea, type EditionCounts, type EditionDiff } from "../stats/editions";
import type { DatasetInfo } from "../api/schemas";

export type EditionRow = typeof editions.$inferSelect;

/** What an edition row's JSON columns hold (written by jobs/publish.ts). */
export interface EditionChanges {
  /** Against `previous` (an earlier year's edition), or null when there was none. */
  sincePrevious: EditionDiff | null;
  /** Against `corrects`, or null for a first edition. */
  correction: EditionDiff | null;
}

export const countsOfRow = (row: EditionRow) => row.counts as EditionCounts;
export const changesOfRow = (row: EditionRow) => row.changes as EditionChanges;
export const datasetOfRow = (row: EditionRow) => (row.dataset as DatasetInfo | null) ?? null;

/** Every edition, newest year first, then by number: the list is small (a few a year). */
export async function listEditions(db: Db) {
  return db.select().from(editions).orderBy(desc(editions.year), asc(editions.seq)).all();
}

/** The ids of editions that a later one corrects: they are no longer their year's current edition. */
export async function correctedBy(db: Db) {
  const rows = await db.select({ id: editions.id, corrects: editions.corrects }).from(editions).all();
  return new Map(rows.filter((r) => r.corrects !== null).map((r) => [r.corrects!, r.id]));
}

/**
 * An edition by reference: `2025-2` is that edition; `2025` is the newest correction of the
 * year's first edition (following `corrects` forward). Null when there is none.
 */
export async function editionByRef(db: Db, ref: string): Promise<EditionRow | null> {
  const m = EDITION_REF.exec(ref);
  if (!m) return null;
  if (m[2] !== undefined) return (await db.select().from(editions).where(eq(editions.id, ref)).get()) ?? null;
  const year = Number(m[1]);
  const ofYear = await db.select().from(editions).where(eq(editions.year, year)).orderBy(asc(editions.seq)).all();
  let current = ofYear[0];
  if (!current) return null;
  for (;;) {
    const next = ofYear.find((e) => e.corrects === current!.id);
    if (!next) return current;
    current = next;
  }
}

/** The editions of one rule set and level (for chains and the previous year's edition). */
export async function editionsOf(db: Db, ruleSet: string, level: Level) {
  return db.select().from(editions).where(and(eq(editions.ruleSet, ruleSet), eq(editions.level, level))).orderBy(asc(editions.year), asc(editions.seq)).all();
}

export async function nextSeq(db: Db, year: number) {
  const row = await db.select({ n: max(editions.seq) }).from(editions).where(eq(editions.year, year)).get();
  return (row?.n ?? 0) + 1;
}

/** An edition's areas in code order; `metOnly` reads only the areas on the list. */
export async function areasOfEdition(db: Db, id: string, metOnly = false): Promise<EditionArea[]> {
  const a = editionAreas;
  const rows = await db
    .select()
    .from(a)
    .where(metOnly ? and(eq(a.edition, id), eq(a.met, true)) : eq(a.edition, id))
    .orderBy(asc(a.code))
    .all();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    outcome: r.outcome as EditionArea["outcome"],
    met: r.met,
    borderline: r.borderline,
    population: r.population,
    criteria: r.criteria as EditionArea["criteria"],
  }));
}
