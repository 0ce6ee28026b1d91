/**
 * The population groupings segregation is measured for: a group (the share's numerator) against
 * everyone else in the share's denominator. Origin is measured here, never used to classify.
 */
export const GROUPINGS = [
  { id: "immigrant", indicator: "immigrant_share", label: { nb: "Innvandrerbakgrunn mot resten", en: "Immigrant background vs the rest" } },
  { id: "low_income", indicator: "low_income_persistent", label: { nb: "Vedvarende lavinntekt mot resten", en: "Persistent low income vs the rest" } },
  { id: "education", indicator: "basic_education", label: { nb: "Bare grunnskole mot resten", en: "Compulsory schooling only vs the rest" } },
] as const;

export type GroupingId = (typeof GROUPINGS)[number]["id"];

/** Bootstrap replicates per index and year (Elbers' default is 100). */
export const SEGREGATION_REPLICATES = 100;

/** Years (counted back from the latest) that get bootstrap intervals. */
export const BOOTSTRAP_YEARS = 6;

/** Fewer units than this give no index: a handful of areas says little and reveals much. */
export const MIN_UNITS = 5;
