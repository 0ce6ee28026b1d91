import type { Indicator, Level } from "../../db/schema";
import type { CompositeArea, CompositeConfig } from "./composite";
import { decide, type DecisionValue, precisionOnly } from "./decision";
import { roundServed } from "./precision";
import type { ServedValue } from "./disclosure";
import {
  type Criterion,
  parseOverrides,
  parseRuleSet,
  type RuleSet,
  RuleSetError,
  type RuleSetInput,
  type ScaleRuleSet,
} from "./ruleset-schema";

/**
 * Evaluates a rule set (see ruleset-schema.ts) for the areas of one period. Every result lists
 * each criterion with its value, the threshold actually applied and whether it holds, so any
 * classification can be explained. A value that is suppressed or missing is "not evaluable":
 * never treated as 0 and never as met; when the unevaluable criteria could tip the balance, the
 * outcome is "undetermined" rather than a silent "not met".
 *
 * Decisions use full precision (see decision.ts): a criterion is met by the rule set's operator
 * on the unrounded value, and "borderline" when its threshold lies within the value's
 * uncertainty; an area is borderline when some choice of its borderline criteria would change
 * its outcome.
 */

// The result's shape lives in classification-schema.ts (zod and the levels only), so the API's
// schemas and the web app read it without this module's arithmetic.
export { classificationSchema, criterionResultSchema, INELIGIBLE, NOT_EVALUABLE, OUTCOMES } from "./classification-schema";
export type { Classification, CriterionResult, Outcome } from "./classification-schema";
import type { Classification, CriterionResult, Outcome } from "./classification-schema";

export interface ClassifyArea {
  code: string;
  level: Level;
  /** The area whose values "regional" thresholds use (its kommune or fylke, per `regionalLevel`). */
  region?: string | null;
  /**
   * Indicator id → the value as served for this period (status set = not shown), with what a
   * decision uses (\`decisionValue\`); without \`decision\`, the served value at the unit's
   * publication precision (\`ClassifyContext.units\`), or exactly when the unit is unknown.
   */
  values: Readonly<Record<string, (ServedValue & { decision?: DecisionValue | null }) | undefined>>;
  /**
   * A what-if on stored results: criterion id → the decision stored for it. It stands while
   * the criterion's comparison and (served) threshold are unchanged, since the unrounded value
   * it was made on is not stored; a changed threshold is decided on the served value.
   */
  decided?: Readonly<Record<string, Pick<CriterionResult, "threshold" | "met" | "borderline"> & { comparison: Criterion["comparison"] }>>;
  /** Scale rule sets: the area's status part from `compositeIndex(…, indexConfig(ruleSet))`. */
  index?: Pick<CompositeArea["status"], "index" | "reason"> | null;
}

type References = Readonly<Record<string, number | null | undefined>>;

export interface ClassifyContext {
  period: number;
  /** Indicator id → the country's value in this period, at full precision. */
  national: References;
  /** Indicator id → unit, for values that come without a \`decision\`. */
  units?: Readonly<Record<string, Indicator["unit"]>>;
  /** Region code → indicator id → that region's value in this period. */
  regional?: ReadonlyMap<string, References>;
}

/** Evaluates a rule set (a parsed definition, or raw JSON that is validated first). */
export function evaluate(ruleSet: RuleSetInput, areas: readonly ClassifyArea[], context: ClassifyContext): Classification[] {
  const rs = validated(ruleSet);
  return areas.map((area) => classifyArea(rs, area, context, false));
}

/**
 * Rule sets already validated, by the object given: a recompute evaluates the same few for
 * every chunk and year (~3,000 times nationally), and validating each time was a twentieth of
 * the classifying. Rule sets are never changed in place (overrides make new ones).
 */
const validatedRuleSets = new WeakMap<object, RuleSet>();
function validated(input: RuleSetInput): RuleSet {
  if (typeof input !== "object" || input === null) return parseRuleSet(input);
  let rs = validatedRuleSets.get(input);
  if (!rs) validatedRuleSets.set(input, (rs = parseRuleSet(input)));
  return rs;
}

/**
 * The same evaluation with thresholds, comparisons or limits overridden (the API's what-if);
 * returns the rule set as applied, the legend for these results.
 */
export function preview(
  ruleSet: RuleSetInput,
  overrides: unknown,
  areas: readonly ClassifyArea[],
  context: ClassifyContext,
): { ruleSet: RuleSet; results: Classification[] } {
  const rs = applyOverrides(parseRuleSet(ruleSet), overrides);
  return { ruleSet: rs, results: areas.map((area) => classifyArea(rs, area, context, true)) };
}

/** The rule set with overrides applied and validated again; unknown criteria are named. */
export function applyOverrides(ruleSet: RuleSet, overrides: unknown): RuleSet {
  const o = parseOverrides(overrides);
  if (ruleSet.kind === "scale" && (o.minMet !== undefined || o.criteria)) {
    throw new RuleSetError([{ path: o.minMet !== undefined ? "minMet" : "criteria", message: `rule set "${ruleSet.id}" is a scale and has no criteria` }]);
  }
  const population = { ...ruleSet.population, ...o.population };
  if (ruleSet.kind === "scale") return parseRuleSet({ ...ruleSet, population });
  const known = new Set([...ruleSet.criteria, ...ruleSet.tiers.flatMap((t) => t.criteria)].map((c) => c.id));
  const unknown = Object.keys(o.criteria ?? {}).filter((id) => !known.has(id));
  if (unknown.length) {
    throw new RuleSetError(unknown.map((id) => ({ path: `criteria.${id}`, message: `rule set "${ruleSet.id}" has no criterion "${id}"` })));
  }
  const patch = (c: Criterion): Criterion => ({ ...c, ...o.criteria?.[c.id] });
  return parseRuleSet({
    ...ruleSet,
    population,
    minMet: o.minMet ?? ruleSet.minMet,
    criteria: ruleSet.criteria.map(patch),
    tiers: ruleSet.tiers.map((t) => ({ ...t, criteria: t.criteria.map(patch) })),
  });
}

/** The composite configuration that computes a scale rule set's index. */
export function indexConfig(ruleSet: ScaleRuleSet): CompositeConfig {
  return { status: ruleSet.index.indicators, minStatus: ruleSet.index.minIndicators };
}

function classifyArea(rs: RuleSet, area: ClassifyArea, ctx: ClassifyContext, isPreview: boolean): Classification {
  const eligibility = eligibilityOf(rs, area);
  const base = {
    ruleSet: { id: rs.id, version: rs.version },
    code: area.code,
    level: area.level,
    period: ctx.period,
    eligibility,
    preview: isPreview,
  };
  // Out of level or population range: not eligible. Population unknown: the area's own result
  // stands only if it is "not met" anyway.
  const settle = settleFor(eligibility);

  if (rs.kind === "scale") {
    const scale = scaleOf(rs, area);
    const type = rs.types.find((t) => t.id === scale.type);
    const outcome = settle(!type ? "undetermined" : type.flagged ? "met" : "not_met");
    // No uncertainty is known for the composite index: a scale result is never borderline.
    return { ruleSet: base.ruleSet, code: base.code, level: base.level, period: base.period, eligibility: base.eligibility, preview: base.preview, outcome, met: outcome === "met", borderline: false, borderlineCriteria: [], metCount: null, notEvaluable: null, minMet: null, criteria: [], tiers: [], scale };
  }

  const criteria = rs.criteria.map((c) => evaluateCriterion(c, area, ctx));
  const tierCriteria = rs.tiers.map((t) => t.criteria.map((c) => evaluateCriterion(c, area, ctx)));
  const decided = decideCriteria(rs, settle, criteria, tierCriteria);
  // Spelled out rather than spread (a national recompute classifies ~600,000 times), in the key
  // order the spreads gave: `tiers` where `decided` first put it.
  return {
    ruleSet: base.ruleSet,
    code: base.code,
    level: base.level,
    period: base.period,
    eligibility: base.eligibility,
    preview: base.preview,
    metCount: decided.metCount,
    notEvaluable: decided.notEvaluable,
    outcome: decided.outcome,
    borderline: decided.borderline,
    borderlineCriteria: decided.borderlineCriteria,
    tiers: rs.tiers.map((t, i) => ({ id: t.id, outcome: decided.tiers[i]!.outcome, met: decided.tiers[i]!.outcome === "met", borderline: decided.tiers[i]!.borderline, criteria: tierCriteria[i]! })),
    met: decided.outcome === "met",
    minMet: rs.minMet,
    criteria,
    scale: null,
  };
}

type Settle = (own: Outcome) => Outcome;

/** How eligibility turns an area's own outcome into its result (`classifyArea`'s `settle`). */
export function settleFor(eligibility: Classification["eligibility"]): Settle {
  return (own) =>
    eligibility.reasons.some((r) => r !== "population_unknown") ? "not_eligible" : eligibility.reasons.length && own !== "not_met" ? "undetermined" : own;
}

type Flags = Pick<CriterionResult, "id" | "met" | "borderline" | "reason">;

/**
 * Outcomes from criterion results, and whether they depend on a borderline criterion: the
 * outcome is recomputed with every borderline criterion not met, then with every one met (the
 * rules are monotone in what is met, so these two extremes bound every other choice).
 */
export function decideCriteria(rs: Extract<RuleSet, { kind: "criteria" }>, settle: Settle, criteria: readonly Flags[], tierCriteria: readonly (readonly Flags[])[]) {
  const run = (flip: "none" | "low" | "high") => {
    const met = (c: Flags) => (c.reason !== null ? false : c.borderline && flip !== "none" ? flip === "high" : c.met);
    const metCount = criteria.filter(met).length;
    const notEvaluable = criteria.filter((c) => c.reason !== null).length;
    const outcome = settle(atLeast(metCount, notEvaluable, rs.minMet));
    const tiers = rs.tiers.map((t, i) => {
      const extra = tierCriteria[i] ?? [];
      const conditions: Outcome[] = [
        outcome,
        t.minMet === undefined ? "met" : atLeast(metCount, notEvaluable, t.minMet),
        atLeast(extra.filter(met).length, extra.filter((c) => c.reason !== null).length, extra.length),
      ];
      return outcome === "not_eligible" ? "not_eligible" : all(conditions);
    });
    return { metCount, notEvaluable, outcome, tiers };
  };
  // With no borderline criterion the three runs agree: most areas in most years.
  const anyBorderline = criteria.some((c) => c.borderline) || tierCriteria.some((cs) => cs.some((c) => c.borderline));
  const own = run("none");
  const [low, high] = anyBorderline ? [run("low"), run("high")] : [own, own];
  const depends = (a: Outcome, b: Outcome, c: Outcome) => a !== b || a !== c;
  return {
    metCount: own.metCount,
    notEvaluable: own.notEvaluable,
    outcome: own.outcome,
    borderline: depends(own.outcome, low.outcome, high.outcome),
    borderlineCriteria: anyBorderline ? [...criteria, ...tierCriteria.flat()].filter((c) => c.borderline).map((c) => c.id) : [],
    tiers: own.tiers.map((o, i) => ({ outcome: o, borderline: depends(o, low.tiers[i]!, high.tiers[i]!) })),
  };
}

/** Three-valued "at least k hold": undetermined while the unevaluable ones could still decide it. */
function atLeast(met: number, unknown: number, k: number): Outcome {
  return met >= k ? "met" : met + unknown >= k ? "undetermined" : "not_met";
}

function all(outcomes: Outcome[]): Outcome {
  return outcomes.includes("not_met") ? "not_met" : outcomes.every((o) => o === "met") ? "met" : "undetermined";
}

function eligibilityOf(rs: RuleSet, area: ClassifyArea): Classification["eligibility"] {
  const { min, max, indicator } = rs.population;
  const reasons: Classification["eligibility"]["reasons"] = [];
  if (!rs.levels.includes(area.level)) reasons.push("level");
  const pop = shown(area.values[indicator]);
  if (min !== undefined || max !== undefined) {
    if (pop === null) reasons.push("population_unknown");
    else if (min !== undefined && pop < min) reasons.push("population_below_min");
    else if (max !== undefined && pop > max) reasons.push("population_above_max");
  }
  return { population: pop, reasons };
}

function scaleOf(rs: ScaleRuleSet, area: ClassifyArea): NonNullable<Classification["scale"]> {
  const index = area.index?.index ?? null;
  if (index === null) return { index: null, type: null, reason: area.index?.reason ?? "index_missing" };
  const type = rs.types.find((t) => (t.min === undefined || index >= t.min) && (t.max === undefined || index < t.max))!;
  return { index, type: type.id, reason: null };
}

function evaluateCriterion(c: Criterion, area: ClassifyArea, ctx: ClassifyContext): CriterionResult {
  const served = area.values[c.indicator];
  const exact = shown(served);
  const unit = ctx.units?.[c.indicator];
  // Served by the unit's one rounding rule (a harmonised value can have many decimals); the
  // decision below reads the unrounded value and its counts.
  const value = unit ? roundServed(exact, unit) : exact;
  let threshold: number | null = null;
  let reason: CriterionResult["reason"] =
    value !== null ? null : served?.status === ":" ? "suppressed" : served?.status === "." ? "not_applicable" : "missing";
  if (c.threshold.kind === "absolute") {
    threshold = c.threshold.value;
  } else {
    const region = c.threshold.to === "regional" ? (area.region ?? null) : null;
    const refs = c.threshold.to === "national" ? ctx.national : region ? ctx.regional?.get(region) : undefined;
    const reference = finite(refs?.[c.indicator]);
    if (reference !== null) threshold = reference * c.threshold.factor;
    else reason ??= c.threshold.to === "regional" && !region ? "no_region" : "reference_missing";
  }
  if (reason !== null) return { id: c.id, value, threshold: threshold === null ? null : servedThreshold(threshold), met: false, borderline: false, reason };
  const stored = area.decided?.[c.id];
  if (stored && stored.comparison === c.comparison && stored.threshold === servedThreshold(threshold!)) {
    return { id: c.id, value, threshold: stored.threshold, met: stored.met, borderline: stored.borderline, reason };
  }
  const decision = served?.decision ?? (unit ? precisionOnly(exact!, unit) : { value: exact!, lower: exact!, upper: exact!, basis: "precision" as const });
  // Decided against the exact threshold; served to three decimals, as the cards' intervals are:
  // a full-precision multiple of a reference with counts would give those counts away.
  const { met, borderline } = decide(decision, c.comparison, threshold!);
  return { id: c.id, value, threshold: servedThreshold(threshold!), met, borderline, reason };
}

const servedThreshold = (x: number) => Math.round(x * 1000) / 1000;
const finite = (x: number | null | undefined): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);
const shown = (v: ServedValue | undefined): number | null => (v && !v.status ? finite(v.value) : null);
