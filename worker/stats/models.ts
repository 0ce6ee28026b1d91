import type { Indicator } from "../../db/schema";

/**
 * The statistical model behind an indicator's intervals and trend words, named in its metadata
 * so a reader of /api/v1/indicators knows what "no clear change" was tested against. Registers
 * are treated as one draw from a process: a share of people as binomial, events per 1 000 as
 * Poisson; amounts and counts have no sampling model and are judged against their own
 * year-to-year variation (money against Norway's change, as no price index is held).
 */
export const MODELS = ["binomial", "poisson", "amount_relative_to_norway", "amount_own_variation", "count", "difference"] as const;
export type Model = (typeof MODELS)[number];

const BY_UNIT: Record<Indicator["unit"], Model> = {
  percent: "binomial",
  per1000: "poisson",
  nok: "amount_relative_to_norway",
  years: "amount_own_variation",
  count: "count",
  // A gap between two shares (immigrants minus the rest), in percentage points.
  points: "difference",
};

/** The model of an indicator, from its unit: every declared unit has exactly one. */
export const modelOf = (unit: Indicator["unit"]): Model => BY_UNIT[unit];

/**
 * How a card's trend word was decided. `newcombe`: interval for the difference of two
 * proportions; `poisson_ratio`: interval for the ratio of two Poisson rates (conditional
 * binomial); `relative_to_norway`: the area's relative change minus Norway's, against the
 * year-to-year variation of that excess; `own_variation`: the change against the series' own
 * year-to-year variation.
 */
export const TREND_METHODS = ["newcombe", "poisson_ratio", "relative_to_norway", "own_variation"] as const;
export type TrendMethod = (typeof TREND_METHODS)[number];
