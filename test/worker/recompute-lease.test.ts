import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index";
import { LEASE_MS, LeaseLost, RecomputeBusy } from "../../worker/jobs/lease";
import { recompute } from "../../worker/jobs/recompute";
import { CRONS } from "../../worker/jobs/schedule";
import { ADMIN, post, seed } from "./fixtures";

beforeAll(seed);

type Lease = { holder: string; version: number | null; acquired_at: string; expires_at: string };
const lease = () => env.DB.prepare("SELECT holder, version, acquired_at, expires_at FROM recompute_lease WHERE id = 1").first<Lease>();
const snapshotCount = async () => (await env.DB.prepare("SELECT count(*) AS n FROM snapshots").first<{ n: number }>())!.n;
const liveVersion = async () => (await env.DB.prepare("SELECT version FROM live_snapshot WHERE id = 1").first<{ version: number }>())?.version ?? null;
const iso = (ms: number) => new Date(ms).toISOString();

/** A lease as a run that is still going (or that crashed) left it. */
async function holdLease(holder: string, version: number | null, expiresAt: string) {
  await env.DB.prepare("INSERT INTO recompute_lease (id, holder, version, acquired_at, expires_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, version = excluded.version, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at")
    .bind(holder, version, iso(Date.now() - 60_000), expiresAt)
    .run();
}

/** The env with a D1 whose batch() first awaits `hook`, which may write or throw. */
function withBatchHook(hook: () => Promise<void>): Env {
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch") return async (statements: D1PreparedStatement[]) => (await hook(), target.batch(statements));
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { ...env, DB };
}

async function runCron(cron: string) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron, scheduledTime: Date.now() }), env, ctx);
  await waitOnExecutionContext(ctx);
}

// Full recomputes on a machine shared with other work can pass the default 5 s.
describe("one recompute at a time", { timeout: 30_000 }, () => {
  it("of two full recomputes started together, one runs (200) and the other answers 409 naming the running snapshot", async () => {
    const before = await snapshotCount();
    const [a, b] = await Promise.all([post("/api/admin/recompute?full=true", ADMIN), post("/api/admin/recompute?full=true", ADMIN)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [ok, busy] = a.status === 200 ? [a, b] : [b, a];
    const built = (await ok.json()) as { version: number; state: string };
    expect(built.state).toBe("complete");
    const body = (await busy.json()) as { error: { code: string; message: string; details: { version: number | null; expiresAt: string; statusUrl: string | null } } };
    expect(body.error.code).toBe("recompute_running");
    expect(Date.parse(body.error.details.expiresAt)).toBeGreaterThan(Date.now());
    expect(Date.parse(body.error.details.expiresAt)).toBeLessThanOrEqual(Date.now() + LEASE_MS);
    // The refused start built nothing: exactly one new snapshot, and it is live.
    expect(await snapshotCount()).toBe(before + 1);
    expect(await liveVersion()).toBe(built.version);
    // The winner let go at the end: the next start runs at once.
    expect(Date.parse((await lease())!.expires_at)).toBeLessThan(Date.now());
    expect((await post("/api/admin/recompute?full=true", ADMIN)).status).toBe(200);
  });

  it("answers 409 with the held lease's snapshot, step and expiry while another run holds it", async () => {
    const partial = await recompute(env, new Date(), { full: true, chunkSize: 2, budgetMs: 0 });
    expect(partial.state).toBe("building");
    const expiresAt = iso(Date.now() + 120_000);
    await holdLease("someone-else", partial.version, expiresAt);
    const res = await post("/api/admin/recompute?full=true", ADMIN);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { details: unknown } }).error.details).toMatchObject({
      version: partial.version,
      step: partial.step,
      areasDone: partial.areasDone,
      expiresAt,
      statusUrl: `/api/admin/recompute/${partial.version}`,
    });
    await expect(recompute(env, new Date())).rejects.toBeInstanceOf(RecomputeBusy);
    // The refused calls left the lease with its holder.
    expect(await lease()).toMatchObject({ holder: "someone-else", expires_at: expiresAt });
  });

  it("the crons skip, and say so, while a lease is held", async () => {
    const building = (await lease())!.version;
    const live = await liveVersion();
    const log = vi.spyOn(console, "log");
    await runCron(CRONS.resume);
    await runCron(CRONS.nightly);
    expect(log.mock.calls.filter(([line]) => /^recompute \(cron .*\) skipped: A recompute is already running/.test(String(line)))).toHaveLength(2);
    log.mockRestore();
    // Nothing moved: the unfinished snapshot is where it was and the live one unchanged.
    const row = await env.DB.prepare("SELECT state, step, areas_done AS done FROM snapshots WHERE version = ?").bind(building).first<{ state: string; step: string; done: number }>();
    expect(row!.state).toBe("building");
    expect(await liveVersion()).toBe(live);
  });

  it("a lease left by a crashed run is taken over once it expires, and the resume cron finishes that run's snapshot", async () => {
    const building = (await lease())!.version!;
    await holdLease("crashed-run", building, iso(Date.now() - 1));
    await runCron(CRONS.resume);
    expect(await liveVersion()).toBe(building);
    const after = (await lease())!;
    expect(after.holder).not.toBe("crashed-run");
    expect(Date.parse(after.expires_at)).toBeLessThan(Date.now());
  });

  it("releases the lease when a run fails, so the next one can start", async () => {
    const failing = withBatchHook(async () => {
      throw new Error("simulated D1 outage");
    });
    await expect(recompute(failing, new Date(), { full: true, fresh: true })).rejects.toThrow("simulated D1 outage");
    expect(Date.parse((await lease())!.expires_at)).toBeLessThan(Date.now());
    expect((await recompute(env, new Date(), { full: true, fresh: true })).state).toBe("complete");
  });

  it("a run whose lease another run took over writes nothing more and leaves the lease to that run", async () => {
    let batches = 0;
    // After the run has recorded its snapshot in the lease (its first batch), the lease lapses
    // and another run takes it over, before the run's first chunk commits (as after a long stall).
    const stalled = withBatchHook(async () => {
      if (++batches !== 2) return;
      await env.DB.prepare("UPDATE recompute_lease SET holder = 'successor', expires_at = ? WHERE id = 1").bind(iso(Date.now() + 60_000)).run();
    });
    const before = await env.DB.prepare("SELECT count(*) AS n FROM composite_scores").first<{ n: number }>();
    await expect(recompute(stalled, new Date(), { full: true, fresh: true, chunkSize: 2 })).rejects.toBeInstanceOf(LeaseLost);
    expect(batches).toBe(2);
    // Its first chunk was rolled back with the failed renewal; the successor keeps the lease.
    const version = (await env.DB.prepare("SELECT max(version) AS v FROM snapshots").first<{ v: number }>())!.v;
    const row = await env.DB.prepare("SELECT step, cursor, areas_done AS done FROM snapshots WHERE version = ?").bind(version).first<{ step: string; cursor: string | null; done: number }>();
    expect(row).toMatchObject({ cursor: null, done: 0 });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM composite_scores").first<{ n: number }>()).toEqual(before);
    expect((await lease())!.holder).toBe("successor");
  });

  it("a run retrying with its own holder id takes back its own unexpired lease", async () => {
    await holdLease("importer-42", null, iso(Date.now() + 60_000));
    const run = await recompute(env, new Date(), { holder: "importer-42" });
    expect(run.state === "idle" || run.state === "complete").toBe(true);
  });
});
