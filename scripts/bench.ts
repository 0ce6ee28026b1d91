/**
 * `npm run bench`: prints the figures the issues set targets for and writes them all to
 * bench/results.json. Sections run in order:
 *   --quick      skips the national-scale dataset (which takes minutes the first time), keeping
 *                its figures in bench/results.json;
 *   --load-only  only the load run on the national dataset (its live snapshot; the recomputes
 *                and other sections are skipped and their figures in bench/results.json kept);
 *   --national-only  the whole national part, keeping the web and embed figures in bench/results.json;
 *   --requests N / --connections C  the load run's size (default 10,000 requests at 50 connections).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { benchNational } from "./bench/national";
import { buildWeb, freePort, ROOT } from "./local-stack";

const { values: args } = parseArgs({
  options: { quick: { type: "boolean" }, "load-only": { type: "boolean" }, "national-only": { type: "boolean" }, requests: { type: "string", default: "10000" }, connections: { type: "string", default: "50" } },
});
const loadOnly = !!args["load-only"];
// Only the national part (recomputes, endpoints, load); the web and embed figures are kept.
const nationalOnly = !!args["national-only"];
const load = { requests: Number(args.requests), connections: Number(args.connections) };
if (!(load.requests > 0 && load.connections > 0)) throw new Error("--requests and --connections take positive numbers");
const log = (s: string) => console.error(`  · ${s}`);
const RESULTS = join(ROOT, "bench", "results.json");
const JSON_BENCHES = ["embed.ts", "segregation.ts", "pages.ts"];

function webBudget() {
  buildWeb(() => {});
  const dist = join(ROOT, "web", "dist");
  // What the home page loads before any interaction: its entry module and modulepreloads, not
  // the area page's, which index.html lists inert in a <template> that only /omrade/* unwraps.
  const html = readFileSync(join(dist, "index.html"), "utf8").replace(/<template[^]*?<\/template>/g, "");
  const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gz = (f: string) => gzipSync(readFileSync(join(dist, f))).length;
  const all = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js"));
  return {
    homeInitialJsGzipKb: +(initial.reduce((s, f) => s + gz(f), 0) / 1024).toFixed(1),
    budgetKb: 50,
    chunks: Object.fromEntries(all.map((f) => [f, +(gz(join("assets", f)) / 1024).toFixed(1)])),
  };
}

/** Every figure of this run; a partial run (--quick, --load-only, --national-only) keeps the previous run's other figures. */
const report: Record<string, unknown> = (loadOnly || nationalOnly || args.quick) && existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>) : {};
const save = () => {
  mkdirSync(join(ROOT, "bench"), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
};

if (!loadOnly && !nationalOnly) {
  console.error("web bundle…");
  report.web = webBudget();
  console.log(JSON.stringify({ web: report.web }, null, 2));

  // The sub-benchmarks that print their figures as JSON (profile.ts is a tool of its own: a whole
  // national run under the profiler, printing tables).
  for (const file of JSON_BENCHES) {
    console.error(`${file}…`);
    const r = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [join("scripts", "bench", file)], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    if (r.status !== 0) throw new Error(`scripts/bench/${file} failed (exit ${r.status})`);
    console.log(r.stdout.trim());
    Object.assign(report, JSON.parse(r.stdout) as Record<string, unknown>);
  }
} else if (!existsSync(join(ROOT, "web", "dist", "index.html"))) {
  // The load run's static asset comes from the web build.
  buildWeb(() => {});
}

if (!args.quick) {
  console.error(loadOnly ? "national scale, load run only…" : "national scale…");
  const national = await benchNational(await freePort(), log, { loadOnly, load });
  report.national = { ...((report.national as object | undefined) ?? {}), ...national };
  console.log(JSON.stringify({ national }, null, 2));
}
report.measuredAt = new Date().toISOString();
report.machine = { cpus: (await import("node:os")).cpus().length, node: process.version, note: "wrangler dev --local (workerd + local SQLite), not Cloudflare's network" };
save();
console.error(`  · all figures written to ${RESULTS}`);
