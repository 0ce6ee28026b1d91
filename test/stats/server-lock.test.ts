import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { nextStep } from "../../scripts/import-next";
import { holdServerLock, lockPath, readServerLock, refusal, runningServer } from "../../scripts/server-lock";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "server-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The id of a process that has just exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

/** A local HTTP server answering every path with `body`, on a port the OS picks. */
async function serve(status: number, body: string): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => res.writeHead(status, { "Content-Type": "application/json" }).end(body));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { server, port: (server.address() as { port: number }).port };
}

describe("the npm start lock", () => {
  it("is written with pid and port, found while that process lives, and removed by its release", async () => {
    const release = holdServerLock(dir, 8899);
    expect(readServerLock(dir)).toMatchObject({ pid: process.pid, port: 8899 });
    expect(await runningServer(dir)).toEqual({ port: 8899, pid: process.pid, via: "lock" });
    release();
    expect(existsSync(lockPath(dir))).toBe(false);
    expect(await runningServer(dir)).toBeNull();
  });

  it("ignores and removes a stale lock whose process has died", async () => {
    writeFileSync(lockPath(dir), JSON.stringify({ pid: deadPid(), port: 8899, startedAt: "2026-01-01T00:00:00Z" }));
    expect(await runningServer(dir)).toBeNull();
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it("treats an unreadable lock as none", async () => {
    writeFileSync(lockPath(dir), "not json");
    expect(readServerLock(dir)).toBeNull();
    expect(await runningServer(dir)).toBeNull();
  });

  it("refuses a second server on a folder a live one holds, and a release never removes another's lock", () => {
    // The parent process (vitest) lives: its lock is live.
    writeFileSync(lockPath(dir), JSON.stringify({ pid: process.ppid, port: 8787, startedAt: "2026-01-01T00:00:00Z" }));
    expect(() => holdServerLock(dir, 8899)).toThrow(/already serves .* at http:\/\/localhost:8787/);
    expect(readServerLock(dir)!.pid).toBe(process.ppid);
    const release = holdServerLock(dir, 8899, process.pid, () => false); // as if that one had died
    writeFileSync(lockPath(dir), JSON.stringify({ pid: process.ppid, port: 8787, startedAt: "2026-01-01T00:00:00Z" }));
    release();
    expect(readServerLock(dir)!.pid).toBe(process.ppid);
  });
});

describe("probing the port", () => {
  let health: { server: Server; port: number };
  let other: { server: Server; port: number };
  beforeAll(async () => {
    health = await serve(200, JSON.stringify({ status: "ok", snapshot: null }));
    other = await serve(404, "<html>not an area monitor</html>");
  });
  afterAll(() => {
    health.server.close();
    other.server.close();
  });

  it("finds a server without a lock when its /api/health answers", async () => {
    expect(await runningServer(dir, { probePort: health.port })).toEqual({ port: health.port, pid: null, via: "port" });
  });

  it("finds nothing on a port where something else answers, or where nothing listens", async () => {
    expect(await runningServer(dir, { probePort: other.port })).toBeNull();
    const closed = await serve(200, "{}");
    closed.server.close();
    expect(await runningServer(dir, { probePort: closed.port })).toBeNull();
  });

  it("probes only when asked (another state folder than the one wrangler dev uses)", async () => {
    expect(await runningServer(dir)).toBeNull();
  });

  it("prefers a live lock's port to the probe, and probes past a stale lock", async () => {
    writeFileSync(lockPath(dir), JSON.stringify({ pid: deadPid(), port: 1, startedAt: "2026-01-01T00:00:00Z" }));
    expect(await runningServer(dir, { probePort: health.port })).toMatchObject({ port: health.port, via: "port" });
  });
});

describe("what the refusal and the import say", () => {
  it("names the server, what to do and the command to run again", () => {
    const text = refusal("npm run import:shared", "/x/.wrangler/state", { port: 8787, pid: 42, via: "lock" });
    expect(text).toContain("`npm start` (pid 42) is serving this database (/x/.wrangler/state) at http://localhost:8787");
    expect(text).toContain("Stop it (Ctrl+C in its terminal) and run `npm run import:shared` again");
    expect(text).toContain("delete /x/.wrangler/state/server.lock");
    const byPort = refusal("npm run import -- a.csv", "/s", { port: 8787, pid: null, via: "port" });
    expect(byPort).toContain("A local server answers at http://localhost:8787 and may be serving this database (/s)");
    expect(byPort).not.toContain("server.lock");
  });

  const report = (status: "applied" | "unchanged" | "rejected", extra: { dryRun?: boolean; state?: string } = {}) => ({
    status,
    dryRun: extra.dryRun ?? false,
    recompute: { due: status === "applied" && extra.state !== "complete", result: extra.state ? { version: 2, state: extra.state, areasDone: 1, areasTotal: 1 } : null },
  });

  it.each([
    [report("applied"), { kind: "local" } as const, "Run `npm start` to serve it (it recomputes the snapshot first)."],
    [report("applied", { state: "complete" }), { kind: "local" } as const, "Published. Run `npm start` to serve it."],
    [report("applied"), { kind: "server", base: "http://localhost:8787" } as const, "Run `npm run recompute` to publish it on the running server, then reload http://localhost:8787."],
    [report("applied", { state: "complete" }), { kind: "server", base: "http://localhost:8787" } as const, "Published: reload http://localhost:8787 to see it."],
    [report("applied", { state: "building" }), { kind: "remote", base: "https://w.example" } as const, "Run `npm run recompute -- --remote https://w.example` (with ADMIN_TOKEN set) to publish it, or wait for the nightly recompute (03:15 UTC)."],
    [report("unchanged"), { kind: "local" } as const, "Nothing changed: the database already holds this file. Run `npm start` to serve it."],
    [report("unchanged"), { kind: "server", base: "http://localhost:8787" } as const, "Nothing changed: the database already holds this file. If an earlier import is not published yet, run `npm run recompute`."],
    [report("rejected"), { kind: "local" } as const, "Nothing was written. Fix the errors above and run the same command again."],
    [report("applied", { dryRun: true }), { kind: "local" } as const, "A dry run writes nothing: run the same command without --dry-run to import the file."],
  ])("ends an import with the next command (%#)", (r, target, expected) => {
    expect(nextStep(r, target)).toBe(expected);
  });
});
