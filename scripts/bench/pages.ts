/**
 * The pages' main-thread work, on the built-in real dataset, as a phone's browser would do it:
 * each page loaded in Chromium (phone viewport), traced, and every main-thread task counted.
 * Lighthouse's mobile score simulates a phone four times slower than the machine it runs on; the
 * same factor here gives each task's phone-time, and the blocking time is what Lighthouse's total
 * blocking time adds up: every task after the first contentful paint, less 50 ms. Counted twice:
 * by the tasks' CPU time (the trace's thread time: other work on the machine hardly moves it, but
 * it leaves out what a task waits for, such as font look-ups in the browser process, so it is a
 * lower bound) and by their wall-clock time (what Lighthouse scales; a busy machine inflates it).
 * Lighthouse itself is in the browser suite.
 *
 *   npx tsx scripts/bench/pages.ts [http://127.0.0.1:8787]
 */
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { serveRealFigures } from "../local-stack";

const PAGES = ["/", "/omrade/0301", "/omrade/5501", "/levekar"];
const RUNS = 3;
/** Lighthouse's simulated mobile CPU: four times slower than the measuring machine. */
const SLOWDOWN = 4;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  tid: number;
  dur?: number;
  tdur?: number;
}

async function measure(base: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  const out: Record<string, { blockingCpuMs: number; blockingWallMs: number; longestTaskCpuMs: number; mainThreadCpuMs: number }> = {};
  try {
    for (const path of PAGES) {
      const runs: { blocking: number; blockingWall: number; longest: number; cpu: number }[] = [];
      for (let r = 0; r < RUNS; r++) {
        const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
        const page = await context.newPage();
        await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "loading"] });
        await page.goto(`${base}${path}`);
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(2000);
        const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
        await context.close();
        const tasks = events.filter((e) => e.name === "RunTask" && e.ph === "X" && e.tdur !== undefined);
        // The renderer's main thread: the one with the most task time.
        const perThread = new Map<number, number>();
        for (const t of tasks) perThread.set(t.tid, (perThread.get(t.tid) ?? 0) + t.tdur!);
        const main = [...perThread].sort((a, b) => b[1] - a[1])[0]![0];
        const fcp = events.find((e) => e.name === "firstContentfulPaint")?.ts ?? 0;
        const mine = tasks.filter((t) => t.tid === main);
        const phoneMs = (t: TraceEvent) => (SLOWDOWN * t.tdur!) / 1000;
        const phoneWallMs = (t: TraceEvent) => (SLOWDOWN * (t.dur ?? 0)) / 1000;
        const after = mine.filter((t) => t.ts >= fcp);
        runs.push({
          blocking: after.reduce((s, t) => s + Math.max(0, phoneMs(t) - 50), 0),
          blockingWall: after.reduce((s, t) => s + Math.max(0, phoneWallMs(t) - 50), 0),
          longest: Math.max(0, ...after.map(phoneMs)),
          cpu: mine.reduce((s, t) => s + t.tdur! / 1000, 0),
        });
      }
      const median = (f: (r: (typeof runs)[number]) => number) => Math.round(runs.map(f).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!);
      out[path] = { blockingCpuMs: median((r) => r.blocking), blockingWallMs: median((r) => r.blockingWall), longestTaskCpuMs: median((r) => r.longest), mainThreadCpuMs: median((r) => r.cpu) };
    }
  } finally {
    await browser.close();
  }
  return out;
}

if (!existsSync(CHROMIUM)) {
  console.log(JSON.stringify({ pages: { skipped: `no Chromium at ${CHROMIUM} (apt-get install -y chromium)` } }));
} else {
  const given = process.argv[2]?.replace(/\/+$/, "");
  const served = given ? null : await serveRealFigures("bench-pages");
  try {
    const pages = await measure(given ?? served!.base);
    console.log(JSON.stringify({ pages: { slowdown: SLOWDOWN, runs: RUNS, viewport: "412×823 phone", ...pages } }, null, 2));
  } finally {
    served?.stop();
  }
}
