/**
 * CPU profile of a national full recompute: starts the frozen bench worker (scripts/bench/national.ts,
 * heap capped as in the bench) with a V8 inspector port, records a sampling profile of the
 * worker's isolate over the whole run, writes it as a .cpuprofile (open it in Chrome DevTools →
 * Performance, or speedscope) and prints the functions with the most self time, mapped back to
 * the sources through the bundle's source map, and the time each step took.
 *
 *   npx tsx scripts/bench/profile.ts [--out file.cpuprofile] [--top 40] [--interval 1000]
 *   npx tsx scripts/bench/profile.ts --from file.cpuprofile   (the tables of an earlier profile)
 *   npx tsx scripts/bench/profile.ts --plain   (no profiler, heap capped as in the bench: per-step
 *                                              computing and committing times, the worker's log)
 *
 * Both also print the CPU seconds workerd spent in each step (its D1 work included), read from
 * /proc and the building snapshot's step in the local D1 file (needs the sqlite3 command): on a
 * machine shared with other jobs, wall-clock seconds say more about the others than about the
 * code. PROFILE_V8_FLAGS adds V8 flags with --plain (e.g. " --trace-gc": GC pauses in the log).
 *
 * Needs the national database loaded once (`npm run bench -- --national-only` does it). D1's
 * own work runs in another isolate: it shows here as (idle) time of the worker.
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { freePort, postRecompute, startServer } from "../local-stack";
import { frozenConfig, prepareNational, STATE } from "./national";

const { values: args } = parseArgs({
  options: {
    out: { type: "string", default: join(STATE, "..", "recompute.cpuprofile") },
    top: { type: "string", default: "40" },
    interval: { type: "string", default: "1000" },
    // Only print the tables of a profile written before (no run).
    from: { type: "string" },
    // No profiler: the run as the bench makes it (heap capped), timed per step, the worker's log kept.
    plain: { type: "boolean" },
  },
});

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** A tiny CDP client over the global WebSocket (Node 22). */
async function connect(url: string) {
  // The inspector proxy (miniflare) wants a local Origin from a client that names itself.
  const ws = new WebSocket(url, { headers: { Origin: "http://127.0.0.1" } } as unknown as string[]);
  await new Promise((ok, fail) => {
    ws.addEventListener("open", ok, { once: true });
    ws.addEventListener("error", (e) => fail(new Error(`inspector WebSocket ${url}: ${(e as ErrorEvent).message ?? "failed"}`)), { once: true });
  });
  let id = 0;
  const pending = new Map<number, { ok: (r: unknown) => void; fail: (e: Error) => void }>();
  ws.addEventListener("message", (e) => {
    const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (msg.id === undefined) return;
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) p?.fail(new Error(msg.error.message));
    else p?.ok(msg.result);
  });
  return {
    send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const n = ++id;
      ws.send(JSON.stringify({ id: n, method, params }));
      return new Promise<T>((ok, fail) => pending.set(n, { ok: ok as (r: unknown) => void, fail }));
    },
    close: () => ws.close(),
  };
}

/** Self time per function (ms), located in the TypeScript sources where the source map knows. */
export function selfTimes(profile: Profile, locate: (f: CallFrame) => string = (f) => `${f.url}:${f.lineNumber + 1}`) {
  const byNode = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    byNode.set(profile.samples[i]!, (byNode.get(profile.samples[i]!) ?? 0) + dt);
  }
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = byNode.get(node.id);
    if (!us) continue;
    const f = node.callFrame;
    const key = `${f.functionName || "(anonymous)"}  ${f.url ? locate(f) : ""}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us / 1000);
  }
  return [...byFunction].sort((a, b) => b[1] - a[1]);
}

/** Prints the functions with the most self time and with the most total (self + callees) time. */
function report(profile: Profile, bundleMain: string) {
  // The bundle is not minified: esbuild heads each module with a `// path` comment, which names
  // the source of every line below it (the bundle's source map is off by wrangler's additions).
  const modules = readFileSync(bundleMain, "utf8").split("\n").flatMap((line, i) => (/^\/\/ [\w./@-]+\.[cm]?[jt]sx?$/.test(line) ? [{ line: i, path: line.slice(3).replace(/^(\.\.\/)+(main\/)?/, "") }] : []));
  const locate = (f: CallFrame) => {
    if (f.url !== "index.js" && !bundleMain.endsWith(`/${f.url}`)) return f.url;
    let lo = 0, hi = modules.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (modules[mid]!.line <= f.lineNumber) lo = mid;
      else hi = mid - 1;
    }
    return `${modules[lo]?.path ?? f.url} (bundle line ${f.lineNumber + 1})`;
  };
  const rows = selfTimes(profile, locate);
  const total = rows.reduce((s, [, ms]) => s + ms, 0);
  console.log(`\nself time, top ${args.top} of ${(total / 1000).toFixed(1)} s sampled:`);
  for (const [name, ms] of rows.slice(0, Number(args.top))) console.log(`${(ms / 1000).toFixed(2).padStart(8)} s  ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
  const total2 = totalTimes(profile, locate);
  console.log(`\ntotal time (self + callees), top ${args.top}:`);
  for (const [name, ms] of total2.slice(0, Number(args.top))) console.log(`${(ms / 1000).toFixed(2).padStart(8)} s  ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
}

/** Time per function including what it called (a recursive function's frames counted once per sample). */
export function totalTimes(profile: Profile, locate: (f: CallFrame) => string) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const keyOf = (f: CallFrame) => `${f.functionName || "(anonymous)"}  ${f.url ? locate(f) : ""}`;
  const out = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const key = keyOf(nodes.get(id)!.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      out.set(key, (out.get(key) ?? 0) + dt);
    }
  }
  return [...out].sort((a, b) => b[1] - a[1]);
}

/** CPU seconds of a process and every process under it (workerd runs under wrangler), from /proc. */
function cpuSeconds(root: number): number {
  const children = new Map<number, number[]>();
  const own = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // After "(name) ": state, ppid, …, utime (14th field), stime (15th), in clock ticks.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pid = Number(entry), ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      own.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // the process ended meanwhile
    }
  }
  let sum = 0;
  const walk = (pid: number) => {
    sum += own.get(pid) ?? 0;
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return sum;
}

/**
 * Samples workerd's CPU time twice a second and books it to the step the building snapshot
 * records (the step of the chunk committed last: a step's first chunk counts to the one before).
 */
function cpuByStep(pid: number) {
  const dir = join(STATE, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite") : undefined;
  const steps: Record<string, number> = {};
  let last = cpuSeconds(pid);
  const timer = setInterval(() => {
    let step = "?";
    try {
      if (file) {
        const sql = "select coalesce(step, 'finishing') from snapshots where state = 'building' order by version desc limit 1";
        step = execFileSync("sqlite3", ["-readonly", "-cmd", ".timeout 200", join(dir, file), sql], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || "no build";
      }
    } catch {
      // no sqlite3, or the file busy this once
    }
    const now = cpuSeconds(pid);
    steps[step] = (steps[step] ?? 0) + now - last;
    last = now;
  }, 500);
  return {
    stop() {
      clearInterval(timer);
      return `workerd CPU seconds by step: ${Object.entries(steps).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}`;
    },
  };
}

async function main() {
  if (args.from) {
    const bundleMain = (JSON.parse(readFileSync(join(STATE, "..", "wrangler.bench.json"), "utf8")) as { main: string }).main;
    report(JSON.parse(readFileSync(args.from, "utf8")) as Profile, bundleMain);
    return;
  }
  const log = (s: string) => console.error(s);
  prepareNational(log);
  const config = frozenConfig();
  const bundle = JSON.parse(readFileSync(config, "utf8")) as { main: string };
  const port = await freePort();
  const inspector = await freePort();
  const env: Record<string, string> = { X_LOCAL_OBSERVABILITY: "false" };
  // Uncapped unless asked: with the profiler attached, the capped isolate ran out of memory.
  if (process.env.PROFILE_CAPPED || args.plain) env.MINIFLARE_WORKERD_V8_FLAGS = `--max-old-space-size=96 --max-semi-space-size=8${args.plain ? (process.env.PROFILE_V8_FLAGS ?? "") : ""}`;
  const server = await startServer({ port, persistTo: STATE, config, env, args: args.plain ? [] : ["--inspector-port", String(inspector)] });
  const base = `http://127.0.0.1:${port}`;
  // What the worker logs (and why it failed, if it did), beside the profile.
  const serverLog = createWriteStream(`${args.out}.log`);
  server.stdout?.pipe(serverLog);
  server.stderr?.pipe(serverLog);
  const cpu = cpuByStep(server.pid!);
  try {
    const cdp = args.plain ? null : await attach(inspector);
    const steps: Record<string, { compute: number; write: number }> = {};
    const started = performance.now();
    for (let calls = 1; ; calls++) {
      const res = await postRecompute(base, `?budgetMs=60000${calls === 1 ? "&fresh=true&full=true" : ""}`);
      const text = await res.text();
      if (res.status !== 200 && res.status !== 202) throw new Error(`recompute answered ${res.status}: ${text.slice(0, 500)} (the worker's log: ${args.out}.log)`);
      const body = JSON.parse(text) as { timings: { step: string; computeMs: number; writeMs: number }[] };
      for (const t of body.timings) {
        const s = (steps[t.step] ??= { compute: 0, write: 0 });
        s.compute += t.computeMs;
        s.write += t.writeMs;
      }
      const these = body.timings.map((t) => `${t.step} ${(t.computeMs / 1000).toFixed(1)}+${(t.writeMs / 1000).toFixed(1)}`).join(", ");
      log(`  invocation ${calls}: ${res.status}, ${((performance.now() - started) / 1000).toFixed(1)} s (${these})`);
      if (res.status === 200) break;
    }
    console.log(`\n${cpu.stop()}`);
    console.log(`\nsteps (s, computing + committing): ${Object.entries(steps).map(([k, v]) => `${k} ${(v.compute / 1000).toFixed(1)} + ${(v.write / 1000).toFixed(1)}`).join(", ")}`);
    if (!cdp) return;
    const { profile } = await cdp.send<{ profile: Profile }>("Profiler.stop");
    cdp.close();
    writeFileSync(args.out!, JSON.stringify(profile));
    log(`profile written to ${args.out}`);
    report(profile, bundle.main);
  } finally {
    cpu.stop();
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
}

/** Connects to the worker's isolate through wrangler's inspector proxy and starts the sampling profiler. */
async function attach(inspector: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${inspector}/json`)).json()) as { webSocketDebuggerUrl: string; title?: string }[];
  const target = targets.find((t) => t.title?.includes("area-monitor")) ?? targets[0];
  if (!target) throw new Error("the inspector lists no worker");
  const cdp = await connect(target.webSocketDebuggerUrl);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: Number(args.interval) });
  await cdp.send("Profiler.start");
  return cdp;
}

await main();
