import { deriveForImport, mergeIntoDiff, removalStatements } from "../jobs/derive";
import { RecomputeBusy } from "../jobs/lease";
import { recompute } from "../jobs/recompute";
import { makeDb } from "../lib/create-app";
import { loadContext, type ImportContext } from "./context";
import { parseCsv } from "./csv";
import { decodeJsonText, decodeText, EncodingError, type Encoding } from "./decode";
import { changedRows, diffPlan, type Diff } from "./diff";
import { checkParents } from "./boundary-checks";
import { geoToPlan } from "./geo";
import { ImportFailure, Issues } from "./issues";
import { jsonstatToPlan, readDataset } from "./jsonstat2";
import { klassJsonTable, klassToPlan } from "./klass";
import { defaultMapping, type Format, type Mapping } from "./mapping";
import { emptyPlan, type Plan } from "./plan";
import { recordsTable } from "./records";
import { buildReport, type ImportReport } from "./report";
import { tableToPlan } from "./tabular";
import { validatePlan } from "./validate";
import { applyDiff, type WriterLimits } from "./writer";

export interface ImportInput {
  /** Shown in every message and stored on the import run. */
  file: string;
  bytes: Uint8Array;
  format?: Format;
  mapping?: Mapping | null;
  mappingName?: string | null;
  encoding?: Encoding;
}

export interface ImportOptions {
  /**
   * When the import counts as made (`import_runs.started_at`, which dates the data the API
   * serves); the built-in dataset passes the day it was built. Durations use the real clock.
   */
  now?: Date;
  /** Rebuild the snapshot right after a successful import. */
  recompute?: boolean;
  /** Validate and report, write nothing. */
  dryRun?: boolean;
  onProgress?: (phase: "writing", done: number, total: number) => void;
  limits?: WriterLimits;
}

const extension = (file: string) => /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? "";

/** The first characters, in whatever encoding the file turns out to be in (UTF-16 too). */
function sniffHead(bytes: Uint8Array): string {
  try {
    return decodeText(bytes.subarray(0, 200)).text.replace(/^\uFEFF/, "").trimStart();
  } catch (e) {
    if (e instanceof EncodingError) return "";
    throw e;
  }
}

/** The format a file is in, from its name and first bytes, when neither flag nor mapping says. */
function detectFormat(file: string, bytes: Uint8Array, json: () => unknown): Format {
  const ext = extension(file);
  const head = sniffHead(bytes);
  if (ext === "csv" || ext === "tsv" || ext === "txt" || !/^[[{]/.test(head)) return /^"?oldCode"?[,;\t]/i.test(head) ? "klass" : "csv";
  const value = json() as Record<string, unknown> | unknown[] | null;
  if (!value || Array.isArray(value)) return "records";
  if (value.class === "dataset" || ("dimension" in value && "value" in value) || "dataset" in value) return "jsonstat2";
  if (value.type === "FeatureCollection" || value.type === "Topology" || value.type === "Feature") return "geo";
  if ("codeChanges" in value) return "klass";
  return "records";
}

async function parse(input: ImportInput, format: Format, mapping: Mapping, json: () => unknown, plan: Plan, ctx: ImportContext) {
  const { file, bytes } = input;
  switch (mapping.format) {
    case "csv": {
      const table = parseCsv(bytes, file, { delimiter: mapping.delimiter, encoding: input.encoding ?? mapping.encoding, headerRows: mapping.headerRows });
      plan.notes.push(...table.notes);
      return tableToPlan(table, mapping, plan, mapping.decimal);
    }
    case "records":
      return tableToPlan(recordsTable(json(), file, mapping.keyColumn, mapping.explode), mapping, plan);
    case "jsonstat2":
      return jsonstatToPlan(readDataset(json(), file), mapping, plan);
    case "geo":
      return geoToPlan(json(), mapping, plan);
    case "klass": {
      const table = format === "csv" || extension(file) === "csv" ? parseCsv(bytes, file, { encoding: input.encoding }) : klassJsonTable(json(), file);
      return klassToPlan(table, mapping, plan, ctx);
    }
  }
}

/**
 * Gives the event loop a turn after a long synchronous parse (a national cross table takes tens
 * of seconds). The CLI reaches the local database over a kept-alive connection that workerd
 * closes while the parse holds the loop; without a turn to notice, the next query goes out on
 * the closed socket and fails with "fetch failed". Two timer hops always have an I/O poll between them.
 */
const turnOfTheLoop = () => new Promise<void>((resolve) => setTimeout(() => setTimeout(resolve, 0), 0));

/**
 * One import, start to end: parse, validate every row, compare with the database, then write
 * everything in one transaction — or nothing, with a report that says why. The CLI and
 * `POST /api/admin/import` both call this.
 */
export async function runImport(env: Env, input: ImportInput, options: ImportOptions = {}): Promise<ImportReport> {
  const startedAt = options.now ?? new Date();
  const clock = Date.now();
  const db = makeDb(env.DB);
  const issues = new Issues();
  let json: unknown;
  let jsonRead = false;
  const readJson = () => {
    if (!jsonRead) {
      try {
        json = JSON.parse(decodeJsonText(input.bytes));
      } catch (e) {
        throw new ImportFailure({ file: input.file }, "unreadable", `not valid JSON: ${(e as Error).message}`);
      }
      jsonRead = true;
    }
    return json;
  };

  let format: Format | null = input.format ?? input.mapping?.format ?? null;
  let plan: Plan | null = null;
  let diff: Diff | null = null;
  let ctx: ImportContext | null = null;
  try {
    format ??= detectFormat(input.file, input.bytes, readJson);
    const mapping = input.mapping ?? defaultMapping(format);
    if (!mapping) throw new ImportFailure({ file: input.file }, "invalid_mapping", `a ${format} file needs a mapping (--mapping, or ?mapping= on the route): see docs/IMPORTING.md`);
    // A Klass table may come as its CSV export; every other mapping reads its own format.
    const compatible = mapping.format === format || (mapping.format === "klass" && format === "csv");
    if (!compatible) throw new ImportFailure({ file: input.file }, "invalid_mapping", `the mapping is for ${mapping.format} files but this file is ${format}`);
    ctx = await loadContext(db, startedAt);
    plan = emptyPlan(input.file, issues);
    if (mapping.source) plan.source = { ...mapping.source, url: mapping.source.url ?? null };
    plan.indicators = mapping.indicators;
    for (const row of mapping.areas) plan.areas.push({ mode: "upsert", at: { file: input.file }, row });
    await parse(input, format, mapping, readJson, plan, ctx);
    // Boundaries against their parents' (which may be in the database): the one check parsing cannot do alone.
    if (mapping.format === "geo") await checkParents(plan, ctx);
    validatePlan(plan, ctx, { periods: mapping.periods });
    await turnOfTheLoop();
    if (issues.ok) diff = await diffPlan(plan, ctx);
  } catch (e) {
    if (!(e instanceof ImportFailure)) throw e;
    issues.error(e.at, e.code, e.detail);
  }

  const report = buildReport({
    file: input.file,
    format,
    mapping: input.mappingName ?? null,
    issues,
    notes: plan?.notes ?? [],
    rows: { read: plan?.rowsRead ?? 0, skipped: plan?.rowsSkipped ?? 0 },
    diff,
    startedAt,
  });
  report.durationMs = Date.now() - clock;
  if (report.status !== "applied" || !diff) return report;
  if (options.dryRun) {
    report.dryRun = true;
    report.summary = `${report.summary.replace("; a recompute is due", "")} — a dry run: nothing was written`;
    report.recompute.due = false;
    return report;
  }

  // Indicators computed from this file's ones are written with it, in the same final batch.
  const derived = await deriveForImport(db, diff, ctx!);
  mergeIntoDiff(diff, derived, ctx!);
  report.notes.push(...derived.notes);
  await applyDiff(env.DB, diff, { startedAt: startedAt.toISOString(), file: input.file, format: format!, report: { ...report, errors: [], warnings: report.warnings.slice(0, 20), conflicts: { ...report.conflicts, list: report.conflicts.list.slice(0, 20) } } }, {
    limits: options.limits,
    onProgress: options.onProgress && ((done, total) => options.onProgress!("writing", done, total)),
    extra: (d1, at) => removalStatements(d1, derived.removed, at),
  });
  report.durationMs = Date.now() - clock;
  if (options.recompute && changedRows(diff) > 0) {
    try {
      const result = await recompute(env, new Date(), { fresh: true });
      report.recompute = { due: result.state !== "complete", result };
    } catch (e) {
      // The import stands; the run in progress (or the next one) picks its changes up.
      if (!(e instanceof RecomputeBusy)) throw e;
      report.notes.push(`recompute not started: ${e.message}`);
    }
  }
  return report;
}
