import type { Level } from "../../db/schema";
import type { Classification, ClassifyArea } from "./classify";
import { indicatorsOf, type RuleSet } from "./ruleset-schema";

/**
 * Which of a rule set's indicators have figures at each level in a year, so a list can say why
 * a rule set cannot be evaluated there ("no figures for children in low-income households …")
 * instead of showing an empty list as if no area met it. Real open data stop at kommune and
 * big-city bydel level, and many indicators exist for a few years only, so this is the usual
 * case, not an edge.
 *
 * The recompute evaluates a chunk of areas at a time; each chunk's presence is merged into one
 * stored object per rule set and year (a JSON merge patch in SQL), so a request reads one row.
 */

/** The bucket name the coverage row of a rule set and year is stored under (never an area code). */
export const COVERAGE_BUCKET = "coverage";

/**
 * level → what some area of that level had: `v` indicators with a shown value, `s` indicators
 * with a suppressed one, `e` criteria evaluated (value and threshold known; for scale rule sets
 * `@index`: the index was computed). Keys map to 1, so merging two is a union.
 */
export type StoredCoverage = Partial<Record<Level, { v?: Record<string, 1>; s?: Record<string, 1>; e?: Record<string, 1> }>>;

/** Marks the index of a scale rule set as computed, among the criteria ids. */
const INDEX = "@index";

/** What the areas of one chunk, rule set and year had, from their inputs and results. */
export function coverageOf(rs: RuleSet, areas: readonly ClassifyArea[], results: readonly Classification[]): StoredCoverage {
  const out: StoredCoverage = {};
  const ids = indicatorsOf(rs);
  const entry = (level: Level) => (out[level] ??= { v: {}, s: {}, e: {} });
  for (const area of areas) {
    const e = entry(area.level);
    for (const id of ids) {
      const served = area.values[id];
      if (!served) continue;
      if (served.status === null && served.value !== null && Number.isFinite(served.value)) e.v![id] = 1;
      else if (served.status === ":") e.s![id] = 1;
    }
  }
  for (const r of results) {
    const e = entry(r.level);
    // Loops rather than a spread copy of every result's criteria (~600,000 results nationally).
    for (const c of r.criteria) if (c.reason === null) e.e![c.id] = 1;
    for (const t of r.tiers) for (const c of t.criteria) if (c.reason === null) e.e![c.id] = 1;
    if (r.scale && r.scale.index !== null) e.e![INDEX] = 1;
  }
  return out;
}

export interface Gap {
  /** The criterion's id; null for the population limit that decides which areas are eligible. */
  criterion: string | null;
  indicator: string;
}

/** Whether, and why not, a rule set can be evaluated at one level in one year. */
export interface LevelCoverage {
  level: Level;
  /** Whether the year's classification holds any area of this level. */
  areas: boolean;
  /**
   * Whether an area of this level can meet the rule set at all: at least `minMet` of its
   * criteria could be evaluated somewhere (scale rule sets: the index was computed), and the
   * population limit, if any, has figures.
   */
  evaluable: boolean;
  /** Criteria whose indicator has no figure for any area of this level in this year. */
  missing: Gap[];
  /** Criteria whose figures are all suppressed at this level (too few people). */
  suppressed: Gap[];
  /** Criteria with figures but nothing to compare them with: the national or regional value is missing. */
  noReference: Gap[];
}

/** The stored coverage of a rule set and year, explained for each of the given levels. */
export function explainCoverage(rs: RuleSet, stored: StoredCoverage | null, levels: readonly Level[]): LevelCoverage[] {
  return levels.map((level) => {
    const at = stored?.[level];
    const shown = (id: string) => !!at?.v?.[id];
    const hidden = (id: string) => !shown(id) && !!at?.s?.[id];
    const evaluated = (id: string) => !!at?.e?.[id];
    const { population } = rs;
    const limited = population.min !== undefined || population.max !== undefined;
    const gaps: Gap[] = [
      ...(limited ? [{ criterion: null, indicator: population.indicator }] : []),
      ...(rs.kind === "criteria"
        ? [...rs.criteria, ...rs.tiers.flatMap((t) => t.criteria)].map((c) => ({ criterion: c.id, indicator: c.indicator }))
        : rs.index.indicators.map((indicator) => ({ criterion: indicator, indicator }))),
    ];
    const missing = gaps.filter((g) => !shown(g.indicator) && !hidden(g.indicator));
    const suppressed = gaps.filter((g) => hidden(g.indicator));
    const noReference =
      rs.kind === "criteria"
        ? gaps.filter((g): g is Gap & { criterion: string } => g.criterion !== null && shown(g.indicator) && !evaluated(g.criterion) && isRelative(rs, g.criterion))
        : [];
    const populationKnown = !limited || shown(population.indicator);
    const enough = rs.kind === "criteria" ? rs.criteria.filter((c) => evaluated(c.id)).length >= rs.minMet : evaluated(INDEX);
    return { level, areas: at !== undefined, evaluable: at !== undefined && populationKnown && enough, missing, suppressed, noReference };
  });
}

function isRelative(rs: RuleSet & { kind: "criteria" }, criterion: string): boolean {
  return [...rs.criteria, ...rs.tiers.flatMap((t) => t.criteria)].find((c) => c.id === criterion)?.threshold.kind === "relative";
}
