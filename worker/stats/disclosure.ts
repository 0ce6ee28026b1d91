import type { StatusSymbol } from "../../db/schema";

/** Disclosure thresholds (DESIGN.md defaults); configuration, not constants buried in code. */
export interface DisclosureRules {
  /** Counts (and numerators) below this are confidential. */
  minCount: number;
  /** Shares and rates whose denominator is below this are confidential. */
  minDenominator: number;
}

export const DEFAULT_DISCLOSURE: DisclosureRules = { minCount: 5, minDenominator: 20 };

export interface RawValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: StatusSymbol | null;
}

export interface ServedValue {
  value: number | null;
  status: StatusSymbol | null;
}

/**
 * The value-less results, shared (frozen: callers only read them): a national recompute
 * discloses millions of values, most missing or shown, and allocated a fresh object for each.
 */
const MISSING: ServedValue = Object.freeze({ value: null, status: ".." });
const CONFIDENTIAL: ServedValue = Object.freeze({ value: null, status: ":" });

/**
 * Primary suppression of one published value. The result never carries a number when the
 * status is set, and it never carries the numerator or denominator at all: those would let a
 * reader reconstruct what was hidden.
 */
export function disclose(
  raw: RawValue,
  unit: string,
  rules: DisclosureRules = DEFAULT_DISCLOSURE,
): ServedValue {
  if (raw.status) return { value: null, status: raw.status };
  if (raw.value === null || !Number.isFinite(raw.value)) return MISSING;
  if (raw.numerator !== null && raw.numerator < rules.minCount) return CONFIDENTIAL;
  if (raw.denominator !== null && raw.denominator < rules.minDenominator) {
    return CONFIDENTIAL;
  }
  if (unit === "count" && raw.value < rules.minCount) return CONFIDENTIAL;
  return { value: raw.value, status: null };
}
