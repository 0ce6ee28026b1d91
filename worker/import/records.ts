import { ImportFailure, pathKey } from "./issues";
import type { Table } from "./table";

/**
 * JSON records as a table: an array of objects, or an object keyed by area code whose values
 * are objects (the key becomes the column `keyColumn`).
 */
export function recordsTable(json: unknown, file: string, keyColumn: string): Table {
  const entries: [string, unknown][] = Array.isArray(json)
    ? json.map((v, i) => [pathKey(i), v])
    : json && typeof json === "object"
      ? Object.entries(json).map(([k, v]) => [pathKey(k), v])
      : [];
  if (entries.length === 0) throw new ImportFailure({ file, path: "$" }, "unreadable", "expected an array of objects or an object of objects");
  const keys = Array.isArray(json) ? null : Object.keys(json as object);
  const columns = new Set<string>();
  const rows = entries.map(([segment, value], i) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      throw new ImportFailure({ file, path: `$${segment}` }, "unreadable", "expected an object");
    }
    const record = value as Record<string, unknown>;
    Object.keys(record).forEach((k) => columns.add(k));
    const key = keys?.[i];
    return { at: { file, path: `$${segment}` }, get: (column: string) => (key !== undefined && column === keyColumn ? key : record[column]) };
  });
  return { columns: [...(keys ? [keyColumn] : []), ...columns], rows };
}
