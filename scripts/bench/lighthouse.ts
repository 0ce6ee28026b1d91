/**
 * Lighthouse's mobile performance of pages of the real figures, run after run, with what each
 * run's score is made of: first and largest contentful paint, speed index, total blocking time,
 * and the main-thread tasks that blocked longest (Lighthouse's own `long-tasks`, already scaled
 * to its simulated phone). The browser suite asserts the scores; this prints them, to compare two
 * builds on a quiet machine (the score moves with everything else the machine does).
 *
 *   npx tsx scripts/bench/lighthouse.ts [--runs 5] [--base http://127.0.0.1:8787] [path …]
 *
 * Without --base it serves the real figures itself, as `npm start` does, in a folder of its own.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import lighthouse from "lighthouse";
import { startDevtoolsChromium } from "../devtools-chromium";
import { serveRealFigures } from "../local-stack";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: "string", default: "3" }, base: { type: "string" } },
});
const PATHS = positionals.length > 0 ? positionals : ["/", "/omrade/0301", "/levekar"];
const RUNS = Number(args.runs);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface LongTask {
  url: string;
  duration: number;
  startTime: number;
}

async function measure(base: string) {
  const profile = mkdtempSync(join(tmpdir(), "lighthouse-bench-"));
  const chrome = await startDevtoolsChromium(CHROMIUM, profile);
  try {
    for (const path of PATHS) {
      for (let r = 0; r < RUNS; r++) {
        const run = await lighthouse(`${base}${path}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
        const lhr = run!.lhr;
        const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
        const tasks = ((lhr.audits["long-tasks"]?.details as { items?: LongTask[] } | undefined)?.items ?? []).slice(0, 6);
        console.log(
          `${path} run ${r + 1}: ${Math.round((lhr.categories.performance?.score ?? 0) * 100)}  FCP ${ms("first-contentful-paint")}  LCP ${ms("largest-contentful-paint")}  SI ${ms("speed-index")}  TBT ${ms("total-blocking-time")}  CLS ${(lhr.audits["cumulative-layout-shift"]?.numericValue ?? NaN).toFixed(3)}`,
        );
        console.log(`    long tasks (simulated ms @ start): ${tasks.map((t) => `${Math.round(t.duration)}@${Math.round(t.startTime)}`).join(" ")}`);
      }
    }
  } finally {
    await chrome.stop();
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
}

if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
const served = args.base ? null : await serveRealFigures("bench-lighthouse");
try {
  await measure(args.base?.replace(/\/+$/, "") ?? served!.base);
} finally {
  served?.stop();
}
