import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { desc } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { snapshots } from "../../db/schema";
import type { AreaBody } from "../../worker/api/schemas";
import worker from "../../worker/index";
import { CRONS } from "../../worker/jobs/schedule";
import { recompute } from "../../worker/jobs/recompute";
import { makeDb } from "../../worker/lib/create-app";
import { liveSnapshotOf } from "../../worker/queries/snapshot";
import { AREAS, get, seed } from "./fixtures";

const db = makeDb(env.DB);
const liveVersion = async (d: typeof db) => (await liveSnapshotOf(d))?.version ?? null;

/** The env with a D1 whose batch() first calls `hook`, which may throw to simulate a crash. */
function withBatchHook(hook: () => void): Env {
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          hook();
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { ...env, DB };
}

/** Everything a snapshot publishes, without the version number itself. */
async function snapshotContents(version: number) {
  const cards = await env.DB.prepare("SELECT code, body FROM area_cards WHERE snapshot = ? ORDER BY code").bind(version).all<{ code: string; body: string }>();
  const terms = await env.DB.prepare("SELECT term, code, name, level, parent_name FROM search_terms WHERE snapshot = ? ORDER BY term, code").bind(version).all();
  const series = await env.DB.prepare("SELECT code, indicator, body FROM area_series WHERE snapshot = ? ORDER BY code, indicator").bind(version).all();
  const maps = await env.DB.prepare("SELECT code, indicator, body FROM child_values WHERE snapshot = ? ORDER BY code, indicator").bind(version).all();
  return {
    cards: cards.results.map((r) => ({ code: r.code, body: { ...JSON.parse(r.body), snapshot: 0 } })),
    terms: terms.results,
    series: series.results,
    maps: maps.results,
  };
}

beforeAll(seed);

async function cardTitle(code: string) {
  const res = await get(`/api/v1/areas/${code}`);
  return res.status === 200 ? ((await res.json()) as AreaBody) : res.status;
}

describe("recompute", () => {
  it("serves 503 before the first snapshot, then builds one and makes it live", async () => {
    expect(await cardTitle("0301")).toBe(503);
    const result = await recompute(env, new Date("2026-01-01T03:15:00Z"));
    expect(result).toMatchObject({ state: "complete", areasDone: AREAS.length, areasTotal: AREAS.length });
    expect(await liveVersion(db)).toBe(result.version);
    expect(((await cardTitle("0301")) as AreaBody).snapshot).toBe(result.version);
  });

  it("writes version N+1 beside N and flips only when complete; an interrupted run resumes", async () => {
    const live = (await liveVersion(db))!;
    const first = await recompute(env, new Date(), { full: true, chunkSize: 4, budgetMs: 0 });
    expect(first.state).toBe("building");
    expect(first.version).toBe(live + 1);
    expect(first).toMatchObject({ step: "composite-inputs", areasDone: 0 });
    // The composite inputs (kommune subtree by subtree) and the composite step (year by year)
    // run chunk by chunk first; then the cards step.
    let run = first;
    while (run.step !== "cards") run = await recompute(env, new Date(), { chunkSize: 4, budgetMs: 0 });
    // A chunk never cuts a kommune's subtree: Norge, Oslo fylke, Oslo kommune and all below it.
    expect(run.areasDone).toBe(7);
    // Readers still see the old, complete snapshot.
    expect(await liveVersion(db)).toBe(live);
    expect(((await cardTitle("5610")) as AreaBody).snapshot).toBe(live);

    const second = await recompute(env, new Date(), { chunkSize: 4, budgetMs: 0 });
    expect(second).toMatchObject({ version: first.version, state: "building" });
    expect(second.areasDone).toBeGreaterThan(run.areasDone);

    const rest = await recompute(env, new Date(), { chunkSize: 4 });
    expect(rest).toMatchObject({ version: first.version, state: "complete", areasDone: AREAS.length });
    expect(await liveVersion(db)).toBe(first.version);
    // Every area has a card in the new snapshot, including those of the first chunks.
    for (const a of AREAS) expect(((await cardTitle(a.code)) as AreaBody).snapshot).toBe(first.version);
  }, 60_000);

  it("stops an invocation at its D1-call budget (Workers cap calls per invocation) and resumes to the same result", async () => {
    const reference = await recompute(env, new Date(), { fresh: true, full: true, chunkSize: 2 });
    const expected = await snapshotContents(reference.version!);
    // One uninterrupted run makes more calls than the budget below allows in one invocation.
    expect(reference.d1Calls).toBeGreaterThan(20);
    const budget = 12;
    const runs = [await recompute(env, new Date(), { fresh: true, full: true, chunkSize: 2, callBudget: budget })];
    while (runs.at(-1)!.state === "building") runs.push(await recompute(env, new Date(), { chunkSize: 2, callBudget: budget }));
    expect(runs.length).toBeGreaterThan(2);
    expect(runs.at(-1)!.state).toBe("complete");
    // Each invocation stops after the chunk that reaches the budget: never far beyond it.
    const largestChunk = Math.max(...runs.map((r) => r.d1Calls)) - budget;
    expect(largestChunk).toBeLessThan(budget);
    expect(await snapshotContents(runs.at(-1)!.version!)).toEqual(expected);
  }, 120_000);

  it("a run killed at any write leaves the live snapshot unchanged and resumes to the same result", async () => {
    const reference = await recompute(env, new Date(), { fresh: true, full: true, chunkSize: 3 });
    const expected = await snapshotContents(reference.version!);
    // Count the transactions of one uninterrupted run, then kill a run before each of them.
    let batches = 0;
    const counting = withBatchHook(() => void batches++);
    await recompute(counting, new Date(), { fresh: true, full: true, chunkSize: 3 });
    expect(batches).toBeGreaterThan(3);
    // The last transaction prunes superseded rows after the flip; the ones before it build and flip.
    for (let kill = 1; kill <= batches; kill++) {
      const live = (await liveVersion(db))!;
      let n = 0;
      const dying = withBatchHook(() => {
        if (++n === kill) throw new Error("worker killed");
      });
      await expect(recompute(dying, new Date(), { fresh: true, full: true, chunkSize: 3 })).rejects.toThrow("worker killed");
      if (kill === batches) {
        // Killed while pruning: the new snapshot is already live and whole; the next flip prunes.
        expect(await liveVersion(db)).toBe(live + 1);
        expect(await snapshotContents(live + 1)).toEqual(expected);
        continue;
      }
      expect(await liveVersion(db), `kill at write ${kill}`).toBe(live);
      const resumed = await recompute(env, new Date(), { chunkSize: 3 });
      expect(resumed.state).toBe("complete");
      expect(await snapshotContents(resumed.version!), `kill at write ${kill}`).toEqual(expected);
    }
  }, 180_000);

  it("abandons an unfinished snapshot when asked for a fresh one", async () => {
    const partial = await recompute(env, new Date(), { full: true, chunkSize: 2, budgetMs: 0 });
    const fresh = await recompute(env, new Date(), { fresh: true, full: true });
    expect(fresh.version).toBe(partial.version! + 1);
    const states = await db.select({ version: snapshots.version, state: snapshots.state }).from(snapshots).orderBy(desc(snapshots.version)).limit(2).all();
    expect(states).toEqual([
      { version: fresh.version, state: "complete" },
      { version: partial.version, state: "failed" },
    ]);
  });

  it("runs from the nightly Cron Trigger; the resume trigger does nothing when nothing is unfinished", async () => {
    const before = (await liveVersion(db))!;
    const resumeCtx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: CRONS.resume, scheduledTime: Date.now() }), env, resumeCtx);
    await waitOnExecutionContext(resumeCtx);
    expect(await liveVersion(db)).toBe(before);

    // The nightly run rebuilds only after a change; a new area list means everything.
    await env.DB.prepare("INSERT INTO data_changes (target, indicator_id, changed_at) VALUES ('areas', NULL, ?)").bind(new Date().toISOString()).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: CRONS.nightly, scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await liveVersion(db)).toBe(before + 1);
  });
});
