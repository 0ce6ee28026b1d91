import { z } from "zod";
import { LEVELS } from "../../db/schema";

/**
 * A classification rule set as data: what is stored (versioned) in `rule_sets.definition`,
 * edited through the admin route and evaluated by `classify.ts`. Two kinds:
 *
 * - `criteria`: an area is classified when it is eligible (level, population limits) and at
 *   least `minMet` of its criteria hold; optional tiers add conditions on top (Danish and
 *   Norwegian sets);
 * - `scale`: an area gets one of several types by where a composite socioeconomic index lies
 *   (Swedish-style area types); the index is the status index of `composite.ts` built from
 *   `index.indicators`.
 */

const text = z.object({ nb: z.string().min(1), en: z.string().min(1) });
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "must be lower-case letters, digits and _ (starting with a letter)");

export const COMPARISONS = [">", ">=", "<", "<="] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const thresholdSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("absolute"), value: z.number() }),
  /** `factor ×` the same indicator's value for the country, or for the area's region. */
  z.object({ kind: z.literal("relative"), to: z.enum(["national", "regional"]), factor: z.number().positive() }),
]);
export type Threshold = z.infer<typeof thresholdSchema>;

export const criterionSchema = z.object({
  id,
  indicator: z.string().min(1),
  comparison: z.enum(COMPARISONS),
  threshold: thresholdSchema,
  label: text,
  /** Why this indicator stands in for the original criterion, where they differ. */
  note: text.optional(),
  /** Criteria whose use is disputed (e.g. residents' origin) are shown as such. */
  contested: z.boolean().default(false),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const tierSchema = z.object({
  id,
  label: text,
  description: text,
  /** Applies on top of the rule set being met: at least this many of its criteria … */
  minMet: z.number().int().min(1).optional(),
  /** … and every one of these extra criteria. */
  criteria: z.array(criterionSchema).default([]),
  contested: z.boolean().default(false),
});

const populationLimitSchema = z
  .object({
    indicator: z.string().min(1).default("population"),
    min: z.number().min(0).optional(),
    max: z.number().positive().optional(),
  })
  .refine((p) => p.min === undefined || p.max === undefined || p.min <= p.max, { message: "min must not exceed max", path: ["min"] });

const common = {
  id,
  version: z.number().int().min(1),
  name: text,
  description: text,
  /** Area levels the rule set is meant for; other levels are reported as not eligible. */
  levels: z.array(z.enum(LEVELS)).min(1),
  population: populationLimitSchema.default({ indicator: "population" }),
  /** The whole rule set rests on a disputed premise. */
  contested: z.boolean().default(false),
};

const unique = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

export const criteriaRuleSetSchema = z
  .object({
    ...common,
    kind: z.literal("criteria"),
    /** Which area's value "regional" thresholds compare with. */
    regionalLevel: z.enum(["fylke", "kommune"]).default("kommune"),
    criteria: z.array(criterionSchema).min(1),
    minMet: z.number().int().min(1),
    tiers: z.array(tierSchema).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.minMet > r.criteria.length) {
      ctx.addIssue({ code: "custom", path: ["minMet"], message: `must be at most the number of criteria (${r.criteria.length})` });
    }
    const ids = [...r.criteria.map((c) => c.id), ...r.tiers.flatMap((t) => t.criteria.map((c) => c.id))];
    for (const dup of unique(ids)) ctx.addIssue({ code: "custom", path: ["criteria"], message: `criterion id "${dup}" is used twice` });
    for (const dup of unique(r.tiers.map((t) => t.id))) ctx.addIssue({ code: "custom", path: ["tiers"], message: `tier id "${dup}" is used twice` });
    r.tiers.forEach((t, i) => {
      if (t.minMet !== undefined && t.minMet > r.criteria.length) {
        ctx.addIssue({ code: "custom", path: ["tiers", i, "minMet"], message: `must be at most the number of criteria (${r.criteria.length})` });
      }
      if (t.minMet === undefined && t.criteria.length === 0) {
        ctx.addIssue({ code: "custom", path: ["tiers", i], message: "a tier needs minMet or criteria of its own" });
      }
    });
  });

export const areaTypeSchema = z.object({
  id,
  label: text,
  /** Index range [min, max): omit min for the lowest type and max for the highest. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** Counted as "met" (e.g. the types with socioeconomic challenges), for lists and maps. */
  flagged: z.boolean().default(false),
});

export const scaleRuleSetSchema = z
  .object({
    ...common,
    kind: z.literal("scale"),
    index: z.object({
      /** Status indicators of the index (see composite.ts), z-standardised per level and year. */
      indicators: z.array(z.string().min(1)).min(1),
      minIndicators: z.number().int().min(1).optional(),
    }),
    /** Ordered from the lowest index (fewest problems) to the highest; they must tile the line. */
    types: z.array(areaTypeSchema).min(2),
  })
  .superRefine((r, ctx) => {
    const { types } = r;
    if (r.index.minIndicators !== undefined && r.index.minIndicators > r.index.indicators.length) {
      ctx.addIssue({ code: "custom", path: ["index", "minIndicators"], message: `must be at most the number of indicators (${r.index.indicators.length})` });
    }
    for (const dup of unique(types.map((t) => t.id))) ctx.addIssue({ code: "custom", path: ["types"], message: `type id "${dup}" is used twice` });
    if (types[0]!.min !== undefined) ctx.addIssue({ code: "custom", path: ["types", 0, "min"], message: "the first type must have no lower bound" });
    if (types[types.length - 1]!.max !== undefined) {
      ctx.addIssue({ code: "custom", path: ["types", types.length - 1, "max"], message: "the last type must have no upper bound" });
    }
    types.forEach((t, i) => {
      if (i > 0 && t.min !== types[i - 1]!.max) {
        ctx.addIssue({ code: "custom", path: ["types", i, "min"], message: `must equal the previous type's max (${types[i - 1]!.max})` });
      }
      if (t.min !== undefined && t.max !== undefined && !(t.min < t.max)) {
        ctx.addIssue({ code: "custom", path: ["types", i, "max"], message: "must be greater than min" });
      }
    });
  });

export const ruleSetSchema = z.discriminatedUnion("kind", [criteriaRuleSetSchema, scaleRuleSetSchema]);
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleSetInput = z.input<typeof ruleSetSchema>;
export type CriteriaRuleSet = z.infer<typeof criteriaRuleSetSchema>;
export type ScaleRuleSet = z.infer<typeof scaleRuleSetSchema>;

/** What-if parameters: thresholds, comparisons and limits to try without storing a new version. */
export const previewOverridesSchema = z
  .object({
    minMet: z.number().int().min(1).optional(),
    population: z.object({ min: z.number().min(0).optional(), max: z.number().positive().optional() }).optional(),
    criteria: z
      .record(z.string(), z.object({ comparison: z.enum(COMPARISONS).optional(), threshold: thresholdSchema.optional() }).strict())
      .optional(),
  })
  .strict();
export type PreviewOverrides = z.infer<typeof previewOverridesSchema>;

export interface RuleSetIssue {
  path: string;
  message: string;
}

/** A rule set (or overrides) that does not validate; `issues` name each offending field. */
export class RuleSetError extends Error {
  constructor(readonly issues: RuleSetIssue[]) {
    super(issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; "));
    this.name = "RuleSetError";
  }
}

const issuePath = (path: readonly PropertyKey[]) =>
  path.reduce<string>((s, p) => (typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), "");

function parseWith<S extends z.ZodType>(schema: S, json: unknown): z.infer<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  throw new RuleSetError(result.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })));
}

/** Validates a stored or submitted definition; throws `RuleSetError` naming every bad field. */
export const parseRuleSet = (json: unknown): RuleSet => parseWith(ruleSetSchema, json);
export const parseOverrides = (json: unknown): PreviewOverrides => parseWith(previewOverridesSchema, json);

/** Every indicator a rule set reads, tiers and index included (to check them against the catalogue). */
export function indicatorsOf(ruleSet: RuleSet): string[] {
  const ids =
    ruleSet.kind === "criteria"
      ? [...ruleSet.criteria, ...ruleSet.tiers.flatMap((t) => t.criteria)].map((c) => c.indicator)
      : ruleSet.index.indicators;
  return [...new Set([ruleSet.population.indicator, ...ids])];
}
