import { z } from "zod";
import { DIRECTIONS, LEVELS, STATUS_SYMBOLS, UNITS } from "../../db/schema";
import { classificationSchema } from "../stats/classification-schema";
import { MODELS, TREND_METHODS } from "../stats/models";
import { pageFields } from "./paging";

/**
 * Shapes of what the public API returns. The recompute job builds these objects and the web app
 * reads them, so both sides import their types from here.
 */

export const levelSchema = z.enum(LEVELS);
export const statusSchema = z.enum(STATUS_SYMBOLS);

export const areaRefSchema = z.object({
  code: z.string(),
  level: levelSchema,
  name: z.string(),
});

/** A value as served: `value` is null whenever `status` says why (suppressed, missing, n/a). */
export const pointSchema = z.object({
  /** The period's last year: what sorts and compares. */
  period: z.number().int(),
  /** The period as its publisher labels it: "2024", or "2016-2017" for a two-year period ending 2017. */
  periodLabel: z.string(),
  value: z.number().nullable(),
  status: statusSchema.nullable(),
  /**
   * 95 % interval (Wilson) for shares and rates with published counts, at the value's decimals,
   * rounded outward so it always holds `value`; below 100,000 in the denominator computed from
   * its band's lower edge, so it cannot give the counts away (worker/stats/precision.ts).
   */
  low: z.number().optional(),
  high: z.number().optional(),
  /** Derived across a municipal reform split by population weights, not published as such. */
  estimated: z.boolean().optional(),
});

/** `not_comparable`: the change would compare a split's population-weighted estimate with an observation. */
export const TRENDS = ["rising", "falling", "stable", "unknown", "not_comparable"] as const;

/**
 * How old the figures are, from the live snapshot (no extra reads: it travels on the pointer
 * row). A card's own period is its `latest.period`; a figure is shown as old when that lies
 * more than `OLD_AFTER_YEARS` (web/src/components/card/age.ts) before `newestPeriod`.
 */
export const datasetInfoSchema = z.object({
  /**
   * When the data were last imported: the newest import run (for the built-in dataset, the day
   * it was built). Null when nothing was imported (the synthetic demo is loaded as SQL).
   */
  dataUpdated: z.string().nullable(),
  /** When the live snapshot's figures were computed from the data. */
  figuresUpdated: z.string(),
  /** The newest period any indicator has a value for: the yardstick for "old". */
  newestPeriod: z.number().int().nullable(),
});

export const cardSchema = z.object({
  indicator: z.string(),
  /** Percentages are in percent (12.3 = 12.3 %); `change5y.delta` is in percentage points. */
  unit: z.enum(UNITS),
  /** Years each period covers (2 for SSB's two-year crime figures); every point of a series has the same. */
  periodSpan: z.number().int().min(1),
  latest: pointSchema.nullable(),
  series: z.array(pointSchema),
  municipality: pointSchema.nullable(),
  /**
   * The bydel's value in the same period, on cards of areas within a bydel (the grunnkretser of
   * Oslo, Bergen, Stavanger and Trondheim): absent elsewhere, null when the bydel has none.
   * The bydel is named by the area's `bydel`.
   */
  bydel: pointSchema.nullable().optional(),
  norway: pointSchema.nullable(),
  /**
   * The change from the period five years before the latest (or a whole span before, for periods
   * longer than five years) to the latest, both of this series and so of one span: 2011-2012 to
   * 2016-2017, never a one-year period against a two-year one. Null when that period is absent.
   */
  change5y: z
    .object({ from: z.number().int(), to: z.number().int(), delta: z.number().nullable(), fromLabel: z.string(), toLabel: z.string() })
    .nullable(),
  /** "unknown" whenever there is nothing to compare with (a single point, no value five years back). */
  trend: z.enum(TRENDS),
  /**
   * How the trend word was decided (see the indicator's `model`): `newcombe` (shares),
   * `poisson_ratio` (events per 1 000), `relative_to_norway` (money: the change beyond Norway's,
   * against its year-to-year variation), `own_variation` (years, counts, rates without counts).
   * Absent when there was nothing to test; present with "unknown" when the series has too few
   * years to know its variation.
   */
  trendMethod: z.enum(TREND_METHODS).optional(),
  /** Empirical-Bayes estimate for a small area, pulled toward its parent; the raw value stays `latest`. */
  smoothed: z.object({ value: z.number(), weight: z.number() }).nullable().optional(),
  /** Ids of the sources the numbers came from; names and licences at `/api/v1/sources`. */
  sources: z.array(z.string()).optional(),
});

/**
 * The default composite index's 95 % interval (propagated from the intervals of the figures it
 * is made of: worker/stats/composite-uncertainty.ts) and where it lies among the other areas of
 * its level in Norway: the percent of them with a lower index, also for the interval's ends.
 */
const indexExtraFields = {
  interval: z.object({ low: z.number(), high: z.number() }).nullable().optional(),
  position: z
    .object({ percentBelow: z.number().int(), low: z.number().int(), high: z.number().int(), of: z.number().int() })
    .nullable()
    .optional(),
};

/** How many areas of the level have the index, and its deciles (minimum, 10 %, …, 90 %, maximum). */
const indexDistributionSchema = z.object({ n: z.number().int(), deciles: z.array(z.number()) });

export const areaBodySchema = z.object({
  snapshot: z.number().int(),
  synthetic: z.boolean(),
  area: areaRefSchema.extend({
    names: z.object({
      nb: z.string(),
      nn: z.string().nullable(),
      en: z.string().nullable(),
      se: z.string().nullable(),
    }),
    parentCode: z.string().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
  }),
  ancestors: z.array(areaRefSchema),
  children: z.array(areaRefSchema),
  municipality: areaRefSchema.nullable(),
  /** The bydel a grunnkrets lies in: its cards' `bydel` values are that bydel's. */
  bydel: areaRefSchema.nullable().optional(),
  replacedBy: z.array(areaRefSchema.extend({ changedOn: z.string() })),
  cards: z.array(cardSchema),
  /** The composite living-conditions index in the latest year with one (null for retired codes). */
  composite: z
    .object({
      period: z.number().int(),
      status: z.object({ index: z.number().nullable(), class: z.string().nullable(), reason: z.string().nullable(), ...indexExtraFields }),
      dynamics: z.object({ index: z.number().nullable(), class: z.string().nullable(), reason: z.string().nullable(), from: z.number().int(), ...indexExtraFields }),
      /** The level's distribution of both indices that year (absent in snapshots made before it). */
      distribution: z.object({ status: indexDistributionSchema, dynamics: indexDistributionSchema }).nullable().optional(),
    })
    .nullable()
    .optional(),
  /** The default rule set's result (the same as its entry in `classifications`), every criterion listed. */
  classification: z.unknown().nullable().optional(),
  /**
   * Every active rule set's result for this area, the default first: each in its latest year in
   * which at least one criterion (or a scale's index) could be evaluated, else its latest year.
   * Empty for levels no rule set evaluates (country, fylke, kommune with the shipped ones).
   */
  classifications: z.array(classificationSchema).optional(),
  /** When the data and figures were updated, and the newest period (added when served). */
  dataset: datasetInfoSchema.nullable().optional(),
});

export const seriesResponseSchema = z.object({
  snapshot: z.number().int(),
  synthetic: z.boolean(),
  area: areaRefSchema,
  series: z.array(z.object({ indicator: z.string(), unit: z.enum(UNITS), periodSpan: z.number().int().min(1), points: z.array(pointSchema) })),
  dataset: datasetInfoSchema.nullable(),
});

export const compareResponseSchema = z.object({
  snapshot: z.number().int(),
  synthetic: z.boolean(),
  areas: z.array(
    z.object({ area: areaRefSchema, ancestors: z.array(areaRefSchema), cards: z.array(cardSchema) }),
  ),
  dataset: datasetInfoSchema.nullable(),
});

/** Stored per parent and indicator; `values[i]` and `statuses[i]` belong to `periods[i]`. */
export const childValuesBodySchema = z.object({
  indicator: z.string(),
  unit: z.enum(UNITS),
  /** Years each period covers; left out (1) in rows stored before spans. */
  periodSpan: z.number().int().min(1).optional(),
  periods: z.array(z.number().int()),
  children: z.array(
    areaRefSchema.extend({ values: z.array(z.number().nullable()), statuses: z.array(statusSchema.nullable()) }),
  ),
});

const geometrySchema = z.object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.any()) });
export const featureCollectionSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      id: z.string(),
      properties: z.object({ code: z.string(), name: z.string(), level: levelSchema }),
      geometry: geometrySchema,
    }),
  ),
});

export type ChildGeometryBody = { attribution: string | null; collection: z.infer<typeof featureCollectionSchema> };

export const childrenResponseSchema = z.object({
  snapshot: z.number().int(),
  parent: z.string(),
  indicator: z.string(),
  unit: z.enum(UNITS),
  periodSpan: z.number().int().min(1),
  period: z.number().int(),
  /** `period` as its publisher labels it ("2016-2017"). */
  periodLabel: z.string(),
  periods: z.array(z.number().int()),
  /** The labels of `periods`, in the same order. */
  periodLabels: z.array(z.string()),
  children: z.array(areaRefSchema.extend({ value: z.number().nullable(), status: statusSchema.nullable() })),
  /** Null until boundaries for the children have been imported. */
  geometry: featureCollectionSchema.nullable(),
  attribution: z.string().nullable(),
});

export const locateResponseSchema = z.object({
  snapshot: z.number().int(),
  point: z.object({ lat: z.number(), lon: z.number() }),
  /** Coarsest first: fylke, kommune, bydel, grunnkrets (as far as boundaries exist). */
  areas: z.array(areaRefSchema),
});

const estimateSchema = z.object({ value: z.number(), low: z.number().nullable(), high: z.number().nullable() });

/** Segregation of one parent area over its units, one grouping, every year. */
export const segregationBodySchema = z.object({
  code: z.string(),
  grouping: z.string(),
  /** The indicator to map beside the indices (the share for a two-group grouping). */
  indicator: z.string(),
  /** The groups in table order: "group" and "rest" for a share, else the grouping's own ids. */
  groups: z.array(z.string()),
  unitLevel: levelSchema,
  /** The level the M/H decomposition is taken over (fylker of Norway, bydeler of a kommune), if any. */
  withinLevel: levelSchema.nullable(),
  replicates: z.number().int(),
  series: z.array(
    z.object({
      period: z.number().int(),
      units: z.number().int(),
      population: z.number(),
      /** Everyone but the rest of the population (or the first group where there is no rest), as a share. */
      groupShare: z.number(),
      /** Two groups only. */
      D: estimateSchema.nullable(),
      H: estimateSchema.nullable(),
      M: estimateSchema.nullable(),
      entropy: z.number().nullable(),
      /** Two groups only: the first group's isolation and its exposure to the second. */
      isolation: estimateSchema.nullable(),
      exposure: estimateSchema.nullable(),
      /** M = M_between + M_within, and M_within = Σ p·M over the strata. */
      decomposition: z
        .object({
          M_between: z.number(),
          M_within: z.number(),
          H_between: z.number(),
          H_within: z.number(),
          strata: z.array(z.object({ code: z.string(), name: z.string(), p: z.number(), M: z.number() })),
        })
        .nullable(),
      /** More than two groups: each group's share of the population and its isolation. */
      composition: z.array(z.object({ group: z.string(), share: z.number(), isolation: z.number().nullable() })).nullable(),
    }),
  ),
  /** Location quotients of the group in each unit, latest year; null where the unit's share is not shown, and for several groups. */
  locationQuotients: z
    .object({ period: z.number().int(), units: z.array(z.object({ code: z.string(), name: z.string(), lq: z.number().nullable(), status: statusSchema.nullable() })) })
    .nullable(),
});

export const segregationResponseSchema = segregationBodySchema.extend({
  snapshot: z.number().int(),
  /** The groupings this area has indices for, the default (asked for without a grouping) first. */
  groupings: z.array(z.string()),
});

const namesSchema = z.object({ nb: z.string(), nn: z.string().nullable(), en: z.string() });

/** A figure of one kommune in one period, as its card serves it. */
const servedAtSchema = z.object({ period: z.number().int(), periodLabel: z.string(), value: z.number() });

/**
 * The home page's overview of the live snapshot (one stored row): the key figures offered on the
 * national map, what the latest data changed, and the kommuner whose five-year change is the
 * largest among those that exceed their uncertainty.
 */
export const overviewBodySchema = z.object({
  /** What this snapshot rebuilt: everything (and why), or the series of some indicators. */
  rebuilt: z.object({ mode: z.enum(["full", "series"]), reason: z.string().nullable(), indicators: z.array(z.string()) }),
  /** False for the first snapshot of a database: there is nothing earlier to compare with. */
  comparedWithPrevious: z.boolean(),
  /** Key figures with values for kommuner, most recent data first: what the national map offers. */
  indicators: z.array(
    z.object({
      id: z.string(),
      name: namesSchema,
      unit: z.enum(UNITS),
      direction: z.enum(DIRECTIONS),
      period: z.number().int(),
      periodLabel: z.string(),
      /** The period is newer than in the snapshot before. */
      isNew: z.boolean(),
    }),
  ),
  /** Every indicator whose newest period is newer than in the snapshot before (empty for the first snapshot). */
  newPeriods: z.array(z.object({ id: z.string(), name: namesSchema, period: z.number().int(), periodLabel: z.string(), previous: z.number().int().nullable() })),
  /**
   * Per key figure, the kommuner with the largest change over five years to its newest period
   * among those whose change exceeds its uncertainty (the cards' trend word), largest first.
   */
  changes: z.array(
    z.object({
      indicator: z.string(),
      unit: z.enum(UNITS),
      kommuner: z.array(areaRefSchema.extend({ from: servedAtSchema, to: servedAtSchema, delta: z.number(), trend: z.enum(["rising", "falling"]) })),
    }),
  ),
  /** Every indicator's newest period, so the next snapshot can say which got a new one. */
  newest: z.record(z.string(), z.number().int()),
});

export const overviewResponseSchema = overviewBodySchema.omit({ newest: true }).extend({
  snapshot: z.number().int(),
  dataset: datasetInfoSchema.nullable(),
});

export const searchResultSchema = areaRefSchema.extend({
  parentName: z.string().nullable(),
  /** The kommune of a bydel or grunnkrets (several areas share a name, such as "Sentrum"); null above. */
  kommuneName: z.string().nullable(),
  /** Set when the area was found by this postcode ("0150" → Oslo): the query was a postcode of the kommune. */
  postcode: z.string().nullable(),
});
export const searchResponseSchema = z.object({
  snapshot: z.number().int(),
  results: z.array(searchResultSchema),
  /**
   * False when the search read as many names as it reads at most (a short prefix): other areas
   * may match than the `total` counted, so type more of the name.
   */
  complete: z.boolean(),
  ...pageFields,
});

export const indicatorSchema = z.object({
  id: z.string(),
  name: z.object({ nb: z.string(), nn: z.string().nullable(), en: z.string() }),
  unit: z.enum(UNITS),
  direction: z.enum(DIRECTIONS),
  source: z.string(),
  tableId: z.string().nullable(),
  definition: z.object({ nb: z.string(), en: z.string() }),
  finestLevel: levelSchema,
  /** Years one period covers: 2 for SSB's "2016-2017" (served as period 2017), 3 for a three-year income period. */
  periodSpan: z.number().int().min(1),
  /**
   * The model behind its intervals and trend words, from its unit: `binomial` (shares of people,
   * Wilson), `poisson` (events per 1 000, exact Poisson), `amount_relative_to_norway` (money:
   * change beyond Norway's), `amount_own_variation` (years), `count` (counts of everyone, change
   * against own variation), `difference` (gaps in percentage points: no interval, no trend word).
   */
  model: z.enum(MODELS),
});
export const indicatorsResponseSchema = z.object({ indicators: z.array(indicatorSchema) });

export const sourcesResponseSchema = z.object({
  sources: z.array(z.object({ id: z.string(), name: z.string(), publisher: z.string(), licence: z.string(), url: z.string().nullable() })),
});

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export type AreaRef = z.infer<typeof areaRefSchema>;
export type Point = z.infer<typeof pointSchema>;
export type Card = z.infer<typeof cardSchema>;
export type Trend = Card["trend"];
export type AreaBody = z.infer<typeof areaBodySchema>;
export type DatasetInfo = z.infer<typeof datasetInfoSchema>;
export type SeriesResponse = z.infer<typeof seriesResponseSchema>;
export type CompareResponse = z.infer<typeof compareResponseSchema>;
export type ChildValuesBody = z.infer<typeof childValuesBodySchema>;
export type ChildrenResponse = z.infer<typeof childrenResponseSchema>;
export type LocateResponse = z.infer<typeof locateResponseSchema>;
export type SegregationBody = z.infer<typeof segregationBodySchema>;
export type SearchResponse = z.infer<typeof searchResponseSchema>;
export type OverviewBody = z.infer<typeof overviewBodySchema>;
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;
export type IndicatorInfo = z.infer<typeof indicatorSchema>;
export type IndicatorsResponse = z.infer<typeof indicatorsResponseSchema>;
