/**
 * The load part of `npm run bench`: autocannon against a running local server (wrangler dev on
 * the national dataset), route by route, and the D1 rows each route reads (X-D1-Rows-Read, set
 * when the server runs with MEASURE_ROWS_READ). Latencies are each response's own time (ms,
 * fractional), so a static asset's sub-millisecond p50 still gives usable ratios.
 */
import autocannon from "autocannon";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../local-stack";

const INDICATOR = "low_income_persistent";
const EMBED_INDICATORS = "low_income_persistent,unemployment,population";

/** Several paths per route, cycled by each connection, so no single row stays hot in every cache. */
export function loadRoutes(): { route: string; paths: string[] }[] {
  return [
    { route: "area", paths: ["/api/v1/areas/0301", "/api/v1/areas/4601", "/api/v1/areas/03016101", "/api/v1/areas/5001", "/api/v1/areas/46"] },
    { route: "search", paths: ["/api/v1/search?q=tromso", "/api/v1/search?q=berg", "/api/v1/search?q=oslo", "/api/v1/search?q=b"] },
    { route: "children", paths: [`/api/v1/areas/0301/children?indicator=${INDICATOR}`, `/api/v1/areas/030161/children?indicator=${INDICATOR}`, `/api/v1/areas/46/children?indicator=${INDICATOR}`] },
    { route: "embed", paths: [`/embed/0301?indicators=${EMBED_INDICATORS}`, `/embed/4601?indicators=${EMBED_INDICATORS}`, `/embed/03016101?indicators=${EMBED_INDICATORS}`] },
    { route: "static", paths: [staticAsset()] },
  ];
}

/** The home page's entry script from the web build: a file Workers Assets serves without the worker. */
function staticAsset(): string {
  const html = readFileSync(join(ROOT, "web", "dist", "index.html"), "utf8");
  const src = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error("web/dist/index.html names no /assets/*.js entry script; build the web app first");
  return src;
}

/**
 * The worker requests one view makes, for the cost estimate in docs/hosting.md: an area page
 * (its HTML goes through the worker for the oEmbed link, then card, indicator list and child
 * map; scripts and styles are static assets), a search (one call per settled query) and an
 * embedded card (embed.js is cached by the browser after the first view).
 */
export const VIEWS: Record<string, string[]> = {
  "area page (kommune)": ["/omrade/0301", "/api/v1/areas/0301", "/api/v1/indicators", `/api/v1/areas/0301/children?indicator=${INDICATOR}`],
  "area page (grunnkrets)": ["/omrade/03016101", "/api/v1/areas/03016101", "/api/v1/indicators"],
  search: ["/api/v1/search?q=tromso"],
  "embed view": [`/embed/0301?indicators=${EMBED_INDICATORS}`],
};

async function rowsRead(base: string, path: string) {
  const res = await fetch(base + path);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  const header = res.headers.get("X-D1-Rows-Read");
  return { path, status: res.status, rowsRead: header === null ? null : Number(header) };
}

/** Rows read by each route's paths and by each kind of view (the sum of its worker requests). */
export async function rowsPerView(base: string) {
  const routes = [];
  for (const { route, paths } of loadRoutes()) for (const p of paths) routes.push({ route, ...(await rowsRead(base, p)) });
  const views: Record<string, { workerRequests: number; rowsRead: number }> = {};
  for (const [view, paths] of Object.entries(VIEWS)) {
    let rows = 0;
    for (const p of paths) rows += (await rowsRead(base, p)).rowsRead ?? 0;
    views[view] = { workerRequests: paths.length, rowsRead: rows };
  }
  return { routes, views };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (x: number) => +x.toFixed(2);

export interface LoadOptions {
  /** Requests for the whole run, split evenly over the routes. */
  requests: number;
  connections: number;
  log: (s: string) => void;
}

/** One autocannon run per route (its share of the requests, all connections), then the totals. */
export async function loadRun(base: string, o: LoadOptions) {
  const routes = loadRoutes();
  const perRoute = Math.ceil(o.requests / routes.length);
  const all: number[] = [];
  const rows = [];
  let seconds = 0;
  for (const { route, paths } of routes) {
    o.log(`load: ${route}, ${perRoute} requests at ${o.connections} connections…`);
    const times: number[] = [];
    const started = performance.now();
    const run = autocannon({ url: base, connections: o.connections, amount: perRoute, timeout: 30, requests: paths.map((path) => ({ method: "GET", path })) });
    run.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
    const r = await run;
    const elapsed = (performance.now() - started) / 1000;
    seconds += elapsed;
    times.sort((a, b) => a - b);
    all.push(...times);
    rows.push({
      route,
      paths,
      requests: times.length,
      reqPerSec: +(times.length / elapsed).toFixed(0),
      p50Ms: ms(percentile(times, 50)),
      p99Ms: ms(percentile(times, 99)),
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
    });
  }
  const staticP50 = rows.find((r) => r.route === "static")!.p50Ms;
  all.sort((a, b) => a - b);
  return {
    requests: all.length,
    connections: o.connections,
    requestsPerRoute: perRoute,
    reqPerSec: +(all.length / seconds).toFixed(0),
    p50Ms: ms(percentile(all, 50)),
    p99Ms: ms(percentile(all, 99)),
    errors: rows.reduce((s, r) => s + r.errors, 0),
    non2xx: rows.reduce((s, r) => s + r.non2xx, 0),
    routes: rows.map((r) => ({ ...r, p50VsStatic: +(r.p50Ms / Math.max(staticP50, 0.01)).toFixed(1) })),
  };
}
