import type { Indicator, StatusSymbol } from "../../db/schema";
import type { Comparison } from "./ruleset-schema";
import { rateInterval, rateScale } from "./intervals";
import { DECIMALS } from "./precision";

/**
 * What a classification decides on: a value at full precision and the range it could lie in.
 * Published shares are rounded to one decimal, so comparing them decides ties by rounding
 * (7.2 ≥ 7.2 although the counts give 7.16). A shown share with counts is decided on
 * numerator ÷ denominator instead, and its uncertainty is its 95 % Wilson interval; any other
 * value (amounts, counts, shares published without counts, harmonised estimates) is decided on
 * the value as it is, and its uncertainty is only its publication precision: half the last
 * published digit either side. A threshold inside that range is "borderline": the data cannot
 * say on which side of it the area lies.
 *
 * The full-precision value is never served: with the served precision it would let a reader
 * recover the counts, and with them cells that are hidden elsewhere.
 */
export interface DecisionValue {
  value: number;
  lower: number;
  upper: number;
  basis: "wilson" | "precision";
}

/** Half the step a unit's values are published in (the served decimals: one rule per unit). */
const halfStep = (unit: Indicator["unit"]) => 0.5 / 10 ** DECIMALS[unit];

export interface DecisionInput {
  value: number | null;
  status: StatusSymbol | null;
  /** Counts of a shown value only (protected series drop them for hidden ones). */
  counts?: { numerator: number | null; denominator: number | null } | null;
}

/**
 * The value a decision uses, or null when it is not shown. Counts are used only when they
 * reproduce the published value to its precision: counts on another base (or pseudo-counts
 * that do not match) never replace what was published.
 */
export function decisionValue(p: DecisionInput | undefined, unit: Indicator["unit"]): DecisionValue | null {
  if (!p || p.status || p.value === null || !Number.isFinite(p.value)) return null;
  const half = halfStep(unit);
  const scale = rateScale(unit);
  const x = p.counts?.numerator ?? null;
  const n = p.counts?.denominator ?? null;
  if (scale !== null && x !== null && n !== null && n > 0 && x >= 0 && x <= n) {
    const exact = (x / n) * scale;
    // A little slack over half a step: the published value was rounded from this very ratio.
    if (Math.abs(exact - p.value) <= half + 1e-9) {
      const ci = rateInterval({ value: p.value, status: null, numerator: x, denominator: n }, unit);
      if (ci) return { value: exact, lower: ci.lower, upper: ci.upper, basis: "wilson" };
    }
  }
  return precisionOnly(p.value, unit);
}

/** A value known only to its publication precision. */
export function precisionOnly(value: number, unit: Indicator["unit"]): DecisionValue {
  const half = halfStep(unit);
  return { value, lower: value - half, upper: value + half, basis: "precision" };
}

/**
 * Met follows the rule set's operator at full precision (a tie meets ">=" and "<=", not ">" or
 * "<"); borderline when the threshold lies within the value's range, ends included, so a tie
 * is always borderline. The threshold is taken as fixed: it is a multiple of the country's or
 * the area's kommune's value, measured on many more people than the area's own.
 */
export function decide(d: DecisionValue, op: Comparison, threshold: number): { met: boolean; borderline: boolean } {
  return { met: compare(d.value, op, threshold), borderline: d.lower <= threshold && threshold <= d.upper };
}

export function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
  }
}
