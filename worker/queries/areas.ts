import { and, eq, inArray } from "drizzle-orm";
import { areaCards, areaSeries } from "../../db/schema";
import type { AreaBody, Card } from "../api/schemas";
import type { Db } from "../lib/create-app";
import { DEFAULT_RULE_SET_ID } from "../../db/rulesets";
import { unpackCard, type StoredCard } from "../stats/card-store";
import { unpackFrame, type StoredFrame } from "../stats/frame-store";
import { seriesVersion, seriesVersions, tableVersion, type Live } from "../lib/manifest";

/**
 * An area's card: its frame row plus one row per indicator, the indicators read from whichever
 * snapshot last rebuilt them (an incremental run leaves the others where they are), and the
 * live snapshot's dataset dates (from the pointer row: no read of their own).
 */
export async function areaCard(db: Db, live: Live, code: string, indicators?: string[]): Promise<AreaBody | null> {
  return (await manyAreaCards(db, live, [code], indicators))[0] ?? null;
}

/** Only the frame (area, hierarchy, composite, classification): one row, no indicator cards. */
export async function areaFrame(db: Db, live: Live, code: string): Promise<Omit<AreaBody, "cards"> | null> {
  const row = await db.select({ body: areaCards.body }).from(areaCards).where(and(eq(areaCards.snapshot, tableVersion(live, "area_cards")), eq(areaCards.code, code))).get();
  return row ? { ...unpackFrame(row.body as StoredFrame, DEFAULT_RULE_SET_ID), snapshot: live.version, dataset: live.dataset } : null;
}

/**
 * Cards of many areas in the order asked (missing codes are left out); with `indicators`, only
 * those indicators' cards are read (one row each), so a page that shows two reads two.
 */
export async function manyAreaCards(db: Db, live: Live, codes: string[], indicators?: string[]): Promise<AreaBody[]> {
  const found = new Map<string, AreaBody>();
  const versions = seriesVersions(live);
  // D1 binds at most 100 parameters per statement.
  const step = Math.max(1, 90 - versions.length - (indicators?.length ?? 0));
  for (let i = 0; i < codes.length; i += step) {
    const slice = codes.slice(i, i + step);
    const [frames, series] = await Promise.all([
      db.select({ code: areaCards.code, body: areaCards.body }).from(areaCards).where(and(eq(areaCards.snapshot, tableVersion(live, "area_cards")), inArray(areaCards.code, slice))).all(),
      live.manifest
        ? db
            .select()
            .from(areaSeries)
            .where(and(inArray(areaSeries.snapshot, versions), inArray(areaSeries.code, slice), indicators ? inArray(areaSeries.indicator, indicators) : undefined))
            .all()
        : Promise.resolve([]),
    ]);
    const cards = new Map<string, Map<string, Card>>();
    for (const r of series) {
      if (seriesVersion(live, r.indicator) !== r.snapshot) continue;
      const byIndicator = cards.get(r.code) ?? new Map<string, Card>();
      byIndicator.set(r.indicator, unpackCard(r.body as StoredCard, r.indicator));
      cards.set(r.code, byIndicator);
    }
    for (const f of frames) {
      const frame = unpackFrame(f.body as StoredFrame, DEFAULT_RULE_SET_ID);
      const own = cards.get(f.code);
      const ordered = live.manifest
        ? live.manifest.series.map(([id]) => own?.get(id)).filter((c): c is Card => !!c)
        : frame.cards.filter((c) => !indicators || indicators.includes(c.indicator));
      found.set(f.code, { ...frame, snapshot: live.version, cards: ordered, dataset: live.dataset });
    }
  }
  return codes.map((c) => found.get(c)).filter((b): b is AreaBody => !!b);
}
