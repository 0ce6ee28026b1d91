import type { Location } from "./issues";

/** Rows of named cells, whether they came from a CSV file or from JSON records. */
export interface TableRow {
  at: Location;
  get(column: string): unknown;
}

export interface Table {
  columns: string[];
  /** Iterated once; an unpivoted cross table makes its rows as they are read. */
  rows: Iterable<TableRow>;
}

/** Looks columns up as users type them: case and surrounding spaces do not matter. */
export function columnIndex(columns: string[]) {
  const index = new Map(columns.map((c, i) => [c.trim().toLowerCase(), i]));
  return (name: string) => index.get(name.trim().toLowerCase());
}
