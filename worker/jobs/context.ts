import { and, asc, inArray, sql, type Column } from "drizzle-orm";
import { areaChanges, areas, indicators, observations, sources, type Area, type Indicator, type Observation } from "../../db/schema";
import type { AreaBody, AreaRef } from "../api/schemas";
import type { Db } from "../lib/create-app";
import { toRef, type SeriesByIndicator, type SeriesPoint } from "../stats/cards";
import { changeGraph, type ChangeGraph } from "../stats/change-graph";
import type { HarmoniseObservation } from "../stats/harmonise";
import { currentParents, treeKeys } from "../stats/hierarchy";
import { protectBreakdowns } from "../stats/breakdowns";
import { protectSeries } from "../stats/protect";
import type { RuleSet } from "../stats/ruleset-schema";
import { hierarchyRelations } from "../stats/suppression";
import { BREAKDOWNS } from "./groupings";
import type { Plan } from "./plan";
import { activeRuleSets } from "./rulesets";

export const COUNTRY = "0";
/** Retired codes are published as they were: no harmonisation across later reforms. */
const NO_CHANGES = changeGraph([]);
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

/** What protection says about where each served series came from: code → indicator → … */
export interface Provenance {
  /** Codes whose observations went in, for series not simply their own (see `ProtectResult.fed`). */
  fed: Map<string, Map<string, ReadonlySet<string>>>;
  /** Source ids of the values shown, or null where some observation's source is unknown. */
  sourceIds: Map<string, Map<string, ReadonlySet<string> | null>>;
}

/**
 * The sources each served series names: the sources of the observations its values were made
 * of (a split kommune's FHI flat shares are not named when SSB's old kommuner gave its numbers).
 * Where an observation's source is unknown, the sources of every code fed into the series;
 * failing that, its own observations' sources.
 */
export function servedSources(own: SourcesOf, provenance: Provenance): SourcesOf {
  const out: SourcesOf = new Map(own);
  const codes = new Set([...provenance.fed.keys(), ...provenance.sourceIds.keys()]);
  for (const code of codes) {
    const merged = new Map(own.get(code) ?? []);
    const ids = provenance.sourceIds.get(code);
    const fed = provenance.fed.get(code);
    for (const indicator of new Set([...(ids?.keys() ?? []), ...(fed?.keys() ?? [])])) {
      const known = ids?.get(indicator);
      let list: string[];
      if (known && known.size > 0) list = [...known];
      else {
        list = [];
        for (const c of fed?.get(indicator) ?? [code]) for (const id of own.get(c)?.get(indicator) ?? []) if (!list.includes(id)) list.push(id);
      }
      if (list.length > 0) merged.set(indicator, list);
    }
    out.set(code, merged);
  }
  return out;
}

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
 * Each retired code's next codes. A unit that a split re-established has that code as its one
 * successor (1534 Haram → 1580 Haram, not 1507 and on to both halves of it): its territory is
 * today's Haram, so its page points there and its sub-areas hang under it.
 */
export function successorsOf(changes: readonly { oldCode: string; newCode: string; changedOn: string }[], graph: ChangeGraph): Context["successors"] {
  const successors = new Map<string, { code: string; changedOn: string }[]>();
  for (const ch of changes) {
    if (ch.oldCode === ch.newCode) continue;
    const list = successors.get(ch.oldCode) ?? [];
    list.push({ code: ch.newCode, changedOn: ch.changedOn });
    successors.set(ch.oldCode, list);
  }
  for (const [key, identity] of graph.identities ?? []) {
    const [code, changedOn] = key.split("@") as [string, string];
    for (const unit of identity.codes) successors.set(unit, [{ code, changedOn }]);
  }
  return successors;
}

/**
 * Areas (in code order, parents as published) placed in today's tree: re-placed areas get
 * today's parent, and the list is sorted by tree key so that every kommune's subtree, re-placed
 * parts included, is one contiguous run.
 */
export function placeInTodaysTree(asPublished: Area[], successors: ReadonlyMap<string, readonly { code: string }[]>) {
  const moved = currentParents(asPublished, successors);
  const publishedParents = new Map<string, string>();
  if (moved.size === 0) return { areas: asPublished, keys: new Map<string, string>(), publishedParents };
  const keys = treeKeys(asPublished, moved);
  const areas = asPublished.map((a) => {
    const now = moved.get(a.code);
    if (now === undefined) return a;
    publishedParents.set(a.code, a.parentCode!);
    return { ...a, parentCode: now };
  });
  const keyOf = (a: Area) => keys.get(a.code) ?? a.code;
  areas.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return { areas, keys, publishedParents };
}

/**
 * The kommune whose figures an area's were published beside: the tree as published, not
 * today's, since a re-placed grunnkrets adds up to its retired kommune, not to the successor.
 */
export function publishedKommuneOf(ctx: Pick<Context, "byCode" | "publishedParents">, area: Area): Area | null {
  let code: string | null = area.code;
  for (let depth = 0; code !== null && depth < 8; depth++) {
    const a = ctx.byCode.get(code);
    if (!a) return null;
    if (a.level === "kommune") return a;
    code = ctx.publishedParents.get(code) ?? a.parentCode;
  }
  return null;
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

/** Which units a series of this kind may need population weights for (means across a merge). */
export const needsWeights = (unit: Indicator["unit"]) => unit !== "count";

export interface ProtectOptions {
  /** Kommuner decided at a higher stage (a kommune when its sub-areas are protected). */
  fixed?: ReadonlyMap<string, SeriesByIndicator>;
  priorities?: ReadonlyMap<string, number>;
  /** Add up children into parents without their own figure (country, fylker; see `aggregateParents`). */
  aggregate?: boolean;
}

/**
 * Protects a set of areas indicator by indicator: current codes as one table over their
 * hierarchy (harmonised across reforms), retired codes each on their own (primary only, as
 * they are not part of today's sums). `provenance` says, per code and indicator, which codes'
 * observations and which sources went into a served series that is not simply its own.
 */
export function protectAreas(
  current: readonly Area[],
  retired: readonly Area[],
  rows: readonly (HarmoniseObservation & { indicatorId: string })[],
  inds: Context["indicators"],
  graph: ChangeGraph,
  options: ProtectOptions = {},
) {
  const { fixed, priorities, aggregate } = options;
  const out = new Map<string, SeriesByIndicator>();
  const provenance: Provenance = { fed: new Map(), sourceIds: new Map() };
  const note = <T>(into: Map<string, Map<string, T>>, code: string, indicator: string, value: T) => {
    const m = into.get(code) ?? new Map<string, T>();
    m.set(indicator, value);
    into.set(code, m);
  };
  for (const a of [...current, ...retired]) out.set(a.code, new Map());
  const byIndicator = new Map<string, HarmoniseObservation[]>();
  for (const r of rows) {
    const list = byIndicator.get(r.indicatorId);
    if (list) list.push(r);
    else byIndicator.set(r.indicatorId, [r]);
  }
  const relations = hierarchyRelations([...current, ...(fixed ? [...fixed.keys()].map((code) => ({ code, parentCode: null })) : [])]);
  const population = byIndicator.get("population") ?? [];
  let unresolved = 0;
  for (const ind of inds) {
    const observations = byIndicator.get(ind.id) ?? [];
    if (observations.length === 0) continue;
    const fixedSeries = fixed ? new Map([...fixed].map(([code, s]) => [code, s.get(ind.id) ?? []])) : undefined;
    // Population weights matter only for means (rates without counts, amounts) across a merge.
    const weights = needsWeights(ind.unit) ? population : undefined;
    const now = protectSeries({ unit: ind.unit, observations, population: weights, graph, codes: current.map((a) => a.code), relations, fixed: fixedSeries, priorities, aggregate });
    unresolved += now.unresolved.length;
    for (const [code, s] of now.series) if (s.length > 0) out.get(code)!.set(ind.id, s);
    for (const [code, codes] of now.fed) note(provenance.fed, code, ind.id, codes);
    for (const [code, ids] of now.sourceIds) note(provenance.sourceIds, code, ind.id, ids);
    if (retired.length > 0) {
      const old = protectSeries({ unit: ind.unit, observations, population: weights, graph: NO_CHANGES, codes: retired.map((a) => a.code), relations: [] });
      for (const [code, s] of old.series) if (s.length > 0) out.get(code)!.set(ind.id, s);
    }
  }
  // Each indicator was protected on its own; a count and its exhaustive parts are one table more.
  unresolved += protectBreakdowns({ series: out, fixed, relations, breakdowns: BREAKDOWNS }).unresolved;
  return { series: out, unresolved, provenance };
}

function protectTop(
  topAreas: Area[],
  rows: Awaited<ReturnType<typeof observationsOf>>,
  inds: Context["indicators"],
  graph: ChangeGraph,
  priorities: ReadonlyMap<string, number>,
  own: SourcesOf,
) {
  const current = topAreas.filter((a) => !a.validTo);
  const retired = topAreas.filter((a) => a.validTo);
  // Norway and the fylker get the sum of their kommuner for years they have no figure of their own.
  const { series, unresolved, provenance } = protectAreas(current, retired, rows, inds, graph, { priorities, aggregate: true });
  return { top: new TopSeries(series), unresolved, sources: servedSources(own, provenance) };
}

/**
 * The protected series of Norway, the fylker and the kommuner, each area's kept as JSON text
 * and read back when asked for (the last 64 kept as read). As objects, ~170,000 points took
 * a fifth of a Worker's heap for the whole run, and every full garbage collection walked them;
 * a chunk needs only its own kommuner and Norway.
 */
export class TopSeries {
  private readonly text = new Map<string, Map<string, string>>();
  private readonly recent = new Map<string, SeriesByIndicator>();

  constructor(series: ReadonlyMap<string, SeriesByIndicator>) {
    for (const [code, byIndicator] of series) this.text.set(code, new Map([...byIndicator].map(([id, points]) => [id, JSON.stringify(points.map(packPoint))])));
  }

  get(code: string): SeriesByIndicator | undefined {
    let series = this.recent.get(code);
    if (series) {
      // Most recently used last, so the oldest goes first.
      this.recent.delete(code);
      this.recent.set(code, series);
      return series;
    }
    const text = this.text.get(code);
    if (text === undefined) return undefined;
    series = new Map([...text].map(([id, points]) => [id, unpackPoints(points)]));
    this.recent.set(code, series);
    // A chunk's kommuner (up to a few dozen small ones) are asked for again by every indicator group.
    if (this.recent.size > 64) this.recent.delete(this.recent.keys().next().value!);
    return series;
  }

  /** One indicator's series of one area, read on its own (Norway's segregation reads every kommune's). */
  seriesOf(code: string, indicator: string): SeriesPoint[] | undefined {
    const text = this.text.get(code)?.get(indicator);
    return text === undefined ? undefined : unpackPoints(text);
  }
}

/**
 * A point as a tuple, its counts (when kept) last: with keys, the text was three times as long.
 * The fourth place: 0 observed, 1 estimated, 2 estimated from a split (see `SeriesPoint.split`).
 */
type Estimate = 0 | 1 | 2;
type PackedPoint = [number, number | null, SeriesPoint["status"], Estimate] | [number, number | null, SeriesPoint["status"], Estimate, number | null, number | null];

const estimateOf = (p: SeriesPoint): Estimate => (p.split ? 2 : p.estimated ? 1 : 0);
const packPoint = (p: SeriesPoint): PackedPoint =>
  p.counts ? [p.period, p.value, p.status, estimateOf(p), p.counts.numerator, p.counts.denominator] : [p.period, p.value, p.status, estimateOf(p)];

const unpackPoints = (text: string): SeriesPoint[] =>
  (JSON.parse(text) as PackedPoint[]).map(([period, value, status, estimated, numerator, denominator]) => ({
    period,
    value,
    status,
    estimated: estimated !== 0,
    ...(estimated === 2 ? { split: true } : {}),
    counts: numerator === undefined ? null : { numerator, denominator: denominator! },
  }));

export function ancestorsOf(ctx: Pick<Context, "byCode">, area: Area): Area[] {
  const chain: Area[] = [];
  let parent = area.parentCode ? ctx.byCode.get(area.parentCode) : undefined;
  while (parent && chain.length < 8) {
    chain.unshift(parent);
    parent = parent.parentCode ? ctx.byCode.get(parent.parentCode) : undefined;
  }
  return chain;
}

/** Follows reforms to the codes in use today (a 2020 merger later split in 2024 gives both). */
export function currentSuccessors(ctx: Pick<Context, "successors" | "byCode">, code: string, seen = new Set<string>()): AreaBody["replacedBy"] {
  const out: AreaBody["replacedBy"] = [];
  for (const next of ctx.successors.get(code) ?? []) {
    if (seen.has(next.code)) continue;
    seen.add(next.code);
    const area = ctx.byCode.get(next.code);
    if (area && !area.validTo) out.push({ ...toRef(area), changedOn: next.changedOn });
    else out.push(...currentSuccessors(ctx, next.code, seen));
  }
  return out;
}

/**
 * The next chunk of areas after `cursor` (a tree key) in tree order, never cutting a kommune's
 * subtree: codes nest (03 < 0301 < 030101 < 03010101), and keys nest re-placed areas the same
 * way, so a kommune with its bydeler and grunnkretser is one contiguous run, which lets a chunk
 * see every relation it must keep consistent.
 */
export function nextChunk(ctx: Pick<Context, "areas" | "keyOf">, cursor: string | null, size: number): Area[] {
  let start = 0;
  if (cursor !== null) {
    while (start < ctx.areas.length && ctx.keyOf(ctx.areas[start]!.code) <= cursor) start++;
  }
  const chunk: Area[] = [];
  for (let i = start; i < ctx.areas.length; i++) {
    const area = ctx.areas[i]!;
    const startsSubtree = area.level === "country" || area.level === "fylke" || area.level === "kommune";
    if (chunk.length >= size && startsSubtree) break;
    chunk.push(area);
  }
  return chunk;
}

