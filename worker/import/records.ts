import { ImportFailure, pathKey } from "./issues";
import type { Table, TableRow } from "./table";

/**
 * JSON records as a table: an array of objects, or an object keyed by area code whose values
 * are objects (the key becomes the column `keyColumn`). With `explode`, a property holding an
 * array of objects gives one row per element, the element's fields as `<property>.<field>`
 * (a kommune with its list of postcodes becomes one row per postcode).
 */
export function recordsTable(json: unknown, file: string, keyColumn: string, explode?: string): Table {
  const entries: [string, unknown][] = Array.isArray(json)
    ? json.map((v, i) => [pathKey(i), v])
    : json && typeof json === "object"
      ? Object.entries(json).map(([k, v]) => [pathKey(k), v])
      : [];
  if (entries.length === 0) throw new ImportFailure({ file, path: "$" }, "unreadable", "expected an array of objects or an object of objects");
  const keys = Array.isArray(json) ? null : Object.keys(json as object);
  const columns = new Set<string>();
  const rows: TableRow[] = [];
  entries.forEach(([segment, value], i) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      throw new ImportFailure({ file, path: `$${segment}` }, "unreadable", "expected an object");
    }
    const record = value as Record<string, unknown>;
    Object.keys(record).forEach((k) => columns.add(k));
    const key = keys?.[i];
    const get = (column: string) => (key !== undefined && column === keyColumn ? key : record[column]);
    if (!explode) {
      rows.push({ at: { file, path: `$${segment}` }, get });
      return;
    }
    const list = record[explode] ?? [];
    if (!Array.isArray(list)) throw new ImportFailure({ file, path: `$${segment}${pathKey(explode)}` }, "unreadable", `expected "${explode}" to be an array of objects`);
    list.forEach((element, j) => {
      const path = `$${segment}${pathKey(explode)}${pathKey(j)}`;
      if (!element || typeof element !== "object" || Array.isArray(element)) throw new ImportFailure({ file, path }, "unreadable", "expected an object");
      const own = element as Record<string, unknown>;
      Object.keys(own).forEach((k) => columns.add(`${explode}.${k}`));
      rows.push({ at: { file, path }, get: (column) => (column.startsWith(`${explode}.`) ? own[column.slice(explode.length + 1)] : get(column)) });
    });
  });
  return { columns: [...(keys ? [keyColumn] : []), ...columns], rows };
}
