import { z } from "zod";
import { DIRECTIONS, LEVELS, UNITS } from "../../db/schema";

/**
 * What a feed entry says, as stored in `feed_entries.body`: facts, never finished sentences, so
 * each feed renders them in its reader's language (worker/feeds/text.ts). Names travel in every
 * language the entry may be read in, so an entry reads the same after areas or indicators are
 * renamed or dropped: a feed is a record of what was said. Values are the served ones (rounded by
 * stats/precision.ts, as the cards show them), never unrounded or hidden ones.
 */

export const namesSchema = z.object({ nb: z.string(), nn: z.string().nullable(), en: z.string().nullable() });
export type Names = z.infer<typeof namesSchema>;

export const areaFactSchema = z.object({
  code: z.string(),
  level: z.enum(LEVELS),
  names: namesSchema,
  /** The kommune a bydel or grunnkrets lies in (its names), for "Tøyen (grunnkrets in Oslo)". */
  kommune: namesSchema.nullable(),
});
export type AreaFact = z.infer<typeof areaFactSchema>;

const indicatorFact = {
  indicator: z.string(),
  names: namesSchema,
  unit: z.enum(UNITS),
};

/** A served figure: the value as the card shows it, its period as labelled, its 95 % interval. */
export const figureSchema = z.object({
  ...indicatorFact,
  period: z.number().int(),
  periodLabel: z.string(),
  value: z.number(),
  low: z.number().optional(),
  high: z.number().optional(),
});
export type Figure = z.infer<typeof figureSchema>;

export const figuresBodySchema = z.object({
  area: areaFactSchema,
  figures: z.array(figureSchema),
  /** On a kommune's own entry: how many of its areas got new figures too, and of what. */
  subAreas: z.object({ count: z.number().int(), periods: z.array(z.object({ ...indicatorFact, periodLabel: z.string() })) }).nullable(),
});

export const trendSchema = z.object({
  ...indicatorFact,
  direction: z.enum(DIRECTIONS),
  trend: z.enum(["rising", "falling"]),
  from: z.object({ periodLabel: z.string(), value: z.number() }),
  to: z.object({ periodLabel: z.string(), value: z.number() }),
});
export type TrendFact = z.infer<typeof trendSchema>;

export const trendBodySchema = z.object({ area: areaFactSchema, trends: z.array(trendSchema) });

export const ruleSetFactSchema = z.object({ id: z.string(), version: z.number().int(), name: namesSchema });
export type RuleSetFact = z.infer<typeof ruleSetFactSchema>;

/**
 * What the list is compared with: the same year in the snapshot before (`revised`: the figures
 * or the rules changed), or, for a year new in this snapshot, the year before it.
 */
export const comparedSchema = z.object({ revised: z.boolean(), since: z.number().int() });

export const membershipBodySchema = z.object({ area: areaFactSchema, ruleSet: ruleSetFactSchema, period: z.number().int(), compared: comparedSchema });

/** At most this many areas are named in one list entry; the rest are counted. */
export const LIST_NAMED = 200;

export const listChangeBodySchema = z.object({
  ruleSet: ruleSetFactSchema,
  period: z.number().int(),
  compared: comparedSchema,
  entered: z.array(areaFactSchema),
  left: z.array(areaFactSchema),
  enteredCount: z.number().int(),
  leftCount: z.number().int(),
});

export const editionBodySchema = z.object({
  edition: z.object({
    id: z.string(),
    /** Path of the edition's page on this site ("/levekar/utgaver/2025"), or an absolute URL. */
    url: z.string(),
    title: namesSchema.nullable(),
  }),
  ruleSet: ruleSetFactSchema,
  period: z.number().int(),
  level: z.enum(LEVELS).nullable(),
  /** On a kommune's entry: its areas on the edition's list. */
  kommune: namesSchema.nullable(),
  areas: z.array(areaFactSchema),
  areaCount: z.number().int(),
});

export const BODY_SCHEMAS = {
  figures: figuresBodySchema,
  trend: trendBodySchema,
  entered: membershipBodySchema,
  left: membershipBodySchema,
  list_change: listChangeBodySchema,
  edition: editionBodySchema,
} as const;

export type FeedBody<K extends keyof typeof BODY_SCHEMAS> = z.infer<(typeof BODY_SCHEMAS)[K]>;

/** A stored entry as the feed renders it. */
export type FeedEntry = { [K in keyof typeof BODY_SCHEMAS]: { id: number; key: string; kind: K; publishedAt: string; body: FeedBody<K> } }[keyof typeof BODY_SCHEMAS];
