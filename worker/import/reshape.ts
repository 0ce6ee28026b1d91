import { cleanCell } from "./cells";
import { ImportFailure } from "./issues";
import type { DerivedColumn, TableMapping } from "./mapping";
import { columnIndex, type Table, type TableRow } from "./table";

/**
 * Reshapes a published table into the one-observation-per-row form the mapping reads: cross
 * tables are unpivoted (one row per matching column, its named groups as new columns), then
 * computed columns are added. Publishers' layouts differ in exactly these ways, so mappings
 * describe them instead of anybody editing the files.
 */
export function reshapeTable(table: Table, mapping: Pick<TableMapping, "unpivot" | "columns">, file: string): Table & { notes: string[] } {
  const notes: string[] = [];
  let out: Table = table;
  if (mapping.unpivot) {
    const before = out.columns.length;
    out = unpivot(out, mapping.unpivot, file);
    notes.push(`unpivoted ${before - (out.columns.length - namedGroups(mapping.unpivot.pattern).length - 1)} columns into rows`);
  }
  if (mapping.columns) out = withColumns(out, mapping.columns, file);
  return { ...out, notes };
}

const namedGroups = (pattern: string) => [...pattern.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((m) => m[1]!);

function unpivot(table: Table, spec: NonNullable<TableMapping["unpivot"]>, file: string): Table {
  const re = new RegExp(spec.pattern, "u");
  const groups = namedGroups(spec.pattern);
  const wide: { column: string; fields: Record<string, string> }[] = [];
  const keep: string[] = [];
  for (const column of table.columns) {
    const m = re.exec(column);
    if (m) wide.push({ column, fields: Object.fromEntries(groups.map((g) => [g, cleanCell(m.groups?.[g] ?? "")])) });
    else keep.push(column);
  }
  if (wide.length === 0) {
    throw new ImportFailure({ file, row: 1 }, "missing_column", `no column matches the unpivot pattern ${spec.pattern} (the header has: ${table.columns.slice(0, 8).join(", ")}${table.columns.length > 8 ? ", …" : ""})`);
  }
  const columns = [...keep, ...groups, spec.into];
  // A national cross table unpivots into millions of cells: made one at a time, never held.
  function* rows(): Generator<TableRow> {
    for (const row of table.rows) {
      for (const w of wide) {
        const own: Record<string, unknown> = { ...w.fields, [spec.into]: row.get(w.column) };
        // The cell's location names its column, so an error points at the very cell.
        yield { at: { ...row.at, column: w.column }, get: (c) => (c in own ? own[c] : row.get(c)) };
      }
    }
  }
  return { columns, rows: { [Symbol.iterator]: rows } };
}

function withColumns(table: Table, specs: Record<string, DerivedColumn>, file: string): Table {
  const find = columnIndex(table.columns);
  const compiled = Object.entries(specs).map(([name, spec]) => {
    const from = [spec.from].flat();
    const missing = from.filter((c) => find(c) === undefined && !(c in specs));
    if (missing.length > 0) throw new ImportFailure({ file, row: 1, column: missing[0] }, "missing_column", `column "${missing[0]}" (for the computed column "${name}") is not in the header (it has: ${table.columns.join(", ")})`);
    const real = (c: string) => table.columns[find(c)!] ?? c;
    return { name, spec, from: from.map(real), re: spec.pattern ? new RegExp(spec.pattern, "u") : null };
  });
  function* rows(): Generator<TableRow> {
    for (const row of table.rows) {
      const computed = new Map<string, string>();
      const get = (c: string): unknown => (computed.has(c) ? computed.get(c) : row.get(c));
      for (const { name, spec, from, re } of compiled) computed.set(name, derive(spec, from.map((c) => cleanCell(String(get(c) ?? ""))), re));
      yield { at: row.at, get };
    }
  }
  return { columns: [...table.columns, ...compiled.map((c) => c.name)], rows: { [Symbol.iterator]: rows } };
}

function derive(spec: DerivedColumn, cells: string[], re: RegExp | null): string {
  const first = cells.find((c) => c !== "" && !spec.empty.includes(c));
  if (first === undefined) return spec.default ?? "";
  let value = first;
  if (re) {
    const m = re.exec(value);
    if (!m) return "";
    value = m[1] ?? m[0];
  }
  if (spec.map) return spec.map[value] ?? (spec.mapOnly ? "" : value);
  return value;
}
