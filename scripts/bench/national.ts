/**
 * National-scale benchmark: 15 fylker, 357 kommuner, ~14,000 grunnkretser, 30 indicators,
 * 15 years of synthetic data in a local D1 of its own (.wrangler/bench/state), served by
 * `wrangler dev` with D1 rows-read measuring switched on.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEV_ADMIN_TOKEN, postRecompute, ROOT, startServer } from "../local-stack";
import { loadRun, rowsPerView, type LoadOptions } from "./load";

const DIR = join(ROOT, ".wrangler", "bench");
const SQL = join(DIR, "national.sql");
export const STATE = join(DIR, "state");
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };
const bin = (name: string) => join(ROOT, "node_modules", ".bin", name);

function sh(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function areaCount(): number {
  try {
    const out = sh(bin("wrangler"), ["d1", "execute", "DB", "--local", "--persist-to", STATE, "--command", "SELECT count(*) AS n FROM areas", "--json"]);
    return (JSON.parse(out) as { results: { n: number }[] }[])[0]?.results[0]?.n ?? 0;
  } catch {
    return 0;
  }
}

/** Generates and loads the national dataset once; later runs reuse the loaded database. */
export function prepareNational(log: (s: string) => void) {
  if (!existsSync(SQL)) {
    // A clean clone has no .wrangler/bench yet, and the generator does not make folders.
    mkdirSync(DIR, { recursive: true });
    log("generating the national dataset (~30 s)…");
    sh(bin("tsx"), ["db/demo/generate.ts", "--scale", "national", "--out", SQL]);
  }
  sh(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE]);
  if (areaCount() < 10_000) {
    log("loading it into a local D1 (several minutes, once)…");
    const t = Date.now();
    sh(bin("wrangler"), ["d1", "execute", "DB", "--local", "--persist-to", STATE, "--file", SQL, "--yes"]);
    log(`loaded in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
}

/**
 * Peak resident memory of the newest workerd process, from /proc (Linux). Locally this includes
 * the D1 database's SQLite page cache, which a deployed Worker does not carry.
 */
function workerdPeakMb(): number | null {
  const pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  let best: { pid: number; hwm: number } | null = null;
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workerd")) continue;
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      if (!best || Number(pid) > best.pid) best = { pid: Number(pid), hwm };
    } catch {
      // the process ended meanwhile
    }
  }
  return best ? Math.round(best.hwm / 1024) : null;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

/**
 * A bundle of the worker as it is now, with a config that runs it unbundled: a long recompute
 * is not restarted by someone saving a source file meanwhile.
 */
export function frozenConfig(): string {
  const out = join(DIR, "bundle");
  sh(bin("wrangler"), ["deploy", "--dry-run", "--outdir", out]);
  const main = readdirSync(out).find((f) => f.endsWith(".js"))!;
  const config = {
    name: "area-monitor-bench",
    main: join(out, main),
    no_bundle: true,
    compatibility_date: "2026-10-01",
    compatibility_flags: ["nodejs_compat"],
    d1_databases: [{ binding: "DB", database_name: "area-monitor", database_id: "00000000-0000-0000-0000-000000000000", migrations_dir: join(ROOT, "db", "migrations") }],
    // As in wrangler.toml: the load run compares the worker's routes with a static asset.
    assets: {
      directory: join(ROOT, "web", "dist"),
      binding: "ASSETS",
      not_found_handling: "single-page-application",
      run_worker_first: ["/api/*", "/embed/*", "/embed.js", "/oembed", "/omrade/*"],
    },
    vars: { ALLOW_DEV_ADMIN_TOKEN: "false" },
  };
  const file = join(DIR, "wrangler.bench.json");
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

interface RecomputeBody {
  d1?: { rowsRead: number; rowsWritten: number; queries: number };
  state: string;
  version: number;
  areasDone: number;
  plan: { mode: string; reason?: string; indicators?: string[] } | null;
  timings: { step: string; chunks: number; computeMs: number; writeMs: number }[];
}

/** Drives one recompute to completion through the admin route, 60 s of budget per invocation. */
async function recomputeOnce(base: string, query: string) {
  let calls = 0;
  const steps: Record<string, number> = {};
  const d1 = { rowsRead: 0, rowsWritten: 0 };
  let maxQueries = 0;
  let live = 0;
  const [result, ms] = await timed(async () => {
    const started = performance.now();
    for (;;) {
      calls++;
      const res = await postRecompute(base, `?budgetMs=60000${calls === 1 ? query : ""}`);
      const body = (await res.json()) as RecomputeBody;
      if (res.status !== 200 && res.status !== 202) throw new Error(`recompute answered ${res.status}: ${JSON.stringify(body)}`);
      for (const t of body.timings) steps[t.step] = (steps[t.step] ?? 0) + t.computeMs + t.writeMs;
      d1.rowsRead += body.d1?.rowsRead ?? 0;
      d1.rowsWritten += body.d1?.rowsWritten ?? 0;
      maxQueries = Math.max(maxQueries, body.d1?.queries ?? 0);
      if (res.status === 200) {
        // Pruning superseded rows happens after the flip: readers already see the new snapshot.
        live = performance.now() - started - (body.timings.find((t) => t.step === "prune")?.writeMs ?? 0);
        return body;
      }
    }
  });
  const secs = (x: number) => +(x / 1000).toFixed(1);
  return {
    plan: result.plan,
    areas: result.areasDone,
    secondsUntilLive: secs(live),
    secondsWithPrune: secs(ms),
    invocations: calls,
    // What D1 bills for this recompute (all its invocations, lease and pruning included).
    d1RowsRead: d1.rowsRead,
    d1RowsWritten: d1.rowsWritten,
    // Workers cap D1 calls per invocation (50 Free, 1,000 Paid): the most any one invocation made.
    d1QueriesMaxPerInvocation: maxQueries,
    steps: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, secs(v)])),
  };
}

/**
 * One new year of one display-only indicator for every area, as an import would bring it: the
 * latest year's counts moved a little, sent through the admin import route (which logs the change).
 */
function nextYearCsv(indicator: string): { csv: string; period: number } {
  // Years earlier runs of the bench added are taken out again, so every run adds the same one.
  sh(bin("wrangler"), [
    "d1", "execute", "DB", "--local", "--persist-to", STATE, "--command",
    `DELETE FROM observations WHERE indicator_id = '${indicator}' AND period > (SELECT max(period) FROM observations WHERE indicator_id = 'population')`,
  ]);
  const out = sh(bin("wrangler"), [
    "d1", "execute", "DB", "--local", "--persist-to", STATE, "--json", "--command",
    `SELECT area_code AS code, period, numerator AS n, denominator AS d FROM observations WHERE indicator_id = '${indicator}' AND period = (SELECT max(period) FROM observations WHERE indicator_id = '${indicator}') AND numerator IS NOT NULL`,
  ]);
  const rows = (JSON.parse(out) as { results: { code: string; period: number; n: number; d: number }[] }[])[0]!.results;
  const period = rows[0]!.period + 1;
  const lines = rows.map((r, i) => {
    const n = Math.max(0, Math.round(r.n * (1 + ((i % 7) - 3) / 100)));
    return `${r.code},${indicator},${period},${Math.round((n / r.d) * 1000) / 10},${n},${r.d},`;
  });
  return { csv: ["area_code,indicator,period,value,numerator,denominator,status", ...lines].join("\n"), period };
}

const HEAP_CAP = "--max-old-space-size=96 --max-semi-space-size=8";

export interface NationalOptions {
  /** Skip the recomputes and the endpoint timings: only the load run (on the live snapshot). */
  loadOnly?: boolean;
  load: Omit<LoadOptions, "log">;
}

export async function benchNational(port: number, log: (s: string) => void, o: NationalOptions) {
  prepareNational(log);
  // Chosen so that no index, rule set or grouping reads it: the case an incremental run serves.
  const indicator = "rental_share";
  const { csv, period } = o.loadOnly ? { csv: "", period: 0 } : nextYearCsv(indicator);
  // wrangler dev's local trace collector records every D1 call of the run; a deployed Worker
  // has no such collector, so it is switched off here. The isolate's heap is capped below a
  // Worker's 128 MB (96 MB old space + 2 × 8 MB semi-space), so a run that would not fit in a
  // Worker fails here too; BENCH_UNCAPPED=1 lifts the cap.
  const env: Record<string, string> = { X_LOCAL_OBSERVABILITY: "false" };
  if (!process.env.BENCH_UNCAPPED) env.MINIFLARE_WORKERD_V8_FLAGS = HEAP_CAP;
  const server = await startServer({ port, persistTo: STATE, vars: { MEASURE_ROWS_READ: "true" }, config: frozenConfig(), env });
  const base = `http://127.0.0.1:${port}`;
  const measured: Record<string, unknown> = {};
  try {
    if (!o.loadOnly) Object.assign(measured, await recomputesAndEndpoints());
    // The load part needs a live snapshot: a first run, or whatever imports left to do.
    else await recomputeOnce(base, "");
    log("D1 rows read per route and per view…");
    measured.rowsRead = await rowsPerView(base);
    measured.load = await loadRun(base, { ...o.load, log });
  } finally {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  try {
    measured.database = databaseSize();
  } catch (e) {
    measured.database = { error: (e as Error).message.slice(0, 500) };
  }
  return measured;

  async function recomputesAndEndpoints() {
    log("full recompute…");
    const full = { ...(await recomputeOnce(base, "&fresh=true&full=true")), workerdRssPeakMb: workerdPeakMb() };

    log(`importing ${indicator} ${period} for every area…`);
    const [imported, importMs] = await timed(async () => {
      const res = await fetch(`${base}/api/admin/import?file=${indicator}-${period}.csv`, { method: "POST", headers: { Authorization: `Bearer ${DEV_ADMIN_TOKEN}`, "Content-Type": "text/csv" }, body: csv });
      if (res.status !== 200 && res.status !== 201) throw new Error(`import answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
      return (await res.json()) as { summary: string };
    });
    log("incremental recompute…");
    const incremental = {
      change: `${indicator} ${period}: ${imported.summary}`,
      importSeconds: +(importMs / 1000).toFixed(1),
      ...(await recomputeOnce(base, "")),
    };
    const recompute = { heapCap: process.env.BENCH_UNCAPPED ? null : HEAP_CAP, full, incremental };
    const endpoints: [string, string][] = [
      ["area card (kommune)", "/api/v1/areas/0301"],
      ["area card (grunnkrets)", "/api/v1/areas/03016101"],
      ["search 'tromso'", "/api/v1/search?q=tromso"],
      ["search 'b' (worst case prefix)", "/api/v1/search?q=b"],
      ["series (3 indicators)", "/api/v1/areas/0301/series?indicators=low_income_persistent,unemployment,immigrant_share"],
      ["compare (3 areas)", "/api/v1/compare?codes=0301,4601,5001"],
      ["children map (Oslo's bydeler)", "/api/v1/areas/0301/children?indicator=low_income_persistent"],
      ["children map (a bydel's grunnkretser)", "/api/v1/areas/030161/children?indicator=low_income_persistent"],
      ["indicators", "/api/v1/indicators"],
      ["download CSV (Oslo's bydeler, all indicators)", "/api/v1/download?childrenOf=0301"],
    ];
    const rows: { endpoint: string; status: number; rowsRead: number; children?: number; medianMs: number }[] = [];
    for (const [name, path] of endpoints) {
      const times: number[] = [];
      let status = 0, rowsRead = 0, children: number | undefined;
      for (let i = 0; i < 7; i++) {
        const [res, t] = await timed(() => fetch(base + path));
        const text = await res.text();
        status = res.status;
        rowsRead = Number(res.headers.get("X-D1-Rows-Read"));
        if (path.includes("/children")) children = (JSON.parse(text) as { children: unknown[] }).children.length;
        times.push(t);
      }
      times.sort((a, b) => a - b);
      rows.push({ endpoint: name, status, rowsRead, ...(children !== undefined ? { children } : {}), medianMs: +times[3]!.toFixed(1) });
    }
    return { recompute, endpoints: rows };
  }
}

/**
 * The national database as D1 would store it: SQLite pages in use (free pages left by pruned
 * snapshots are not counted; D1 reports the same figure) and the rows of the largest tables.
 */
export function databaseSize() {
  const q = (sql: string) => (JSON.parse(sh(bin("wrangler"), ["d1", "execute", "DB", "--local", "--persist-to", STATE, "--json", "--command", sql])) as { results: Record<string, number>[] }[])[0]!.results;
  const tables = ["observations", "area_series", "child_values", "child_geometry", "locate_tiles", "area_cards", "search_terms", "boundaries", "composite_scores", "classification_results", "segregation_results"];
  // One row of scalar subqueries: D1 caps the terms of a compound SELECT (UNION ALL).
  const counts = Object.entries(q(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(", ")}`)[0]!).map(([name, n]) => ({ name, n }));
  type Pages = { page_count: number; freelist_count: number; page_size: number };
  let pages: Pages | null = null;
  try {
    pages = { ...q("PRAGMA page_count")[0], ...q("PRAGMA freelist_count")[0], ...q("PRAGMA page_size")[0] } as Pages;
  } catch {
    // Some wrangler versions refuse PRAGMA locally; the file size below still says it.
  }
  const dir = join(STATE, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".sqlite")).map((f) => statSync(join(dir, f)).size).reduce((a, b) => Math.max(a, b), 0) : 0;
  const mb = (b: number) => +(b / 1024 / 1024).toFixed(1);
  return {
    usedMb: pages ? mb((pages.page_count - pages.freelist_count) * pages.page_size) : null,
    fileMb: mb(file),
    rows: Object.fromEntries(counts.map((r) => [r.name, r.n])),
  };
}
