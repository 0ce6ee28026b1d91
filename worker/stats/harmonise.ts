import { z } from "zod";
import { STATUS_SYMBOLS, type Indicator, type Observation, type StatusSymbol } from "../../db/schema";
import { changeGraph, sourcesAt, type AreaChangeRow, type ChangeGraph, type SourceUnit } from "./change-graph";
import { DEFAULT_DISCLOSURE, disclose, type DisclosureRules } from "./disclosure";
import { rateScale } from "./intervals";

/**
 * Harmonisation of one indicator's series to today's boundaries, using the area-changes table
 * (SSB Klass 131: `oldCode → newCode` on `changedOn`, `weight` = the share of the old area's
 * population that went to the new code).
 *
 * For a current code T and a period P the function finds the units that made up T's territory
 * in P (following the changes after P backwards: 1508 in 2015 ← 1507 ← 1504 + 1523 + 1529 +
 * 1534 + 1546) and combines their observations:
 *
 * - merges sum counts; a split gives each successor `weight ×` the old counts and marks the
 *   result `estimated` (the weight is a population share, not the indicator's own split);
 * - shares and rates are recomputed from the summed numerator and denominator, never averaged;
 * - shares and rates without counts (crime per 1 000, IMDi's low-income percentages) and amounts
 *   (NOK, years) across a merge become the mean weighted by population (`population`
 *   observations × weight), flagged `estimated`: a mean of medians is not a median, and a
 *   share's own base (persons in households, residents aged 20–66) is not the whole population,
 *   but the old units of one merge are neighbours whose bases are close to proportional to their
 *   populations, so the weighted mean is a fair estimate and says it is one. Without a
 *   population for every unit (see `weightsOf`) it is not derivable (`..`);
 * - a component that is confidential, or would be suppressed when shown (see `disclose`), makes
 *   the result confidential (`:`): otherwise total − shown parts would give it away; a missing
 *   component makes it missing (`..`): never an undercount from an incomplete set of units.
 *
 * An observation under T's own code wins when T did not exist in P (it must then be a series
 * already published on today's boundaries), unless every unit it replaces has a figure from a
 * source of higher priority (FHI re-codes split kommuner with flat shares; SSB's own figures of
 * the old kommuner outrank it). When T did exist in P with other boundaries (1103 Stavanger
 * before it absorbed Finnøy and Rennesøy in 2020, recorded as 1103 → 1103 beside 1141 → 1103),
 * its own observation is the old unit and one component of the sum. A rename alone (a lone
 * `X → X` row, or `120101 → 460101` for a bydel whose code changed with its kommune's) carries
 * the series over unchanged. Codes of any level work alike (kommuner, bydeler, grunnkretser).
 *
 * A split that re-establishes units a reform had merged keeps their identity (see
 * `reestablishments`): 1580 Haram (2024) is old 1534 Haram, merged into 1507 Ålesund in 2020, so
 * its figures before 2020 are 1534's own observations, and 1508 Ålesund's are the sum of the
 * other four old units; only 2020–2023, when 1507 existed as one, are population-weighted
 * estimates. Those carry `split`: a whole unit's rate or a weight × its counts given to a part,
 * pseudo-counts that no trend may treat as observed. Which units make up a code at a period is
 * the change graph's answer (`change-graph.ts`); this module combines their observations.
 */

export type HarmoniseObservation = Pick<Observation, "areaCode" | "period" | "value" | "numerator" | "denominator" | "status"> & {
  /** Where the value came from; with `priorities`, it decides between a series on today's boundaries and its old units. */
  sourceId?: string | null;
};

export const harmonisedPointSchema = z.object({
  areaCode: z.string(),
  period: z.number().int(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  status: z.enum(STATUS_SYMBOLS).nullable(),
  /** True when a split's population weight or a weighted mean went into the number. */
  estimated: z.boolean(),
  /**
   * True when a split's population weight went into it: the old unit's rate, or weight × its
   * counts, stands in for a part of it. Not comparable with the part's own observations.
   */
  split: z.boolean().optional(),
  /** The old units it was computed from, with the share of each; empty when observed as is. */
  sources: z.array(z.object({ code: z.string(), weight: z.number() })),
  /** Source ids of the observations it was made of, each once (null: an observation without a known source). */
  from: z.array(z.string().nullable()),
});
export type HarmonisedPoint = z.infer<typeof harmonisedPointSchema>;

/** The sources of an area's own value: none besides itself. Shared, and frozen so it stays empty. */
const OWN = Object.freeze([]) as unknown as HarmonisedPoint["sources"];

/** `from` of an area's own value: one shared, frozen list per source id (most points are their own). */
const fromOne = new Map<string | null, HarmonisedPoint["from"]>();
function fromOf(o: HarmoniseObservation): HarmonisedPoint["from"] {
  const id = o.sourceId ?? null;
  let list = fromOne.get(id);
  if (!list) fromOne.set(id, (list = Object.freeze([id]) as unknown as HarmonisedPoint["from"]));
  return list;
}

export interface HarmoniseInput {
  unit: Indicator["unit"];
  /** One indicator's observations, for the current codes and every code that fed them. */
  observations: readonly HarmoniseObservation[];
  changes: ChangeGraph | readonly AreaChangeRow[];
  /** Codes in use today: the series to produce. */
  currentCodes: Iterable<string>;
  /** Population observations of the source codes, the weights for means across a merge. */
  population?: readonly HarmoniseObservation[];
  /** Source id → priority (`sources.priority`); without it, a series on today's boundaries always wins. */
  priorities?: ReadonlyMap<string, number>;
  rules?: DisclosureRules;
}

/** One series per current code on today's boundaries, sorted by code and period. */
export function harmonise(input: HarmoniseInput): HarmonisedPoint[] {
  const graph = "incoming" in input.changes ? input.changes : changeGraph(input.changes);
  const rules = input.rules ?? DEFAULT_DISCLOSURE;
  const obs = new Index(input.observations, "observations");
  const population = new Index(input.population ?? [], "population");
  const periods = [...new Set(input.observations.map((o) => o.period))].sort((a, b) => a - b);
  const out: HarmonisedPoint[] = [];
  for (const code of [...new Set(input.currentCodes)].sort()) {
    // Most areas were never reshaped: their own observations are their series as published.
    if (!graph.incoming.has(code)) {
      for (const period of periods) {
        const own = obs.get(code, period);
        if (own) out.push({ value: own.value, numerator: own.numerator, denominator: own.denominator, status: own.status, areaCode: code, period, estimated: false, sources: OWN, from: fromOf(own) });
      }
      continue;
    }
    for (const period of periods) {
      const point = harmoniseOne(code, period, sourcesAt(graph, code, period), obs, population, input.unit, rules, input.priorities);
      if (point) out.push(point);
    }
  }
  return out;
}

/** Rows by code, each code's in a short list (a few dozen years at most): far less to allocate than a map per code. */
class Index {
  private readonly byCode = new Map<string, HarmoniseObservation[]>();
  constructor(rows: readonly HarmoniseObservation[], what: string) {
    for (const row of rows) {
      const list = this.byCode.get(row.areaCode);
      if (!list) {
        this.byCode.set(row.areaCode, [row]);
        continue;
      }
      if (list.some((r) => r.period === row.period)) throw new Error(`harmonise: ${what} has two rows for ${row.areaCode} in ${row.period}`);
      list.push(row);
    }
  }
  get(code: string, period: number) {
    const list = this.byCode.get(code);
    if (list) for (const r of list) if (r.period === period) return r;
    return undefined;
  }
}

function harmoniseOne(
  code: string,
  period: number,
  sources: SourceUnit[],
  obs: Index,
  population: Index,
  unit: Indicator["unit"],
  rules: DisclosureRules,
  priorities: ReadonlyMap<string, number> | undefined,
): HarmonisedPoint | null {
  const own = obs.get(code, period);
  const isOwn = sources.length === 1 && sources[0]!.code === code && sources[0]!.weight === 1;
  const ownPoint = own ? { ...pick(own), areaCode: code, period, estimated: false, sources: OWN, from: fromOf(own) } : null;
  if (ownPoint && isOwn) return ownPoint;
  const resolved = resolveUnits(sources, obs, period);
  // T's own row stood in for a unit it merely renumbered (SSB's 2018 list: 5001 in 2016 is 1601's
  // territory). Trusted only when every other unit is found too; otherwise the row is taken as
  // what a series on today's codes means, today's territory (FHI's 5001 for 2010).
  const ownAsAlias = resolved.some((p) => p.code === code && p.code !== p.unit);
  if (ownPoint && ownAsAlias && resolved.some((p) => !p.row)) return ownPoint;
  const combined = combine(code, period, resolved, population, unit, rules);
  // T did not exist in P: its own observation is a series published on today's boundaries.
  if (ownPoint && !ownAsAlias && !sources.some((s) => s.code === code)) return outranks(resolved, own!, combined, priorities) ? combined : ownPoint;
  return combined;
}

/**
 * Whether the old units' combined value replaces a series published on today's boundaries:
 * only when it is a number and every unit's figure comes from a source that ranks above the
 * series' own. Unknown priorities keep the published series.
 */
function outranks(resolved: Resolved[], own: HarmoniseObservation, combined: HarmonisedPoint | null, priorities: ReadonlyMap<string, number> | undefined): boolean {
  if (!priorities || !combined || combined.status !== null || combined.value === null) return false;
  const ownPriority = own.sourceId ? priorities.get(own.sourceId) : undefined;
  if (ownPriority === undefined) return false;
  return resolved.every((s) => {
    const id = s.row?.sourceId;
    const p = id ? priorities.get(id) : undefined;
    return p !== undefined && p > ownPriority;
  });
}

/** The old units' observations combined into today's territory (see the module comment). */
type Resolved = SourceUnit & { unit: string; row: HarmoniseObservation | undefined };

/**
 * Each unit's row for the period: under its own code, or else under the first other code of
 * the same territory that has one. A code never serves two units (that would count it twice).
 */
function resolveUnits(sources: SourceUnit[], obs: Index, period: number): Resolved[] {
  const used = new Set(sources.filter((s) => obs.get(s.code, period)).map((s) => s.code));
  return sources.map((s) => {
    let at = s.code;
    if (!obs.get(s.code, period)) {
      const alias = s.aliases.find((c) => !used.has(c) && obs.get(c, period));
      if (alias) {
        used.add(alias);
        at = alias;
      }
    }
    return { ...s, unit: s.code, code: at, row: obs.get(at, period) };
  });
}

function combine(code: string, period: number, parts: Resolved[], population: Index, unit: Indicator["unit"], rules: DisclosureRules): HarmonisedPoint | null {
  if (parts.every((p) => !p.row)) return null;
  const split = parts.some((s) => s.split);
  const base = {
    areaCode: code,
    period,
    estimated: split,
    ...(split ? { split } : {}),
    sources: parts.map((s) => ({ code: s.code, weight: s.weight })),
    from: [...new Set(parts.flatMap((p) => (p.row ? [p.row.sourceId ?? null] : [])))],
  };
  const none = { value: null, numerator: null, denominator: null };
  const status = combinedStatus(parts.map((p) => p.row), unit, rules);
  if (status) return { ...base, ...none, status };
  const rows = parts.map((p) => ({ w: p.weight, code: p.code, codes: [p.unit, ...p.aliases], row: p.row! }));

  const sum = (field: "value" | "numerator" | "denominator") =>
    rows.every((r) => r.row[field] !== null) ? rows.reduce((s, r) => s + r.w * r.row[field]!, 0) : null;
  const numerator = sum("numerator");
  const denominator = sum("denominator");
  const scale = rateScale(unit);

  if (unit === "count") return { ...base, value: sum("value"), numerator, denominator, status: null };
  if (rows.length === 1) {
    // One unit, maybe a share of it: a rate or an amount carries over (scaling both counts by
    // the weight leaves their ratio unchanged).
    return { ...base, value: rows[0]!.row.value, numerator, denominator, status: null };
  }
  if (scale !== null && numerator !== null && denominator !== null) {
    if (denominator <= 0) return { ...base, ...none, status: ".." };
    return { ...base, value: (numerator / denominator) * scale, numerator, denominator, status: null };
  }
  // A rate without counts, or an amount: the population-weighted mean, an estimate.
  const weights = weightsOf(rows, period, population);
  if (!weights) return { ...base, ...none, status: ".." };
  const total = weights.reduce((s, w) => s + w, 0);
  const value = rows.reduce((s, r, i) => s + weights[i]! * r.row.value!, 0) / total;
  return { ...base, estimated: true, value, numerator: null, denominator: null, status: null };
}

/** How many years from the period a population may come from to weigh a mean across a merge. */
export const WEIGHT_YEARS = 5;

/**
 * Weights of a mean across a merge: each unit's population × the share of it in the target.
 * From the period itself, or else from the nearest year (the earlier on a tie) within
 * `WEIGHT_YEARS` in which every unit has one: the relative sizes of neighbouring kommuner
 * change slowly, and open population figures of the old units often start later than the rates
 * (SSB 07459 from 2015, IMDi's income figures for 2013). Null when no such year exists.
 */
function weightsOf(rows: { w: number; codes: string[] }[], period: number, population: Index): number[] | null {
  for (let d = 0; d <= WEIGHT_YEARS; d++) {
    for (const year of d === 0 ? [period] : [period - d, period + d]) {
      const weights = rows.map((r) => {
        const pop = r.codes.map((c) => population.get(c, year)).find((p) => p !== undefined);
        return pop && !pop.status && pop.value !== null && pop.value > 0 ? r.w * pop.value : null;
      });
      if (weights.every((w) => w !== null)) return weights as number[];
    }
  }
  return null;
}

/**
 * Confidential beats missing beats not applicable: one hidden component hides the result, and a
 * component that would itself be suppressed if shown counts as hidden.
 */
function combinedStatus(rows: (HarmoniseObservation | undefined)[], unit: string, rules: DisclosureRules): StatusSymbol | null {
  const served = rows.map((r) => (r ? disclose(r, unit, rules).status : ".."));
  if (served.includes(":")) return ":";
  if (served.every((s) => s === ".")) return ".";
  return served.some((s) => s !== null) ? ".." : null;
}

const pick = (o: HarmoniseObservation) => ({
  value: o.value,
  numerator: o.numerator,
  denominator: o.denominator,
  status: o.status,
});
