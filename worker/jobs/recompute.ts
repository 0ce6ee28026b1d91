import { and, desc, eq, gt, lt, max, ne, notInArray } from "drizzle-orm";
import {
  areaCards,
  areaSeries,
  childGeometry,
  childValues,
  classificationMet,
  classificationResults,
  compositeScores,
  dataChanges,
  indicators,
  liveSnapshot,
  locateTiles,
  overviews,
  searchTerms,
  segregationResults,
  snapshots,
} from "../../db/schema";
import { runAtomically, type Statement } from "../lib/batch";
import { makeDb, type Db } from "../lib/create-app";
import { countD1Calls } from "../lib/d1-calls";
import { countingD1, measuringRows } from "../lib/rows-read";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { ENGINE_VERSION, manifestSchema, newSnapshotIdentity, type Manifest, type WholeTable } from "../lib/manifest";
import { loadContext, type Context } from "./context";
import { acquireLease, isLeaseLost, LeaseLost, RecomputeBusy, releaseLease, renewLease } from "./lease";
import { datasetInfo } from "./dataset";
import { planRecompute, planSchema, type Plan } from "./plan";
import { ensureShippedInitiatives } from "./initiatives";
import { activeRuleSets, ensureShippedRuleSets } from "./rulesets";
import { cardsStep } from "./steps/cards";
import { compositeInputsStep, compositeStep } from "./steps/composite";
import { childMapsStep, locateTilesStep } from "./steps/maps";
import { feedFiguresStep, feedFlipStatements, feedListStep } from "./steps/feeds";
import { nationalStep } from "./steps/national";
import { segregationStep } from "./steps/segregation";
import type { Step } from "./steps/types";

/** D1 calls an invocation may make before it stops building (Paid plan limit: 1,000). */
const DEFAULT_CALL_BUDGET = 700;
/** Calls kept for the flip and the prune at the end. */
const FINISH_CALLS = 50;

/** The pipeline, in order. Each step's chunks commit with the cursor, so a run resumes. */
// The feed steps compare the cards and lists just built with the live snapshot's, so they follow the cards.
export const STEPS: Step[] = [compositeInputsStep, compositeStep, cardsStep, feedFiguresStep, feedListStep, childMapsStep, nationalStep, segregationStep, locateTilesStep];

/** The tables behind each manifest entry (met areas always come with their results). */
const WHOLE = {
  area_cards: [areaCards],
  search_terms: [searchTerms],
  classification_results: [classificationResults, classificationMet],
  composite_scores: [compositeScores],
  segregation_results: [segregationResults],
  child_geometry: [childGeometry],
  locate_tiles: [locateTiles],
  overviews: [overviews],
} satisfies Record<WholeTable, SQLiteTable[]>;
/** Tables kept per indicator; both follow the manifest's `series`. */
const PER_INDICATOR = [
  { table: areaSeries, indicator: areaSeries.indicator },
  { table: childValues, indicator: childValues.indicator },
] as const;

export interface RecomputeOptions {
  /** Areas per chunk (a kommune's subtree is never split); each chunk is one transaction. */
  chunkSize?: number;
  /** Stop after the first chunk that ends past this budget; a later run resumes there. */
  budgetMs?: number;
  /**
   * Stop after the first chunk that ends with this many D1 calls made in the invocation (a later
   * run resumes there). Workers allow 1,000 per invocation on the Paid plan: the default leaves
   * room for the largest chunk and for going live.
   */
  callBudget?: number;
  /** Abandon an unfinished snapshot and start a new one. */
  fresh?: boolean;
  /** Rebuild everything even if only some indicators' data changed (or nothing did). */
  full?: boolean;
  /** Only continue an unfinished snapshot; never start one (the frequent resume cron). */
  resumeOnly?: boolean;
  /**
   * Who this run is for the lease (random by default). A caller that retries after a dropped
   * connection passes the same one, so it takes back its own lease instead of waiting it out.
   */
  holder?: string;
}

export interface RecomputeResult {
  version: number | null;
  /** `idle`: nothing to do (no unfinished snapshot, or no data changed since the live one). */
  state: "complete" | "building" | "idle";
  /** What the snapshot rebuilds: everything (and why), or some indicators' series. */
  plan: Plan | null;
  step: string | null;
  areasDone: number;
  areasTotal: number;
  /** Where this invocation spent its time: per step, computing and committing. */
  timings: StepTiming[];
  /** D1 calls this invocation made (at most about `callBudget` plus one chunk's and the finish's). */
  d1Calls: number;
  /** D1 rows this invocation read and wrote (what D1 bills); only when the benchmark measures them. */
  d1?: { rowsRead: number; rowsWritten: number; queries: number };
}

export interface StepTiming {
  step: string;
  chunks: number;
  computeMs: number;
  writeMs: number;
}

/**
 * Builds (or resumes) a snapshot step by step, then flips the live pointer to it. Only one
 * invocation runs at a time: it holds the recompute lease from start to end (renewing it with
 * every chunk) and throws `RecomputeBusy` without doing anything when another run holds it.
 */
export async function recompute(env: Env, now: Date, opts: RecomputeOptions = {}): Promise<RecomputeResult> {
  const counter = measuringRows(env) ? { read: 0, written: 0, queries: 0 } : null;
  const calls = { calls: 0 };
  const db = makeDb(countD1Calls(counter ? countingD1(env.DB, counter) : env.DB, calls));
  const holder = opts.holder ?? crypto.randomUUID();
  // The lease uses the real clock: `now` may be a cron's scheduled time or a test's fixed date.
  const running = await acquireLease(db, holder, Date.now());
  if (running) throw new RecomputeBusy(running);
  try {
    const result = await build(db, env, now, opts, holder, calls);
    return counter ? { ...result, d1: { rowsRead: counter.read, rowsWritten: counter.written, queries: counter.queries } } : result;
  } catch (e) {
    throw isLeaseLost(e) ? new LeaseLost(e) : e;
  } finally {
    // On success and on failure alike; if even this fails, the lease lapses after LEASE_MS.
    await releaseLease(db, holder).catch((e) => console.error(`recompute: could not release the lease (it lapses by itself): ${(e as Error).message}`));
  }
}

async function build(db: Db, env: Env, now: Date, opts: RecomputeOptions, holder: string, calls: { calls: number }): Promise<RecomputeResult> {
  const started = Date.now();
  const stepOptions = { chunkSize: opts.chunkSize ?? 150 };
  const budgetMs = opts.budgetMs ?? 10 * 60_000;
  const callBudget = opts.callBudget ?? DEFAULT_CALL_BUDGET;

  let snapshot = await db.select().from(snapshots).where(eq(snapshots.state, "building")).orderBy(desc(snapshots.version)).get();
  if (snapshot && opts.fresh) {
    await db.update(snapshots).set({ state: "failed", error: "abandoned by a fresh run", finishedAt: now.toISOString() }).where(eq(snapshots.version, snapshot.version));
    snapshot = undefined;
  }
  await ensureShippedRuleSets(db, now);
  // The initiative registry is not part of a snapshot: follow-ups are computed when asked for.
  await ensureShippedInitiatives(db, now);
  const live = await liveManifest(db);
  const idle = (version: number | null): RecomputeResult => ({ version, state: "idle", plan: null, step: null, areasDone: 0, areasTotal: 0, timings: [], d1Calls: calls.calls });
  if (!snapshot) {
    if (opts.resumeOnly) return idle(null);
    const [changes, newest, ruleSets, catalogue] = await Promise.all([
      db.select({ target: dataChanges.target, indicatorId: dataChanges.indicatorId }).from(dataChanges).where(gt(dataChanges.id, live?.basis ?? 0)).all(),
      db.select({ id: max(dataChanges.id) }).from(dataChanges).get(),
      activeRuleSets(db),
      db.select({ id: indicators.id }).from(indicators).orderBy(indicators.sortOrder, indicators.id).all(),
    ]);
    const plan = planRecompute({ live: live?.manifest ?? null, changes, indicators: catalogue.map((i) => i.id), ruleSets, force: !!opts.full });
    if (!plan) return idle(live?.version ?? null);
    snapshot = (await db.insert(snapshots).values({ state: "building", createdAt: now.toISOString(), step: STEPS[0]!.name, plan, basis: newest?.id ?? 0, identity: newSnapshotIdentity() }).returning().get())!;
  }
  const plan = planSchema.parse(snapshot.plan ?? { mode: "full", reason: "resumed" });
  const version = snapshot.version;
  const renew = () => renewLease(db, holder, version, Date.now());
  const loadStarted = Date.now();
  // Records which snapshot the lease is for (a second caller is told), alongside the long load;
  // a lost lease fails this before anything is written (every write batch renews it again).
  const [, ctx] = await Promise.all([runAtomically(db, [renew()]), loadContext(db, plan)]);
  const total = ctx.areas.length;
  let stepIndex = Math.max(0, STEPS.findIndex((s) => s.name === snapshot.step));
  let cursor = snapshot.cursor;
  let done = snapshot.areasDone;
  const timings: StepTiming[] = [{ step: "load", chunks: 0, computeMs: Date.now() - loadStarted, writeMs: 0 }];
  const timingOf = (step: string) => {
    let t = timings.find((x) => x.step === step);
    if (!t) timings.push((t = { step, chunks: 0, computeMs: 0, writeMs: 0 }));
    return t;
  };
  const progress = (step: string | null, state: RecomputeResult["state"]): RecomputeResult => ({ version, state, plan, step, areasDone: done, areasTotal: total, timings, d1Calls: calls.calls });

  let builtChunks = 0;
  while (stepIndex < STEPS.length) {
    const step = STEPS[stepIndex]!;
    const timing = timingOf(step.name);
    const t0 = Date.now();
    const chunk = await step.next(db, ctx, version, cursor, stepOptions);
    const t1 = Date.now();
    timing.computeMs += t1 - t0;
    if (!chunk) {
      stepIndex++;
      cursor = null;
      continue;
    }
    cursor = chunk.cursor;
    if (step === cardsStep) done += chunk.units;
    await runAtomically(db, [renew(), ...chunk.statements, db.update(snapshots).set({ step: step.name, cursor, areasDone: done }).where(eq(snapshots.version, version))]);
    timing.chunks++;
    builtChunks++;
    timing.writeMs += Date.now() - t1;
    // Checked after a chunk, so every run makes progress however small its budgets.
    if (Date.now() - started >= budgetMs || calls.calls >= callBudget) return progress(step.name, "building");
  }
  // Going live and pruning take a few calls more; near the budget a fresh invocation does them
  // (one that built nothing goes ahead, so every invocation makes progress).
  if (builtChunks > 0 && calls.calls >= callBudget - FINISH_CALLS) return progress(STEPS[STEPS.length - 1]!.name, "building");

  let t = Date.now();
  const manifest: Manifest = { ...manifestOf(ctx, version, live?.manifest ?? null), dataset: await datasetInfo(db, now) };
  // A build begun before snapshots had identities gets one as it goes live.
  await flip(db, version, snapshot.identity ?? newSnapshotIdentity(), manifest, now, renew());
  timingOf("flip").writeMs += Date.now() - t;
  t = Date.now();
  await prune(db, version, manifest, live ? (live.manifest ?? everythingIn(live.version, ctx)) : null, renew());
  timingOf("prune").writeMs += Date.now() - t;
  return progress(null, "complete");
}

/** The live snapshot's manifest and the data-change id it includes. */
async function liveManifest(db: Db) {
  const row = await db
    .select({ version: snapshots.version, basis: snapshots.basis, manifest: liveSnapshot.manifest })
    .from(liveSnapshot)
    .innerJoin(snapshots, eq(snapshots.version, liveSnapshot.version))
    .where(eq(liveSnapshot.id, 1))
    .get();
  if (!row) return null;
  const parsed = manifestSchema.safeParse(row.manifest);
  return { version: row.version, basis: row.basis, manifest: parsed.success ? parsed.data : null };
}

/** A full run's manifest points everything at `version`; a series run only its indicators. */
function manifestOf(ctx: Context, version: number, previous: Manifest | null): Manifest {
  if (ctx.only && previous) {
    // The overview says what this run changed, so every run writes its own.
    return { ...previous, tables: { ...previous.tables, overviews: version }, series: previous.series.map(([id, v]) => [id, ctx.only!.has(id) ? version : v]) };
  }
  return everythingIn(version, ctx);
}

function everythingIn(version: number, ctx: Pick<Context, "indicators" | "ruleSets">): Manifest {
  return {
    engine: ENGINE_VERSION,
    tables: Object.fromEntries(Object.keys(WHOLE).map((t) => [t, version])) as Manifest["tables"],
    series: ctx.indicators.map((i) => [i.id, version]),
    ruleSets: Object.fromEntries(ctx.ruleSets.map((rs) => [rs.id, rs.version])),
  };
}

/** Makes `version` live in one transaction; the pointer carries its identity for ETags and cache keys. */
async function flip(db: Db, version: number, identity: string, manifest: Manifest, now: Date, lease: Statement) {
  const at = now.toISOString();
  await runAtomically(db, [
    lease,
    db.update(snapshots).set({ state: "complete", finishedAt: at, step: null, cursor: null, manifest, identity }).where(eq(snapshots.version, version)),
    db.insert(liveSnapshot).values({ id: 1, version, flippedAt: at, manifest, identity }).onConflictDoUpdate({ target: liveSnapshot.id, set: { version, flippedAt: at, manifest, identity } }),
    db.update(snapshots).set({ state: "superseded" }).where(and(eq(snapshots.state, "complete"), ne(snapshots.version, version))),
    // The feeds' entries of this snapshot go public with it.
    ...feedFlipStatements(db, version, at),
  ]);
}

/**
 * Deletes rows neither the live manifest nor the one it replaced points to (readers
 * mid-request may still be on the previous one), including abandoned builds. Runs after the
 * flip: a new snapshot goes live without waiting for the old one's rows to go.
 */
async function prune(db: Db, version: number, now: Manifest, before: Manifest | null, lease: Statement) {
  const kept = [now, ...(before ? [before] : [])];
  const statements: Statement[] = [lease];
  for (const [name, tables] of Object.entries(WHOLE) as [WholeTable, (typeof WHOLE)[WholeTable]][]) {
    for (const table of tables) statements.push(db.delete(table).where(and(lt(table.snapshot, version), notInArray(table.snapshot, kept.map((m) => m.tables[name])))));
  }
  const byVersion = new Map<number, Set<string>>();
  for (const m of kept) for (const [id, v] of m.series) byVersion.set(v, (byVersion.get(v) ?? new Set()).add(id));
  for (const { table, indicator } of PER_INDICATOR) {
    statements.push(db.delete(table).where(and(lt(table.snapshot, version), notInArray(table.snapshot, [...byVersion.keys()]))));
    for (const [v, ids] of byVersion) {
      if (v < version) statements.push(db.delete(table).where(and(eq(table.snapshot, v), notInArray(indicator, [...ids]))));
    }
  }
  await runAtomically(db, statements);
}
