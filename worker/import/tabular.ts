import type { StatusSymbol } from "../../db/schema";
import { DEFAULT_SYMBOLS, cleanCell, parsePeriod, readCell, symbolMeaning, type Symbols } from "./cells";
import { normaliseCode, parentOf } from "./codes";
import type { TableMapping } from "./mapping";
import type { ObservationRow, Plan } from "./plan";
import { reshapeTable } from "./reshape";
import { columnIndex, type Table, type TableRow } from "./table";

/** Confidential outranks missing outranks not applicable when values are added up. */
const STATUS_RANK: Record<StatusSymbol, number> = { ":": 3, "..": 2, ".": 1 };
export const strongerStatus = (a: StatusSymbol | null, b: StatusSymbol | null) =>
  !a ? b : !b ? a : STATUS_RANK[a] >= STATUS_RANK[b] ? a : b;

const addNullable = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : a + b);

/** Applies a CSV/records mapping to a table's rows, filling the plan's observations and areas. */
export function tableToPlan(published: Table, mapping: TableMapping, plan: Plan, decimal?: "," | ".") {
  const { issues, file } = plan;
  const symbols: Symbols = { ...DEFAULT_SYMBOLS, ...mapping.symbols };
  const table = reshapeTable(published, mapping, file);
  plan.notes.push(...table.notes);
  const find = columnIndex(table.columns);
  const resolved = new Map<string, string>();
  const need = (column: string | undefined, optional = false) => {
    if (!column) return;
    const i = find(column);
    if (i !== undefined) resolved.set(column, table.columns[i]!);
    else if (!optional) issues.error({ file, row: 1, column }, "missing_column", `column "${column}" is not in the header (it has: ${table.columns.join(", ")})`);
  };
  need(mapping.area.column);
  if (mapping.period && "column" in mapping.period) need(mapping.period.column);
  const filters = [mapping.where, mapping.match, mapping.skip, ...mapping.measures.flatMap((m) => [m.where, m.match])];
  for (const filter of filters) for (const column of Object.keys(filter ?? {})) need(column);
  for (const m of mapping.measures) {
    need(m.indicatorColumn);
    for (const c of [m.value, m.numerator, m.denominator, m.status]) need(c, !!c && mapping.optionalColumns.includes(c));
  }
  const names = mapping.createAreas ? [mapping.createAreas.name].flat() : [];
  names.forEach((c) => need(c));
  if (mapping.createAreas?.parent && "column" in mapping.createAreas.parent) need(mapping.createAreas.parent.column);
  need(mapping.postcode?.column);
  need(mapping.postcode?.place);
  if (!issues.ok) return;
  if (!mapping.period && mapping.measures.length > 0) {
    issues.error({ file }, "invalid_mapping", "the mapping gives no period (a column or a fixed value)");
    return;
  }

  const cell = (row: TableRow, column: string | undefined) => (column && resolved.has(column) ? row.get(resolved.get(column)!) : undefined);
  const text = (row: TableRow, column: string | undefined) => cleanCell(String(cell(row, column) ?? ""));
  const summed = new Map<string, Plan["observations"][number]>();
  const excluded = new Set<string>();
  const created = new Set<string>();
  const compile = (m: Record<string, string> | undefined) => Object.entries(m ?? {}).map(([column, re]) => [column, new RegExp(re, "u")] as const);
  const match = compile(mapping.match);
  const skip = compile(mapping.skip);
  const measureFilters = mapping.measures.map((m) => ({ where: m.where, match: compile(m.match) }));
  const passes = (row: TableRow, f: { where?: Record<string, string[]>; match: (readonly [string, RegExp])[] }) =>
    Object.entries(f.where ?? {}).every(([column, allowed]) => allowed.includes(text(row, column))) && f.match.every(([column, re]) => re.test(text(row, column)));

  for (const row of table.rows) {
    plan.rowsRead++;
    if (!passes(row, { where: mapping.where, match }) || skip.some(([column, re]) => re.test(text(row, column)))) {
      plan.rowsSkipped++;
      continue;
    }
    const areaAt = { ...row.at, column: mapping.area.column };
    const rawCode = text(row, mapping.area.column);
    if (rawCode === "") {
      issues.error(areaAt, "invalid_area_code", "the area code is empty");
      continue;
    }
    const code = normaliseCode(rawCode, mapping.area);
    if ("excluded" in code) {
      excluded.add(code.excluded);
      plan.rowsSkipped++;
      continue;
    }
    const areaCode = code.code;

    if (mapping.createAreas && !created.has(areaCode)) {
      created.add(areaCode);
      // Without a name the area can only be one the database already knows (validation checks).
      const name = names.map((c) => text(row, c)).find((n) => n !== "") ?? "";
      const parentCode = parentOf(areaCode, mapping.createAreas.parent, (c) => text(row, c));
      plan.areas.push({ mode: "create", at: { ...row.at, column: names[0] }, row: { code: areaCode, level: mapping.createAreas.level, parentCode, nameNb: name, validFrom: mapping.createAreas.validFrom } });
    }
    if (mapping.postcode) readPostcode(row, areaCode, mapping.postcode, text, plan);
    if (mapping.measures.length === 0) continue;

    let period: number | null;
    if (mapping.period && "value" in mapping.period) period = mapping.period.value;
    else {
      const column = (mapping.period as { column: string }).column;
      period = parsePeriod(cell(row, column));
      if (period === null) {
        issues.error({ ...row.at, column }, "invalid_period", `"${text(row, column)}" is not a year`);
        continue;
      }
    }

    for (const [i, m] of mapping.measures.entries()) {
      if (!passes(row, measureFilters[i]!)) continue;
      const indicatorId = m.indicator ?? text(row, m.indicatorColumn);
      if (indicatorId === "") {
        issues.error({ ...row.at, column: m.indicatorColumn }, "unknown_indicator", "the indicator is empty");
        continue;
      }
      const obs = readMeasure(row, m, symbols, decimal, cell, text, plan);
      if (!obs) continue;
      const observation: ObservationRow = { areaCode, indicatorId, period, sourceId: plan.source?.id ?? null, ...obs };
      const columns = { areaCode: mapping.area.column, value: m.value, numerator: m.numerator, denominator: m.denominator };
      if (!mapping.sum) {
        plan.observations.push({ row: observation, at: row.at, columns });
        continue;
      }
      const key = `${areaCode}\u0000${indicatorId}\u0000${period}`;
      const seen = summed.get(key);
      if (!seen) summed.set(key, { row: observation, at: row.at, columns });
      else {
        const status = strongerStatus(seen.row.status ?? null, observation.status ?? null);
        seen.row.status = status;
        seen.row.value = status ? null : addNullable(seen.row.value, observation.value);
        seen.row.numerator = addNullable(seen.row.numerator, observation.numerator);
        seen.row.denominator = addNullable(seen.row.denominator, observation.denominator);
      }
    }
  }
  let zeros = 0;
  for (const o of summed.values()) {
    if (mapping.zeroSumAs && o.row.status == null && o.row.value === 0) {
      zeros++;
      if (mapping.zeroSumAs === "skip") continue;
      o.row.value = null;
      o.row.status = mapping.zeroSumAs;
    }
    plan.observations.push(o);
  }
  if (zeros > 0) plan.notes.push(mapping.zeroSumAs === "skip" ? `${zeros} sums of exactly zero left out` : `${zeros} sums of exactly zero read as "${mapping.zeroSumAs}"`);
  if (excluded.size > 0) plan.notes.push(`skipped rows for excluded codes: ${[...excluded].sort().join(", ")}`);
  if (mapping.sum && summed.size > 0) plan.notes.push(`added up ${plan.rowsRead - plan.rowsSkipped} rows into ${summed.size} observations`);
}

type Measure = TableMapping["measures"][number];

/**
 * A row's postcode: Norway's are four digits, and files that stored them as numbers lost the
 * leading zeros ("150" for 0150), which are put back.
 */
function readPostcode(row: TableRow, areaCode: string, spec: NonNullable<TableMapping["postcode"]>, text: (row: TableRow, column: string | undefined) => string, plan: Plan) {
  const at = { ...row.at, column: spec.column };
  const raw = text(row, spec.column);
  if (!/^\d{1,4}$/.test(raw)) {
    plan.issues.error(at, "invalid_postcode", raw === "" ? "the postcode is empty" : `"${raw}" is not a postcode (four digits)`);
    return;
  }
  const place = spec.place ? text(row, spec.place) : "";
  plan.postcodes.push({ row: { code: raw.padStart(4, "0"), areaCode, place: place === "" ? null : place, sourceId: plan.source?.id ?? null }, at });
}

/** Value, numerator, denominator and status of one measure in one row; null after an error. */
function readMeasure(
  row: TableRow,
  m: Measure,
  symbols: Symbols,
  decimal: "," | "." | undefined,
  cell: (row: TableRow, column: string | undefined) => unknown,
  text: (row: TableRow, column: string | undefined) => string,
  plan: Plan,
): Pick<ObservationRow, "value" | "numerator" | "denominator" | "status"> | null {
  let failed = false;
  const number = (column: string | undefined) => {
    if (!column) return { value: null, status: null };
    const c = readCell(cell(row, column), symbols, decimal);
    if ("invalid" in c) {
      plan.issues.error({ ...row.at, column }, "non_numeric", `non-numeric value "${c.invalid}"`);
      failed = true;
    }
    return { value: "value" in c ? c.value : null, status: "status" in c ? c.status : null };
  };
  const value = number(m.value);
  const numerator = number(m.numerator);
  const denominator = number(m.denominator);
  let status = value.status ?? numerator.status ?? denominator.status;
  const statusText = text(row, m.status);
  if (statusText !== "") {
    const meaning = symbolMeaning(symbols, statusText);
    if (!meaning || !("status" in meaning)) {
      plan.issues.error({ ...row.at, column: m.status }, "non_numeric", `unknown status symbol "${statusText}" (use . .. or :)`);
      return null;
    }
    const symbol = meaning.status;
    if (value.value !== null) {
      plan.issues.error({ ...row.at, column: m.value }, "value_and_status", `a value (${value.value}) and the status "${statusText}" in one row: a status means there is no number`);
      return null;
    }
    status = symbol;
  }
  if (failed) return null;
  if (status) return { value: null, numerator: null, denominator: null, status };
  return { value: value.value, numerator: numerator.value, denominator: denominator.value, status: null };
}
