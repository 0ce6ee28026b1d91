import { and, desc, eq, isNotNull, max } from "drizzle-orm";
import { feedEntries } from "../../db/schema";
import type { Db } from "../lib/create-app";
import { BODY_SCHEMAS, type FeedEntry } from "../feeds/entries";
import type { FeedScope } from "../feeds/render";

/**
 * A feed's newest published entries, newest first: one index range (area, kommune or rule set,
 * then id), so a feed reads about as many rows as it shows. An entry whose body no longer parses
 * (written by a later version, say) is left out rather than failing the feed.
 */
export async function feedEntriesOf(db: Db, scope: FeedScope, limit: number): Promise<FeedEntry[]> {
  const where =
    scope.kind === "area" ? eq(feedEntries.areaCode, scope.code) : scope.kind === "kommune" ? eq(feedEntries.kommuneCode, scope.code) : eq(feedEntries.ruleSet, scope.ruleSet);
  const rows = await db
    .select({ id: feedEntries.id, key: feedEntries.key, kind: feedEntries.kind, publishedAt: feedEntries.publishedAt, body: feedEntries.body })
    .from(feedEntries)
    .where(and(where, isNotNull(feedEntries.publishedAt)))
    .orderBy(desc(feedEntries.id))
    .limit(limit)
    .all();
  const out: FeedEntry[] = [];
  for (const r of rows) {
    const body = BODY_SCHEMAS[r.kind].safeParse(r.body);
    if (body.success) out.push({ id: r.id, key: r.key, kind: r.kind, publishedAt: r.publishedAt!, body: body.data } as FeedEntry);
  }
  return out;
}

/** The newest entry's id (one row: the end of the primary key), which changes whenever any feed gains an entry. */
export async function newestFeedEntry(db: Db): Promise<number> {
  const row = await db.select({ id: max(feedEntries.id) }).from(feedEntries).get();
  return row?.id ?? 0;
}
