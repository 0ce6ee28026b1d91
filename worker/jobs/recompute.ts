import { and, asc, desc, eq, gte, inArray, lt, lte, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  areaCards,
  areaChanges,
  areas,
  indicators,
  liveSnapshot,
  observations,
  searchTerms,
  snapshots,
  type Area,
  type Indicator,
  type Observation,
} from "../../db/schema";
import type { AreaBody, AreaRef } from "../api/schemas";
import { chunkForInsert, runAtomically } from "../lib/batch";
import { makeDb, type Db } from "../lib/create-app";
import { buildAreaBody, toRef } from "../stats/cards";
import { searchTerms as termsOf } from "../stats/fold";

export interface RecomputeOptions {
  /** Areas per transaction; each chunk commits its cards together with the cursor. */
  chunkSize?: number;
  /** Stop starting new chunks after this long; a later run resumes from the cursor. */
  budgetMs?: number;
  /** Abandon an unfinished snapshot and start a new one. */
  fresh?: boolean;
  /** Only continue an unfinished snapshot; never start one (the frequent resume cron). */
  resumeOnly?: boolean;
}

export interface RecomputeResult {
  version: number | null;
  state: "complete" | "building" | "idle";
  areasDone: number;
  areasTotal: number;
}

const COUNTRY = "0";

/** Builds (or resumes) a snapshot of area cards and search terms, then flips the live pointer. */
export async function recompute(env: Env, now: Date, opts: RecomputeOptions = {}): Promise<RecomputeResult> {
  const db = makeDb(env.DB);
  const started = Date.now();
  const chunkSize = opts.chunkSize ?? 150;
  const budgetMs = opts.budgetMs ?? 10 * 60_000;

  let snapshot = await db.select().from(snapshots).where(eq(snapshots.state, "building")).orderBy(desc(snapshots.version)).get();
  if (snapshot && opts.fresh) {
    await db.update(snapshots).set({ state: "failed", error: "abandoned by a fresh run", finishedAt: now.toISOString() }).where(eq(snapshots.version, snapshot.version));
    snapshot = undefined;
  }
  const context = await loadContext(db);
  if (!snapshot) {
    if (opts.resumeOnly) return { version: null, state: "idle", areasDone: 0, areasTotal: context.areas.length };
    snapshot = (await db.insert(snapshots).values({ state: "building", createdAt: now.toISOString() }).returning().get())!;
  }
  const version = snapshot.version;
  let cursor = snapshot.cursor;
  let done = snapshot.areasDone;

  while (true) {
    const chunk = context.areas.filter((a) => cursor === null || a.code > cursor).slice(0, chunkSize);
    if (chunk.length === 0) break;
    const statements = await buildChunk(db, context, version, chunk);
    cursor = chunk[chunk.length - 1]!.code;
    done += chunk.length;
    statements.push(db.update(snapshots).set({ cursor, areasDone: done }).where(eq(snapshots.version, version)));
    await runAtomically(db, statements);
    // Checked after a chunk, so every run makes progress however small its budget.
    if (done < context.areas.length && Date.now() - started >= budgetMs) {
      return { version, state: "building", areasDone: done, areasTotal: context.areas.length };
    }
  }

  await flip(db, version, now);
  return { version, state: "complete", areasDone: done, areasTotal: context.areas.length };
}

interface Context {
  areas: Area[];
  byCode: Map<string, Area>;
  children: Map<string, AreaRef[]>;
  successors: Map<string, { code: string; changedOn: string }[]>;
  indicators: Pick<Indicator, "id" | "unit">[];
  norway: Map<string, Observation[]>;
}

async function loadContext(db: Db): Promise<Context> {
  const [allAreas, changes, inds, norwayRows] = await Promise.all([
    db.select().from(areas).orderBy(asc(areas.code)).all(),
    db.select().from(areaChanges).all(),
    db.select({ id: indicators.id, unit: indicators.unit }).from(indicators).orderBy(asc(indicators.sortOrder), asc(indicators.id)).all(),
    db.select().from(observations).where(eq(observations.areaCode, COUNTRY)).all(),
  ]);
  const byCode = new Map(allAreas.map((a) => [a.code, a]));
  const children = new Map<string, AreaRef[]>();
  for (const a of allAreas) {
    // Children lists serve navigation, so retired codes stay out of them.
    if (!a.parentCode || a.validTo) continue;
    const list = children.get(a.parentCode) ?? [];
    list.push(toRef(a));
    children.set(a.parentCode, list);
  }
  const successors = new Map<string, { code: string; changedOn: string }[]>();
  for (const ch of changes) {
    if (ch.oldCode === ch.newCode) continue;
    const list = successors.get(ch.oldCode) ?? [];
    list.push({ code: ch.newCode, changedOn: ch.changedOn });
    successors.set(ch.oldCode, list);
  }
  return { areas: allAreas, byCode, children, successors, indicators: inds, norway: groupByIndicator(norwayRows) };
}

function groupByIndicator(rows: Observation[]): Map<string, Observation[]> {
  const out = new Map<string, Observation[]>();
  for (const row of rows) {
    const list = out.get(row.indicatorId) ?? [];
    list.push(row);
    out.set(row.indicatorId, list);
  }
  return out;
}

function ancestorsOf(ctx: Context, area: Area): Area[] {
  const chain: Area[] = [];
  let parent = area.parentCode ? ctx.byCode.get(area.parentCode) : undefined;
  while (parent && chain.length < 8) {
    chain.unshift(parent);
    parent = parent.parentCode ? ctx.byCode.get(parent.parentCode) : undefined;
  }
  return chain;
}

/** Follows reforms to the codes in use today (a 2020 merger later split in 2024 gives both). */
function currentSuccessors(ctx: Context, code: string, seen = new Set<string>()): AreaBody["replacedBy"] {
  const out: AreaBody["replacedBy"] = [];
  for (const next of ctx.successors.get(code) ?? []) {
    if (seen.has(next.code)) continue;
    seen.add(next.code);
    const area = ctx.byCode.get(next.code);
    if (area && !area.validTo) out.push({ ...toRef(area), changedOn: next.changedOn });
    else out.push(...currentSuccessors(ctx, next.code, seen));
  }
  return out;
}

async function buildChunk(db: Db, ctx: Context, version: number, chunk: Area[]): Promise<BatchItem<"sqlite">[]> {
  // Codes nest (03 < 0301 < 030101 < 03010101), so one contiguous code range covers the chunk.
  const ownRows = await db
    .select()
    .from(observations)
    .where(and(gte(observations.areaCode, chunk[0]!.code), lte(observations.areaCode, chunk[chunk.length - 1]!.code)))
    .all();
  const own = new Map<string, Observation[]>();
  for (const row of ownRows) {
    const list = own.get(row.areaCode) ?? [];
    list.push(row);
    own.set(row.areaCode, list);
  }

  const municipalityOf = new Map<string, Area | null>();
  for (const area of chunk) {
    const kommune = area.level === "bydel" || area.level === "grunnkrets" ? ancestorsOf(ctx, area).find((a) => a.level === "kommune") : undefined;
    municipalityOf.set(area.code, kommune ?? null);
  }
  const missing = [...new Set([...municipalityOf.values()].filter((k): k is Area => !!k && !own.has(k.code)).map((k) => k.code))];
  for (let i = 0; i < missing.length; i += 90) {
    const rows = await db.select().from(observations).where(inArray(observations.areaCode, missing.slice(i, i + 90))).all();
    for (const row of rows) {
      const list = own.get(row.areaCode) ?? [];
      list.push(row);
      own.set(row.areaCode, list);
    }
  }

  const cards: (typeof areaCards.$inferInsert)[] = [];
  const terms: (typeof searchTerms.$inferInsert)[] = [];
  for (const area of chunk) {
    const ancestors = ancestorsOf(ctx, area);
    const kommune = municipalityOf.get(area.code) ?? null;
    const body = buildAreaBody({
      snapshot: version,
      synthetic: area.synthetic,
      area,
      ancestors: ancestors.map(toRef),
      children: ctx.children.get(area.code) ?? [],
      municipality: kommune ? toRef(kommune) : null,
      replacedBy: area.validTo ? currentSuccessors(ctx, area.code) : [],
      indicators: ctx.indicators,
      own: groupByIndicator(own.get(area.code) ?? []),
      ofMunicipality: kommune ? groupByIndicator(own.get(kommune.code) ?? []) : null,
      ofNorway: area.code === COUNTRY ? null : ctx.norway,
    });
    cards.push({ snapshot: version, code: area.code, body });
    if (!area.validTo) terms.push(...termRows(version, area, ancestors[ancestors.length - 1]));
  }

  return [
    // Upserts keep a repeated chunk harmless (e.g. a run killed between commit and return).
    ...chunkForInsert(cards, 3).map((rows) => db.insert(areaCards).values(rows).onConflictDoUpdate({ target: [areaCards.snapshot, areaCards.code], set: { body: sql`excluded.body` } })),
    ...chunkForInsert(terms, 6).map((rows) => db.insert(searchTerms).values(rows).onConflictDoNothing()),
  ];
}

function termRows(version: number, area: Area, parent: Area | undefined): (typeof searchTerms.$inferInsert)[] {
  const names = [area.nameNb, area.nameNn, area.nameEn, area.nameSe].filter((n): n is string => !!n);
  const terms = new Set([area.code, ...names.flatMap(termsOf)]);
  return [...terms].map((term) => ({
    snapshot: version,
    term,
    code: area.code,
    name: area.nameNb,
    level: area.level,
    parentName: parent && parent.level !== "country" ? parent.nameNb : null,
  }));
}

/** Makes `version` live in one transaction and drops snapshots older than the one it replaces. */
async function flip(db: Db, version: number, now: Date) {
  const previous = await db.select({ version: liveSnapshot.version }).from(liveSnapshot).where(eq(liveSnapshot.id, 1)).get();
  const at = now.toISOString();
  const keepFrom = previous?.version ?? version;
  await runAtomically(db, [
    db.update(snapshots).set({ state: "complete", finishedAt: at }).where(eq(snapshots.version, version)),
    db.insert(liveSnapshot).values({ id: 1, version, flippedAt: at }).onConflictDoUpdate({ target: liveSnapshot.id, set: { version, flippedAt: at } }),
    db.update(snapshots).set({ state: "superseded" }).where(and(eq(snapshots.state, "complete"), ne(snapshots.version, version))),
    // Keep the previous snapshot so readers mid-request finish against rows that still exist.
    db.delete(areaCards).where(lt(areaCards.snapshot, keepFrom)),
    db.delete(searchTerms).where(lt(searchTerms.snapshot, keepFrom)),
  ]);
}
