import { and, asc, inArray, sql, type Column } from "drizzle-orm";
import { areaChanges, areas, indicators, observations, sources, type Area, type Indicator, type Observation } from "../../db/schema";
import type { AreaRef } from "../api/schemas";
import type { Db } from "../lib/create-app";
import { toRef } from "../stats/cards";
import { changeGraph, type ChangeGraph } from "../stats/change-graph";
import type { RuleSet } from "../stats/ruleset-schema";
import type { Plan } from "./plan";
import { protectTop, type TopSeries } from "./protection";
import { activeRuleSets } from "./rulesets";
import { placeInTodaysTree, successorsOf } from "./tree";

export const COUNTRY = "0";
const TOP_LEVELS = ["country", "fylke", "kommune"] as const;

/** What every step needs about the whole country; loaded once per run. */
export interface Context {
  /**
   * Every area in tree order (`keyOf`), with today's parent: an area published under a code a
   * reform retired hangs under that code's unique current successor (stats/hierarchy.ts).
   */
  areas: Area[];
  byCode: Map<string, Area>;
  /** Where an area sorts: its code, or for a re-placed subtree a key under its new parent. */
  keyOf(code: string): string;
  /**
   * The parent each re-placed area was published under (code → retired parent). Disclosure
   * control follows the published tree: those grunnkretser add up to the retired kommune.
   */
  publishedParents: Map<string, string>;
  children: Map<string, AreaRef[]>;
  successors: Map<string, { code: string; changedOn: string }[]>;
  indicators: Pick<Indicator, "id" | "unit" | "direction" | "periodSpan">[];
  graph: ChangeGraph;
  /** Source id → `sources.priority`: which of two figures for one territory and year wins. */
  priorities: Map<string, number>;
  ruleSets: RuleSet[];
  /**
   * Country, fylker and kommuner, harmonised and protected as one table: their published
   * values are decided here, before any kommune's sub-areas are protected against them.
   */
  top: TopSeries;
  /** Cells a relation still determines after protection (should stay 0; reported). */
  unresolved: number;
  /**
   * The years any of these indicators has data for (taken from the country, fylke and kommune
   * observations), so a year one indicator adds changes nothing it does not feed.
   */
  periodsOf(indicators: readonly string[]): number[];
  /** What this snapshot rebuilds (see plan.ts). */
  plan: Plan;
  /** For a series-only run, the indicators rebuilt; null in a full run. */
  only: Set<string> | null;
  /**
   * Where each top-level area's served numbers come from: code → indicator → source ids, its
   * own observations' and those of the codes harmonised or added up into it.
   */
  topSources: SourcesOf;
}

export type SourcesOf = Map<string, Map<string, string[]>>;

/** code → indicator → the distinct sources of its observations (for licence and attribution). */
export function sourcesOf(rows: readonly { areaCode: string; indicatorId: string; sourceId: string | null }[]): SourcesOf {
  const out: SourcesOf = new Map();
  for (const r of rows) {
    if (!r.sourceId) continue;
    const byIndicator = out.get(r.areaCode) ?? new Map<string, string[]>();
    const list = byIndicator.get(r.indicatorId) ?? [];
    if (!list.includes(r.sourceId)) list.push(r.sourceId);
    byIndicator.set(r.indicatorId, list);
    out.set(r.areaCode, byIndicator);
  }
  return out;
}

export async function loadContext(db: Db, plan: Plan): Promise<Context> {
  const [asPublished, changes, inds, ruleSets, sourceRows] = await Promise.all([
    db.select().from(areas).orderBy(asc(areas.code)).all(),
    db.select().from(areaChanges).all(),
    db
      .select({ id: indicators.id, unit: indicators.unit, direction: indicators.direction, periodSpan: indicators.periodSpan })
      .from(indicators)
      .orderBy(asc(indicators.sortOrder), asc(indicators.id))
      .all(),
    activeRuleSets(db),
    db.select({ id: sources.id, priority: sources.priority }).from(sources).all(),
  ]);
  const priorities = new Map(sourceRows.map((r) => [r.id, r.priority]));
  // Names let a split's successor be recognised as the old unit it re-establishes (1580 Haram is 1534).
  const graph = changeGraph(changes, new Map(asPublished.map((a) => [a.code, a.nameNb])));
  const successors = successorsOf(changes, graph);
  const { areas: treeAreas, keys, publishedParents } = placeInTodaysTree(asPublished, successors);
  const allAreas = treeAreas;
  const keyOf = (code: string) => keys.get(code) ?? code;
  const byCode = new Map(allAreas.map((a) => [a.code, a]));
  const children = new Map<string, AreaRef[]>();
  for (const a of allAreas) {
    // Children lists serve navigation, so retired codes stay out of them.
    if (!a.parentCode || a.validTo) continue;
    const list = children.get(a.parentCode) ?? [];
    list.push(toRef(a));
    children.set(a.parentCode, list);
  }
  const topAreas = allAreas.filter((a) => (TOP_LEVELS as readonly string[]).includes(a.level));
  const topRows = await observationsOf(db, topAreas.map((a) => a.code));
  // Protecting the top table is the costly part of loading; only the steps that read it pay.
  let protectedTop: ReturnType<typeof protectTop> | undefined;
  // A series-only run needs only its indicators protected.
  const topIndicators = plan.mode === "series" ? inds.filter((i) => plan.indicators.includes(i.id)) : inds;
  // The raw rows are let go once protected: ~170,000 objects nationally that would otherwise
  // stay on the heap for the whole invocation.
  let unprotected: typeof topRows | null = topRows;
  const ownSources = sourcesOf(topRows);
  const protect = () => {
    if (!protectedTop) {
      protectedTop = protectTop(topAreas, unprotected!, topIndicators, graph, priorities, ownSources);
      unprotected = null;
    }
    return protectedTop;
  };
  const periods = [...new Set(topRows.map((r) => r.period))].sort((a, b) => a - b);
  const periodsByIndicator = new Map<string, Set<number>>();
  for (const r of topRows) {
    const set = periodsByIndicator.get(r.indicatorId) ?? new Set<number>();
    set.add(r.period);
    periodsByIndicator.set(r.indicatorId, set);
  }
  return {
    areas: allAreas,
    byCode,
    keyOf,
    publishedParents,
    children,
    successors,
    indicators: inds,
    graph,
    priorities,
    ruleSets,
    get top() {
      return protect().top;
    },
    get unresolved() {
      return protect().unresolved;
    },
    periodsOf: (ids) => periods.filter((p) => ids.some((id) => periodsByIndicator.get(id)?.has(p))),
    plan,
    only: plan.mode === "series" ? new Set(plan.indicators) : null,
    get topSources() {
      return protect().sources;
    },
  };
}

/**
 * A REAL column inside a packed JSON read: integral values as SQLite integers, the same number
 * in JSON but rendered several times faster than a float (most counts and denominators).
 */
export const jsonNumber = (c: Column) => sql`iif(${c} = cast(${c} as int), cast(${c} as int), ${c})`;

type Row = [string, string, number, number | null, number | null, number | null, Observation["status"], string | null];

/** Observations of many codes (of some indicators only, if given); D1 binds at most 100 parameters per statement. */
export async function observationsOf(db: Db, codes: readonly string[], indicators?: readonly string[]) {
  const out: Observation[] = [];
  const step = 90 - (indicators?.length ?? 0);
  for (let i = 0; i < codes.length; i += step) {
    const where = and(inArray(observations.areaCode, codes.slice(i, i + step)), indicators ? inArray(observations.indicatorId, [...indicators]) : undefined);
    const o = observations;
    // As arrays: drizzle's per-row mapping cost more than the query for the ~170,000 top rows.
    const rows = await db.select({ a: o.areaCode, i: o.indicatorId, p: o.period, v: o.value, n: o.numerator, d: o.denominator, s: o.status, src: o.sourceId }).from(o).where(where).values();
    for (const [areaCode, indicatorId, period, value, numerator, denominator, status, sourceId] of rows as Row[]) {
      out.push({ areaCode, indicatorId, period, value, numerator, denominator, status, sourceId });
    }
  }
  return out;
}
