/**
 * `npm run recompute [-- --full] [--fresh] [--remote https://worker.example]`: runs the recompute
 * job with progress (step, areas done, rate) and a summary (what it rebuilt and why, time per
 * step). Without --full it rebuilds only what imports changed since the live snapshot. Locally
 * it uses the running `npm start`, or starts `wrangler dev` on the same D1 state (migrating and
 * seeding it first if needed); with --remote it drives a deployed worker (ADMIN_TOKEN from the
 * environment).
 */
import { DEV_ADMIN_TOKEN, freePort, postRecompute, prepareDatabase, startServer } from "./local-stack";
import { DEFAULT_STATE, runningServer } from "./server-lock";

const args = process.argv.slice(2);
const fresh = args.includes("--fresh");
const full = args.includes("--full");
const remoteAt = args.indexOf("--remote");
const remote = remoteAt >= 0 ? args[remoteAt + 1] : undefined;
if (remoteAt >= 0 && !remote) throw new Error("--remote needs the worker's URL");
const token = remote ? process.env.ADMIN_TOKEN : DEV_ADMIN_TOKEN;
if (!token) throw new Error("set ADMIN_TOKEN to the deployed worker's admin token");

// While `npm start` serves the local database (its lock says so), the recompute runs there: a
// second wrangler on the same database would write under the first one.
const running = remote ? null : await runningServer(DEFAULT_STATE);
// Otherwise the same database as `npm start`: migrated, and seeded with the built-in real data if it is empty.
if (!remote && !running) await prepareDatabase({}, (s) => console.error(s));
const port = running ? running.port : await freePort();
const server = remote || running ? null : await startServer({ port });
const base = remote ?? `http://127.0.0.1:${port}`;

type Progress = {
  version: number | null;
  state: string;
  plan: { mode: string; reason?: string; indicators?: string[] } | null;
  step: string | null;
  areasDone: number;
  areasTotal: number;
  statusUrl: string | null;
  timings: { step: string; computeMs: number; writeMs: number }[];
};
const started = Date.now();
let query = `?budgetMs=10000${fresh ? "&fresh=true" : ""}${full ? "&full=true" : ""}`;
let last: Progress;
const spent: Record<string, number> = {};
try {
  for (;;) {
    // A run already going (the resume cron, another terminal) is waited for, not doubled.
    const res = await postRecompute(base, query, token, (s) => console.error(`\n${s}`));
    if (res.status !== 200 && res.status !== 202) throw new Error(`recompute answered ${res.status}: ${await res.text()}`);
    last = (await res.json()) as Progress;
    for (const t of last.timings) spent[t.step] = (spent[t.step] ?? 0) + t.computeMs + t.writeMs;
    const secs = (Date.now() - started) / 1000;
    const rate = last.areasDone / Math.max(secs, 0.001);
    process.stderr.write(`\r  v${last.version} ${(last.step ?? "flip").padEnd(13)} ${String(last.areasDone).padStart(6)}/${last.areasTotal} areas  ${rate.toFixed(0)} areas/s  ${secs.toFixed(1)} s   `);
    if (res.status === 200) break;
    query = "?budgetMs=10000";
  }
  console.error("");
  if (last!.state === "idle") {
    console.log(JSON.stringify({ snapshot: last!.version, rebuilt: "nothing: no import changed anything since the live snapshot (use --full to rebuild anyway)" }, null, 2));
  } else {
    const job = (await (await fetch(`${base}${last!.statusUrl}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { createdAt: string; finishedAt: string };
    const rebuilt = last!.plan?.mode === "series" ? `the series of ${last!.plan.indicators!.join(", ")}` : `everything (${last!.plan?.reason ?? "resumed"})`;
    const seconds = Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, +(v / 1000).toFixed(1)]));
    console.log(JSON.stringify({ snapshot: last!.version, rebuilt, areas: last!.areasTotal, seconds: +((Date.now() - started) / 1000).toFixed(1), secondsPerStep: seconds, createdAt: job.createdAt, finishedAt: job.finishedAt }, null, 2));
  }
} finally {
  server?.kill("SIGTERM");
}
