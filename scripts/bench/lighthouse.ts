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
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import lighthouse from "lighthouse";
import { buildWeb, freePort, prepareDatabase, recomputeVia, ROOT, startServer } from "../local-stack";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: "string", default: "3" }, base: { type: "string" } },
});
const PATHS = positionals.length > 0 ? positionals : ["/", "/omrade/0301", "/levekar"];
const RUNS = Number(args.runs);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function startChromium(profile: string): Promise<{ process: ChildProcess; port: number }> {
  const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"];
  const child = spawn(CHROMIUM, flags, { stdio: ["ignore", "ignore", "pipe"] });
  const port = await new Promise<number>((resolve, reject) => {
    let log = "";
    child.stderr!.on("data", (d) => {
      log += d;
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(log);
      if (match) resolve(Number(match[1]));
    });
    child.on("exit", (code) => reject(new Error(`chromium exited (${code}):\n${log}`)));
  });
  return { process: child, port };
}

interface LongTask {
  url: string;
  duration: number;
  startTime: number;
}

async function measure(base: string) {
  const profile = mkdtempSync(join(tmpdir(), "lighthouse-bench-"));
  const chrome = await startChromium(profile);
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
    const exited = new Promise((resolve) => chrome.process.once("exit", resolve));
    chrome.process.kill();
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
}

if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
let base = args.base?.replace(/\/+$/, "");
let server: ChildProcess | undefined;
mkdirSync(join(ROOT, ".wrangler"), { recursive: true });
const persistTo = base ? undefined : mkdtempSync(join(ROOT, ".wrangler", "bench-lighthouse-"));
try {
  if (persistTo) {
    if (!existsSync(join(ROOT, "web", "dist", "index.html"))) buildWeb(() => {});
    await prepareDatabase({ persistTo, dataset: "real" }, () => {});
    const port = await freePort();
    server = await startServer({ port, persistTo });
    base = `http://127.0.0.1:${port}`;
    await recomputeVia(base);
  }
  await measure(base!);
} finally {
  server?.kill("SIGTERM");
  if (persistTo) rmSync(persistTo, { recursive: true, force: true });
}
