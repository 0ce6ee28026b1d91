import { and, eq, gte, inArray, lte } from "drizzle-orm";
import { childValues, observations, segregationResults, type Area } from "../../../db/schema";
import type { ChildValuesBody, SegregationBody } from "../../api/schemas";
import { insertMany } from "../../lib/batch";
import type { Db } from "../../lib/create-app";
import { unpackChildValues, type StoredChildValues } from "../../stats/child-values-store";
import { computeIndices, pick, prepare, type Estimate, type Row } from "../../stats/segregation";
import { COUNTRY, type Context } from "../context";
import { BOOTSTRAP_YEARS, GROUPINGS, MIN_UNITS, SEGREGATION_REPLICATES } from "../groupings";
import type { Step } from "./types";

interface Unit {
  code: string;
  name: string;
  stratum: string | null;
  /** period → group count and total; raw published counts (see README: indices are aggregates). */
  counts: Map<number, { group: number; total: number }>;
}

/**
 * Segregation indices for Norway over its kommuner and for every kommune over its grunnkretser
 * (decomposed by bydel where there are bydeler), per grouping and year, with bootstrap intervals.
 * Runs after the child maps so location quotients can follow the cards' suppression exactly.
 */
export const segregationStep: Step = {
  name: "segregation",
  async next(db, ctx, version, cursor, opts) {
    if (ctx.only) return null; // groupings are shared indicators: a series-only run leaves them
    const parents = parentsOf(ctx).filter((p) => cursor === null || ctx.keyOf(p.code) > cursor);
    if (parents.length === 0) return null;
    const groupings = GROUPINGS.filter((g) => ctx.indicators.some((i) => i.id === g.indicator));
    if (groupings.length === 0) return null;
    const chunk: Area[] = [];
    let size = 0;
    for (const p of parents) {
      chunk.push(p);
      size += ctx.children.get(p.code)?.length ?? 0;
      if (size >= opts.chunkSize) break;
    }
    const counts = await subAreaCounts(db, ctx, chunk.filter((p) => p.code !== COUNTRY), groupings.map((g) => g.indicator));
    const rows: (typeof segregationResults.$inferInsert)[] = [];
    for (const parent of chunk) {
      for (const g of groupings) {
        const units = parent.code === COUNTRY ? kommuneUnits(ctx, g.indicator) : grunnkretsUnits(ctx, parent, counts.get(g.indicator));
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

/** Norway, then every current kommune that has grunnkretser, in code order. */
const parentsCache = new WeakMap<Context, Area[]>();

/** Norway and every kommune with grunnkretser; the same for every chunk of a run, so kept. */
function parentsOf(ctx: Context): Area[] {
  let parents = parentsCache.get(ctx);
  if (!parents) {
    // By tree key: a grunnkrets re-placed under today's kommune counts for that kommune.
    const withGrunnkretser = new Set(ctx.areas.filter((a) => a.level === "grunnkrets" && !a.validTo).map((a) => ctx.keyOf(a.code).slice(0, 4)));
    parents = ctx.areas.filter((a) => !a.validTo && (a.code === COUNTRY || (a.level === "kommune" && withGrunnkretser.has(a.code))));
    parentsCache.set(ctx, parents);
  }
  return parents;
}

/** Kommuner as units of Norway: their published (protected) counts, hidden ones left out. */
function kommuneUnits(ctx: Context, indicator: string): Unit[] {
  return ctx.areas
    .filter((a) => a.level === "kommune" && !a.validTo)
    .map((a) => {
      const counts = new Map<number, { group: number; total: number }>();
      for (const p of ctx.top.seriesOf(a.code, indicator) ?? []) {
        const n = p.counts?.numerator, d = p.counts?.denominator;
        if (n != null && d != null && d > 0) counts.set(p.period, { group: n, total: d });
      }
      return { code: a.code, name: a.nameNb, stratum: null, counts };
    });
}

type Counts = Map<string, Map<number, { group: number; total: number }>>;

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
 * Published counts of the chunk's sub-areas, by indicator and code, in one read. Naming every
 * (indicator, year) lets SQLite seek the chunk's code range in each on the covering (indicator,
 * period, code) index; a range over the primary key instead walks every indicator's rows there.
 * Grunnkretser re-placed under one of these kommuner lie outside the range and are read by code.
 */
async function subAreaCounts(db: Db, ctx: Context, kommuner: Area[], indicators: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>(indicators.map((i) => [i, new Map()]));
  if (kommuner.length === 0) return out;
  const periods = await periodsOf(db, ctx, indicators);
  if (periods.length === 0) return out;
  const o = observations;
  // D1 binds at most 100 parameters per statement.
  const step = 90 - indicators.length;
  for (let i = 0; i < periods.length; i += step) {
    // As arrays, not objects: ~650,000 rows nationally, where drizzle's mapping of each row
    // cost more than the query.
    const rows = await db
      .select({ code: o.areaCode, indicator: o.indicatorId, period: o.period, numerator: o.numerator, denominator: o.denominator, status: o.status })
      .from(o)
      .where(and(inArray(o.indicatorId, indicators), inArray(o.period, periods.slice(i, i + step)), gte(o.areaCode, kommuner[0]!.code), lte(o.areaCode, `${kommuner[kommuner.length - 1]!.code}~`)))
      .values();
    add(rows as CountRow[]);
  }
  const [first, last] = [kommuner[0]!.code, `${kommuner[kommuner.length - 1]!.code}~`];
  const placed = ctx.areas.filter((a) => {
    const key = ctx.keyOf(a.code);
    return key !== a.code && a.level === "grunnkrets" && key >= first && key <= last;
  });
  for (let i = 0; i < placed.length; i += step) {
    const rows = await db
      .select({ code: o.areaCode, indicator: o.indicatorId, period: o.period, numerator: o.numerator, denominator: o.denominator, status: o.status })
      .from(o)
      .where(and(inArray(o.indicatorId, indicators), inArray(o.areaCode, placed.slice(i, i + step).map((a) => a.code))))
      .values();
    add(rows as CountRow[]);
  }
  return out;

  function add(rows: CountRow[]) {
    for (const [code, indicator, period, numerator, denominator, status] of rows) {
      if (status || numerator === null || denominator === null || denominator <= 0) continue;
      const byCode = out.get(indicator)!;
      const byPeriod = byCode.get(code) ?? new Map();
      byPeriod.set(period, { group: numerator, total: denominator });
      byCode.set(code, byPeriod);
    }
  }
}

type CountRow = [string, string, number, number | null, number | null, string | null];

function grunnkretsUnits(ctx: Context, kommune: Area, counts: Counts | undefined): Unit[] {
  const units: Unit[] = [];
  // Areas are in tree order and keys nest, so the kommune's grunnkretser (re-placed ones
  // included) follow it directly.
  const from = sortedIndex(ctx, kommune.code);
  for (let i = from; i < ctx.areas.length && ctx.keyOf(ctx.areas[i]!.code).startsWith(kommune.code); i++) {
    const a = ctx.areas[i]!;
    if (a.level !== "grunnkrets" || a.validTo) continue;
    const parent = a.parentCode ? ctx.byCode.get(a.parentCode) : undefined;
    units.push({ code: a.code, name: a.nameNb, stratum: parent?.level === "bydel" ? parent.code : null, counts: counts?.get(a.code) ?? new Map() });
  }
  return units;
}

/** The first position whose tree key is at least `key` (binary search over tree order). */
function sortedIndex(ctx: Pick<Context, "areas" | "keyOf">, key: string) {
  const areas = ctx.areas;
  let lo = 0;
  let hi = areas.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.keyOf(areas[mid]!.code) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const est = (e: Estimate | undefined) =>
  e ? { value: round(e.est), low: e.lower === undefined ? null : round(e.lower), high: e.upper === undefined ? null : round(e.upper) } : null;
const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** A stable seed per parent, grouping and year, so a resumed run reproduces its intervals. */
function seedOf(...parts: (string | number)[]) {
  let h = 2166136261;
  for (const ch of parts.join("|")) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % 2_147_483_647 || 1;
}

async function measure(db: Db, ctx: Context, version: number, parent: Area, g: (typeof GROUPINGS)[number], units: Unit[]): Promise<SegregationBody | null> {
  const periods = [...new Set(units.flatMap((u) => [...u.counts.keys()]))].sort((a, b) => a - b);
  const within = units.some((u) => u.stratum !== null);
  // Intervals for the years a change is judged over (the latest and five before); earlier years
  // get point estimates only, which keeps a national run inside its time budget.
  const withIntervals = new Set(periods.slice(-(BOOTSTRAP_YEARS)));
  const series: SegregationBody["series"] = [];
  for (const period of periods) {
    const rows: Row[] = [];
    let n = 0;
    for (const u of units) {
      const c = u.counts.get(period);
      if (!c || c.total <= 0) continue;
      n++;
      const base = { unit: u.code, ...(within ? { stratum: u.stratum ?? "none" } : {}) };
      rows.push({ ...base, group: "group", n: Math.round(c.group) }, { ...base, group: "rest", n: Math.round(c.total - c.group) });
    }
    if (n < MIN_UNITS) continue;
    const table = prepare(rows, { unit: "unit", group: "group", weight: "n", ...(within ? { within: "stratum" } : {}) });
    if (table.groups.length < 2) continue;
    const bootstrap = withIntervals.has(period) ? { replicates: SEGREGATION_REPLICATES, seed: seedOf(parent.code, g.id, period) } : undefined;
    const r = computeIndices(table, ["mutual", "dissimilarity", "exposure"], { bootstrap });
    const groupTotal = rows.filter((x) => x.group === "group").reduce((s, x) => s + (x.n as number), 0);
    const decomposition = within
      ? { M_between: round(pick(r, "M_between")?.est ?? 0), M_within: round(pick(r, "M_within")?.est ?? 0), H_between: round(pick(r, "H_between")?.est ?? 0), H_within: round(pick(r, "H_within")?.est ?? 0) }
      : null;
    series.push({
      period,
      units: r.units,
      population: r.population,
      groupShare: round(groupTotal / r.population),
      D: est(pick(r, "D")),
      H: est(pick(r, "H")),
      M: est(pick(r, "M")),
      entropy: pick(r, "entropy") ? round(pick(r, "entropy")!.est) : null,
      isolation: est(pick(r, "isolation", { group: "group" })),
      exposure: est(pick(r, "exposure", { group: "group", to: "rest" })),
      decomposition,
    });
  }
  if (series.length === 0) return null;
  const latest = series[series.length - 1]!.period;
  return {
    code: parent.code,
    grouping: g.id,
    indicator: g.indicator,
    unitLevel: parent.code === COUNTRY ? "kommune" : "grunnkrets",
    withinLevel: within ? "bydel" : null,
    replicates: SEGREGATION_REPLICATES,
    series,
    locationQuotients: await quotients(db, ctx, version, g.indicator, units, latest),
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
  const present = units.filter((u) => u.counts.get(period)?.total);
  const totalGroup = present.reduce((s, u) => s + u.counts.get(period)!.group, 0);
  const total = present.reduce((s, u) => s + u.counts.get(period)!.total, 0);
  if (total === 0) return null;
  return {
    period,
    units: units.map((u) => {
      const c = u.counts.get(period);
      // Units the maps do not list are treated as hidden.
      const seen = shown.get(u.code);
      const status = seen ? seen.status : ":";
      const lq = !status && c && c.total > 0 && totalGroup > 0 ? round(c.group / c.total / (totalGroup / total)) : null;
      return { code: u.code, name: u.name, lq, status: lq === null ? status ?? ".." : null };
    }),
  };
}
