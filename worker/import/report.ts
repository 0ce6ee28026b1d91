import { z } from "zod";
import type { Diff, Target } from "./diff";
import { TARGETS } from "./diff";
import { describeIssue, ISSUE_CODES, MAX_LISTED, type Issues } from "./issues";
import { FORMATS, type Format } from "./mapping";
import { STATUS_SYMBOLS } from "../../db/schema";
import type { Conflict, ConflictSide } from "./diff";

const int = z.number().int();
const countsSchema = z.object({ added: int, updated: int, unchanged: int });
type Counts = z.infer<typeof countsSchema>;

const issueSchema = z.object({
  file: z.string(),
  row: int.optional(),
  path: z.string().optional(),
  column: z.string().optional(),
  code: z.enum(ISSUE_CODES),
  message: z.string(),
  /** The one-line form: "file, row 4, column "value": non-numeric value "abc"". */
  text: z.string(),
});

const conflictSideSchema = z.object({
  sourceId: z.string().nullable(),
  priority: int,
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  status: z.enum(STATUS_SYMBOLS).nullable(),
});

/** A cell another source already held with a different value, and whose value the database keeps. */
const conflictSchema = z.object({
  area: z.string(),
  indicator: z.string(),
  period: int,
  existing: conflictSideSchema,
  incoming: conflictSideSchema,
  winner: z.enum(["existing", "incoming"]),
  /** "area indicator period: source a (priority p) says x, source b (priority q) says y; keeps …". */
  text: z.string(),
});

/** What every import answers (the route's 200 body and a rejection's `details`). */
export const importReportSchema = z.object({
  file: z.string(),
  format: z.enum(FORMATS).nullable(),
  mapping: z.string().nullable(),
  /** `applied`: rows were written; `unchanged`: the database already held every row; `rejected`: nothing was written. */
  status: z.enum(["applied", "unchanged", "rejected"]),
  /** Validated and compared only: the counts say what an import would do. */
  dryRun: z.boolean(),
  summary: z.string(),
  rows: z.object({ read: int, skipped: int, rejected: int }),
  totals: countsSchema.extend({ rejected: int }),
  tables: z.record(z.enum(TARGETS), countsSchema),
  areasTouched: z.object({ count: int, codes: z.array(z.string()) }),
  errorCount: int,
  errors: z.array(issueSchema),
  warningCount: int,
  warnings: z.array(issueSchema),
  notes: z.array(z.string()),
  /**
   * Cells where this file and another source disagree. `sources.priority` decides (higher wins;
   * on a tie the newer import); `replaced` counts cells given this file's value, `kept` cells
   * left with the other source's. At most ${MAX_LISTED} are listed; the counts are exact.
   */
  conflicts: z.object({ count: int, replaced: int, kept: int, list: z.array(conflictSchema) }),
  /** The snapshot that readers see is rebuilt by the recompute job, not by the import. */
  recompute: z.object({
    due: z.boolean(),
    result: z.object({ version: int.nullable(), state: z.string(), areasDone: int, areasTotal: int }).nullable(),
  }),
  startedAt: z.string(),
  durationMs: z.number(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

const emptyTables = () => Object.fromEntries(TARGETS.map((t) => [t, { added: 0, updated: 0, unchanged: 0 }])) as Record<Target, Counts>;

/** Codes whose data or geography this import changed (what a recompute must revisit). */
function touchedAreas(diff: Diff): string[] {
  const codes = new Set<string>();
  for (const r of [...diff.observations.added, ...diff.observations.updated]) codes.add(r.areaCode);
  for (const r of [...diff.boundaries.added, ...diff.boundaries.updated]) codes.add(r.code);
  for (const r of [...diff.areas.added, ...diff.areas.updated]) codes.add(r.code);
  for (const r of [...diff.area_changes.added, ...diff.area_changes.updated]) codes.add(r.oldCode).add(r.newCode);
  for (const r of [...diff.postcodes.added, ...diff.postcodes.updated]) codes.add(r.areaCode);
  return [...codes].sort();
}

const shown = (s: ConflictSide) => {
  const value = s.status ?? String(s.value);
  const counts = s.numerator !== null || s.denominator !== null ? ` (${s.numerator ?? "?"}/${s.denominator ?? "?"})` : "";
  return `${s.sourceId ?? "an import without a source"} (priority ${s.priority}) says ${value}${counts}`;
};

/** The one-line form of a conflict, as the CLI prints it. */
export function describeConflict(c: Conflict): string {
  const kept = c.winner === "existing" ? c.existing : c.incoming;
  const why = c.existing.priority === c.incoming.priority ? "equal priority, so the newer import wins; give the sources distinct priorities" : "higher priority";
  return `${c.area} ${c.indicator} ${c.period}: ${shown(c.existing)}, ${shown(c.incoming)}; keeps ${kept.sourceId ?? "the value without a source"} (${why})`;
}

function conflictsOf(diff: Diff | null, ok: boolean): ImportReport["conflicts"] {
  const all = diff && ok ? diff.conflicts : [];
  const replaced = all.filter((c) => c.winner === "incoming").length;
  return { count: all.length, replaced, kept: all.length - replaced, list: all.slice(0, MAX_LISTED).map((c) => ({ ...c, text: describeConflict(c) })) };
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
  const conflicts = conflictsOf(diff, issues.ok);
  const conflictNote =
    conflicts.count === 0 ? "" : `; ${conflicts.count} conflict${conflicts.count === 1 ? "" : "s"} with other sources (${conflicts.replaced} replaced, ${conflicts.kept} kept by priority)`;
  const status = !issues.ok ? "rejected" : totals.added + totals.updated === 0 ? "unchanged" : "applied";
  const summary =
    status === "rejected"
      ? `${input.file}: rejected, nothing was written (${issues.errorCount} error${issues.errorCount === 1 ? "" : "s"}; first: ${describeIssue(issues.errors[0]!)})`
      : status === "unchanged"
        ? `${input.file}: nothing changed — the database already holds all ${totals.unchanged} rows${conflictNote}`
        : `${input.file}: ${totals.added} added, ${totals.updated} updated, ${totals.unchanged} unchanged${conflictNote}; ${touched.length} area${touched.length === 1 ? "" : "s"} touched; a recompute is due`;
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
    conflicts,
    recompute: { due: status === "applied", result: null },
    startedAt: input.startedAt.toISOString(),
    durationMs: Date.now() - input.startedAt.getTime(),
  };
}
