import { getTableConfig } from "drizzle-orm/sqlite-core";
import { classificationResults } from "../../../db/schema";
import type { Db } from "../../lib/create-app";
import { COVERAGE_BUCKET, type StoredCoverage } from "../../stats/coverage";

/** What one cards chunk saw of a rule set's indicators in one year. */
export interface ChunkCoverage {
  ruleSet: string;
  period: number;
  coverage: StoredCoverage;
}

/**
 * Adds a chunk's coverage to the snapshot's row for each rule set and year: a JSON merge patch
 * (`json_patch`), whose keys all map to 1, is a union, so chunks add up in any order and a
 * repeated chunk changes nothing. The row lives among the classification buckets under a name
 * no area has, with no areas counted in `sizes`, so listing the buckets never shows it.
 */
export function coverageStatements(db: Db, version: number, rows: readonly ChunkCoverage[]): D1PreparedStatement[] {
  if (rows.length === 0) return [];
  const { name } = getTableConfig(classificationResults);
  const c = classificationResults;
  const text =
    `INSERT INTO "${name}" ("${c.snapshot.name}", "${c.ruleSet.name}", "${c.period.name}", "${c.bucket.name}", "${c.sizes.name}", "${c.body.name}") ` +
    `SELECT ?, value ->> 0, value ->> 1, ?, '{}', value ->> 2 FROM json_each(?) WHERE true ` +
    `ON CONFLICT DO UPDATE SET "${c.body.name}" = json_patch("${c.body.name}", excluded."${c.body.name}")`;
  const json = JSON.stringify(rows.map((r) => [r.ruleSet, r.period, JSON.stringify(r.coverage)]));
  return [db.$client.prepare(text).bind(version, COVERAGE_BUCKET, json)];
}
