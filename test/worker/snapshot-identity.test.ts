import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { recompute } from "../../worker/jobs/recompute";
import type { AreaBody } from "../../worker/api/schemas";
import { get, recomputeNow, seed, seedInto } from "./fixtures";

/**
 * Two databases that both publish snapshot v1, as after switching from the demo to real data
 * (`rm -rf .wrangler/state`, a new import): the worker, the edge cache and the browser must
 * never take one database's answer for the other's.
 */
const other = { ...env, DB: env.OTHER_DB };
const getOther = (path: string, headers: Record<string, string> = {}) => app.fetch(new Request(`http://localhost${path}`, { headers }), other);

beforeAll(async () => {
  await seed();
  expect((await recomputeNow()).version).toBe(1);
  await applyD1Migrations(env.OTHER_DB, env.TEST_MIGRATIONS);
  await seedInto(env.OTHER_DB);
  // The other database holds other figures for Oslo.
  await env.OTHER_DB.prepare("UPDATE observations SET value = value + 1000 WHERE area_code = '0301' AND indicator_id = 'population'").run();
  expect((await recompute(other, new Date(), { full: true })).version).toBe(1);
});

const identityOf = async (d1: D1Database) => (await d1.prepare("SELECT identity FROM live_snapshot WHERE id = 1").first<{ identity: string | null }>())!.identity;

describe("snapshot identity", () => {
  it("gives every snapshot a random identity, copied to the live pointer at the flip", async () => {
    const a = await identityOf(env.DB);
    const b = await identityOf(env.OTHER_DB);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(b).toMatch(/^[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
    const stored = await env.DB.prepare("SELECT identity FROM snapshots WHERE version = 1").first<{ identity: string }>();
    expect(stored!.identity).toBe(a);
    const health = (await (await get("/api/health")).json()) as { snapshot: { version: number; identity: string } };
    expect(health.snapshot).toMatchObject({ version: 1, identity: a });
  });

  it.each(["/api/v1/areas/0301", "/api/v1/search?q=oslo", "/embed/0301", "/api/v1/download?areas=0301"])("gives %s different ETags in two databases that both have snapshot v1", async (path) => {
    const here = await get(path);
    const there = await getOther(path);
    expect(here.status).toBe(200);
    expect(there.status).toBe(200);
    const [a, b] = [here.headers.get("ETag"), there.headers.get("ETag")];
    expect(a).toMatch(/^"v1-[0-9a-f]{16}"$/);
    expect(b).toMatch(/^"v1-[0-9a-f]{16}"$/);
    expect(a).not.toBe(b);
  });

  it("answers If-None-Match with the other database's ETag 200, and its own 304", async () => {
    const theirs = (await getOther("/api/v1/areas/0301")).headers.get("ETag")!;
    const res = await get("/api/v1/areas/0301", { "If-None-Match": theirs });
    expect(res.status).toBe(200);
    const mine = res.headers.get("ETag")!;
    expect(mine).not.toBe(theirs);
    expect((await get("/api/v1/areas/0301", { "If-None-Match": mine })).status).toBe(304);
  });

  it("never serves one database's answer from the edge cache to the other", async () => {
    const path = "/api/v1/areas/0301?indicators=population&identity-test=1";
    const population = (body: AreaBody) => body.cards.find((c) => c.indicator === "population")!.latest!.value;
    const first = await get(path);
    const mine = population((await first.json()) as AreaBody);
    expect((await get(path)).headers.get("X-Cache")).toBe("hit");
    const there = await getOther(path);
    expect(there.headers.get("X-Cache")).toBeNull();
    expect(population((await there.json()) as AreaBody)).toBe(mine! + 1000);
  });

  it("falls back to the version alone for a live pointer without identity (an older database)", async () => {
    await env.OTHER_DB.prepare("UPDATE live_snapshot SET identity = NULL").run();
    const res = await getOther("/api/v1/areas/0301");
    expect(res.headers.get("ETag")).toBe('"v1"');
    expect((await getOther("/api/v1/areas/0301", { "If-None-Match": '"v1"' })).status).toBe(304);
  });
});
