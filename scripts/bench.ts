/**
 * `npm run bench`: prints the figures the issues set targets for. Sections run in order;
 * `--quick` skips the national-scale dataset (which takes minutes the first time).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { benchNational } from "./bench/national";
import { buildWeb, freePort, ROOT } from "./local-stack";

const quick = process.argv.includes("--quick");
const log = (s: string) => console.error(`  · ${s}`);

function webBudget() {
  buildWeb(() => {});
  const dist = join(ROOT, "web", "dist");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  // What the home page loads before any interaction: its entry module and modulepreloads.
  const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gz = (f: string) => gzipSync(readFileSync(join(dist, f))).length;
  const all = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js"));
  return {
    homeInitialJsGzipKb: +(initial.reduce((s, f) => s + gz(f), 0) / 1024).toFixed(1),
    budgetKb: 50,
    chunks: Object.fromEntries(all.map((f) => [f, +(gz(join("assets", f)) / 1024).toFixed(1)])),
  };
}

const report: Record<string, unknown> = {};
console.error("web bundle…");
report.web = webBudget();
console.log(JSON.stringify({ web: report.web }, null, 2));

for (const file of readdirSync(join(ROOT, "scripts", "bench")).filter((f) => f.endsWith(".ts") && f !== "national.ts").sort()) {
  console.error(`${file}…`);
  const r = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [join("scripts", "bench", file)], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  console.log(r.stdout.trim());
}

if (!quick) {
  console.error("national scale…");
  console.log(JSON.stringify({ national: await benchNational(await freePort(), log) }, null, 2));
}
