import { z } from "zod";
import { LEVELS } from "../../db/schema";
import { ruleSetSchema } from "../stats/ruleset-schema";
import { editionAreaSchema, editionCountsSchema, editionDiffSchema } from "../stats/editions";
import { datasetInfoSchema } from "./schemas";

/** Shapes of the editions API (worker/routes/editions.ts); the web app imports their types. */

export const editionSummarySchema = z.object({
  /** `<year>-<n>`: the nth edition published for that year. */
  id: z.string(),
  year: z.number().int(),
  /** Its number among the year's editions (the "utgave" of the citation). */
  seq: z.number().int(),
  title: z.string(),
  level: z.enum(LEVELS),
  ruleSet: z.object({ id: z.string(), version: z.number().int() }),
  publishedAt: z.string(),
  /** For a correction: the edition it corrects and why. */
  corrects: z.string().nullable(),
  reason: z.string().nullable(),
  /** The edition that corrects this one, if any: this one is then no longer its year's current edition. */
  correctedBy: z.string().nullable(),
  /** The earlier year's edition that `entered`/`left` compare with (as current when this one was published). */
  previous: z.string().nullable(),
  /** The data it froze: the snapshot (version and its random identity) and the dataset's dates. */
  snapshot: z.object({ version: z.number().int(), identity: z.string().nullable() }),
  dataset: datasetInfoSchema.nullable(),
  synthetic: z.boolean(),
  counts: editionCountsSchema,
  /** The edition's page on the web app, and the line to cite it with. */
  url: z.string(),
  citation: z.string(),
  downloads: z.object({ csv: z.string(), jsonstat2: z.string() }),
});
export type EditionSummary = z.infer<typeof editionSummarySchema>;

export const editionListSchema = z.object({ editions: z.array(editionSummarySchema) });
export type EditionList = z.infer<typeof editionListSchema>;

export const editionResponseSchema = editionSummarySchema.extend({
  /** The rule set as it was when the edition was published: the legend of its criteria. */
  ruleSetDefinition: ruleSetSchema,
  /** The areas on the list (with `all=true`: every evaluated area), in code order. */
  areas: z.array(editionAreaSchema),
});
export type EditionResponse = z.infer<typeof editionResponseSchema>;

export const editionDiffResponseSchema = z.object({
  edition: editionSummarySchema,
  /** Entered and left since the previous year's edition (null: there was none when it was published). */
  previous: z.string().nullable(),
  sincePrevious: editionDiffSchema.nullable(),
  /** For a correction: what changed against the corrected edition, and why. */
  corrects: z.string().nullable(),
  reason: z.string().nullable(),
  correction: editionDiffSchema.nullable(),
});
export type EditionDiffResponse = z.infer<typeof editionDiffResponseSchema>;

export const publishBodySchema = z
  .object({
    ruleset: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a rule set id"),
    /** The rule set version the live snapshot must have evaluated (default: whichever it did). */
    version: z.number().int().min(1).optional(),
    year: z.number().int().min(1900).max(2100),
    level: z.enum(LEVELS),
    /** The edition this one corrects: the current edition of the same rule set, level and year. */
    corrects: z.string().regex(/^\d{4}-[1-9]\d{0,2}$/, "must be an edition id such as 2025-1").optional(),
    /** Why (required with `corrects`): what was wrong and what changed. */
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .refine((b) => b.corrects === undefined || b.reason !== undefined, { message: "required with corrects: say what changed and why", path: ["reason"] })
  .refine((b) => b.reason === undefined || b.corrects !== undefined, { message: "only with corrects (a first edition has no reason)", path: ["reason"] });
