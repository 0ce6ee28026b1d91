import type { Breakdown } from "../stats/breakdowns";

/**
 * The population groupings segregation is measured for. Origin is measured here, never used to
 * classify. Two kinds:
 *
 * - `share`: a group (the share's numerator) against everyone else in its denominator;
 * - `counts`: several groups, each a count indicator, and optionally "everyone else" as a
 *   total minus counts (e.g. not an immigrant = population − immigrants).
 *
 * Order matters: an API request without a grouping gets the first one an area has.
 */

/** The units a grouping is measured over: kommuner (of Norway and of each fylke), grunnkretser (of each kommune). */
export type UnitLevel = "kommune" | "grunnkrets";

export interface ShareGrouping {
  id: string;
  kind: "share";
  indicator: string;
  units: readonly UnitLevel[];
  label: { nb: string; en: string };
}

export interface CountsGrouping {
  id: string;
  kind: "counts";
  /** Each group's count indicator; its id is what the API calls the group. */
  groups: readonly { id: string; indicator: string }[];
  /** Everyone else: `total` minus the `minus` counts (all must be published for a unit to count). */
  rest: { id: string; total: string; minus: readonly string[] } | null;
  /** The indicator the page maps beside the indices. */
  mapIndicator: string;
  units: readonly UnitLevel[];
  label: { nb: string; en: string };
}

export type Grouping = ShareGrouping | CountsGrouping;

/** SSB's world regions of origin, as IMDi's country-background file is summed by the importer. */
export const WORLD_REGIONS = ["eu_eea_uk", "europe_other", "africa", "asia", "americas", "oceania", "other_unknown"] as const;

/**
 * Counts broken down into exhaustive parts: total = Σ parts in every area, a relation disclosure
 * control must protect across indicators (stats/breakdowns.ts). The 2018 Western/other split
 * has no total of its own at grunnkrets level; where immigrants_count exists it is their total.
 */
export const BREAKDOWNS: readonly Breakdown[] = [
  { total: "immigrants_count", parts: WORLD_REGIONS.map((r) => `immigrants_${r}`) },
  { total: "immigrants_count", parts: ["immigrants_western", "immigrants_nonwestern"] },
];

/**
 * `chosen` and every indicator of `all` that shares a breakdown with one of them, in `all`'s
 * order: a breakdown's indicators must be protected in one pass to be protected together.
 */
export function withBreakdowns<T extends { id: string }>(all: readonly T[], chosen: readonly T[]): T[] {
  const ids = new Set(chosen.map((i) => i.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const b of BREAKDOWNS) {
      const members = [b.total, ...b.parts];
      if (!members.some((id) => ids.has(id))) continue;
      for (const id of members) if (!ids.has(id) && all.some((i) => i.id === id)) (ids.add(id), (grew = true));
    }
  }
  return all.filter((i) => ids.has(i.id));
}

export const GROUPINGS: readonly Grouping[] = [
  {
    id: "origin_region",
    kind: "counts",
    groups: WORLD_REGIONS.map((r) => ({ id: r, indicator: `immigrants_${r}` })),
    rest: { id: "not_immigrant", total: "population", minus: ["immigrants_count"] },
    mapIndicator: "immigrants",
    units: ["kommune"],
    label: { nb: "Innvandrere etter verdensdel for landbakgrunn, og resten", en: "Immigrants by world region of origin, and the rest" },
  },
  { id: "immigrant", kind: "share", indicator: "immigrant_share", units: ["kommune", "grunnkrets"], label: { nb: "Innvandrerbakgrunn mot resten", en: "Immigrant background vs the rest" } },
  // Over kommuner only: open data stops there, and every kommune's grunnkretser would cost a
  // national recompute a quarter more segregation time for a grouping "immigrant" already covers.
  { id: "immigrants", kind: "share", indicator: "immigrants", units: ["kommune"], label: { nb: "Innvandrere (første generasjon) mot resten", en: "Immigrants (first generation) vs the rest" } },
  {
    id: "origin_western",
    kind: "counts",
    groups: [
      { id: "nonwestern", indicator: "immigrants_nonwestern" },
      { id: "western", indicator: "immigrants_western" },
    ],
    // The 2018 grunnkrets file gives immigrants only: the two groups among immigrants.
    rest: null,
    mapIndicator: "immigrants_nonwestern",
    units: ["grunnkrets"],
    label: { nb: "Innvandrere med øvrig mot vestlig landbakgrunn", en: "Immigrants of other vs Western origin" },
  },
  { id: "low_income", kind: "share", indicator: "low_income_persistent", units: ["kommune", "grunnkrets"], label: { nb: "Vedvarende lavinntekt mot resten", en: "Persistent low income vs the rest" } },
  { id: "education", kind: "share", indicator: "basic_education", units: ["kommune", "grunnkrets"], label: { nb: "Bare grunnskole mot resten", en: "Compulsory schooling only vs the rest" } },
];

export type GroupingId = string;
export const GROUPING_IDS = GROUPINGS.map((g) => g.id) as [string, ...string[]];

/** Every indicator a grouping reads. */
export function groupingIndicators(g: Grouping): string[] {
  if (g.kind === "share") return [g.indicator];
  return [...g.groups.map((x) => x.indicator), ...(g.rest ? [g.rest.total, ...g.rest.minus] : [])];
}

/** The group ids of a grouping in table order; a share grouping's are "group" and "rest". */
export function groupIds(g: Grouping): string[] {
  if (g.kind === "share") return ["group", "rest"];
  return [...g.groups.map((x) => x.id), ...(g.rest ? [g.rest.id] : [])];
}

/** The indicator the page maps beside the indices. */
export const mapIndicatorOf = (g: Grouping) => (g.kind === "share" ? g.indicator : g.mapIndicator);

/**
 * Bootstrap replicates per index and year. Elbers' default is 100, but percentile bounds from
 * 100 replicates move by a few thousandths from one seed to the next (a D lower bound 0.0901
 * with 100, 0.0874 with 2,000); from 1,000 they are stable to about a thousandth.
 */
export const SEGREGATION_REPLICATES = 1000;

/**
 * The years a change is judged over, counted back from the latest: the latest and the five
 * before. A change is called one only when the intervals of the first and the last of them do
 * not overlap (the page and the method page say so).
 */
export const BOOTSTRAP_YEARS = 6;

/**
 * The years that get bootstrap intervals, of a series' years in ascending order: the two a
 * change is judged between, the latest and the first of the BOOTSTRAP_YEARS before it (the
 * earliest when there are fewer). The years between get point estimates only: their intervals
 * served no statement but cost two thirds of a national recompute's segregation time. Each
 * year's replicates depend only on its own seed, so the two years' intervals are the same as
 * when every year of the window was bootstrapped.
 */
export function bootstrapPeriods(periods: readonly number[]): Set<number> {
  if (periods.length === 0) return new Set();
  const window = periods.slice(-BOOTSTRAP_YEARS);
  return new Set([window[0]!, window[window.length - 1]!]);
}

/** Fewer units than this give no index: a handful of areas says little and reveals much. */
export const MIN_UNITS = 5;
