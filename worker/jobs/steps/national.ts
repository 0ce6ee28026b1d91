import { and, eq, inArray } from "drizzle-orm";
import { areaSeries, boundaries, childGeometry, childValues, indicators, liveSnapshot, overviews, sources } from "../../../db/schema";
import type { AreaRef, Card, ChildGeometryBody, OverviewBody } from "../../api/schemas";
import { insertMany } from "../../lib/batch";
import type { Db } from "../../lib/create-app";
import { manifestSchema } from "../../lib/manifest";
import { simplifyTogether, type AreaGeometry } from "../../import/simplify";
import { unpackCard, type StoredCard } from "../../stats/card-store";
import { largestClearChanges, pickKeyIndicators } from "../../stats/overview";
import { periodLabel } from "../../stats/period";
import type { Context } from "../context";
import { ALL_KOMMUNER_KEY } from "../../queries/maps";
import { childValueRows } from "./maps";
import type { Step } from "./types";


/**
 * The national map is drawn about 600 px tall for 1,700 km: a vertex spanning less than 2 km²
 * is invisible there. Coarser than the kommune boundaries as stored (50,000 m²), so the map of
 * all 357 kommuner weighs about what Norway's map of fylker does.
 */
const NATIONAL_MIN_AREA = 2_000_000;
/** Three decimals of a degree (~100 m): finer than a pixel of the national map. */
const NATIONAL_DECIMALS = 3;

/**
 * The home page's data, once per snapshot: the choropleth of every kommune (values of each
 * rebuilt indicator, and in a full run their boundaries simplified for a map of the country),
 * and the overview row (key figures, new periods, largest clear changes). Reads the kommuner's
 * cards back as the cards step served them, as the child-maps step does for Norway's fylker.
 */
export const nationalStep: Step = {
  name: "national",
  async next(db, ctx, version, cursor) {
    if (cursor !== null) return null;
    const kommuner: AreaRef[] = ctx.areas
      .filter((a) => a.level === "kommune" && !a.validTo)
      .map((a) => ({ code: a.code, level: a.level, name: a.nameNb }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    const live = await liveOverview(db);
    const rebuilt = ctx.indicators.filter((i) => !ctx.only || ctx.only.has(i.id));
    const names = new Map((await db.select({ id: indicators.id, nb: indicators.nameNb, nn: indicators.nameNn, en: indicators.nameEn }).from(indicators).all()).map((r) => [r.id, { nb: r.nb, nn: r.nn, en: r.en }]));
    const newest = Object.fromEntries(ctx.indicators.flatMap((i) => ((p) => (p === undefined ? [] : [[i.id, p] as const]))(ctx.periodsOf([i.id]).at(-1))));
    const keys = pickKeyIndicators(ctx.indicators, newest);
    // The key figures not rebuilt now are read from the snapshot that holds their cards.
    const versionOf = (id: string) => (rebuilt.some((i) => i.id === id) ? version : (live.seriesVersion(id) ?? version));
    const wanted = [...new Set([...rebuilt.map((i) => i.id), ...keys.map((i) => i.id)])];
    const cards = await kommuneCards(db, kommuner.map((k) => k.code), wanted, versionOf);

    const valueRows = childValueRows(version, ALL_KOMMUNER_KEY, kommuner, rebuilt, (code, id) => cards.get(code)?.get(id)?.series);
    const geometryRows = ctx.only ? [] : await nationalGeometry(db, version, kommuner);

    const withValues = keys.filter((i) => kommuner.some((k) => cards.get(k.code)?.get(i.id)?.latest?.value != null));
    const previous = live.overview;
    const body: OverviewBody = {
      rebuilt: ctx.plan.mode === "full" ? { mode: "full", reason: ctx.plan.reason, indicators: [] } : { mode: "series", reason: null, indicators: ctx.plan.indicators },
      comparedWithPrevious: previous !== null,
      indicators: withValues.map((i) => ({
        id: i.id,
        name: names.get(i.id) ?? { nb: i.id, nn: null, en: i.id },
        unit: i.unit,
        direction: i.direction,
        period: newest[i.id]!,
        periodLabel: periodLabel(newest[i.id]!, i.periodSpan),
        isNew: previous !== null && (previous.newest[i.id] ?? -Infinity) < newest[i.id]!,
      })),
      newPeriods: previous
        ? ctx.indicators
            .filter((i) => newest[i.id] !== undefined && (previous.newest[i.id] ?? -Infinity) < newest[i.id]!)
            .map((i) => ({ id: i.id, name: names.get(i.id) ?? { nb: i.id, nn: null, en: i.id }, period: newest[i.id]!, periodLabel: periodLabel(newest[i.id]!, i.periodSpan), previous: previous.newest[i.id] ?? null }))
        : [],
      changes: withValues.map((i) => ({ indicator: i.id, unit: i.unit, kommuner: largestClearChanges(kommuner, (code) => cards.get(code)?.get(i.id)) })),
      newest,
    };
    return {
      statements: [...insertMany(db, childValues, valueRows), ...insertMany(db, childGeometry, geometryRows), ...insertMany(db, overviews, [{ snapshot: version, body }], ["body"])],
      cursor: ALL_KOMMUNER_KEY,
      units: 0,
    };
  },
};

/** The live snapshot's overview (what "new" is measured against) and where its series live. */
async function liveOverview(db: Db): Promise<{ overview: OverviewBody | null; seriesVersion: (id: string) => number | undefined }> {
  const row = await db.select({ version: liveSnapshot.version, manifest: liveSnapshot.manifest }).from(liveSnapshot).where(eq(liveSnapshot.id, 1)).get();
  if (!row) return { overview: null, seriesVersion: () => undefined };
  const manifest = manifestSchema.safeParse(row.manifest);
  const at = manifest.success ? (manifest.data.tables.overviews ?? row.version) : row.version;
  const stored = await db.select({ body: overviews.body }).from(overviews).where(eq(overviews.snapshot, at)).get();
  const series = new Map(manifest.success ? manifest.data.series : []);
  return { overview: (stored?.body as OverviewBody | undefined) ?? null, seriesVersion: (id) => series.get(id) ?? (manifest.success ? undefined : row.version) };
}

/** code → indicator → card, for the kommuner and indicators asked for, each from its snapshot. */
async function kommuneCards(db: Db, codes: string[], ids: string[], versionOf: (id: string) => number) {
  const out = new Map<string, Map<string, Card>>();
  const byVersion = new Map<number, string[]>();
  for (const id of ids) byVersion.set(versionOf(id), [...(byVersion.get(versionOf(id)) ?? []), id]);
  for (const [v, list] of byVersion) {
    // D1 binds at most 100 parameters: a few indicators by name, or all of them and filtered here.
    const named = list.length <= 20;
    const step = named ? 90 - list.length : 90;
    for (let i = 0; i < codes.length; i += step) {
      const rows = await db
        .select({ code: areaSeries.code, indicator: areaSeries.indicator, body: areaSeries.body })
        .from(areaSeries)
        .where(and(eq(areaSeries.snapshot, v), inArray(areaSeries.code, codes.slice(i, i + step)), named ? inArray(areaSeries.indicator, list) : undefined))
        .all();
      for (const r of rows) {
        if (!named && !list.includes(r.indicator)) continue;
        out.set(r.code, (out.get(r.code) ?? new Map()).set(r.indicator, unpackCard(r.body as StoredCard, r.indicator)));
      }
    }
  }
  return out;
}

/** Every kommune's boundary, simplified together for a map of the whole country. */
async function nationalGeometry(db: Db, version: number, kommuner: AreaRef[]): Promise<(typeof childGeometry.$inferInsert)[]> {
  const codes = kommuner.map((k) => k.code);
  const shapes = new Map<string, { geometry: string; sourceId: string | null }>();
  for (let i = 0; i < codes.length; i += 90) {
    for (const r of await db.select({ code: boundaries.code, geometry: boundaries.geometry, sourceId: boundaries.sourceId }).from(boundaries).where(inArray(boundaries.code, codes.slice(i, i + 90))).all()) {
      shapes.set(r.code, r);
    }
  }
  const mapped = kommuner.filter((k) => shapes.has(k.code));
  if (mapped.length === 0) return [];
  const original = mapped.map((k) => JSON.parse(shapes.get(k.code)!.geometry) as AreaGeometry);
  const simplified = simplifyTogether(original, NATIONAL_MIN_AREA);
  const features: ChildGeometryBody["collection"]["features"] = mapped.map((k, i) => ({
    type: "Feature" as const,
    id: k.code,
    properties: { code: k.code, name: k.name, level: k.level },
    // A small island kommune can vanish at this scale: it keeps its stored shape instead.
    geometry: coarse(simplified[i] ?? original[i]!),
  }));
  const sourceText = new Map((await db.select().from(sources).all()).map((src) => [src.id, `© ${src.publisher}, ${src.licence}`]));
  const credits = [...new Set(mapped.map((k) => sourceText.get(shapes.get(k.code)!.sourceId ?? "")).filter((t): t is string => !!t))];
  return [{ snapshot: version, code: ALL_KOMMUNER_KEY, body: { attribution: credits.length > 0 ? credits.join("; ") : null, collection: { type: "FeatureCollection" as const, features } } }];
}

/** Coordinates at the national map's precision, repeated points dropped (rings keep at least four). */
function coarse(g: AreaGeometry): AreaGeometry {
  const f = 10 ** NATIONAL_DECIMALS;
  const ring = (r: number[][]) => {
    const out: number[][] = [];
    for (const [x, y] of r) {
      const p = [Math.round(x! * f) / f, Math.round(y! * f) / f];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out.length >= 4 ? out : r;
  };
  return g.type === "Polygon" ? { type: "Polygon", coordinates: g.coordinates.map(ring) } : { type: "MultiPolygon", coordinates: g.coordinates.map((p) => p.map(ring)) };
}
