/**
 * The local product, step by step: build the web app, prepare a local D1 (migrations, demo
 * data when empty), serve API + web with `wrangler dev`, and run the first recompute.
 * Used by `npm start` and by the browser tests, so both run the same thing.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..");
const bin = (name: string) => join(ROOT, "node_modules", ".bin", name);
/** Local development only: accepted because `wrangler dev` below sets ALLOW_DEV_ADMIN_TOKEN. */
export const DEV_ADMIN_TOKEN = "local-dev-admin-token";

const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" };

function run(cmd: string, args: string[], what: string): string {
  const res = spawnSync(cmd, args, { cwd: ROOT, env: quietEnv, encoding: "utf8", maxBuffer: 1 << 28 });
  if (res.status !== 0) {
    throw new Error(`${what} failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
  }
  return res.stdout;
}

export function buildWeb(log = console.log) {
  log("• building the web app (vite)");
  run(bin("vite"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"], "web build");
}

export type Dataset = "real" | "demo";

export interface DbOptions {
  /** Where wrangler keeps the local D1; the e2e tests use their own folder. */
  persistTo?: string;
  /** What an empty database is seeded with: the built-in real figures (db/real) or the synthetic demo. */
  dataset?: Dataset;
}

/** Real and demo data live in separate local databases, so switching never mixes or resets either. */
export const DEFAULT_PERSIST: Record<Dataset, string> = { real: join(ROOT, ".wrangler", "state"), demo: join(ROOT, ".wrangler", "demo-state") };

const persistArgs = (o: DbOptions) => (o.persistTo ? ["--persist-to", o.persistTo] : []);

function d1(args: string[], o: DbOptions, what: string) {
  return run(bin("wrangler"), ["d1", ...args, "--local", ...persistArgs(o)], what);
}

export async function prepareDatabase(o: DbOptions = {}, log = console.log) {
  log("• applying migrations to the local D1");
  d1(["migrations", "apply", "DB"], o, "migrations");
  const out = d1(["execute", "DB", "--command", "SELECT count(*) AS n FROM areas", "--json"], o, "row count");
  const n = (JSON.parse(out) as { results: { n: number }[] }[])[0]?.results[0]?.n ?? 0;
  if (n > 0) {
    log(`• database already holds ${n} areas; leaving it as it is`);
    return;
  }
  if ((o.dataset ?? "real") === "real") {
    log("• loading the built-in real dataset (db/real: SSB, IMDi, Kartverket, FHI)");
    const { loadRealData } = await import("./real-data");
    await loadRealData(o.persistTo ?? DEFAULT_PERSIST.real, log);
    return;
  }
  const dir = join(ROOT, ".wrangler");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "demo.sql");
  log("• generating the synthetic demo dataset");
  run(bin("tsx"), ["db/demo/generate.ts", "--scale", "demo", "--out", file], "demo generation");
  log("• loading the demo dataset into the local D1");
  d1(["execute", "DB", "--file", file, "--yes"], o, "demo load");
}

export interface ServerOptions extends DbOptions {
  port: number;
  /** Extra `--var`s for wrangler dev, e.g. MEASURE_ROWS_READ for the benchmark. */
  vars?: Record<string, string>;
  /** Another wrangler config (the benchmark runs a frozen bundle that edits cannot reload). */
  config?: string;
  /** Inherit wrangler's output (npm start) or keep it quiet (tests). */
  verbose?: boolean;
  /** Extra environment for wrangler itself. */
  env?: Record<string, string>;
  /** Extra arguments for `wrangler dev` (the profiler's `--inspector-port`). */
  args?: string[];
}

export async function startServer(o: ServerOptions): Promise<ChildProcess> {
  const args = ["dev", "--local", "--port", String(o.port), "--ip", "127.0.0.1", "--var", "ALLOW_DEV_ADMIN_TOKEN:true", "--show-interactive-dev-session=false", ...persistArgs(o)];
  for (const [k, v] of Object.entries(o.vars ?? {})) args.push("--var", `${k}:${v}`);
  if (o.config) args.push("--config", o.config);
  args.push(...(o.args ?? []));
  const child = spawn(bin("wrangler"), args, { cwd: ROOT, env: { ...quietEnv, ...o.env }, stdio: o.verbose ? "inherit" : "pipe", detached: false });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${o.port}/api/health`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(url)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error(`wrangler dev did not answer on port ${o.port} within 2 minutes:\n${output}`);
}

/**
 * One `POST /api/admin/recompute` invocation. While another run holds the recompute lease (409,
 * e.g. a cron or a second terminal), waits for it and tries again: each committed chunk renews
 * that lease, so this gives up only when a run holds it for `patienceMs` on end.
 */
export async function postRecompute(base: string, query = "", token = DEV_ADMIN_TOKEN, log: (s: string) => void = console.error, patienceMs = 30 * 60_000): Promise<Response> {
  const gaveUp = Date.now() + patienceMs;
  for (let told = false; ; ) {
    const res = await fetch(`${base}/api/admin/recompute${query}`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    if (res.status !== 409 || Date.now() > gaveUp) return res;
    const body = (await res.json()) as { error: { message: string } };
    if (!told) log(`  ${body.error.message}; waiting for it`);
    told = true;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export async function recomputeVia(base: string) {
  for (;;) {
    const res = await postRecompute(base);
    const body = (await res.json()) as { state?: string; version?: number; areasDone?: number; error?: unknown };
    if (res.status === 200) return body;
    if (res.status !== 202) throw new Error(`recompute answered ${res.status}: ${JSON.stringify(body)}`);
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
    srv.on("error", fail);
  });
}

/**
 * The real figures served as `npm start` serves them, in a local D1 folder of its own (a bench
 * beside a running `npm start` or test run never shares its database); `stop` ends the server
 * and removes the folder. Builds the web app first when there is no build.
 */
export async function serveRealFigures(name: string): Promise<{ base: string; stop: () => void }> {
  mkdirSync(join(ROOT, ".wrangler"), { recursive: true });
  const persistTo = mkdtempSync(join(ROOT, ".wrangler", `${name}-`));
  let server: ChildProcess | undefined;
  const stop = () => {
    server?.kill("SIGTERM");
    rmSync(persistTo, { recursive: true, force: true });
  };
  try {
    if (!existsSync(join(ROOT, "web", "dist", "index.html"))) buildWeb(() => {});
    await prepareDatabase({ persistTo, dataset: "real" }, () => {});
    const port = await freePort();
    server = await startServer({ port, persistTo });
    const base = `http://127.0.0.1:${port}`;
    await recomputeVia(base);
    return { base, stop };
  } catch (e) {
    stop();
    throw e;
  }
}
