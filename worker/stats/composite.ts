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
type IndexReason = (typeof INDEX_REASONS)[number];

/** Why a value is unavailable, by code: 0 = available. */
const MISSING_BY_CODE: readonly (Missing | null)[] = [null, "suppressed", "not_applicable", "missing", "no_variation"];
const SUPPRESSED = 1;
const NOT_APPLICABLE = 2;
const MISSING = 3;
const NO_VARIATION = 4;

/** One indicator in one year for every area of a table, by the area's position: the value (NaN where unavailable) and why it is unavailable (0: available). */
export interface CompositeColumn {
  value: Float64Array;
  missing: Uint8Array;
}

/**
 * The input of one level in columns: the area codes, sorted, and per indicator and year one
 * column. The recompute builds it straight from its stored inputs (~14,000 grunnkretser ×
 * indicators × two years: rows as objects were most of the step's time and garbage).
 */
export interface CompositeTable {
  codes: string[];
  columns: Map<string, Map<number, CompositeColumn>>;
}

/** An empty column for the table's areas: every value missing until set. */
export function compositeColumn(size: number): CompositeColumn {
  return { value: new Float64Array(size).fill(NaN), missing: new Uint8Array(size).fill(MISSING) };
}

/** Sets area `i`'s cell of a column from a served value or, where none is shown, its status symbol. */
export function setCompositeCell(column: CompositeColumn, i: number, value: number | null, status: string | null) {
  if (!status && value !== null && Number.isFinite(value)) {
    column.value[i] = value;
    column.missing[i] = 0;
  } else {
    column.value[i] = NaN;
    column.missing[i] = status === ":" ? SUPPRESSED : status === "." ? NOT_APPLICABLE : MISSING;
  }
}

/** Several indices (the default and each scale) read the same rows: they are put in columns once. */
const tables = new WeakMap<readonly CompositeRow[], CompositeTable>();

function tableOf(input: readonly CompositeRow[]): CompositeTable {
  let table = tables.get(input);
  if (table) return table;
  const codes = [...new Set(input.map((r) => r.areaCode))].sort();
  const position = new Map(codes.map((c, i) => [c, i]));
  const columns = new Map<string, Map<number, CompositeColumn>>();
  for (const row of input) {
    let byPeriod = columns.get(row.indicatorId);
    if (!byPeriod) columns.set(row.indicatorId, (byPeriod = new Map()));
    let column = byPeriod.get(row.period);
    if (!column) byPeriod.set(row.period, (column = compositeColumn(codes.length)));
    setCompositeCell(column, position.get(row.areaCode)!, row.value, row.status);
  }
  table = { codes, columns };
  tables.set(input, table);
  return table;
}

/** One part (status or dynamics) of every area's index, by the area's position; NaN for null. */
export interface IndexColumns {
  score: Float64Array;
  index: Float64Array;
  used: Int32Array;
  required: number;
  reason: (IndexReason | null)[];
}

/** Each indicator's values (or changes) and oriented z-scores, by the area's position; NaN for null. */
export interface ScoredColumn {
  indicator: string;
  value: Float64Array;
  z: Float64Array;
  missing: Uint8Array;
}

/** What `compositeIndex` computes, in columns over `codes` (what the recompute reads). */
export interface CompositeColumns {
  period: number;
  from: number;
  codes: string[];
  reference: CompositeResult["reference"];
  excluded: CompositeResult["excluded"];
  status: IndexColumns;
  dynamics: IndexColumns;
  statusClass: ((typeof STATUS_CLASSES)[number] | null)[];
  dynamicsClass: ((typeof DYNAMICS_CLASSES)[number] | null)[];
  indicators: ScoredColumn[];
  changes: ScoredColumn[];
}

export const missingReason = (code: number): Missing | null => (code === 0 ? null : (MISSING_BY_CODE[code] ?? "missing"));
const orNull = (x: number) => (Number.isNaN(x) ? null : x);

export function compositeIndex(input: CompositeInput): CompositeResult {
  const r = compositeColumns(tableOf(input.rows), input);
  const scored = (c: ScoredColumn, i: number) => ({ value: orNull(c.value[i]!), z: orNull(c.z[i]!), missing: missingReason(c.missing[i]!) });
  const part = (p: IndexColumns, i: number) => ({ score: orNull(p.score[i]!), index: orNull(p.index[i]!), used: p.used[i]!, required: p.required, reason: p.reason[i]! });
  const areas = r.codes.map((code, i): CompositeArea => ({
    code,
    period: r.period,
    status: { ...part(r.status, i), class: r.statusClass[i]! },
    dynamics: { ...part(r.dynamics, i), from: r.from, class: r.dynamicsClass[i]! },
    indicators: r.indicators.map((c) => {
      const { value, missing, z } = scored(c, i);
      return { indicator: c.indicator, value, z, missing };
    }),
    changes: r.changes.map((c) => {
      const { value, missing, z } = scored(c, i);
      return { indicator: c.indicator, change: value, z, missing };
    }),
  }));
  return { period: r.period, reference: r.reference, excluded: r.excluded, areas };
}

/** `compositeIndex` of a table in columns: the same numbers, without an object per area and indicator. */
export function compositeColumns(table: CompositeTable, input: Omit<CompositeInput, "rows">): CompositeColumns {
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

  const { codes } = table;
  const N = codes.length;
  const none = compositeColumn(N);
  const column = (id: string, p: number) => table.columns.get(id)?.get(p) ?? none;

  const excludedArea: (IndexReason | null)[] = new Array(N).fill(null);
  if (config.minPopulation > 0) {
    const pop = column(config.populationIndicator, period);
    for (let i = 0; i < N; i++) {
      if (pop.missing[i]) excludedArea[i] = "population_unknown";
      else if (pop.value[i]! < config.minPopulation) excludedArea[i] = "small_population";
    }
  }

  const status = standardiseAll(statusIds, excludedArea, (id) => column(id, period), sign);
  const dynamics = standardiseAll(dynamicsIds, excludedArea, (id) => {
    const now = column(id, period);
    const then = column(id, from);
    const change = compositeColumn(N);
    for (let i = 0; i < N; i++) {
      if (now.missing[i]) change.missing[i] = now.missing[i]!;
      else if (then.missing[i]) change.missing[i] = then.missing[i]!;
      else {
        change.value[i] = now.value[i]! - then.value[i]!;
        change.missing[i] = 0;
      }
    }
    return change;
  }, sign);

  const { parts: statusIndex, stats: statusScore } = combine(status.z, excludedArea, minStatus);
  const { parts: dynamicsIndex, stats: dynamicsScore } = combine(dynamics.z, excludedArea, minDynamics);
  const classes = <C extends string>(p: IndexColumns, bounds: readonly number[], names: readonly C[]) =>
    Array.from(p.index, (x) => (Number.isNaN(x) ? null : band(x, bounds, names)));
  return {
    period,
    from,
    codes,
    reference: { status: status.reference, dynamics: dynamics.reference, statusScore, dynamicsScore },
    excluded,
    status: statusIndex,
    dynamics: dynamicsIndex,
    statusClass: classes(statusIndex, config.statusBands, STATUS_CLASSES),
    dynamicsClass: classes(dynamicsIndex, config.dynamicsBands, DYNAMICS_CLASSES),
    indicators: status.z,
    changes: dynamics.z,
  };
}

/** z-scores of every indicator for every area, against the eligible areas' distribution. */
function standardiseAll(ids: string[], excludedArea: readonly (IndexReason | null)[], valuesOf: (id: string) => CompositeColumn, sign: (id: string) => number) {
  const reference: Reference[] = [];
  const z: ScoredColumn[] = [];
  const N = excludedArea.length;
  for (const id of ids) {
    const values = valuesOf(id);
    const sample: number[] = [];
    for (let i = 0; i < N; i++) if (excludedArea[i] === null && !values.missing[i]) sample.push(values.value[i]!);
    const stats = meanSd(sample);
    if (stats) reference.push({ indicator: id, ...stats, n: sample.length });
    const scored: ScoredColumn = { indicator: id, value: new Float64Array(values.value), z: new Float64Array(N).fill(NaN), missing: new Uint8Array(values.missing) };
    const s = sign(id);
    for (let i = 0; i < N; i++) {
      if (values.missing[i]) continue;
      if (!stats) scored.missing[i] = NO_VARIATION;
      else scored.z[i] = (s * (values.value[i]! - stats.mean)) / stats.sd;
    }
    z.push(scored);
  }
  return { reference, z };
}

/** Mean of each area's z-scores (when enough exist), then that score standardised across the level. */
function combine(scored: ScoredColumn[], excludedArea: readonly (IndexReason | null)[], required: number) {
  const N = excludedArea.length;
  const parts: IndexColumns = { score: new Float64Array(N).fill(NaN), index: new Float64Array(N).fill(NaN), used: new Int32Array(N), required, reason: new Array(N).fill(null) };
  for (let i = 0; i < N; i++) {
    let sum = 0;
    let used = 0;
    for (const c of scored) {
      const z = c.z[i]!;
      if (Number.isNaN(z)) continue;
      sum += z;
      used++;
    }
    const reason = excludedArea[i] ?? (used < required ? "too_few_indicators" : null);
    parts.used[i] = used;
    parts.reason[i] = reason;
    if (!reason) parts.score[i] = sum / used;
  }
  const scores: number[] = [];
  for (let i = 0; i < N; i++) if (excludedArea[i] === null && !Number.isNaN(parts.score[i]!)) scores.push(parts.score[i]!);
  const stats = meanSd(scores);
  for (let i = 0; i < N; i++) {
    if (Number.isNaN(parts.score[i]!)) continue;
    if (stats) parts.index[i] = (parts.score[i]! - stats.mean) / stats.sd;
    else parts.reason[i] = "no_variation";
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
