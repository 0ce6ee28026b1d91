import type { RawValue } from "./disclosure";

export type TrendWord = "rising" | "falling" | "stable" | "unknown";

/** Relative change below which an amount without a sampling model counts as "no clear change". */
const AMOUNT_TOLERANCE = 0.03;
const Z_95 = 1.96;

/**
 * Whether a series moved between two points by more than its uncertainty.
 *
 * Shares and rates with numerator and denominator are treated as binomial proportions and
 * compared with a two-proportion z-test at 95 %: a change in a small area is only called a
 * change when the counts support it. Values without counts (amounts, years) need a relative
 * change above a small tolerance.
 */
export function trend(from: RawValue | null, to: RawValue | null): TrendWord {
  if (!from || !to || from.value === null || to.value === null) return "unknown";
  if (from.status || to.status) return "unknown";
  const counts = [from.numerator, from.denominator, to.numerator, to.denominator];
  if (counts.every((n): n is number => n !== null && n >= 0) && from.denominator! > 0 && to.denominator! > 0) {
    const p1 = from.numerator! / from.denominator!;
    const p2 = to.numerator! / to.denominator!;
    const pooled = (from.numerator! + to.numerator!) / (from.denominator! + to.denominator!);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / from.denominator! + 1 / to.denominator!));
    if (se === 0) return p1 === p2 ? "stable" : p2 > p1 ? "rising" : "falling";
    const z = (p2 - p1) / se;
    return z > Z_95 ? "rising" : z < -Z_95 ? "falling" : "stable";
  }
  const base = Math.abs(from.value);
  const rel = base === 0 ? (to.value === 0 ? 0 : Infinity) : (to.value - from.value) / base;
  return rel > AMOUNT_TOLERANCE ? "rising" : rel < -AMOUNT_TOLERANCE ? "falling" : "stable";
}
