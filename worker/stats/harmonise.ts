import { z } from "zod";
import { STATUS_SYMBOLS, type areaChanges, type Indicator, type Observation, type StatusSymbol } from "../../db/schema";
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
 * pseudo-counts that no trend may treat as observed.
 */

export type HarmoniseObservation = Pick<Observation, "areaCode" | "period" | "value" | "numerator" | "denominator" | "status"> & {
  /** Where the value came from; with `priorities`, it decides between a series on today's boundaries and its old units. */
  sourceId?: string | null;
};
export type AreaChangeRow = Pick<typeof areaChanges.$inferSelect, "oldCode" | "newCode" | "changedOn" | "weight">;

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

/** Weights of one old code's rows on one date must sum to 1 within this (they are rounded shares). */
const WEIGHT_TOLERANCE = 0.005;
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

export interface ChangeGraph {
  incoming: ReadonlyMap<string, readonly AreaChangeRow[]>;
  outgoing: ReadonlyMap<string, readonly AreaChangeRow[]>;
  /** `successor@splitDate` → the units it re-establishes (see `reestablishments`). */
  identities?: ReadonlyMap<string, Identity>;
}

/** A split's successor whose territory is exactly some of the units merged into the split unit. */
export interface Identity {
  /** The split unit (1507). */
  from: string;
  /** When the split unit was formed by merging (2020-01-01): before it, `codes` are the successor. */
  mergedOn: string;
  /** The old units the successor covers whole (1534 for 1580; 1504, 1523, 1529, 1546 for 1508). */
  codes: string[];
}

/**
 * Indexes the change rows, rejecting what would silently corrupt every harmonised series:
 * weights outside (0, 1] and splits whose weights do not add up to 1 (e.g. three successors
 * imported with the default weight 1 each).
 */
export function changeGraph(changes: readonly AreaChangeRow[], names?: ReadonlyMap<string, string | null>): ChangeGraph {
  const incoming = new Map<string, AreaChangeRow[]>();
  const outgoing = new Map<string, AreaChangeRow[]>();
  const groups = new Map<string, number>();
  const problems: string[] = [];
  for (const row of changes) {
    if (!(row.weight > 0 && row.weight <= 1)) {
      problems.push(`${row.oldCode} → ${row.newCode} on ${row.changedOn}: weight must be in (0, 1], got ${row.weight}`);
    }
    const key = `${row.oldCode} on ${row.changedOn}`;
    groups.set(key, (groups.get(key) ?? 0) + row.weight);
    push(incoming, row.newCode, row);
    push(outgoing, row.oldCode, row);
  }
  for (const [key, sum] of groups) {
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) problems.push(`${key}: weights of its successors sum to ${round(sum)}, not 1`);
  }
  if (problems.length) throw new Error(`Invalid area changes:\n${problems.join("\n")}`);
  return { incoming, outgoing, identities: reestablishments(incoming, outgoing, names) };
}

/**
 * Successors of a split that re-establish units merged earlier. Klass records 1534 Haram →
 * 1507 Ålesund (2020) and 1507 → 1508 Ålesund + 1580 Haram (2024), never that 1580 is 1534
 * again; the chain alone would give 1580 a population share of all five old units. The rule:
 *
 * - the split unit X was formed on one earlier date by merging whole units (each went entirely
 *   into X), nothing else moved in or out of X between the merge and the split, and each
 *   successor came from X alone;
 * - a successor re-establishes an old unit when it has the unit's code, or the unit's name
 *   while not X's own name (1508 Ålesund continues 1507 Ålesund; it is not old 1504 Ålesund,
 *   which had no Ørskog, Skodje or Sandøy);
 * - each successor matches at most one unit, and the matches account for the whole of X: every
 *   successor and unit matched, or exactly one successor left, which is then the units left
 *   (1508 = 1504 + 1523 + 1529 + 1546).
 *
 * Anything else (no match, an ambiguous name, two successors left over) keeps the population
 * weights: a guess at an identity would be worse than an estimate that says it is one. Names
 * compare without case and by any part of a multilingual name ("Harstad - Hárstták").
 */
export function reestablishments(
  incoming: ReadonlyMap<string, readonly AreaChangeRow[]>,
  outgoing: ReadonlyMap<string, readonly AreaChangeRow[]>,
  names?: ReadonlyMap<string, string | null>,
): Map<string, Identity> {
  const out = new Map<string, Identity>();
  const sameName = (a: string, b: string) => {
    const x = nameParts(names?.get(a));
    const y = nameParts(names?.get(b));
    return x.some((p) => y.includes(p));
  };
  for (const [x, rows] of outgoing) {
    for (const splitOn of new Set(rows.map((r) => r.changedOn))) {
      const split = rows.filter((r) => r.changedOn === splitOn && r.newCode !== x);
      if (split.length < 2 || rows.some((r) => r.changedOn !== splitOn)) continue;
      const into = incoming.get(x) ?? [];
      const mergedOn = into[0]?.changedOn;
      if (!mergedOn || mergedOn >= splitOn || into.some((r) => r.changedOn !== mergedOn) || into.length < 2) continue;
      const units = into.map((r) => r.oldCode);
      const whole = (u: string) => {
        const away = (outgoing.get(u) ?? []).filter((r) => r.changedOn === mergedOn);
        return u !== x && away.length === 1 && Math.abs(away[0]!.weight - 1) <= WEIGHT_TOLERANCE;
      };
      const alone = (s: string) => (incoming.get(s) ?? []).filter((r) => r.changedOn === splitOn).length === 1;
      if (!units.every(whole) || !split.every((r) => alone(r.newCode))) continue;
      const successors = split.map((r) => r.newCode);
      const match = new Map<string, string>();
      let ambiguous = false;
      for (const s of successors) {
        const found = units.filter((u) => u === s || (sameName(u, s) && !sameName(s, x)));
        if (found.length > 1) ambiguous = true;
        else if (found.length === 1) match.set(s, found[0]!);
      }
      const matched = [...match.values()];
      if (ambiguous || matched.length === 0 || new Set(matched).size !== matched.length) continue;
      const leftSuccessors = successors.filter((s) => !match.has(s));
      const leftUnits = units.filter((u) => !matched.includes(u)).sort();
      if (leftSuccessors.length === 0 ? leftUnits.length !== 0 : leftSuccessors.length !== 1 || leftUnits.length === 0) continue;
      for (const [s, u] of match) out.set(`${s}@${splitOn}`, { from: x, mergedOn, codes: [u] });
      if (leftSuccessors.length === 1) out.set(`${leftSuccessors[0]}@${splitOn}`, { from: x, mergedOn, codes: leftUnits });
    }
  }
  return out;
}

/** A name's comparable parts: "Gáivuotna - Kåfjord - Kaivuono" → ["gáivuotna", "kåfjord", "kaivuono"]. */
function nameParts(name: string | null | undefined): string[] {
  if (!name) return [];
  return name
    .normalize("NFC")
    .toLowerCase()
    .split(/\s+-\s+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export interface SourceUnit {
  code: string;
  /** Share of the unit's population that lies in the target today (product along the chain). */
  weight: number;
  /** A split lies on the way: the share is a population weight, so the result is an estimate. */
  split: boolean;
  /**
   * Later codes of the same territory (pure renumberings: 0219 → 3024, 1662 → 5030, 1601 →
   * 5001 in 2018), in order. Publishers often file a unit's earlier years under such a later
   * code (IMDi's Bærum under 3024 back to 2006, SSB's 2018 region list with 5001 for 2015):
   * where the unit has no row of its own, the first of these with one stands in for it.
   */
  aliases: string[];
}

/** Changes that happened after the data of `period` were collected (periods are years). */
const after = (period: number) => `${period}-01-01`;

/**
 * The units whose observations for `period` make up `code`'s current territory. `[{ code,
 * weight: 1, split: false }]` when nothing changed after the period (renames included).
 */
export function sourcesAt(graph: ChangeGraph, code: string, period: number): SourceUnit[] {
  const out = new Map<string, SourceUnit>();
  const since = after(period);
  const walk = (target: string, before: string | null, weight: number, split: boolean) => {
    const rows = (graph.incoming.get(target) ?? []).filter((r) => r.changedOn > since && (before === null || r.changedOn < before));
    if (rows.length === 0) {
      const seen = out.get(target);
      out.set(target, seen ? { ...seen, weight: seen.weight + weight, split: seen.split || split } : { code: target, weight, split, aliases: [...renumberedAs(graph, target, code), ...renumberedFrom(graph, target, before)] });
      return;
    }
    // The latest change shaped today's territory; what came before it is walked from its sources.
    const latest = rows.reduce((m, r) => (r.changedOn > m ? r.changedOn : m), rows[0]!.changedOn);
    const merged = rows.filter((r) => r.changedOn === latest);
    for (const row of merged) {
      // A re-established unit is its old units again before they were merged (1580 in 2019 is 1534).
      const identity = graph.identities?.get(`${target}@${latest}`);
      if (identity && identity.from === row.oldCode && identity.mergedOn > since) {
        for (const unit of identity.codes) walk(unit, identity.mergedOn, weight, split);
        continue;
      }
      const successors = (graph.outgoing.get(row.oldCode) ?? []).filter((r) => r.changedOn === latest);
      walk(row.oldCode, latest, weight * row.weight, split || successors.length > 1);
    }
    // Klass lists only the absorbed units when a code that already existed takes others in
    // (5030 Klæbu → 5001 in 2020, but no 5001 → 5001): a code created by an earlier change
    // existed before this one, so its own earlier territory is part of today's too.
    const createdEarlier = (graph.incoming.get(target) ?? []).some((r) => r.changedOn < latest);
    if (createdEarlier && !merged.some((r) => r.oldCode === target)) walk(target, latest, weight, split);
  };
  walk(code, null, 1, false);
  return [...out.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * The later codes of `unit`'s territory, following pure renumberings (one successor with the
 * whole unit, which has no other predecessor that day) up to and including `target`.
 */
function renumberedAs(graph: ChangeGraph, unit: string, target: string): string[] {
  const out: string[] = [];
  let at = unit;
  for (let guard = 0; at !== target && guard < 10; guard++) {
    const next = graph.outgoing.get(at) ?? [];
    if (next.length !== 1 || next[0]!.weight !== 1 || next[0]!.newCode === at) break;
    const step = next[0]!;
    const incoming = graph.incoming.get(step.newCode) ?? [];
    const into = incoming.filter((r) => r.changedOn === step.changedOn);
    // Not a renumbering when the successor existed before and took this unit in (5030 → 5001 in 2020).
    if (into.length !== 1 || incoming.some((r) => r.changedOn < step.changedOn)) break;
    at = step.newCode;
    out.push(at);
  }
  return out;
}

/**
 * The earlier codes of `unit`'s territory before `before`, following pure renumberings back
 * (IMDi files Trondheim under 1601 for 2019, when it was 5001 already).
 */
function renumberedFrom(graph: ChangeGraph, unit: string, before: string | null): string[] {
  const out: string[] = [];
  let at = unit;
  let bound = before;
  for (let guard = 0; guard < 10; guard++) {
    const rows = (graph.incoming.get(at) ?? []).filter((r) => (bound === null || r.changedOn < bound) && r.oldCode !== at);
    if (rows.length === 0) break;
    const latest = rows.reduce((m, r) => (r.changedOn > m ? r.changedOn : m), rows[0]!.changedOn);
    const into = rows.filter((r) => r.changedOn === latest);
    const step = into[0]!;
    const whole = (graph.outgoing.get(step.oldCode) ?? []).filter((r) => r.changedOn === latest).length === 1;
    if (into.length !== 1 || step.weight !== 1 || !whole) break;
    at = step.oldCode;
    bound = latest;
    out.push(at);
  }
  return out;
}

/** Every code that ever fed `codes` (themselves included): what a job must load to harmonise them. */
export function sourceCodes(graph: ChangeGraph, codes: Iterable<string>): string[] {
  const seen = new Set<string>();
  const stack = [...codes];
  while (stack.length) {
    const code = stack.pop()!;
    if (seen.has(code)) continue;
    seen.add(code);
    for (const row of graph.incoming.get(code) ?? []) stack.push(row.oldCode);
  }
  return [...seen].sort();
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

function push<K, V>(map: Map<K, V[]>, k: K, v: V) {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
