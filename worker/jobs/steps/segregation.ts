import { and, eq, inArray } from "drizzle-orm";
import { childValues, segregationResults, type Area } from "../../../db/schema";
import type { ChildValuesBody, SegregationBody } from "../../api/schemas";
import { insertMany } from "../../lib/batch";
import type { Db } from "../../lib/create-app";
import { unpackChildValues, type StoredChildValues } from "../../stats/child-values-store";
import { unitGroupCounts, type GroupSpec, type Published } from "../../stats/segregation/groups";
import { servedQuotient } from "../../stats/segregation/served";
import { segregationSeries, type GroupCounts } from "../../stats/segregation/series";
import { servedSeriesOf } from "./served-series";
import { COUNTRY, type Context } from "../context";
import { bootstrapPeriods, groupIds, groupingIndicators, GROUPINGS, mapIndicatorOf, MIN_UNITS, SEGREGATION_REPLICATES, type Grouping } from "../groupings";
import type { Step } from "./types";

/**
 * Segregation indices per grouping and year, with bootstrap intervals:
 * - Norway over its kommuner, M decomposed between and within fylker;
 * - every fylke over its kommuner;
 * - every kommune over its grunnkretser (decomposed by bydel where there are bydeler), the
 *   grunnkretser of its subtree in today's tree, so those published under a retired kommune
 *   code (Asker and Bærum 2018) count for today's kommune.
 * What the units' counts may be built from, and what happens to hidden cells, is said in
 * worker/stats/segregation/groups.ts. Runs after the child maps, so location quotients can
 * follow the cards' suppression exactly.
 */
export const segregationStep: Step = {
  name: "segregation",
  async next(db, ctx, version, cursor, opts) {
    if (ctx.only) return null; // groupings are shared indicators: a series-only run leaves them
    const parents = parentsOf(ctx).filter((p) => cursor === null || ctx.keyOf(p.code) > cursor);
    if (parents.length === 0) return null;
    const known = new Set(ctx.indicators.map((i) => i.id));
    const groupings = GROUPINGS.filter((g) => groupingIndicators(g).every((id) => known.has(id)));
    if (groupings.length === 0) return null;
    const chunk: Area[] = [];
    let size = 0;
    for (const p of parents) {
      chunk.push(p);
      size += p.level === "kommune" ? (grunnkretserOf(ctx).get(p.code)?.length ?? 0) : (ctx.children.get(p.code)?.length ?? 0);
      if (size >= opts.chunkSize) break;
    }
    const kommuner = chunk.filter((p) => p.level === "kommune");
    const overGrunnkretser = groupings.filter((g) => g.units.includes("grunnkrets"));
    const published = await subAreaValues(db, ctx, kommuner, [...new Set(overGrunnkretser.flatMap(groupingIndicators))]);
    const unitsOf = (parent: Area, g: Grouping) =>
      parent.level === "kommune" ? grunnkretsUnits(ctx, parent, g, published) : kommuneUnits(ctx, g).filter((u) => parent.code === COUNTRY || u.stratum === parent.code);
    // The child maps every location quotient of the chunk checks, read together.
    const mapParents = new Set<string>();
    for (const parent of chunk) {
      const units = parent.level === "kommune" ? (grunnkretserOf(ctx).get(parent.code) ?? []) : ctx.areas.filter((a) => a.level === "kommune" && !a.validTo && (parent.code === COUNTRY || a.parentCode === parent.code));
      for (const u of units) if (u.parentCode) mapParents.add(u.parentCode);
    }
    const shareIndicators = [...new Set(groupings.flatMap((g) => (g.kind === "share" ? [g.indicator] : [])))];
    const maps = await childMaps(db, version, shareIndicators, [...mapParents].sort());
    const rows: (typeof segregationResults.$inferInsert)[] = [];
    for (const parent of chunk) {
      for (const g of groupings) {
        if (!g.units.includes(parent.level === "kommune" ? "grunnkrets" : "kommune")) continue;
        const body = measure(ctx, maps, parent, g, unitsOf(parent, g));
        if (body) rows.push({ snapshot: version, code: parent.code, grouping: g.id, body });
      }
    }
    return {
      statements: insertMany(db, segregationResults, rows),
      cursor: ctx.keyOf(chunk[chunk.length - 1]!.code),
      units: 0,
    };
  },
};

interface Unit extends GroupCounts {
  name: string;
}

const specOf = (g: Grouping): GroupSpec =>
  g.kind === "share" ? { kind: "share", indicator: g.indicator } : { kind: "counts", groups: g.groups.map((x) => x.indicator), rest: g.rest && { total: g.rest.total, minus: g.rest.minus } };

const parentsCache = new WeakMap<Context, Area[]>();

/** Norway, every current fylke, and every current kommune with grunnkretser, in tree order; the same for every chunk of a run. */
function parentsOf(ctx: Context): Area[] {
  let parents = parentsCache.get(ctx);
  if (!parents) {
    const withGrunnkretser = grunnkretserOf(ctx);
    parents = ctx.areas.filter((a) => !a.validTo && (a.code === COUNTRY || a.level === "fylke" || (a.level === "kommune" && withGrunnkretser.has(a.code))));
    parentsCache.set(ctx, parents);
  }
  return parents;
}

const grunnkretsCache = new WeakMap<Context, Map<string, Area[]>>();

/**
 * Today's kommune → its current grunnkretser: the grunnkretser in its subtree in today's tree
 * (Context.keyOf). Areas are in tree order and keys nest, so a kommune's grunnkretser, those
 * re-placed under it from a retired kommune code included (0219 Bærum → 3201), follow it
 * directly. One under a retired kommune that was split has no place today and is left out.
 */
function grunnkretserOf(ctx: Context): Map<string, Area[]> {
  let out = grunnkretsCache.get(ctx);
  if (out) return out;
  out = new Map();
  let kommune: Area | null = null;
  let prefix = "";
  for (const a of ctx.areas) {
    const key = ctx.keyOf(a.code);
    if (a.level === "kommune") {
      kommune = a;
      prefix = key;
      continue;
    }
    if (!kommune || !key.startsWith(prefix)) kommune = null;
    if (!kommune || kommune.validTo || a.level !== "grunnkrets" || a.validTo) continue;
    const list = out.get(kommune.code);
    if (list) list.push(a);
    else out.set(kommune.code, [a]);
  }
  grunnkretsCache.set(ctx, out);
  return out;
}

const kommuneCache = new WeakMap<Context, Map<string, Unit[]>>();

/**
 * Current kommuner as units, with the counts their cards publish (protected and harmonised to
 * today's codes); the fylke is the stratum. Built once per run and grouping: Norway and every
 * fylke read the same units.
 */
function kommuneUnits(ctx: Context, g: Grouping): Unit[] {
  const cache = kommuneCache.get(ctx) ?? new Map<string, Unit[]>();
  kommuneCache.set(ctx, cache);
  const cached = cache.get(g.id);
  if (cached) return cached;
  const spec = specOf(g);
  const indicators = groupingIndicators(g);
  const units = ctx.areas
    .filter((a) => a.level === "kommune" && !a.validTo)
    .map((a): Unit => {
      const byPeriod = new Map<number, Map<string, Published>>();
      for (const id of indicators) {
        for (const p of ctx.top.seriesOf(a.code, id) ?? []) {
          const at = byPeriod.get(p.period) ?? new Map<string, Published>();
          // Hidden points carry neither value nor counts: they read as hidden.
          at.set(id, { value: p.value, numerator: p.counts?.numerator ?? null, denominator: p.counts?.denominator ?? null });
          byPeriod.set(p.period, at);
        }
      }
      const counts = new Map<number, number[]>();
      for (const [period, values] of byPeriod) {
        const c = unitGroupCounts(spec, (id) => values.get(id));
        if (c) counts.set(period, c);
      }
      return { code: a.code, name: a.nameNb, stratum: a.parentCode, counts };
    });
  cache.set(g.id, units);
  return units;
}

/** indicator → code → period → what the sub-area publishes. */
type Values = Map<string, Map<string, Map<number, Published>>>;

const positionCache = new WeakMap<Context, Map<string, number>>();

/** Where each area stands in `ctx.areas` (tree order). */
function positionOf(ctx: Context, code: string): number {
  let positions = positionCache.get(ctx);
  if (!positions) positionCache.set(ctx, (positions = new Map(ctx.areas.map((a, i) => [a.code, i]))));
  return positions.get(code) ?? -1;
}

/** The kommuner's whole subtrees as one run of `ctx.areas` (tree order), as the cards step reads them. */
function subtreesOf(ctx: Context, kommuner: Area[]): Area[] {
  const first = positionOf(ctx, kommuner[0]!.code);
  const lastKommune = kommuner[kommuner.length - 1]!;
  const prefix = ctx.keyOf(lastKommune.code);
  let end = positionOf(ctx, lastKommune.code) + 1;
  while (end < ctx.areas.length && ctx.keyOf(ctx.areas[end]!.code).startsWith(prefix)) end++;
  return ctx.areas.slice(first, end);
}

/**
 * What the chunk's grunnkretser publish, by indicator and code: the cards' own series
 * (harmonised, after primary and complementary suppression; `servedSeriesOf`), so a kommune's
 * indices are built from the same protected counts as Norway's and the fylker's, and a cell the
 * cards hide is hidden here too.
 */
async function subAreaValues(db: Db, ctx: Context, kommuner: Area[], indicators: string[]): Promise<Values> {
  const out: Values = new Map(indicators.map((i) => [i, new Map()]));
  if (kommuner.length === 0 || indicators.length === 0) return out;
  const wanted = ctx.indicators.filter((i) => indicators.includes(i.id));
  const series = await servedSeriesOf(db, ctx, subtreesOf(ctx, kommuner), wanted);
  for (const k of kommuner) {
    for (const a of grunnkretserOf(ctx).get(k.code) ?? []) {
      for (const id of indicators) {
        const points = series.get(a.code)?.get(id);
        if (!points) continue;
        // Hidden points carry neither value nor counts: they read as hidden.
        out.get(id)!.set(a.code, new Map(points.map((p) => [p.period, { value: p.value, numerator: p.counts?.numerator ?? null, denominator: p.counts?.denominator ?? null }])));
      }
    }
  }
  return out;
}

function grunnkretsUnits(ctx: Context, kommune: Area, g: Grouping, values: Values): Unit[] {
  const spec = specOf(g);
  const indicators = groupingIndicators(g);
  return (grunnkretserOf(ctx).get(kommune.code) ?? []).map((a) => {
    const parent = a.parentCode ? ctx.byCode.get(a.parentCode) : undefined;
    const periods = new Set(indicators.flatMap((id) => [...(values.get(id)?.get(a.code)?.keys() ?? [])]));
    const counts = new Map<number, number[]>();
    for (const period of periods) {
      const c = unitGroupCounts(spec, (id) => values.get(id)?.get(a.code)?.get(period));
      if (c) counts.set(period, c);
    }
    return { code: a.code, name: a.nameNb, stratum: parent?.level === "bydel" ? parent.code : null, counts };
  });
}

/** A stable seed per parent, grouping and year, so a resumed run reproduces its intervals. */
function seedOf(...parts: (string | number)[]) {
  let h = 2166136261;
  for (const ch of parts.join("|")) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % 2_147_483_647 || 1;
}

function measure(ctx: Context, maps: ChildMaps, parent: Area, g: Grouping, units: Unit[]): SegregationBody | null {
  // Norway's kommuner are decomposed by fylke; a fylke's own are one stratum, so no decomposition.
  const stratified = parent.level === "fylke" ? units.map((u) => ({ ...u, stratum: null })) : units;
  const periods = [...new Set(units.flatMap((u) => [...u.counts.keys()]))].sort((a, b) => a - b);
  const groups = groupIds(g);
  const series = segregationSeries(stratified, {
    groups,
    rest: g.kind === "share" ? "rest" : (g.rest?.id ?? null),
    minUnits: MIN_UNITS,
    // Intervals for the two years a change is judged between (the latest and five before); the
    // other years get point estimates only, which keeps a national run inside its time budget.
    bootstrap: { periods: bootstrapPeriods(periods), replicates: SEGREGATION_REPLICATES, seed: (period) => seedOf(parent.code, g.id, period) },
  });
  if (series.length === 0) return null;
  const within = series.some((s) => s.decomposition !== null);
  const unitLevel = parent.level === "kommune" ? "grunnkrets" : "kommune";
  const withinLevel = !within ? null : unitLevel === "kommune" ? "fylke" : "bydel";
  const latest = series[series.length - 1]!.period;
  return {
    code: parent.code,
    grouping: g.id,
    indicator: mapIndicatorOf(g),
    groups,
    unitLevel,
    withinLevel,
    replicates: SEGREGATION_REPLICATES,
    series: series.map((s) => ({
      ...s,
      decomposition: s.decomposition && { ...s.decomposition, strata: s.decomposition.strata.map((x) => ({ ...x, name: ctx.byCode.get(x.code)?.nameNb ?? x.code })) },
    })),
    // One unit's composition over several groups would show what its own cards may hide.
    locationQuotients: g.kind === "share" ? quotients(ctx, maps.get(g.indicator), units, latest) : null,
  };
}

/** indicator → parent code → its child map (the children's values as the maps serve them). */
type ChildMaps = Map<string, Map<string, ChildValuesBody>>;

/**
 * The child maps of the given parents for the given indicators, from the snapshot being built
 * (the child-maps step ran before): one read per chunk, not one per kommune and grouping.
 */
async function childMaps(db: Db, version: number, indicators: string[], parents: string[]): Promise<ChildMaps> {
  const out: ChildMaps = new Map(indicators.map((i) => [i, new Map()]));
  if (indicators.length === 0) return out;
  // D1 binds at most 100 parameters per statement.
  const step = 98 - indicators.length;
  for (let i = 0; i < parents.length; i += step) {
    const rows = await db
      .select({ code: childValues.code, indicator: childValues.indicator, body: childValues.body })
      .from(childValues)
      .where(and(eq(childValues.snapshot, version), inArray(childValues.indicator, indicators), inArray(childValues.code, parents.slice(i, i + step))))
      .all();
    for (const { code, indicator, body } of rows) out.get(indicator)!.set(code, unpackChildValues(body as StoredChildValues));
  }
  return out;
}

/**
 * Location quotient = the unit's group share / the parent's: it would reveal a hidden share, so
 * it is given only where the cards show that share (read from the child maps just built).
 */
function quotients(ctx: Context, maps: Map<string, ChildValuesBody> | undefined, units: Unit[], period: number) {
  const parents = [...new Set(units.map((u) => ctx.byCode.get(u.code)?.parentCode).filter((c): c is string => !!c))].sort();
  const shown = new Map<string, { status: ChildValuesBody["children"][number]["statuses"][number] }>();
  for (const code of parents) {
    const b = maps?.get(code);
    if (!b) continue;
    const k = b.periods.indexOf(period);
    if (k >= 0) for (const ch of b.children) shown.set(ch.code, { status: ch.values[k] === null ? (ch.statuses[k] ?? "..") : null });
  }
  // Share groupings' counts are [group, rest].
  const present = units.filter((u) => u.counts.has(period));
  const totalGroup = present.reduce((s, u) => s + u.counts.get(period)![0]!, 0);
  const total = present.reduce((s, u) => s + u.counts.get(period)![0]! + u.counts.get(period)![1]!, 0);
  if (total === 0) return null;
  return {
    period,
    units: units.map((u) => {
      const c = u.counts.get(period);
      // Units the maps do not list are treated as hidden.
      const seen = shown.get(u.code);
      const status = seen ? seen.status : ":";
      const size = c ? c[0]! + c[1]! : 0;
      const lq = !status && c && size > 0 && totalGroup > 0 ? servedQuotient(c[0]!, size, totalGroup / total) : null;
      // Shown but too small to quote without pinning its count: hidden, as a suppressed cell is.
      return { code: u.code, name: u.name, lq, status: lq === null ? (status ?? (c && size > 0 && totalGroup > 0 ? ":" : "..")) : null };
    }),
  };
}
