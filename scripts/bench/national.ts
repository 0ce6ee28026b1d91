/**
 * National-scale benchmark: 15 fylker, 357 kommuner, ~14,000 grunnkretser, 30 indicators,
 * 15 years of synthetic data in a local D1 of its own (.wrangler/bench/state), served by
 * `wrangler dev` with D1 rows-read measuring switched on.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEV_ADMIN_TOKEN, ROOT, startServer } from "../local-stack";

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

/** Peak resident memory of the newest workerd process, from /proc (Linux). */
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
    vars: { ALLOW_DEV_ADMIN_TOKEN: "false" },
  };
  const file = join(DIR, "wrangler.bench.json");
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export async function benchNational(port: number, log: (s: string) => void) {
  prepareNational(log);
  const server = await startServer({ port, persistTo: STATE, vars: { MEASURE_ROWS_READ: "true" }, config: frozenConfig() });
  const base = `http://127.0.0.1:${port}`;
  try {
    log("full recompute…");
    let calls = 0;
    const [result, ms] = await timed(async () => {
      let body: { state: string; areasDone: number; areasTotal: number; version: number } | null = null;
      let query = "?fresh=true&budgetMs=60000";
      for (;;) {
        calls++;
        const res = await fetch(`${base}/api/admin/recompute${query}`, { method: "POST", headers: { Authorization: `Bearer ${DEV_ADMIN_TOKEN}` } });
        body = (await res.json()) as typeof body;
        if (res.status === 200) return body!;
        if (res.status !== 202) throw new Error(`recompute answered ${res.status}: ${JSON.stringify(body)}`);
        query = "?budgetMs=60000";
      }
    });
    const recompute = { areas: result.areasDone, seconds: +(ms / 1000).toFixed(1), invocations: calls, workerdPeakMb: workerdPeakMb() };

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
  } finally {
    server.kill("SIGTERM");
  }
}
