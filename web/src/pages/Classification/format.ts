import type { Card } from "../../../../worker/api/schemas.ts";
import { formatFixed } from "../../components/card/fixed.ts";
import { formatValue } from "../../components/card/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { Criterion, RuleSet, Threshold } from "./rules.ts";
import type { ClassificationText } from "./text.ts";

export type Unit = Card["unit"];

const SYMBOLS: Record<Criterion["comparison"], string> = { ">": ">", ">=": "≥", "<": "<", "<=": "≤" };

export function comparisonSymbol(comparison: Criterion["comparison"]): string {
  return SYMBOLS[comparison];
}

/** A factor as a rule set writes it: "2", "1,5", "0,55". */
export function formatFactor(factor: number, lang: Lang): string {
  return formatFixed(factor, lang, 0, 2);
}

/** A threshold rule in words: "2 × landsnivået", "0,7 × kommunens verdi", "40 %". */
export function describeThreshold(threshold: Threshold, rs: RuleSet, unit: Unit | undefined, lang: Lang, c: ClassificationText): string {
  if (threshold.kind === "absolute") return formatValue(threshold.value, unit, lang);
  const to = threshold.to === "national" ? "national" : rs.kind === "criteria" ? rs.regionalLevel : "kommune";
  return c.times(formatFactor(threshold.factor, lang), to);
}
