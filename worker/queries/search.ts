import { and, asc, eq, gte, lt } from "drizzle-orm";
import { LEVELS, searchTerms, type Level } from "../../db/schema";
import type { SearchResponse } from "../api/schemas";
import type { Db } from "../lib/create-app";
import { tableVersion, type Live } from "../lib/manifest";
import { fold, isPostcodeQuery, POSTCODE_MARK, postcodeTerm } from "../stats/fold";

/** Term rows one search reads at most; with the snapshot pointer, 50 rows per search. */
export const SEARCH_SCAN_LIMIT = 49;

/**
 * Prefix search over the live snapshot's term table. The range scan reads at most
 * SEARCH_SCAN_LIMIT rows in term order (an exact match sorts first among its prefixes);
 * ranking happens on that small set (see `rankMatches`). A four-digit query is also looked up
 * as a postcode: one more row, read by its key.
 */
export async function searchAreas(db: Db, live: Live, query: string, page: { limit: number; offset: number }, level?: Level) {
  const q = fold(query);
  const snapshot = eq(searchTerms.snapshot, tableVersion(live, "search_terms"));
  const byLevel = level ? eq(searchTerms.level, level) : undefined;
  const [rows, postcodeRows] = await Promise.all([
    db
      .select()
      .from(searchTerms)
      .where(and(snapshot, gte(searchTerms.term, q), lt(searchTerms.term, `${q}\uffff`), byLevel))
      .orderBy(asc(searchTerms.term))
      .limit(SEARCH_SCAN_LIMIT)
      .all(),
    isPostcodeQuery(q) ? db.select().from(searchTerms).where(and(snapshot, eq(searchTerms.term, postcodeTerm(q)), byLevel)).all() : Promise.resolve([]),
  ]);
  const ranked = rankMatches([...postcodeRows, ...rows], q);
  const results: SearchResponse["results"] = ranked.slice(page.offset, page.offset + page.limit).map((row) => ({
    code: row.code,
    level: row.level,
    name: row.name,
    parentName: row.parentName,
    kommuneName: row.kommuneName,
    postcode: row.term.startsWith(POSTCODE_MARK) ? row.term.slice(POSTCODE_MARK.length) : null,
  }));
  // A full scan may have stopped short of other matches: the total is then a lower bound.
  return { snapshot: live.version, results, total: ranked.length, complete: rows.length < SEARCH_SCAN_LIMIT };
}

type TermRow = Pick<typeof searchTerms.$inferSelect, "term" | "code" | "name" | "level" | "population">;

/**
 * One row per area, best first: the kommune a postcode belongs to (a four-digit query is most
 * often a postcode), then an exact term before a prefix, a name that starts with the query
 * before one matched by another word or language; then higher levels, then larger areas (by
 * published population; hidden or unknown last), then the name.
 */
export function rankMatches<R extends TermRow>(rows: readonly R[], q: string): R[] {
  const best = new Map<string, { row: R; score: number }>();
  for (const row of rows) {
    const score = row.term === postcodeTerm(q) ? -1 : (row.term === q ? 0 : 2) + (fold(row.name).startsWith(q) ? 0 : 1);
    const seen = best.get(row.code);
    if (!seen || score < seen.score) best.set(row.code, { row, score });
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        a.score - b.score ||
        LEVELS.indexOf(a.row.level) - LEVELS.indexOf(b.row.level) ||
        (b.row.population ?? -1) - (a.row.population ?? -1) ||
        a.row.name.localeCompare(b.row.name, "nb"),
    )
    .map(({ row }) => row);
}
