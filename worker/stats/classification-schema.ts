import { z } from "zod";
import { LEVELS } from "../../db/schema";

/** What a classification result is (classify.ts evaluates rule sets into it). */
export const OUTCOMES = ["met", "not_met", "undetermined", "not_eligible"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const NOT_EVALUABLE = ["suppressed", "missing", "not_applicable", "reference_missing", "no_region"] as const;
export const INELIGIBLE = ["level", "population_below_min", "population_above_max", "population_unknown"] as const;

/**
 * What is stored per area, rule set and year (`classification_results.body`): only what differs
 * between areas. Labels, indicators, comparisons, threshold rules and `contested` marks live in
 * the rule set definition (same id and version), which is the legend for these results.
 */
export const criterionResultSchema = z.object({
  /** The criterion's id in the rule set. */
  id: z.string(),
  value: z.number().nullable(),
  /** The threshold actually applied (for relative thresholds: factor × the reference value). */
  threshold: z.number().nullable(),
  met: z.boolean(),
  /**
   * The threshold lies within the value's uncertainty (95 % Wilson interval of a share with
   * counts, else half its last published digit): the data cannot tell which side it is on.
   * A tie is always borderline. \`value\` is the served (published) value; \`met\` is decided on
   * the unrounded one, which is not served.
   */
  borderline: z.boolean(),
  /** Why it could not be evaluated; null when it was (met or not). */
  reason: z.enum(NOT_EVALUABLE).nullable(),
});
export type CriterionResult = z.infer<typeof criterionResultSchema>;

export const classificationSchema = z.object({
  ruleSet: z.object({ id: z.string(), version: z.number().int() }),
  code: z.string(),
  level: z.enum(LEVELS),
  period: z.number().int(),
  outcome: z.enum(OUTCOMES),
  /** outcome === "met" (for scale rule sets: the area's type is flagged). */
  met: z.boolean(),
  /** The outcome (or a tier's) would change if some borderline criteria fell the other way. */
  borderline: z.boolean(),
  /** Ids of the criteria (tiers' included) that are borderline, whether or not the outcome depends on them. */
  borderlineCriteria: z.array(z.string()),
  eligibility: z.object({ population: z.number().nullable(), reasons: z.array(z.enum(INELIGIBLE)) }),
  /** Criteria rule sets: how many held, how many could not be evaluated, how many are needed. */
  metCount: z.number().int().nullable(),
  notEvaluable: z.number().int().nullable(),
  minMet: z.number().int().nullable(),
  criteria: z.array(criterionResultSchema),
  tiers: z.array(z.object({ id: z.string(), outcome: z.enum(OUTCOMES), met: z.boolean(), borderline: z.boolean(), criteria: z.array(criterionResultSchema) })),
  /** Scale rule sets: the index, the id of the type it falls in, or why there is none. */
  scale: z.object({ index: z.number().nullable(), type: z.string().nullable(), reason: z.string().nullable() }).nullable(),
  /** Computed with what-if thresholds, not the stored rule set. */
  preview: z.boolean(),
});
export type Classification = z.infer<typeof classificationSchema>;
