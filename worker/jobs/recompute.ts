import { and, desc, eq, lt, ne } from "drizzle-orm";
import { areaCards, childGeometry, childValues, classificationResults, compositeScores, liveSnapshot, locateTiles, searchTerms, segregationResults, snapshots } from "../../db/schema";
import { runAtomically } from "../lib/batch";
import { makeDb, type Db } from "../lib/create-app";
import { loadContext } from "./context";
import { cardsStep } from "./steps/cards";
import { compositeStep } from "./steps/composite";
import { segregationStep } from "./steps/segregation";
import { ensureShippedRuleSets } from "./rulesets";
import { childMapsStep, locateTilesStep } from "./steps/maps";
import type { Step } from "./steps/types";

/** The pipeline, in order. Each step's chunks commit with the cursor, so a run resumes. */
export const STEPS: Step[] = [compositeStep, cardsStep, childMapsStep, segregationStep, locateTilesStep];

/** Tables written per snapshot; the flip deletes their rows of superseded snapshots. */
const SNAPSHOT_TABLES = [areaCards, searchTerms, childValues, childGeometry, locateTiles, compositeScores, segregationResults, classificationResults] as const;

export interface RecomputeOptions {
  /** Areas per chunk (a kommune's subtree is never split); each chunk is one transaction. */
  chunkSize?: number;
  /** Stop after the first chunk that ends past this budget; a later run resumes there. */
  budgetMs?: number;
  /** Abandon an unfinished snapshot and start a new one. */
  fresh?: boolean;
  /** Only continue an unfinished snapshot; never start one (the frequent resume cron). */
  resumeOnly?: boolean;
}

export interface RecomputeResult {
  version: number | null;
  state: "complete" | "building" | "idle";
  step: string | null;
  areasDone: number;
  areasTotal: number;
  /** Where this invocation spent its time: per step, computing and committing. */
  timings: StepTiming[];
}

export interface StepTiming {
  step: string;
  chunks: number;
  computeMs: number;
  writeMs: number;
}

/** Builds (or resumes) a snapshot step by step, then flips the live pointer to it. */
export async function recompute(env: Env, now: Date, opts: RecomputeOptions = {}): Promise<RecomputeResult> {
  const db = makeDb(env.DB);
  const started = Date.now();
  const stepOptions = { chunkSize: opts.chunkSize ?? 150 };
  const budgetMs = opts.budgetMs ?? 10 * 60_000;

  let snapshot = await db.select().from(snapshots).where(eq(snapshots.state, "building")).orderBy(desc(snapshots.version)).get();
  if (snapshot && opts.fresh) {
    await db.update(snapshots).set({ state: "failed", error: "abandoned by a fresh run", finishedAt: now.toISOString() }).where(eq(snapshots.version, snapshot.version));
    snapshot = undefined;
  }
  const loadStarted = Date.now();
  await ensureShippedRuleSets(db, now);
  const ctx = await loadContext(db);
  const loadMs = Date.now() - loadStarted;
  const total = ctx.areas.length;
  if (!snapshot) {
    if (opts.resumeOnly) return { version: null, state: "idle", step: null, areasDone: 0, areasTotal: total, timings: [] };
    snapshot = (await db.insert(snapshots).values({ state: "building", createdAt: now.toISOString(), step: STEPS[0]!.name }).returning().get())!;
  }
  const version = snapshot.version;
  let stepIndex = Math.max(0, STEPS.findIndex((s) => s.name === snapshot.step));
  let cursor = snapshot.cursor;
  let done = snapshot.areasDone;
  const timings: StepTiming[] = [{ step: "load", chunks: 0, computeMs: loadMs, writeMs: 0 }];
  const timingOf = (step: string) => {
    let t = timings.find((x) => x.step === step);
    if (!t) timings.push((t = { step, chunks: 0, computeMs: 0, writeMs: 0 }));
    return t;
  };

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
    await runAtomically(db, [...chunk.statements, db.update(snapshots).set({ step: step.name, cursor, areasDone: done }).where(eq(snapshots.version, version))]);
    timing.chunks++;
    timing.writeMs += Date.now() - t1;
    // Checked after a chunk, so every run makes progress however small its budget.
    if (Date.now() - started >= budgetMs) {
      return { version, state: "building", step: step.name, areasDone: done, areasTotal: total, timings };
    }
  }

  const t = Date.now();
  await flip(db, version, now);
  timingOf("flip").writeMs += Date.now() - t;
  return { version, state: "complete", step: null, areasDone: done, areasTotal: total, timings };
}

/** Makes `version` live in one transaction and drops snapshots older than the one it replaces. */
async function flip(db: Db, version: number, now: Date) {
  const previous = await db.select({ version: liveSnapshot.version }).from(liveSnapshot).where(eq(liveSnapshot.id, 1)).get();
  const at = now.toISOString();
  const keepFrom = previous?.version ?? version;
  await runAtomically(db, [
    db.update(snapshots).set({ state: "complete", finishedAt: at, step: null, cursor: null }).where(eq(snapshots.version, version)),
    db.insert(liveSnapshot).values({ id: 1, version, flippedAt: at }).onConflictDoUpdate({ target: liveSnapshot.id, set: { version, flippedAt: at } }),
    db.update(snapshots).set({ state: "superseded" }).where(and(eq(snapshots.state, "complete"), ne(snapshots.version, version))),
    // Keep the previous snapshot so readers mid-request finish against rows that still exist.
    ...SNAPSHOT_TABLES.map((t) => db.delete(t).where(lt(t.snapshot, keepFrom))),
  ]);
}
