import type { Area, Indicator } from "../../db/schema";
import type { SeriesByIndicator, SeriesPoint } from "../stats/cards";
import { changeGraph, type ChangeGraph } from "../stats/change-graph";
import type { HarmoniseObservation } from "../stats/harmonise";
import { protectBreakdowns } from "../stats/breakdowns";
import { protectSeries } from "../stats/protect";
import { hierarchyRelations } from "../stats/suppression";
import type { Context, observationsOf, SourcesOf } from "./context";
import { BREAKDOWNS } from "./groupings";

/**
 * Protection of the recompute's areas: their series harmonised across reforms and suppressed
 * (primary and complementary, breakdowns with their totals), where each served series came
 * from, and Norway's, the fylker's and the kommuner's protected series held for the whole run.
 */

/** Retired codes are published as they were: no harmonisation across later reforms. */
const NO_CHANGES = changeGraph([]);

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

export function protectTop(
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
