import type { Level } from "../../db/schema";
import { feedEntries } from "../../db/schema";
import { insertMany, runAtomically, type Statement } from "../lib/batch";
import type { Db } from "../lib/create-app";
import type { AreaFact, FeedBody, Names } from "./entries";

/** What the feeds need to know about a published edition of the list. */
export interface PublishedEdition {
  /** The edition's id or slug, unique and never reused ("norway_default-2025-bydel-1"). */
  id: string;
  /** Its page: a path on this site ("/levekar/utgaver/2025") or an absolute URL. */
  url: string;
  /** Its title in the reader's language, if it has one (otherwise "the list for 2025 under …"). */
  title?: Names | null;
  ruleSet: { id: string; version: number; name: { nb: string; nn?: string | null; en?: string | null } };
  period: number;
  level?: Level | null;
  /**
   * The areas on the edition's list, each with its kommune (code and names) where it lies in one:
   * each kommune with areas on the list gets an entry in its feed naming them.
   */
  areas: { code: string; level: Level; names: Names; kommune: { code: string; names: Names } | null }[];
}

/**
 * The feed entries of a published edition: one in the rule set's list feed and one in the feed
 * of every kommune with areas on the list. Return them into the publish route's own batch, so
 * the edition and its announcement are written together or not at all (or call
 * `appendEditionEntries`). Published at once: editions are not part of a snapshot. A repeated
 * call for the same edition id changes nothing (the entries' keys are the edition's).
 */
export function editionFeedStatements(db: Db, edition: PublishedEdition, now: Date): Statement[] {
  const at = now.toISOString();
  const ruleSet = { id: edition.ruleSet.id, version: edition.ruleSet.version, name: { nb: edition.ruleSet.name.nb, nn: edition.ruleSet.name.nn ?? null, en: edition.ruleSet.name.en ?? null } };
  const fact = (a: PublishedEdition["areas"][number]): AreaFact => ({ code: a.code, level: a.level, names: a.names, kommune: a.kommune && a.kommune.code !== a.code ? a.kommune.names : null });
  const common = { edition: { id: edition.id, url: edition.url, title: edition.title ?? null }, ruleSet, period: edition.period, level: edition.level ?? null, areaCount: edition.areas.length };
  const list: FeedBody<"edition"> = { ...common, kommune: null, areas: [] };
  const rows: (typeof feedEntries.$inferInsert)[] = [{ key: `edition/${edition.id}/list`, snapshot: null, kind: "edition", ruleSet: edition.ruleSet.id, publishedAt: at, body: list }];
  const byKommune = new Map<string, { names: Names; areas: AreaFact[] }>();
  for (const a of edition.areas) {
    if (!a.kommune) continue;
    const k = byKommune.get(a.kommune.code) ?? { names: a.kommune.names, areas: [] };
    k.areas.push(fact(a));
    byKommune.set(a.kommune.code, k);
  }
  for (const [code, k] of byKommune) {
    const body: FeedBody<"edition"> = { ...common, kommune: k.names, areas: k.areas };
    rows.push({ key: `edition/${edition.id}/kommune/${code}`, snapshot: null, kind: "edition", kommuneCode: code, publishedAt: at, body });
  }
  return insertMany(db, feedEntries, rows);
}

/** Writes an edition's feed entries on their own (see `editionFeedStatements`). */
export async function appendEditionEntries(db: Db, edition: PublishedEdition, now: Date): Promise<void> {
  await runAtomically(db, editionFeedStatements(db, edition, now));
}
