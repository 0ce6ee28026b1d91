import type { RawValue } from "./disclosure";
import { changeTest } from "./uncertainty";

export type TrendWord = "rising" | "falling" | "stable" | "unknown";

/**
 * The card's trend word: "rising"/"falling" only when the change exceeds its uncertainty (see
 * `changeTest`: a 95 % interval for the difference of two proportions when counts exist, ±3 %
 * for amounts); "stable" is shown as "no clear change".
 */
export function trend(from: RawValue | null, to: RawValue | null): TrendWord {
  const { direction } = changeTest(from, to);
  return direction === "no_clear_change" ? "stable" : direction;
}
