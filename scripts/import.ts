/// <reference path="../worker/worker-configuration.d.ts" />
/// <reference path="../worker/env.d.ts" />
/**
 * `npm run import -- <file> [--format f] [--mapping name|file.json] [--encoding e] [--recompute] [--dry-run] [--json]`
 * imports one file into the local D1 (`.wrangler/state`, the database `npm start` serves) with
 * the same functions as `POST /api/admin/import`, through wrangler's getPlatformProxy; while
 * `npm start` serves that database, through the running server's import route instead (two
 * processes writing one local D1 is how a server ends up answering 500).
 * `--remote [--url https://…]` instead sends the file to a deployed worker's import route with
 * ADMIN_TOKEN from the environment. See docs/IMPORTING.md.
 */
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { getPlatformProxy } from "wrangler";
import { bundledMapping } from "../db/mappings";
import { RecomputeBusy } from "../worker/jobs/lease";
import { recompute } from "../worker/jobs/recompute";
import type { Encoding } from "../worker/import/decode";
import { FORMATS, parseMapping, type Format, type Mapping } from "../worker/import/mapping";
import type { ImportReport } from "../worker/import/report";
import { runImport } from "../worker/import/run";
import { MAX_IMPORT_BYTES } from "../worker/import/body";
import { nextStep, type ImportTarget } from "./import-next";
import { DEV_ADMIN_TOKEN } from "./local-stack";
import { DEFAULT_STATE, localPort, refusal, runningServer } from "./server-lock";

export const ROOT = resolve(import.meta.dirname, "..");
export { DEFAULT_STATE };

/** A bundled mapping by name (db/mappings/<name>.json), or any mapping file by path. */
export function loadMapping(nameOrPath: string): { mapping: Mapping; name: string } {
  if (nameOrPath.endsWith(".json") || nameOrPath.includes("/")) {
    return { mapping: parseMapping(JSON.parse(readFileSync(nameOrPath, "utf8")), nameOrPath), name: nameOrPath };
  }
  const mapping = bundledMapping(nameOrPath);
  if (!mapping) throw new Error(`no mapping "${nameOrPath}" in db/mappings (give a name there or a path to a .json file)`);
  return { mapping, name: nameOrPath };
}

/** The local D1 that `npm start` uses (or another wrangler state folder), as a Worker `env`. */
export async function localEnv(stateDir = DEFAULT_STATE) {
  process.env.WRANGLER_SEND_METRICS = "false";
  const proxy = await getPlatformProxy<Env>({ configPath: join(ROOT, "wrangler.toml"), persist: { path: join(stateDir, "v3") }, remoteBindings: false });
  return { env: proxy.env, dispose: proxy.dispose };
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** Rows per second and percentage on one line that rewrites itself (a plain line when piped). */
export function progressPrinter(label: string) {
  const started = Date.now();
  let last = 0;
  return (_phase: string, done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - last < 250) return;
    last = now;
    const rate = done / Math.max(0.001, (now - started) / 1000);
    const line = `  ${label}: writing ${Math.round((done / Math.max(1, total)) * 100)}% (${fmt(done)}/${fmt(total)} rows, ${fmt(Math.round(rate))} rows/s)`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}${done >= total ? "\n" : ""}`);
    else if (done >= total) console.log(line);
  };
}

export function printReport(report: ImportReport, log = console.log) {
  const mark = report.status === "rejected" ? "✗" : "✓";
  log(`${mark} ${report.summary}`);
  const rate = report.rows.read / Math.max(0.001, report.durationMs / 1000);
  log(`  ${fmt(report.rows.read)} rows read (${fmt(report.rows.skipped)} skipped) in ${(report.durationMs / 1000).toFixed(1)} s, ${fmt(Math.round(rate))} rows/s`);
  if (report.status !== "rejected") {
    const changed = Object.entries(report.tables).filter(([, c]) => c.added + c.updated + c.unchanged > 0);
    for (const [table, c] of changed) log(`  ${table.padEnd(13)} ${fmt(c.added)} added, ${fmt(c.updated)} updated, ${fmt(c.unchanged)} unchanged`);
  }
  for (const e of report.errors.slice(0, 25)) log(`  error: ${e.text}`);
  if (report.errorCount > 25) log(`  … and ${report.errorCount - 25} more errors`);
  for (const w of report.warnings.slice(0, 10)) log(`  warning: ${w.text}`);
  if (report.warningCount > 10) log(`  … and ${report.warningCount - 10} more warnings`);
  for (const c of report.conflicts.list.slice(0, 10)) log(`  conflict: ${c.text}`);
  if (report.conflicts.count > 10) log(`  … and ${report.conflicts.count - 10} more conflicts (all in the report's conflicts.list, up to 200)`);
  for (const n of report.notes) log(`  note: ${n}`);
  if (report.recompute.result) log(`  recompute: snapshot v${report.recompute.result.version} ${report.recompute.result.state} (${report.recompute.result.areasDone}/${report.recompute.result.areasTotal} areas)`);
}

/**
 * Rebuilds the snapshot to the end (a local run has no time budget to respect). The local
 * proxy's connection to workerd now and then drops a large batch ("fetch failed"); every chunk
 * commits with its cursor, so the run simply resumes.
 */
export async function recomputeFully(env: Env, log: (line: string) => void = console.log) {
  // One holder for every attempt: after a dropped connection the run takes back its own lease
  // (whose release may not have arrived) instead of waiting for it to lapse.
  const holder = crypto.randomUUID();
  for (let dropped = 0, told = false; ; ) {
    try {
      const result = await recompute(env, new Date(), { holder });
      if (result.state !== "building") return result;
    } catch (e) {
      if (e instanceof RecomputeBusy) {
        // A run that crashed earlier left its lease: it lapses within LEASE_MS.
        if (!told) log(`  ${e.message}; waiting for it`);
        told = true;
        await new Promise((r) => setTimeout(r, 2000));
        continue;
      }
      if ((e as Error).message !== "fetch failed" || ++dropped > 5) throw e;
      log(`  (the connection to the local database dropped; resuming the recompute)`);
    }
  }
}

/** The worker refused the token (401/403): a server that is not `npm start`'s, or a wrong secret. */
class Denied extends Error {}

/** Sends the file to a worker's `POST /api/admin/import` (a deployed one, or the running `npm start`). */
async function importVia(file: string, args: { format?: string; mapping?: string; encoding?: string; recompute?: boolean; "dry-run"?: boolean }, base: string, token: string) {
  const params = new URLSearchParams({ file: basename(file) });
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, "Content-Length": String(statSync(file).size) };
  if (args.format) params.set("format", args.format);
  if (args.encoding) params.set("encoding", args.encoding);
  if (args.recompute) params.set("recompute", "true");
  if (args["dry-run"]) params.set("dryRun", "true");
  if (args.mapping) {
    const { mapping, name } = loadMapping(args.mapping);
    // A bundled mapping is known to the worker by name; any other travels with the request.
    if (bundledMapping(name)) params.set("mapping", name);
    else headers["X-Import-Mapping"] = Buffer.from(JSON.stringify(mapping)).toString("base64");
  }
  const res = await fetch(`${base.replace(/\/$/, "")}/api/admin/import?${params}`, {
    method: "POST",
    headers,
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: "half",
  } as RequestInit);
  const body = (await res.json()) as ImportReport | { error: { code: string; message: string; details?: ImportReport } };
  if (res.status === 401 || res.status === 403) throw new Denied(`the worker at ${base} refused the admin token (${res.status})`);
  if ("error" in body) {
    if (body.error.details) return body.error.details;
    throw new Error(`the worker answered ${res.status}: ${body.error.message}`);
  }
  return body;
}

async function main() {
  const { values: args, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: "string" },
      mapping: { type: "string" },
      encoding: { type: "string" },
      recompute: { type: "boolean" },
      "dry-run": { type: "boolean" },
      remote: { type: "boolean" },
      url: { type: "string" },
      "persist-to": { type: "string" },
      json: { type: "boolean" },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error("usage: npm run import -- <file> [--format f] [--mapping name|file.json] [--encoding utf-8|windows-1252] [--recompute] [--dry-run] [--remote --url …] [--json]");
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  if (args.format && !(FORMATS as readonly string[]).includes(args.format)) throw new Error(`--format must be one of ${FORMATS.join(", ")}`);
  if (args.encoding && !["utf-8", "windows-1252"].includes(args.encoding)) throw new Error("--encoding must be utf-8 or windows-1252");

  let report: ImportReport;
  let target: ImportTarget;
  const stateDir = args["persist-to"] ? resolve(args["persist-to"]) : DEFAULT_STATE;
  const server = args.remote ? null : await runningServer(stateDir, { probePort: stateDir === DEFAULT_STATE ? localPort() : null });
  if (args.remote) {
    const base = args.url ?? process.env.IMPORT_URL;
    const token = process.env.ADMIN_TOKEN;
    if (!base) throw new Error("--remote needs the worker's address: --url https://area-monitor.<account>.workers.dev (or IMPORT_URL)");
    if (!token) throw new Error("--remote needs ADMIN_TOKEN in the environment (the worker's secret)");
    report = await importVia(file, args, base, token);
    target = { kind: "remote", base };
  } else if (server) {
    // `npm start` owns the database: the file goes through its import route, the same functions.
    // A server found only on the port may be another checkout's: never write through that one.
    const again = `npm run import -- ${process.argv.slice(2).join(" ")}`;
    if (server.via === "port") throw new Error(refusal(again, stateDir, server));
    if (statSync(file).size > MAX_IMPORT_BYTES) throw new Error(`${refusal(again, stateDir, server)}\n(The file is over the import route's ${MAX_IMPORT_BYTES / 2 ** 20} MiB, so it cannot go through the running server.)`);
    const base = `http://localhost:${server.port}`;
    console.error(`• ${base} serves this database: importing through its admin route`);
    try {
      report = await importVia(file, args, `http://127.0.0.1:${server.port}`, DEV_ADMIN_TOKEN);
    } catch (e) {
      if (e instanceof Denied) throw new Error(`${refusal(again, stateDir, server)}\n(${e.message}: only \`npm start\` accepts the local development token.)`);
      throw e;
    }
    target = { kind: "server", base };
  } else {
    target = { kind: "local" };
    const mapping = args.mapping ? loadMapping(args.mapping) : null;
    const { env, dispose } = await localEnv(stateDir);
    try {
      report = await runImport(
        env,
        { file: basename(file), bytes: readFileSync(file), format: args.format as Format | undefined, mapping: mapping?.mapping, mappingName: mapping?.name, encoding: args.encoding as Encoding | undefined },
        { dryRun: args["dry-run"], onProgress: progressPrinter(basename(file)) },
      );
      if (args.recompute && report.status === "applied") {
        const result = await recomputeFully(env);
        report.recompute = { due: false, result };
      }
    } finally {
      await dispose();
    }
  }
  if (args.json) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
  // On stderr with --json, so the JSON stays the whole of stdout.
  (args.json ? console.error : console.log)(`\n${nextStep(report, target)}`);
  process.exitCode = report.status === "rejected" ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((e: Error) => {
    console.error(`import: ${e.message}`);
    process.exitCode = 2;
  });
}
