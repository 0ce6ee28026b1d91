import { and, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { areas, observations, type Area } from "../../../db/schema";
import type { Db } from "../../lib/create-app";
import type { SeriesByIndicator } from "../../stats/cards";
import { sourceCodes } from "../../stats/change-graph";
import { jsonNumber, observationsOf, sourcesOf, type Context, type SourcesOf } from "../context";
import { needsWeights, protectAreas, servedSources, type Provenance } from "../protection";
import { ancestorsOf, publishedKommuneOf } from "../tree";
import { withBreakdowns } from "../groupings";

/*
 * The served series: observations read packed per area and indicator, harmonised and protected
 * (primary and complementary suppression) one kommune subtree at a time, exactly as the cards
 * show them. The cards step builds its cards from these; the composite and segregation steps
 * derive their figures from them (`servedSeriesOf`).
 */

export const POPULATION = "population";

/** The kommune a bydel or grunnkrets lies in (its cards compare with it). */
export function municipalityOf(ctx: Context, area: Area): Area | null {
  if (area.level !== "bydel" && area.level !== "grunnkrets") return null;
  return ancestorsOf(ctx, area).find((a) => a.level === "kommune") ?? null;
}


export const isTop = (a: Area) => a.level === "country" || a.level === "fylke" || a.level === "kommune";

/**
 * A chunk's sub-areas as one contiguous code range (codes nest) and the re-placed ones, whose
 * codes lie elsewhere (an old kommune's grunnkretser under today's kommune).
 */
function subAreaCodes(ctx: Pick<Context, "keyOf">, subAreas: Area[]): { range: [string, string] | null; placed: string[] } {
  const nested = subAreas.filter((a) => ctx.keyOf(a.code) === a.code);
  const placed = subAreas.filter((a) => ctx.keyOf(a.code) !== a.code).map((a) => a.code);
  return { range: nested.length === 0 ? null : [nested[0]!.code, nested[nested.length - 1]!.code], placed };
}

/**
 * The series the cards serve for some indicators of whole kommune subtrees (`chunk`, in tree
 * order, as `nextChunk` gives them): harmonised and after primary and complementary
 * suppression, exactly as the cards step builds them. Steps that derive figures from served
 * values (the composite index, segregation over grunnkretser) read them through this, so no
 * derived figure rests on a value the cards hide.
 */
export async function servedSeriesOf(db: Db, ctx: Context, chunk: Area[], indicators: Context["indicators"]): Promise<Map<string, SeriesByIndicator>> {
  if (indicators.length === 0) return new Map();
  // Cells hidden across a breakdown are hidden here too (the extra indicators' series come along).
  indicators = withBreakdowns(ctx.indicators, indicators);
  const ids = indicators.map((i) => i.id);
  const read = new Set(indicators.some((i) => needsWeights(i.unit)) && weightCodes(ctx, chunk).size > 0 ? [...ids, POPULATION] : ids);
  const packed = await packedObservations(db, ctx, chunk, read);
  return (await protectedSeries(db, ctx, chunk, indicators, packed)).series;
}

/** Served series of every area in the chunk (and of the kommuner they compare with). */
export async function protectedSeries(db: Db, ctx: Context, chunk: Area[], indicators: Context["indicators"], packed: PackedObservations): Promise<{ series: Map<string, SeriesByIndicator>; sources: SourcesOf }> {
  const out = new Map<string, SeriesByIndicator>();
  for (const a of chunk) if (isTop(a)) out.set(a.code, ctx.top.get(a.code) ?? new Map());
  const subAreas = chunk.filter((a) => !isTop(a));
  if (subAreas.length === 0) return { series: out, sources: new Map() };
  const { range, placed } = subAreaCodes(ctx, subAreas);
  const read = new Set(placed);
  const ids = indicators.map((i) => i.id);
  const { rows, sources } = unpackObservations(packed, ids);
  // Means across a merge are weighted by population, whichever group population itself is in:
  // the population of the codes that fed a reshaped sub-area is read along.
  const weighted = indicators.some((i) => needsWeights(i.unit)) && !ids.includes(POPULATION) ? weightCodes(ctx, chunk) : new Set<string>();
  if (weighted.size > 0) rows.push(...unpackObservations(packed, [POPULATION]).rows.filter((r) => weighted.has(r.areaCode)));
  // Codes that fed these areas before a reform and were not read with them.
  const predecessors = sourceCodes(ctx.graph, subAreas.map((a) => a.code)).filter((c) => !read.has(c) && (!range || c < range[0] || c > range[1]));
  const before = await observationsOf(db, predecessors, weighted.size > 0 ? [...ids, POPULATION] : ids);
  rows.push(...before);
  for (const [code, byIndicator] of sourcesOf(before)) sources.set(code, byIndicator);
  const provenance: Provenance = { fed: new Map(), sourceIds: new Map() };
  // Each kommune's sub-areas are protected against the kommune they were published under: for
  // a re-placed grunnkrets that is the retired kommune its figures add up to.
  const byKommune = new Map<string, Area[]>();
  for (const a of subAreas) {
    const kommune = read.has(a.code) ? publishedKommuneOf(ctx, a) : chunk.find((k) => k.level === "kommune" && a.code.startsWith(k.code));
    if (!kommune) continue;
    const asPublished = ctx.publishedParents.has(a.code) ? { ...a, parentCode: ctx.publishedParents.get(a.code)! } : a;
    const list = byKommune.get(kommune.code);
    if (list) list.push(asPublished);
    else byKommune.set(kommune.code, [asPublished]);
  }
  // Each kommune's table is given only the observations of its own areas and of the codes that
  // fed them (all harmonisation reads): with the whole chunk's, every kommune of a chunk of small
  // ones indexed and grouped every other one's rows again.
  const rowsByCode = new Map<string, Observation[]>();
  for (const r of rows) {
    const list = rowsByCode.get(r.areaCode);
    if (list) list.push(r);
    else rowsByCode.set(r.areaCode, [r]);
  }
  for (const [kommune, mine] of byKommune) {
    const fixed = new Map([[kommune, ctx.top.get(kommune) ?? new Map()]]);
    const theirs = sourceCodes(ctx.graph, mine.map((a) => a.code)).flatMap((code) => rowsByCode.get(code) ?? []);
    const protectedSub = protectAreas(mine.filter((a) => !a.validTo), mine.filter((a) => a.validTo), theirs, indicators, ctx.graph, { fixed, priorities: ctx.priorities });
    for (const [code, s] of protectedSub.series) out.set(code, s);
    for (const [code, m] of protectedSub.provenance.fed) provenance.fed.set(code, m);
    for (const [code, m] of protectedSub.provenance.sourceIds) provenance.sourceIds.set(code, m);
  }
  for (const a of subAreas) {
    const kommune = municipalityOf(ctx, a);
    if (kommune && !out.has(kommune.code)) out.set(kommune.code, ctx.top.get(kommune.code) ?? new Map());
  }
  // A bydel renamed with its kommune (120101 → 460101) names the sources of its old code's years too.
  return { series: out, sources: servedSources(sources, provenance) };
}

/** The codes whose population may weigh a mean across a merge into the chunk's sub-areas (empty when none was reshaped). */
export function weightCodes(ctx: Context, chunk: Area[]): Set<string> {
  const reshaped = chunk.filter((a) => !isTop(a) && !a.validTo && ctx.graph.incoming.has(a.code)).map((a) => a.code);
  return new Set(reshaped.length === 0 ? [] : sourceCodes(ctx.graph, reshaped));
}

type Observation = typeof observations.$inferSelect;
/** indicator → one row per sub-area: its years packed as JSON, and its sources. */
export type PackedObservations = Map<string, { code: string; points: string; sourceIds: string }[]>;

/**
 * Observations of the chunk's sub-areas as one row per area and indicator, its years packed as
 * JSON by SQLite: a national run reads ~5.6 million values, and one D1 row each would spend most
 * of the step encoding and decoding rows at the binding. Sources come once per area and
 * indicator, not with every value. One read covers every indicator: reading a few at a time
 * walked the chunk's whole code range again for each few. Re-placed sub-areas, whose codes lie
 * outside the range, are read by code.
 */
export async function packedObservations(db: Db, ctx: Pick<Context, "keyOf">, chunk: Area[], only: ReadonlySet<string> | null): Promise<PackedObservations> {
  const out: PackedObservations = new Map();
  const { range, placed } = subAreaCodes(ctx, chunk.filter((a) => !isTop(a)));
  const wheres: { where: SQL | undefined; seek: boolean }[] = [];
  if (range) {
    // Some indicators only (the composite inputs, segregation, a series-only run): SQLite seeks
    // each area's rows of each of them on the primary key (the areas of the range from the areas
    // table; observations name known areas only, as the import checks) instead of walking the
    // range's rows of every indicator: the composite inputs' 7 of 30 read ~1.5 million rows,
    // not the 5.65 million a full range holds.
    const inRange = and(gte(areas.code, range[0]), lte(areas.code, range[1]));
    wheres.push(only ? { where: inArray(observations.areaCode, db.select({ code: areas.code }).from(areas).where(inRange)), seek: true } : { where: and(gte(observations.areaCode, range[0]), lte(observations.areaCode, range[1])), seek: false });
  }
  // D1 binds at most 100 parameters per statement (the indicators of a series-only run count too).
  const step = 90 - (only?.size ?? 0);
  for (let i = 0; i < placed.length; i += step) wheres.push({ where: inArray(observations.areaCode, placed.slice(i, i + step)), seek: false });
  for (const { where, seek } of wheres) {
    for (const [code, indicator, points, sourceIds] of await packedRows(db, where, only, seek)) {
      const r = { code, points, sourceIds };
      const list = out.get(indicator);
      if (list) list.push(r);
      else out.set(indicator, [r]);
    }
  }
  return out;
}

/**
 * [code, indicator, points, sourceIds] rows, read as arrays: ~430,000 rows nationally, and
 * drizzle's mapping of each row to an object was a tenth of the read.
 */
async function packedRows(db: Db, where: SQL | undefined, only: ReadonlySet<string> | null, seek: boolean): Promise<[string, string, string, string][]> {
  const o = observations;
  const query = db
    .select({
      code: o.areaCode,
      indicator: o.indicatorId,
      points: sql<string>`json_group_array(json_array(${o.period}, ${jsonNumber(o.value)}, ${jsonNumber(o.numerator)}, ${jsonNumber(o.denominator)}, ${o.status}))`,
      // In the order the values come (by period), as the cards list them.
      sourceIds: sql<string>`json_group_array(DISTINCT ${o.sourceId})`,
    })
    .from(o)
    .where(
      and(
        where,
        // With `seek`, the primary key's (code, indicator) pairs; else the unary plus keeps SQLite
        // on the primary key's codes rather than the indicator index.
        only ? (seek ? inArray(o.indicatorId, [...only]) : sql`+${o.indicatorId} in ${[...only]}`) : undefined,
      ),
    )
    .groupBy(o.areaCode, o.indicatorId)
    .values();
  return (await query) as [string, string, string, string][];
}

/** Some indicators' packed observations as rows, with their sources. */
function unpackObservations(packed: PackedObservations, ids: readonly string[]): { rows: Observation[]; sources: SourcesOf } {
  const rows: Observation[] = [];
  const sources: SourcesOf = new Map();
  for (const indicator of ids) {
    for (const { code, points, sourceIds } of packed.get(indicator) ?? []) {
      const found = (JSON.parse(sourceIds) as (string | null)[]).filter((id) => id !== null);
      // Each value's source is known when the series has one (harmonise weighs it by priority).
      const sourceId = found.length === 1 ? found[0]! : null;
      for (const [period, value, numerator, denominator, status] of JSON.parse(points) as [number, number | null, number | null, number | null, Observation["status"]][]) {
        rows.push({ areaCode: code, indicatorId: indicator, period, value, numerator, denominator, status, sourceId });
      }
      if (found.length > 0) {
        const byIndicator = sources.get(code) ?? new Map<string, string[]>();
        byIndicator.set(indicator, found);
        sources.set(code, byIndicator);
      }
    }
  }
  return { rows, sources };
}
