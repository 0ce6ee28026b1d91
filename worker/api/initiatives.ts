import { z } from "zod";
import { DIRECTIONS, UNITS } from "../../db/schema";
import { areaRefSchema, datasetInfoSchema } from "./schemas";

/**
 * Shapes of the initiative routes (`/api/v1/initiatives`, `/api/admin/initiatives`). The web
 * app's initiative pages import their types from here.
 */

const yearSpan = z.tuple([z.number().int(), z.number().int()]);

export const initiativeSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kommune: areaRefSchema,
  /** Its areas, all of one level (unknown codes cannot be stored). */
  areas: z.array(areaRefSchema),
  startYear: z.number().int(),
  /** Null while it runs on. */
  endYear: z.number().int().nullable(),
  /** Its public description. */
  url: z.string(),
  /** A documented example, entered from public descriptions: not an official register. */
  example: z.boolean(),
  /** Invented, on the synthetic demo's areas. */
  synthetic: z.boolean(),
  note: z.string().nullable(),
});

export const initiativeListSchema = z.object({
  /** Changes with every edit of the registry. */
  revision: z.number().int(),
  initiatives: z.array(initiativeSummarySchema),
});

const readingSchema = z.object({ finding: z.string(), limits: z.array(z.string()) });
const readingsSchema = z.object({ nb: readingSchema, nn: readingSchema, en: readingSchema });

/** An area's means before and after the start (served: its unit's decimals). */
const areaWindowSchema = areaRefSchema.extend({ before: z.number(), after: z.number(), change: z.number() });

const indicatorRefSchema = z.object({
  id: z.string(),
  name: z.object({ nb: z.string(), nn: z.string(), en: z.string() }),
  unit: z.enum(UNITS),
  direction: z.enum(DIRECTIONS),
});

export const indicatorFollowUpSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("estimated"),
    indicator: indicatorRefSchema,
    windows: z.object({ before: yearSpan, after: yearSpan }),
    /** What the comparison areas were matched on before the start. */
    matchedOn: z.enum(["level_and_trend", "level"]),
    treated: z.array(areaWindowSchema),
    comparison: z.array(areaWindowSchema),
    /** Group means, before and after: the 2×2 table behind the estimate. */
    means: z.object({ treatedBefore: z.number(), treatedAfter: z.number(), comparisonBefore: z.number(), comparisonAfter: z.number() }),
    treatedChange: z.number(),
    comparisonChange: z.number(),
    /** Difference in differences, in the indicator's unit (percentage points for shares). */
    estimate: z.number(),
    /** Percentile bootstrap over areas, rounded outward. */
    interval: z.object({ low: z.number(), high: z.number(), level: z.number(), replicates: z.number().int(), seed: z.number().int() }),
    /** Each group's mean per year (the chart and its table). */
    years: z.array(z.object({ period: z.number().int(), treated: z.number().nullable(), comparison: z.number().nullable() })),
    reading: readingsSchema,
  }),
  z.object({
    status: z.literal("not_estimable"),
    indicator: indicatorRefSchema,
    reason: z.enum(["no_figures_before", "no_figures_after", "no_comparison"]),
    windows: z.object({ before: yearSpan, after: yearSpan }).nullable(),
    reading: readingsSchema,
  }),
]);

export const followUpMethodSchema = z.object({
  preYears: z.number().int(),
  k: z.number().int(),
  replicates: z.number().int(),
  level: z.number(),
  /** Which areas could be compared: same level, in no initiative running in the windows. */
  candidates: z.number().int(),
  /** `kommune`: grunnkretser are compared within their kommune; `country`: bydeler and kommuner nationwide. */
  pool: z.enum(["country", "kommune"]),
});

export const initiativeDetailSchema = initiativeSummarySchema.extend({
  snapshot: z.number().int(),
  dataset: datasetInfoSchema.nullable(),
  method: followUpMethodSchema,
  /** One per indicator (counts left out: they grow with an area's size, not its conditions). */
  followUp: z.array(indicatorFollowUpSchema),
});

export const initiativeDeletedSchema = z.object({ id: z.string(), deleted: z.literal(true), revision: z.number().int() });

export const storedInitiativeSchema = z.object({
  id: z.string(),
  name: z.string(),
  kommune: z.string(),
  areas: z.array(z.string()),
  startYear: z.number().int(),
  endYear: z.number().int().nullable(),
  url: z.string(),
  example: z.boolean(),
  synthetic: z.boolean(),
  note: z.string().nullable(),
  revision: z.number().int(),
  updatedAt: z.string(),
});

export type InitiativeSummary = z.infer<typeof initiativeSummarySchema>;
export type InitiativeList = z.infer<typeof initiativeListSchema>;
export type InitiativeDetail = z.infer<typeof initiativeDetailSchema>;
export type IndicatorFollowUp = z.infer<typeof indicatorFollowUpSchema>;
