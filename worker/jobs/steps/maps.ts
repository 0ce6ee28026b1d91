import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { areaSeries, boundaries, childGeometry, childValues, locateTiles, sources } from "../../../db/schema";
import type { Card, ChildGeometryBody, ChildValuesBody } from "../../api/schemas";
import { insertMany } from "../../lib/batch";
import { tilesOf } from "../../stats/geo";
import type { Step } from "./types";

/**
 * Choropleth rows: per parent, one row per indicator with every child's served values (read
 * from the cards just written, so suppression is exactly the cards'), and one row with the
 * children's boundaries.
 */
export const childMapsStep: Step = {
  name: "child-maps",
  async next(db, ctx, version, cursor, opts) {
    const parents: string[] = [];
    let children = 0;
    for (const area of ctx.areas) {
      if ((cursor !== null && area.code <= cursor) || area.validTo || !ctx.children.has(area.code)) continue;
      parents.push(area.code);
      children += ctx.children.get(area.code)!.length;
      if (children >= opts.chunkSize) break;
    }
    if (parents.length === 0) return null;
    const childCodes = parents.flatMap((p) => ctx.children.get(p)!.map((c) => c.code));
    const indicators = ctx.indicators.filter((i) => !ctx.only || ctx.only.has(i.id));
    const cards = new Map<string, Map<string, Card>>();
    const shapes = new Map<string, { geometry: string; sourceId: string | null }>();
    const sourceText = new Map((await db.select().from(sources).all()).map((src) => [src.id, `© ${src.publisher}, ${src.licence}`]));
    for (let i = 0; i < childCodes.length; i += 90) {
      const slice = childCodes.slice(i, i + 90);
      const rows = await db
        .select({ code: areaSeries.code, indicator: areaSeries.indicator, body: areaSeries.body })
        .from(areaSeries)
        .where(and(eq(areaSeries.snapshot, version), inArray(areaSeries.code, slice)))
        .all();
      for (const r of rows) cards.set(r.code, (cards.get(r.code) ?? new Map()).set(r.indicator, r.body as Card));
      if (ctx.only) continue; // boundaries and their credits change only in a full run
      for (const r of await db.select({ code: boundaries.code, geometry: boundaries.geometry, sourceId: boundaries.sourceId }).from(boundaries).where(inArray(boundaries.code, slice)).all()) {
        shapes.set(r.code, r);
      }
    }
    const valueRows: (typeof childValues.$inferInsert)[] = [];
    const geometryRows: (typeof childGeometry.$inferInsert)[] = [];
    for (const parent of parents) {
      const kids = ctx.children.get(parent)!;
      for (const ind of indicators) {
        const series = kids.map((k) => cards.get(k.code)?.get(ind.id)?.series ?? []);
        const periods = [...new Set(series.flat().map((p) => p.period))].sort((a, b) => a - b);
        if (periods.length === 0) continue;
        const body: ChildValuesBody = {
          indicator: ind.id,
          unit: ind.unit,
          periods,
          children: kids.map((k, i) => {
            const byPeriod = new Map(series[i]!.map((p) => [p.period, p]));
            return { ...k, values: periods.map((y) => byPeriod.get(y)?.value ?? null), statuses: periods.map((y) => byPeriod.get(y)?.status ?? (byPeriod.has(y) ? null : "..")) };
          }),
        };
        valueRows.push({ snapshot: version, code: parent, indicator: ind.id, body });
      }
      const features: ChildGeometryBody["collection"]["features"] = kids
        .filter((k) => shapes.has(k.code))
        .map((k) => ({ type: "Feature" as const, id: k.code, properties: { code: k.code, name: k.name, level: k.level }, geometry: JSON.parse(shapes.get(k.code)!.geometry) }));
      if (features.length > 0) {
        const collection = { type: "FeatureCollection" as const, features };
        const credits = [...new Set(kids.map((k) => sourceText.get(shapes.get(k.code)?.sourceId ?? "")).filter((t): t is string => !!t))];
        const body: ChildGeometryBody = { attribution: credits.length > 0 ? credits.join("; ") : null, collection };
        geometryRows.push({ snapshot: version, code: parent, body });
      }
    }
    return {
      statements: [
        ...insertMany(db, childValues, valueRows),
        ...insertMany(db, childGeometry, geometryRows),
      ],
      cursor: parents[parents.length - 1]!,
      units: 0,
    };
  },
};

/** The point-lookup grid over every stored boundary. */
export const locateTilesStep: Step = {
  name: "locate-tiles",
  async next(db, ctx, version, cursor, opts) {
    if (ctx.only) return null; // boundaries change only in a full run
    const rows = await db
      .select({ code: boundaries.code, minLon: boundaries.minLon, minLat: boundaries.minLat, maxLon: boundaries.maxLon, maxLat: boundaries.maxLat })
      .from(boundaries)
      .where(cursor === null ? undefined : gt(boundaries.code, cursor))
      .orderBy(asc(boundaries.code))
      .limit(opts.chunkSize)
      .all();
    if (rows.length === 0) return null;
    const tiles = rows.flatMap((r) => tilesOf(r).map((tile) => ({ snapshot: version, tile, code: r.code })));
    return {
      statements: insertMany(db, locateTiles, tiles),
      cursor: rows[rows.length - 1]!.code,
      units: 0,
    };
  },
};

