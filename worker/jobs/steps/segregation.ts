import { and, eq, gte, inArray, lte } from "drizzle-orm";
import { childValues, observations, segregationResults, type Area } from "../../../db/schema";
import type { ChildValuesBody, SegregationBody } from "../../api/schemas";
import { insertMany } from "../../lib/batch";
import type { Db } from "../../lib/create-app";
import { unpackChildValues, type StoredChildValues } from "../../stats/child-values-store";
import { unitGroupCounts, type GroupSpec, type Published } from "../../stats/segregation/groups";
import { segregationSeries, type GroupCounts } from "../../stats/segregation/series";
import { COUNTRY, type Context } from "../context";
import { BOOTSTRAP_YEARS, groupIds, groupingIndicators, GROUPINGS, mapIndicatorOf, MIN_UNITS, SEGREGATION_REPLICATES, type Grouping } from "../groupings";
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
    const rows: (typeof segregationResults.$inferInsert)[] = [];
    for (const parent of chunk) {
      for (const g of groupings) {
        if (!g.units.includes(parent.level === "kommune" ? "grunnkrets" : "kommune")) continue;
        const units = parent.level === "kommune" ? grunnkretsUnits(ctx, parent, g, published) : kommuneUnits(ctx, g).filter((u) => parent.code === COUNTRY || u.stratum === parent.code);
        const body = await measure(db, ctx, version, parent, g, units);
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

/** The years some indicators have data for, anywhere: read once per run (every chunk asks the same). */
const periodsCache = new WeakMap<Context, Map<string, Promise<number[]>>>();

function periodsOf(db: Db, ctx: Context, indicators: string[]): Promise<number[]> {
  const cache = periodsCache.get(ctx) ?? new Map<string, Promise<number[]>>();
  periodsCache.set(ctx, cache);
  const key = indicators.join();
  let periods = cache.get(key);
  if (!periods) {
    const o = observations;
    periods = db.selectDistinct({ period: o.period }).from(o).where(inArray(o.indicatorId, indicators)).all().then((rows) => rows.map((r) => r.period));
    cache.set(key, periods);
  }
  return periods;
}

/**
 * The code ranges holding the kommuner's grunnkretser: each grunnkrets lies under the kommune
 * code of its own time (its first four digits: 0219 for those re-placed under 3201 Bærum), and
 * those next to each other in code order are read as one range.
 */
function rangesOf(ctx: Context, kommuner: Area[]): [string, string][] {
  const all = [...new Set([...grunnkretserOf(ctx).values()].flat().map((a) => a.code.slice(0, 4)))].sort();
  const position = new Map(all.map((p, i) => [p, i]));
  const wanted = [...new Set(kommuner.flatMap((k) => (grunnkretserOf(ctx).get(k.code) ?? []).map((a) => a.code.slice(0, 4))))].sort((a, b) => position.get(a)! - position.get(b)!);
  const ranges: [string, string][] = [];
  for (const prefix of wanted) {
    const last = ranges[ranges.length - 1];
    if (last && position.get(prefix)! === position.get(last[1])! + 1) last[1] = prefix;
    else ranges.push([prefix, prefix]);
  }
  return ranges;
}

/**
 * Published values of the chunk's grunnkretser, by indicator and code, in a read per code range.
 * Naming every (indicator, year) lets SQLite seek the range in each on the covering (indicator,
 * period, code) index; a range over the primary key instead walks every indicator's rows there.
 */
async function subAreaValues(db: Db, ctx: Context, kommuner: Area[], indicators: string[]): Promise<Values> {
  const out: Values = new Map(indicators.map((i) => [i, new Map()]));
  if (kommuner.length === 0 || indicators.length === 0) return out;
  const periods = await periodsOf(db, ctx, indicators);
  if (periods.length === 0) return out;
  const o = observations;
  // D1 binds at most 100 parameters per statement.
  const step = 90 - indicators.length;
  for (const [from, to] of rangesOf(ctx, kommuner)) {
    for (let i = 0; i < periods.length; i += step) {
      // As arrays, not objects: ~650,000 rows nationally, where drizzle's mapping of each row
      // cost more than the query.
      const rows = await db
        .select({ code: o.areaCode, indicator: o.indicatorId, period: o.period, value: o.value, numerator: o.numerator, denominator: o.denominator, status: o.status })
        .from(o)
        .where(and(inArray(o.indicatorId, indicators), inArray(o.period, periods.slice(i, i + step)), gte(o.areaCode, from), lte(o.areaCode, `${to}~`)))
        .values();
      for (const [code, indicator, period, value, numerator, denominator, status] of rows as [string, string, number, number | null, number | null, number | null, string | null][]) {
        const byCode = out.get(indicator)!;
        const byPeriod = byCode.get(code) ?? new Map<number, Published>();
        // A status (suppressed, missing) hides the cell whatever else the row holds.
        byPeriod.set(period, status ? { value: null, numerator: null, denominator: null } : { value, numerator, denominator });
        byCode.set(code, byPeriod);
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

const round = (x: number) => Math.round(x * 10_000) / 10_000;

async function measure(db: Db, ctx: Context, version: number, parent: Area, g: Grouping, units: Unit[]): Promise<SegregationBody | null> {
  // Norway's kommuner are decomposed by fylke; a fylke's own are one stratum, so no decomposition.
  const stratified = parent.level === "fylke" ? units.map((u) => ({ ...u, stratum: null })) : units;
  const periods = [...new Set(units.flatMap((u) => [...u.counts.keys()]))].sort((a, b) => a - b);
  const groups = groupIds(g);
  const series = segregationSeries(stratified, {
    groups,
    rest: g.kind === "share" ? "rest" : (g.rest?.id ?? null),
    minUnits: MIN_UNITS,
    // Intervals for the years a change is judged over (the latest and five before); earlier years
    // get point estimates only, which keeps a national run inside its time budget.
    bootstrap: { periods: new Set(periods.slice(-BOOTSTRAP_YEARS)), replicates: SEGREGATION_REPLICATES, seed: (period) => seedOf(parent.code, g.id, period) },
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
    locationQuotients: g.kind === "share" ? await quotients(db, ctx, version, g.indicator, units, latest) : null,
  };
}

/**
 * Location quotient = the unit's group share / the parent's: it would reveal a hidden share, so
 * it is given only where the cards show that share (read from the child maps just built).
 */
async function quotients(db: Db, ctx: Context, version: number, indicator: string, units: Unit[], period: number) {
  const parents = [...new Set(units.map((u) => ctx.byCode.get(u.code)?.parentCode).filter((c): c is string => !!c))];
  const shown = new Map<string, { status: ChildValuesBody["children"][number]["statuses"][number] }>();
  for (let i = 0; i < parents.length; i += 90) {
    const rows = await db
      .select({ body: childValues.body })
      .from(childValues)
      .where(and(eq(childValues.snapshot, version), eq(childValues.indicator, indicator), inArray(childValues.code, parents.slice(i, i + 90))))
      .all();
    for (const { body } of rows) {
      const b = unpackChildValues(body as StoredChildValues);
      const k = b.periods.indexOf(period);
      if (k >= 0) for (const ch of b.children) shown.set(ch.code, { status: ch.values[k] === null ? (ch.statuses[k] ?? "..") : null });
    }
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
      const lq = !status && c && size > 0 && totalGroup > 0 ? round(c[0]! / size / (totalGroup / total)) : null;
      return { code: u.code, name: u.name, lq, status: lq === null ? status ?? ".." : null };
    }),
  };
}
