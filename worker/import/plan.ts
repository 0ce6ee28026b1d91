import type { AreaChange, boundaries, NewArea, NewIndicator, NewPostcode, observations, sources } from "../../db/schema";
import type { Issues, Location } from "./issues";

export type ObservationRow = typeof observations.$inferInsert;
export type BoundaryRow = typeof boundaries.$inferInsert;
export type SourceRow = typeof sources.$inferInsert;

export interface Located<T> {
  row: T;
  at: Location;
  /** The file's column for each field (CSV and records), so errors can point at the cell. */
  columns?: Partial<Record<"areaCode" | "value" | "numerator" | "denominator", string>>;
}

/**
 * What one file means for the database, before anything is written: every format parses into
 * this, and validation, the diff against the database and the writer work on it alone.
 */
export interface Plan {
  file: string;
  source: SourceRow | null;
  indicators: NewIndicator[];
  /**
   * `create`: add the area if the code is unknown, never touch an existing one (areas derived
   * from a file's properties). `upsert`: set these fields (mapping declarations, reforms).
   */
  areas: (Located<NewArea> & { mode: "create" | "upsert" })[];
  areaChanges: Located<AreaChange>[];
  boundaries: Located<BoundaryRow>[];
  observations: Located<ObservationRow>[];
  /** Postcodes and the kommune each belongs to (search finds the kommune by them). */
  postcodes: Located<NewPostcode>[];
  issues: Issues;
  /** Facts the user should know that are neither errors nor warnings (e.g. detected encoding). */
  notes: string[];
  rowsRead: number;
  rowsSkipped: number;
}

export function emptyPlan(file: string, issues: Issues): Plan {
  return { file, source: null, indicators: [], areas: [], areaChanges: [], boundaries: [], observations: [], postcodes: [], issues, notes: [], rowsRead: 0, rowsSkipped: 0 };
}
