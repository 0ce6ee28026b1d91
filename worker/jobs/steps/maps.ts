import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { areaSeries, boundaries, childGeometry, childValues, locateTiles, sources, type Area, type Level } from "../../../db/schema";
import type { AreaRef, Card, ChildGeometryBody, ChildValuesBody } from "../../api/schemas";
import { insertMany } from "../../lib/batch";
import type { Db } from "../../lib/create-app";
import type { Context } from "../context";
import { unpackCard, type StoredCard } from "../../stats/card-store";
import { packChildValues } from "../../stats/child-values-store";
import { inPeriods } from "../../stats/period";
import { roundServed } from "../../stats/precision";
import { MAX_TILES, tileCount, tilesOf } from "../../stats/geo";
import type { Step } from "./types";

/** Parents whose children the cards step has in memory: a chunk never splits a kommune. */
export const mappedWithCards = (level: Level) => level === "kommune" || level === "bydel";

/** A served value as a card's series gives it (the cards step passes the series the cards were built from). */
type Served = Pick<Card["series"][number], "period" | "value" | "status">;

/** One choropleth row per indicator: every child's served values, as the children's cards show them. */
export function childValueRows(
  version: number,
  parent: string,
  kids: readonly AreaRef[],
  indicators: Context["indicators"],
  seriesOf: (code: string, indicator: string) => readonly Served[] | undefined,
): (typeof childValues.$inferInsert)[] {
  const rows: (typeof childValues.$inferInsert)[] = [];
  for (const ind of indicators) {
    const series = kids.map((k) => seriesOf(k.code, ind.id) ?? []);
    const periods = [...new Set(series.flat().map((p) => p.period))].sort((a, b) => a - b);
    if (periods.length === 0) continue;
    const body: ChildValuesBody = {
      indicator: ind.id,
      unit: ind.unit,
      // Stored only for periods of several years: most rows are of single years.
      ...(ind.periodSpan > 1 ? { periodSpan: ind.periodSpan } : {}),
      periods,
      children: kids.map((k, i) => {
        const at = inPeriods(series[i]!, periods);
        // As the child's card serves it (kommuner and bydeler pass their unrounded series).
        return { ...k, values: at.map((p) => roundServed(p?.value ?? null, ind.unit)), statuses: at.map((p) => (p ? p.status : "..")) };
      }),
    };
    rows.push({ snapshot: version, code: parent, indicator: ind.id, body: packChildValues(body) });
  }
  return rows;
}

/**
 * Choropleth rows of Norway and the fylker (their children's cards are spread over chunks, so
 * they are read back here; kommuner and bydeler get theirs in the cards step), and for every
 * parent one row with the children's boundaries. Suppression is exactly the cards'.
 */
export const childMapsStep: Step = {
  name: "child-maps",
  async next(db, ctx, version, cursor, opts) {
    const parents: Area[] = [];
    let children = 0;
    for (const area of ctx.areas) {
      if ((cursor !== null && ctx.keyOf(area.code) <= cursor) || area.validTo || !ctx.children.has(area.code)) continue;
      // A series-only run leaves boundaries alone, so only values remain to do, at the top.
      if (ctx.only && mappedWithCards(area.level)) continue;
      parents.push(area);
      children += ctx.children.get(area.code)!.length;
      if (children >= opts.chunkSize) break;
    }
    if (parents.length === 0) return null;
    const indicators = ctx.indicators.filter((i) => !ctx.only || ctx.only.has(i.id));
    const cards = new Map<string, Map<string, Card>>();
    const top = parents.filter((p) => !mappedWithCards(p.level)).flatMap((p) => ctx.children.get(p.code)!.map((c) => c.code));
    for (let i = 0; i < top.length; i += 90) {
      const rows = await db
        .select({ code: areaSeries.code, indicator: areaSeries.indicator, body: areaSeries.body })
        .from(areaSeries)
        .where(and(eq(areaSeries.snapshot, version), inArray(areaSeries.code, top.slice(i, i + 90)), ctx.only ? inArray(areaSeries.indicator, [...ctx.only]) : undefined))
        .all();
      for (const r of rows) cards.set(r.code, (cards.get(r.code) ?? new Map()).set(r.indicator, unpackCard(r.body as StoredCard, r.indicator)));
    }
    const valueRows = parents
      .filter((p) => !mappedWithCards(p.level))
      .flatMap((p) => childValueRows(version, p.code, ctx.children.get(p.code)!, indicators, (code, id) => cards.get(code)?.get(id)?.series));
    const geometryRows = ctx.only ? [] : await geometryOf(db, ctx, version, parents);
    return {
      statements: [...insertMany(db, childValues, valueRows), ...insertMany(db, childGeometry, geometryRows)],
      // A tree key, as the areas are in tree order (see Context.keyOf).
      cursor: ctx.keyOf(parents[parents.length - 1]!.code),
      units: 0,
    };
  },
};

/** Per parent, its children's simplified boundaries as one FeatureCollection with their credits. */
async function geometryOf(db: Db, ctx: Context, version: number, parents: Area[]) {
  const codes = parents.flatMap((p) => ctx.children.get(p.code)!.map((c) => c.code));
  const shapes = new Map<string, { geometry: string; sourceId: string | null }>();
  for (let i = 0; i < codes.length; i += 90) {
    for (const r of await db.select({ code: boundaries.code, geometry: boundaries.geometry, sourceId: boundaries.sourceId }).from(boundaries).where(inArray(boundaries.code, codes.slice(i, i + 90))).all()) {
      shapes.set(r.code, r);
    }
  }
  if (shapes.size === 0) return [];
  const sourceText = new Map((await db.select().from(sources).all()).map((src) => [src.id, `© ${src.publisher}, ${src.licence}`]));
  const rows: (typeof childGeometry.$inferInsert)[] = [];
  for (const parent of parents) {
    const kids = ctx.children.get(parent.code)!;
    const features: ChildGeometryBody["collection"]["features"] = kids
      .filter((k) => shapes.has(k.code))
      .map((k) => ({ type: "Feature" as const, id: k.code, properties: { code: k.code, name: k.name, level: k.level }, geometry: JSON.parse(shapes.get(k.code)!.geometry) }));
    if (features.length === 0) continue;
    const credits = [...new Set(kids.map((k) => sourceText.get(shapes.get(k.code)?.sourceId ?? "")).filter((t): t is string => !!t))];
    rows.push({ snapshot: version, code: parent.code, body: { attribution: credits.length > 0 ? credits.join("; ") : null, collection: { type: "FeatureCollection" as const, features } } });
  }
  return rows;
}

/** The point-lookup grid over every stored boundary. */
export const locateTilesStep: Step = {
  name: "locate-tiles",
  async next(db, ctx, version, cursor, opts) {
    if (ctx.only) return null; // boundaries change only in a full run
    const rows = await db
      .select({ code: boundaries.code, level: boundaries.level, minLon: boundaries.minLon, minLat: boundaries.minLat, maxLon: boundaries.maxLon, maxLat: boundaries.maxLat })
      .from(boundaries)
      .where(cursor === null ? undefined : gt(boundaries.code, cursor))
      .orderBy(asc(boundaries.code))
      .limit(opts.chunkSize)
      .all();
    if (rows.length === 0) return null;
    // A boundary stored before the import checked its size could cover millions of cells: it is
    // left out of the index (locate does not find it) rather than let it swamp the snapshot.
    const indexed = rows.filter((r) => {
      const ok = tileCount(r) <= MAX_TILES[r.level];
      if (!ok) console.warn(`locate-tiles: boundary ${r.code} (${r.level}) covers ${tileCount(r)} grid cells, more than ${MAX_TILES[r.level]}; left out of the locate index`);
      return ok;
    });
    const tiles = indexed.flatMap((r) => tilesOf(r).map((tile) => ({ snapshot: version, tile, code: r.code })));
    return {
      statements: insertMany(db, locateTiles, tiles),
      cursor: rows[rows.length - 1]!.code,
      units: 0,
    };
  },
};

