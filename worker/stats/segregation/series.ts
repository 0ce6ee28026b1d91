import { computeIndices, pick, prepare, type Measure, type Row } from "./index";

/**
 * A parent area's segregation series from its units' group counts: one entry per year with
 * enough units, the indices with bootstrap intervals where asked, M's decomposition over strata
 * (e.g. fylker of Norway, bydeler of a kommune) and, for several groups, each group's share
 * and isolation. Pure; the recompute's segregation step reads and writes.
 */

/** Counts of one unit: period → one count per group, in the grouping's group order. */
export interface GroupCounts {
  code: string;
  /** The larger area the unit lies in, for the between/within decomposition; null for none. */
  stratum: string | null;
  counts: ReadonlyMap<number, readonly number[]>;
}

export interface SeriesOptions {
  /** Group ids in the order of every unit's counts. */
  groups: readonly string[];
  /** The group that is "everyone else", if any: the group share is then everyone but them. */
  rest: string | null;
  /** Fewer units with people than this in a year give no entry for it. */
  minUnits: number;
  /** Years that get bootstrap intervals, and each year's seed. */
  bootstrap: { periods: ReadonlySet<number>; replicates: number; seed: (period: number) => number } | null;
}

export interface IndexEstimate {
  value: number;
  low: number | null;
  high: number | null;
}

export interface SeriesEntry {
  period: number;
  units: number;
  population: number;
  /** Everyone but the rest (or the first group, when there is no rest), as a share of all. */
  groupShare: number;
  /** Two groups only. */
  D: IndexEstimate | null;
  H: IndexEstimate | null;
  M: IndexEstimate | null;
  entropy: number | null;
  /** Two groups only: the first group's isolation and its exposure to the second. */
  isolation: IndexEstimate | null;
  exposure: IndexEstimate | null;
  decomposition: {
    M_between: number;
    M_within: number;
    H_between: number;
    H_within: number;
    /** Each stratum's weight p_s (its share of the population) and M_s: M_within = Σ p_s M_s. */
    strata: { code: string; p: number; M: number }[];
  } | null;
  /** More than two groups: each group's share of the population and its isolation. */
  composition: { group: string; share: number; isolation: number | null }[] | null;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
/** Shares of the population by the cards' rule for percentages (one decimal of a per cent). */
const roundShare = (x: number) => Math.round(x * 1000) / 1000;

export function segregationSeries(units: readonly GroupCounts[], options: SeriesOptions): SeriesEntry[] {
  const { groups } = options;
  const G = groups.length;
  if (G < 2) throw new Error(`segregation needs at least two groups, got ${G}`);
  const periods = [...new Set(units.flatMap((u) => [...u.counts.keys()]))].sort((a, b) => a - b);
  const within = units.some((u) => u.stratum !== null);
  const two = G === 2;
  const measures: Measure[] = two ? ["mutual", "dissimilarity", "exposure"] : ["mutual", "exposure"];
  const series: SeriesEntry[] = [];
  for (const period of periods) {
    const rows: Row[] = [];
    let n = 0;
    for (const u of units) {
      const c = u.counts.get(period);
      if (!c) continue;
      if (c.length !== G) throw new Error(`unit ${u.code} has ${c.length} counts in ${period} for ${G} groups`);
      if (!(c.reduce((s, x) => s + x, 0) > 0)) continue;
      n++;
      const base = { unit: u.code, ...(within ? { stratum: u.stratum ?? "none" } : {}) };
      // Every group gets a row, zero or not, so a group absent from the year is still declared.
      groups.forEach((group, g) => rows.push({ ...base, group, n: Math.round(c[g]!) }));
    }
    if (n < options.minUnits) continue;
    const table = prepare(rows, { unit: "unit", group: "group", weight: "n", ...(within ? { within: "stratum" } : {}) });
    if (table.groups.length < 2) continue;
    const boot = options.bootstrap?.periods.has(period) ? { replicates: options.bootstrap.replicates, seed: options.bootstrap.seed(period) } : undefined;
    // Intervals are served for the whole table's indices only, so the replicates skip the
    // decomposition by stratum, which would double each replicate's work: the point estimates
    // come from the stratified table, the intervals from the same counts without strata.
    const r = computeIndices(table, measures, { bootstrap: within ? undefined : boot });
    const intervals = within && boot ? computeIndices(prepare(rows, { unit: "unit", group: "group", weight: "n" }), measures, { bootstrap: boot }) : r;
    const est = (stat: Parameters<typeof pick>[1], where: Parameters<typeof pick>[2] = {}): IndexEstimate | null => {
      const point = pick(r, stat, where);
      if (!point) return null;
      const b = pick(intervals, stat, where);
      return { value: round(point.est), low: b?.lower === undefined ? null : round(b.lower), high: b?.upper === undefined ? null : round(b.upper) };
    };
    const totals = groups.map((group) => rows.filter((x) => x.group === group).reduce((s, x) => s + (x.n as number), 0));
    const share = (g: number) => totals[g]! / r.population;
    const restIndex = options.rest === null ? -1 : groups.indexOf(options.rest);
    series.push({
      period,
      units: r.units,
      population: r.population,
      groupShare: roundShare(restIndex >= 0 ? 1 - share(restIndex) : share(0)),
      D: two ? est("D") : null,
      H: est("H"),
      M: est("M"),
      entropy: pick(r, "entropy") ? round(pick(r, "entropy")!.est) : null,
      isolation: two ? est("isolation", { group: groups[0] }) : null,
      exposure: two ? est("exposure", { group: groups[0], to: groups[1] }) : null,
      decomposition: within
        ? {
            M_between: round(pick(r, "M_between")?.est ?? 0),
            M_within: round(pick(r, "M_within")?.est ?? 0),
            H_between: round(pick(r, "H_between")?.est ?? 0),
            H_within: round(pick(r, "H_within")?.est ?? 0),
            strata: (r.strata ?? []).map((code) => ({ code, p: round(pick(r, "p", { stratum: code })?.est ?? 0), M: round(pick(r, "M", { stratum: code })?.est ?? 0) })),
          }
        : null,
      composition: two ? null : groups.map((group, g) => ({ group, share: roundShare(share(g)), isolation: pick(r, "isolation", { group }) ? round(pick(r, "isolation", { group })!.est) : null })),
    });
  }
  return series;
}
