import { z } from "zod";
import type { DIRECTIONS, Observation } from "../../db/schema";

/**
 * Composite living-conditions index per area and year, in the manner of Berlin's Monitoring
 * Soziale Stadtentwicklung (MSS):
 *
 * 1. each status indicator is standardised against the national distribution of the same level
 *    and year (z = (value − mean) / sd over every area of the level, sample sd), oriented so that
 *    a positive z always means more disadvantage (`higher_better` indicators are negated,
 *    `neutral` ones are left out: they have no good or bad side);
 * 2. the status score is the mean of an area's z-scores, computed when at least `minStatus` of
 *    them exist (otherwise null with a reason: never a score from one lucky indicator);
 * 3. the status index is that score standardised again across the level, so that the class
 *    bands are in standard deviations of the index itself (a mean of imperfectly correlated
 *    z-scores has sd < 1);
 * 4. the dynamics index does the same with each indicator's change over `windowYears` (the
 *    difference in the indicator's unit, e.g. percentage points). MSS uses two-year changes
 *    because it is published every two years; we default to five years, the span of the trend
 *    cards, where yearly noise in small areas matters less;
 * 5. classes: status high / medium / low / very low at −1, +1, +1.5 SD; dynamics positive
 *    (improving) / stable / negative at ±1 SD. Bands are configuration.
 *
 * Pass the values as they are served (after disclosure): a suppressed or missing value counts as
 * unavailable, so no z-score or index is ever computed from a number that is not shown.
 */

export const STATUS_CLASSES = ["high", "medium", "low", "very_low"] as const;
export const DYNAMICS_CLASSES = ["positive", "stable", "negative"] as const;

const ascending = (xs: readonly number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

export const compositeConfigSchema = z
  .object({
    /** Indicator ids of the status index. */
    status: z.array(z.string().min(1)).min(1),
    /** Indicator ids whose change makes the dynamics index; defaults to the status indicators. */
    dynamics: z.array(z.string().min(1)).min(1).optional(),
    windowYears: z.number().int().min(1).max(30).default(5),
    /** How many status z-scores an area needs; default two thirds of the usable ones, rounded up. */
    minStatus: z.number().int().min(1).optional(),
    minDynamics: z.number().int().min(1).optional(),
    /** Areas with fewer residents are left out of the reference distribution and get no index. */
    minPopulation: z.number().min(0).default(0),
    populationIndicator: z.string().min(1).default("population"),
    /** Upper bounds (inclusive) of high, medium and low status; above the last is very low. */
    statusBands: z.tuple([z.number(), z.number(), z.number()]).default([-1, 1, 1.5]).refine(ascending, "must be ascending"),
    /** Upper bounds (inclusive) of positive and stable dynamics; above the last is negative. */
    dynamicsBands: z.tuple([z.number(), z.number()]).default([-1, 1]).refine(ascending, "must be ascending"),
  })
  .superRefine((c, ctx) => {
    if (c.minStatus !== undefined && c.minStatus > c.status.length) {
      ctx.addIssue({ code: "custom", path: ["minStatus"], message: `must be at most the ${c.status.length} status indicators` });
    }
    const dyn = c.dynamics ?? c.status;
    if (c.minDynamics !== undefined && c.minDynamics > dyn.length) {
      ctx.addIssue({ code: "custom", path: ["minDynamics"], message: `must be at most the ${dyn.length} dynamics indicators` });
    }
  });
export type CompositeConfig = z.input<typeof compositeConfigSchema>;

/** The default status indicators: socioeconomic, all published down to grunnkrets. */
export const DEFAULT_COMPOSITE: CompositeConfig = {
  status: ["low_income_persistent", "children_low_income", "not_in_work", "social_assistance", "basic_education", "crowded_housing"],
};

export const MISSING_REASONS = ["suppressed", "missing", "not_applicable", "no_variation"] as const;
export const INDEX_REASONS = ["too_few_indicators", "small_population", "population_unknown", "no_variation"] as const;

const indexPartSchema = z.object({
  /** Mean of the available z-scores. */
  score: z.number().nullable(),
  /** The score standardised across the level: what the class bands apply to. */
  index: z.number().nullable(),
  used: z.number().int(),
  required: z.number().int(),
  reason: z.enum(INDEX_REASONS).nullable(),
});

type IndexPart = z.infer<typeof indexPartSchema>;

export const compositeAreaSchema = z.object({
  code: z.string(),
  period: z.number().int(),
  status: indexPartSchema.extend({ class: z.enum(STATUS_CLASSES).nullable() }),
  dynamics: indexPartSchema.extend({ from: z.number().int(), class: z.enum(DYNAMICS_CLASSES).nullable() }),
  /** Each status indicator: the value, its oriented z-score, or why it is missing. */
  indicators: z.array(
    z.object({ indicator: z.string(), value: z.number().nullable(), z: z.number().nullable(), missing: z.enum(MISSING_REASONS).nullable() }),
  ),
  /** Each dynamics indicator: the change over the window, its oriented z-score, or why missing. */
  changes: z.array(
    z.object({ indicator: z.string(), change: z.number().nullable(), z: z.number().nullable(), missing: z.enum(MISSING_REASONS).nullable() }),
  ),
});
export type CompositeArea = z.infer<typeof compositeAreaSchema>;

export const referenceSchema = z.object({ indicator: z.string(), mean: z.number(), sd: z.number(), n: z.number().int() });
export type Reference = z.infer<typeof referenceSchema>;

export interface CompositeResult {
  period: number;
  /** Distributions the z-scores were taken against (indicators with n ≥ 2 and sd > 0 only). */
  reference: {
    status: Reference[];
    dynamics: Reference[];
    /**
     * The mean and sd of the scores that the indices standardise (null without variation): with
     * the indicators' sds, what an index's interval is propagated through (composite-uncertainty.ts).
     */
    statusScore: { mean: number; sd: number } | null;
    dynamicsScore: { mean: number; sd: number } | null;
  };
  /** Configured indicators left out, and why. */
  excluded: { indicator: string; reason: "neutral" | "unknown_indicator" }[];
  areas: CompositeArea[];
}

export type CompositeRow = Pick<Observation, "areaCode" | "indicatorId" | "period" | "value" | "status">;
export type Direction = (typeof DIRECTIONS)[number];

export interface CompositeInput {
  period: number;
  /**
   * Every area of ONE level (the national distribution is taken over all of them): the status
   * and dynamics indicators in `period` and `period − windowYears`, plus population if
   * `minPopulation` is set. Served values: status set or value null = unavailable.
   */
  rows: readonly CompositeRow[];
  directions: Readonly<Record<string, Direction>>;
  config?: CompositeConfig;
}

type Missing = (typeof MISSING_REASONS)[number];
type Avail = { value: number; missing: null } | { value: null; missing: Missing };

export function compositeIndex(input: CompositeInput): CompositeResult {
  const config = compositeConfigSchema.parse(input.config ?? DEFAULT_COMPOSITE);
  const { period } = input;
  const from = period - config.windowYears;
  const excluded: CompositeResult["excluded"] = [];
  const usable = (ids: string[]) =>
    [...new Set(ids)].filter((id) => {
      const direction = input.directions[id];
      const reason = direction === undefined ? "unknown_indicator" : direction === "neutral" ? "neutral" : null;
      if (reason && !excluded.some((e) => e.indicator === id)) excluded.push({ indicator: id, reason });
      return reason === null;
    });
  const statusIds = usable(config.status);
  const dynamicsIds = usable(config.dynamics ?? config.status);
  if (statusIds.length === 0) throw new Error("compositeIndex: no status indicator has a direction (higher_worse or higher_better)");
  if (dynamicsIds.length === 0) throw new Error("compositeIndex: no dynamics indicator has a direction (higher_worse or higher_better)");
  const minStatus = config.minStatus ?? Math.ceil((2 * statusIds.length) / 3);
  const minDynamics = config.minDynamics ?? Math.ceil((2 * dynamicsIds.length) / 3);
  const sign = (id: string) => (input.directions[id] === "higher_better" ? -1 : 1);

  // indicator → period → area: nested maps, no composite string keys (this runs over every area
  // of a level, ~14,000 grunnkretser × indicators × 2 periods).
  const { rows, codes } = indexRows(input.rows);
  const at = (code: string, id: string, p: number): Avail => {
    const row = rows.get(id)?.get(p)?.get(code);
    if (!row) return { value: null, missing: "missing" };
    if (row.status === ":") return { value: null, missing: "suppressed" };
    if (row.status === ".") return { value: null, missing: "not_applicable" };
    if (row.status || row.value === null || !Number.isFinite(row.value)) return { value: null, missing: "missing" };
    return { value: row.value, missing: null };
  };

  const excludedArea = new Map<string, "small_population" | "population_unknown">();
  if (config.minPopulation > 0) {
    for (const code of codes) {
      const pop = at(code, config.populationIndicator, period);
      if (pop.value === null) excludedArea.set(code, "population_unknown");
      else if (pop.value < config.minPopulation) excludedArea.set(code, "small_population");
    }
  }
  const eligible = codes.filter((c) => !excludedArea.has(c));

  const status = standardiseAll(statusIds, codes, eligible, (code, id) => at(code, id, period), sign);
  const dynamics = standardiseAll(dynamicsIds, codes, eligible, (code, id) => {
    const now = at(code, id, period);
    if (now.value === null) return now;
    const then = at(code, id, from);
    return then.value === null ? then : { value: now.value - then.value, missing: null };
  }, sign);

  const { parts: statusIndex, stats: statusScore } = combine(statusIds, codes, eligible, status.z, minStatus, excludedArea);
  const { parts: dynamicsIndex, stats: dynamicsScore } = combine(dynamicsIds, codes, eligible, dynamics.z, minDynamics, excludedArea);

  const areas = codes.map((code): CompositeArea => {
    const s = statusIndex.get(code)!;
    const d = dynamicsIndex.get(code)!;
    return {
      code,
      period,
      status: { ...s, class: s.index === null ? null : band(s.index, config.statusBands, STATUS_CLASSES) },
      dynamics: { ...d, from, class: d.index === null ? null : band(d.index, config.dynamicsBands, DYNAMICS_CLASSES) },
      indicators: statusIds.map((id) => {
        const { value, missing, z } = status.z.get(id)!.get(code)!;
        return { indicator: id, value, z, missing };
      }),
      changes: dynamicsIds.map((id) => {
        const { value, missing, z } = dynamics.z.get(id)!.get(code)!;
        return { indicator: id, change: value, z, missing };
      }),
    };
  });
  return { period, reference: { status: status.reference, dynamics: dynamics.reference, statusScore, dynamicsScore }, excluded, areas };
}

type RowIndex = { rows: Map<string, Map<number, Map<string, CompositeRow>>>; codes: string[] };

/** Several indices (the default and each scale) read the same rows: they are indexed once. */
const indexed = new WeakMap<readonly CompositeRow[], RowIndex>();

function indexRows(input: readonly CompositeRow[]): RowIndex {
  let index = indexed.get(input);
  if (index) return index;
  const rows = new Map<string, Map<number, Map<string, CompositeRow>>>();
  for (const row of input) {
    let byPeriod = rows.get(row.indicatorId);
    if (!byPeriod) rows.set(row.indicatorId, (byPeriod = new Map()));
    let byArea = byPeriod.get(row.period);
    if (!byArea) byPeriod.set(row.period, (byArea = new Map()));
    byArea.set(row.areaCode, row);
  }
  index = { rows, codes: [...new Set(input.map((r) => r.areaCode))].sort() };
  indexed.set(input, index);
  return index;
}

type Scored = { value: number | null; missing: Missing | null; z: number | null };

/** z-scores of every indicator for every area, against the eligible areas' distribution. */
function standardiseAll(
  ids: string[],
  codes: string[],
  eligible: string[],
  valueOf: (code: string, id: string) => Avail,
  sign: (id: string) => number,
) {
  const reference: Reference[] = [];
  const z = new Map<string, Map<string, Scored>>();
  for (const id of ids) {
    const values = new Map(codes.map((c) => [c, valueOf(c, id)]));
    const sample = eligible.map((c) => values.get(c)!.value).filter((v): v is number => v !== null);
    const stats = meanSd(sample);
    if (stats) reference.push({ indicator: id, ...stats, n: sample.length });
    const scored = new Map<string, Scored>();
    for (const [code, v] of values) {
      if (v.value === null) scored.set(code, { ...v, z: null });
      else if (!stats) scored.set(code, { value: v.value, missing: "no_variation", z: null });
      else scored.set(code, { ...v, z: (sign(id) * (v.value - stats.mean)) / stats.sd });
    }
    z.set(id, scored);
  }
  return { reference, z };
}

/** Mean of each area's z-scores (when enough exist), then that score standardised across the level. */
function combine(
  ids: string[],
  codes: string[],
  eligible: string[],
  scored: Map<string, Map<string, Scored>>,
  required: number,
  excludedArea: Map<string, "small_population" | "population_unknown">,
) {
  const parts = new Map<string, IndexPart>();
  for (const code of codes) {
    const zs = ids.map((id) => scored.get(id)!.get(code)!.z).filter((v): v is number => v !== null);
    const reason = excludedArea.get(code) ?? (zs.length < required ? "too_few_indicators" : null);
    const score = reason ? null : zs.reduce((s, v) => s + v, 0) / zs.length;
    parts.set(code, { score, index: null, used: zs.length, required, reason });
  }
  const scores = eligible.map((c) => parts.get(c)!.score).filter((v): v is number => v !== null);
  const stats = meanSd(scores);
  for (const part of parts.values()) {
    if (part.score === null) continue;
    if (stats) part.index = (part.score - stats.mean) / stats.sd;
    else part.reason = "no_variation";
  }
  return { parts, stats };
}

function meanSd(xs: number[]): { mean: number; sd: number } | null {
  if (xs.length < 2) return null;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
  // Relative tolerance: identical values can leave rounding dust instead of an exact 0.
  return sd > 1e-12 * Math.max(1, Math.abs(mean)) ? { mean, sd } : null;
}

function band<C extends string>(x: number, bounds: readonly number[], classes: readonly C[]): C {
  const i = bounds.findIndex((b) => x <= b);
  return classes[i === -1 ? classes.length - 1 : i]!;
}
