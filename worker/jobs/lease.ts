import { and, eq, lt, or, sql } from "drizzle-orm";
import { recomputeLease, snapshots } from "../../db/schema";
import type { Db } from "../lib/create-app";

/**
 * How long a lease lasts unless renewed. Every chunk a run commits renews it (a chunk takes
 * seconds), so it lapses only when its run stopped without releasing it (a crash, an evicted
 * isolate); the resume cron, every 10 minutes, then takes it over and continues the snapshot.
 */
export const LEASE_MS = 5 * 60_000;

/** A released lease expires at the epoch, so the next run takes it whatever its clock says. */
const RELEASED = new Date(0).toISOString();

export type Lease = typeof recomputeLease.$inferSelect;

/** What a caller turned away is told: the run in progress and when its lease lapses. */
export interface RunningRecompute {
  version: number | null;
  step: string | null;
  areasDone: number | null;
  acquiredAt: string;
  expiresAt: string;
}

/** Another invocation holds the lease: this one did nothing. */
export class RecomputeBusy extends Error {
  constructor(readonly running: RunningRecompute) {
    super(
      `A recompute is already running${running.version === null ? "" : ` (snapshot v${running.version}${running.step ? `, step ${running.step}` : ""})`}; its lease expires at ${running.expiresAt}`,
    );
    this.name = "RecomputeBusy";
  }
}

/** This run's lease lapsed and another run took it over: nothing of this run's last chunk was written. */
export class LeaseLost extends Error {
  constructor(cause: unknown) {
    super("The recompute lease lapsed and another run took it over; this run stopped without writing its last chunk", { cause });
    this.name = "LeaseLost";
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Takes the lease if nobody holds it, it has lapsed, or `holder` already holds it (a run
 * retrying after a dropped connection). One statement, so two runs starting together cannot
 * both win. Returns null when taken, otherwise the run that holds it.
 */
export async function acquireLease(db: Db, holder: string, nowMs: number): Promise<RunningRecompute | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const at = iso(nowMs);
    const taken = await db
      .insert(recomputeLease)
      .values({ id: 1, holder, version: null, acquiredAt: at, expiresAt: iso(nowMs + LEASE_MS) })
      .onConflictDoUpdate({
        target: recomputeLease.id,
        set: { holder, version: null, acquiredAt: at, expiresAt: iso(nowMs + LEASE_MS) },
        setWhere: or(lt(recomputeLease.expiresAt, at), eq(recomputeLease.holder, holder)),
      })
      .returning({ holder: recomputeLease.holder })
      .get();
    if (taken?.holder === holder) return null;
    const running = await runningRecompute(db, nowMs);
    // Released between the two statements: try once more rather than turn the caller away.
    if (running) return running;
  }
  const running = await runningRecompute(db, nowMs);
  return running ?? { version: null, step: null, areasDone: null, acquiredAt: iso(nowMs), expiresAt: iso(nowMs) };
}

/** The lease in force (not lapsed) and how far its snapshot has got, or null. */
export async function runningRecompute(db: Db, nowMs: number): Promise<RunningRecompute | null> {
  const row = await db
    .select({ version: recomputeLease.version, acquiredAt: recomputeLease.acquiredAt, expiresAt: recomputeLease.expiresAt, step: snapshots.step, areasDone: snapshots.areasDone })
    .from(recomputeLease)
    .leftJoin(snapshots, eq(snapshots.version, recomputeLease.version))
    .where(eq(recomputeLease.id, 1))
    .get();
  if (!row || row.expiresAt < iso(nowMs)) return null;
  return row;
}

/**
 * Renews the lease for `holder`, recording the snapshot it builds. Put it in the same batch as
 * the writes it guards: when another run has taken the lease over, the CASE yields NULL for the
 * NOT NULL holder, the statement fails and the whole batch (one transaction) is rolled back, so
 * a run that lost its lease can never write over its successor's work.
 */
export function renewLease(db: Db, holder: string, version: number, nowMs: number) {
  return db
    .update(recomputeLease)
    .set({ expiresAt: iso(nowMs + LEASE_MS), version, holder: sql`CASE WHEN ${recomputeLease.holder} = ${holder} THEN ${recomputeLease.holder} END` })
    .where(eq(recomputeLease.id, 1));
}

/** Whether an error is the failed holder check of `renewLease`. */
export function isLeaseLost(e: unknown): boolean {
  for (let err: unknown = e; err instanceof Error; err = err.cause) {
    if (err.message.includes("recompute_lease.holder")) return true;
  }
  return false;
}

/** Lets the next run start at once; a lease another run has taken over is left alone. */
export async function releaseLease(db: Db, holder: string) {
  await db.update(recomputeLease).set({ expiresAt: RELEASED }).where(and(eq(recomputeLease.id, 1), eq(recomputeLease.holder, holder)));
}
