import type { NewArea } from "../../db/schema";
import { LEVEL_DIGITS, normaliseCode, parentOf } from "./codes";
import { valuesFrom, type ImportContext } from "./context";
import { ImportFailure, pathKey, type Location } from "./issues";
import type { KlassMapping } from "./mapping";
import type { Plan } from "./plan";
import type { Table } from "./table";

/**
 * SSB Klass change tables (`GET /classifications/131/changes`, JSON or its CSV export):
 * one row per old code → new code at a date. Merges (several old → one new), splits (one old →
 * several new), renumberings and pure renames (same code, new name) become area_changes rows
 * and area rows: retired codes get valid_to, new codes are created, renamed codes renamed.
 */

const COLUMNS = ["oldCode", "oldName", "newCode", "newName", "changeOccurred"] as const;
type Change = Record<(typeof COLUMNS)[number], string> & { at: Location };

/** The Klass API's JSON (`{codeChanges: [...]}`) as rows. */
export function klassJsonTable(json: unknown, file: string): Table {
  const list = (json as { codeChanges?: unknown } | null)?.codeChanges;
  if (!Array.isArray(list)) throw new ImportFailure({ file, path: "$.codeChanges" }, "unreadable", "expected a Klass changes response with a codeChanges array");
  return {
    columns: [...COLUMNS],
    rows: list.map((r, i) => ({ at: { file, path: `$.codeChanges${pathKey(i)}` }, get: (c: string) => (r as Record<string, unknown>)?.[c] })),
  };
}

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export async function klassToPlan(table: Table, mapping: KlassMapping, plan: Plan, ctx: ImportContext) {
  const { file, issues } = plan;
  const missing = COLUMNS.filter((c) => !table.columns.some((t) => t.toLowerCase() === c.toLowerCase()));
  if (missing.length) throw new ImportFailure({ file, row: 1 }, "missing_column", `missing column(s) ${missing.join(", ")} (a Klass changes table has ${COLUMNS.join(", ")})`);
  const digits = LEVEL_DIGITS[mapping.level];

  const changes: Change[] = [];
  for (const row of table.rows) {
    plan.rowsRead++;
    const c = { ...Object.fromEntries(COLUMNS.map((k) => [k, String(row.get(k) ?? "").trim()])), at: row.at } as Change;
    let ok = true;
    for (const k of ["oldCode", "newCode"] as const) {
      const code = normaliseCode(c[k]);
      if (!("code" in code) || code.code.length !== digits || !/^\d+$/.test(code.code)) {
        issues.error({ ...row.at, column: k }, "invalid_area_code", `"${c[k]}" is not a ${mapping.level} code (${digits} digits)`);
        ok = false;
      } else c[k] = code.code;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(c.changeOccurred) || Number.isNaN(Date.parse(c.changeOccurred))) {
      issues.error({ ...row.at, column: "changeOccurred" }, "invalid_period", `"${c.changeOccurred}" is not a date YYYY-MM-DD`);
      ok = false;
    }
    if (ok) changes.push(c);
  }
  if (!issues.ok) return;
  changes.sort((a, b) => a.changeOccurred.localeCompare(b.changeOccurred));

  // The areas as they stand after each date, starting from what the database holds.
  const state = new Map<string, NewArea & { at: Location }>();
  const ensure = (code: string, name: string, validFrom: string, at: Location) => {
    let area = state.get(code);
    if (!area) {
      const known = ctx.areas.get(code);
      area = known ? { ...known, at } : { code, level: mapping.level, parentCode: parentOf(code, mapping.parent, () => null), nameNb: name, validFrom, validTo: null, at };
      state.set(code, area);
    }
    return area;
  };
  const dates = [...new Set(changes.map((c) => c.changeOccurred))];
  const renamed: string[] = [];
  for (const date of dates) {
    const group = changes.filter((c) => c.changeOccurred === date);
    const continuing = new Set(group.map((c) => c.newCode));
    for (const c of group) ensure(c.oldCode, c.oldName, mapping.coverageFrom, c.at);
    for (const c of group) if (!continuing.has(c.oldCode)) state.get(c.oldCode)!.validTo = dayBefore(date);
    for (const c of group) {
      const area = ensure(c.newCode, c.newName, date, c.at);
      area.validTo = null;
      if (c.oldCode === c.newCode && c.oldName !== c.newName) renamed.push(`${c.newCode} ${c.oldName} → ${c.newName} (${date})`);
      if (c.newName) area.nameNb = c.newName;
    }
  }
  for (const { at, ...row } of state.values()) plan.areas.push({ mode: "upsert", at, row });
  if (renamed.length) plan.notes.push(`renames in the table: ${renamed.join("; ")}`);

  await addChanges(changes, mapping, plan, ctx);
}

/** Merges and renumberings weigh 1; a split shares the old area among its successors. */
async function addChanges(changes: Change[], mapping: KlassMapping, plan: Plan, ctx: ImportContext) {
  const groups = new Map<string, Change[]>();
  // A code that stays the same (its own row, old = new) needs no change row: nothing moved away.
  for (const c of changes.filter((c) => c.oldCode !== c.newCode)) {
    const key = `${c.oldCode}@${c.changeOccurred}`;
    const group = groups.get(key) ?? [];
    if (!group.some((g) => g.newCode === c.newCode)) groups.set(key, [...group, c]);
  }
  const predecessors = new Map<string, Set<string>>();
  for (const c of changes) {
    const key = `${c.newCode}@${c.changeOccurred}`;
    predecessors.set(key, (predecessors.get(key) ?? new Set()).add(c.oldCode));
  }
  for (const group of groups.values()) {
    const { oldCode, changeOccurred: date } = group[0]!;
    const successors = group.map((c) => c.newCode);
    const weights = successors.length === 1 ? [1] : await splitWeights(oldCode, successors, date, mapping, plan, ctx, predecessors);
    group.forEach((c, i) => plan.areaChanges.push({ at: c.at, row: { oldCode, newCode: c.newCode, changedOn: date, weight: weights[i]! } }));
  }
}

async function splitWeights(oldCode: string, successors: string[], date: string, mapping: KlassMapping, plan: Plan, ctx: ImportContext, predecessors: Map<string, Set<string>>): Promise<number[]> {
  const label = `split ${oldCode} → ${successors.join(", ")} on ${date}`;
  const at = { file: plan.file };
  const given = successors.map((s) => mapping.weights?.[`${oldCode}>${s}`]);
  if (given.every((w) => w !== undefined)) {
    plan.notes.push(`${label}: weights from the mapping`);
    return given as number[];
  }
  // A successor's population measures its share of the old area only if that is all it came
  // from (a code that continues has its own row, old = new, so it counts as a predecessor).
  const pure = successors.every((s) => predecessors.get(`${s}@${date}`)?.size === 1);
  const equal = successors.map(() => 1 / successors.length);
  if (!pure) {
    plan.issues.warn(at, "estimated_weights", `${label}: equal shares (estimated) — the new areas also took in other areas, so their populations do not measure the split`);
    return equal;
  }
  const year = Number(date.slice(0, 4));
  const rows = await valuesFrom(ctx.db, mapping.weightIndicator, successors, year);
  const periods = [...new Set(rows.map((r) => r.period))].sort((a, b) => a - b);
  for (const period of periods) {
    const values = successors.map((s) => rows.find((r) => r.areaCode === s && r.period === period)?.value ?? null);
    const total = values.reduce<number>((n, v) => n + (v ?? 0), 0);
    if (values.every((v) => v !== null && v > 0)) {
      plan.notes.push(`${label}: weights from ${mapping.weightIndicator} ${period}`);
      return values.map((v) => v! / total);
    }
  }
  plan.issues.warn(at, "estimated_weights", `${label}: equal shares (estimated) — no ${mapping.weightIndicator} for the new areas yet; import it and re-import this file to weigh by population`);
  return equal;
}
