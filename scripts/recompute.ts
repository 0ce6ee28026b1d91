/**
 * `npm run recompute [-- --fresh] [--remote https://worker.example]`: runs the recompute job with
 * progress (step, areas done, rate) and a summary. Locally it starts `wrangler dev` on the same
 * D1 state `npm start` uses (migrating and seeding it first if needed); with --remote it drives a deployed worker (ADMIN_TOKEN from the
 * environment).
 */
import { DEV_ADMIN_TOKEN, freePort, prepareDatabase, startServer } from "./local-stack";

const args = process.argv.slice(2);
const fresh = args.includes("--fresh");
const remoteAt = args.indexOf("--remote");
const remote = remoteAt >= 0 ? args[remoteAt + 1] : undefined;
if (remoteAt >= 0 && !remote) throw new Error("--remote needs the worker's URL");
const token = remote ? process.env.ADMIN_TOKEN : DEV_ADMIN_TOKEN;
if (!token) throw new Error("set ADMIN_TOKEN to the deployed worker's admin token");

// Same database as `npm start`: migrated, and seeded with the demo data if it is empty.
if (!remote) prepareDatabase({}, (s) => console.error(s));
const port = await freePort();
const server = remote ? null : await startServer({ port });
const base = remote ?? `http://127.0.0.1:${port}`;

type Progress = { version: number; state: string; step: string | null; areasDone: number; areasTotal: number; statusUrl: string };
const started = Date.now();
let query = fresh ? "?fresh=true&budgetMs=10000" : "?budgetMs=10000";
let last: Progress;
try {
  for (;;) {
    const res = await fetch(`${base}/api/admin/recompute${query}`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    if (res.status !== 200 && res.status !== 202) throw new Error(`recompute answered ${res.status}: ${await res.text()}`);
    last = (await res.json()) as Progress;
    const secs = (Date.now() - started) / 1000;
    const rate = last.areasDone / Math.max(secs, 0.001);
    process.stderr.write(`\r  v${last.version} ${(last.step ?? "flip").padEnd(13)} ${String(last.areasDone).padStart(6)}/${last.areasTotal} areas  ${rate.toFixed(0)} areas/s  ${secs.toFixed(1)} s   `);
    if (res.status === 200) break;
    query = "?budgetMs=10000";
  }
  const job = (await (await fetch(`${base}${last!.statusUrl}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { createdAt: string; finishedAt: string };
  console.error("");
  console.log(JSON.stringify({ snapshot: last!.version, areas: last!.areasTotal, seconds: +((Date.now() - started) / 1000).toFixed(1), createdAt: job.createdAt, finishedAt: job.finishedAt }, null, 2));
} finally {
  server?.kill("SIGTERM");
}
