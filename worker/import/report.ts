import type { RecomputeResult } from "../jobs/recompute";
import type { Diff, Target } from "./diff";
import { TARGETS } from "./diff";
import { describeIssue, type Issue, type Issues } from "./issues";
import type { Format } from "./mapping";

export interface Counts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  file: string;
  format: Format | null;
  mapping: string | null;
  /** `applied`: rows were written; `unchanged`: the database already held every row; `rejected`: nothing was written. */
  status: "applied" | "unchanged" | "rejected";
  /** Validated and compared only: the counts say what an import would do. */
  dryRun: boolean;
  summary: string;
  rows: { read: number; skipped: number; rejected: number };
  totals: Counts & { rejected: number };
  tables: Record<Target, Counts>;
  areasTouched: { count: number; codes: string[] };
  errorCount: number;
  errors: (Issue & { text: string })[];
  warningCount: number;
  warnings: (Issue & { text: string })[];
  notes: string[];
  /** The snapshot that readers see is rebuilt by the recompute job, not by the import. */
  recompute: { due: boolean; result: RecomputeResult | null };
  startedAt: string;
  durationMs: number;
}

const emptyTables = () => Object.fromEntries(TARGETS.map((t) => [t, { added: 0, updated: 0, unchanged: 0 }])) as Record<Target, Counts>;

/** Codes whose data or geography this import changed (what a recompute must revisit). */
function touchedAreas(diff: Diff): string[] {
  const codes = new Set<string>();
  for (const r of [...diff.observations.added, ...diff.observations.updated]) codes.add(r.areaCode);
  for (const r of [...diff.boundaries.added, ...diff.boundaries.updated]) codes.add(r.code);
  for (const r of [...diff.areas.added, ...diff.areas.updated]) codes.add(r.code);
  for (const r of [...diff.area_changes.added, ...diff.area_changes.updated]) codes.add(r.oldCode).add(r.newCode);
  return [...codes].sort();
}

export function buildReport(input: {
  file: string;
  format: Format | null;
  mapping: string | null;
  issues: Issues;
  notes: string[];
  rows: { read: number; skipped: number };
  diff: Diff | null;
  startedAt: Date;
}): ImportReport {
  const { issues, diff } = input;
  const tables = emptyTables();
  if (diff && issues.ok) {
    for (const t of TARGETS) tables[t] = { added: diff[t].added.length, updated: diff[t].updated.length, unchanged: diff[t].unchanged };
  }
  const totals = { added: 0, updated: 0, unchanged: 0, rejected: issues.errorCount };
  for (const t of TARGETS) {
    totals.added += tables[t].added;
    totals.updated += tables[t].updated;
    totals.unchanged += tables[t].unchanged;
  }
  const touched = diff && issues.ok ? touchedAreas(diff) : [];
  const status = !issues.ok ? "rejected" : totals.added + totals.updated === 0 ? "unchanged" : "applied";
  const summary =
    status === "rejected"
      ? `${input.file}: rejected, nothing was written (${issues.errorCount} error${issues.errorCount === 1 ? "" : "s"}; first: ${describeIssue(issues.errors[0]!)})`
      : status === "unchanged"
        ? `${input.file}: nothing changed — the database already holds all ${totals.unchanged} rows`
        : `${input.file}: ${totals.added} added, ${totals.updated} updated, ${totals.unchanged} unchanged; ${touched.length} area${touched.length === 1 ? "" : "s"} touched; a recompute is due`;
  return {
    file: input.file,
    format: input.format,
    mapping: input.mapping,
    status,
    dryRun: false,
    summary,
    rows: { read: input.rows.read, skipped: input.rows.skipped, rejected: issues.errorCount },
    totals,
    tables,
    areasTouched: { count: touched.length, codes: touched.slice(0, 100) },
    errorCount: issues.errorCount,
    errors: issues.errors.map((i) => ({ ...i, text: describeIssue(i) })),
    warningCount: issues.warningCount,
    warnings: issues.warnings.map((i) => ({ ...i, text: describeIssue(i) })),
    notes: input.notes,
    recompute: { due: status === "applied", result: null },
    startedAt: input.startedAt.toISOString(),
    durationMs: Date.now() - input.startedAt.getTime(),
  };
}
