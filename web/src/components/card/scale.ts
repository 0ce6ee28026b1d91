import type { Point } from "../../../../worker/api/schemas";
import type { Unit } from "./format";

/**
 * The vertical scale of a card's chart. Shares and rates per 1000 start at zero, so 2.4 %
 * unemployment never draws a spike; a gap in percentage points keeps zero in view (its sign
 * matters); counts, amounts and years show their own range, labelled, never less than a tenth of
 * the values' size. The ends are round numbers, and both are labelled on the chart.
 */
export interface ChartScale {
  lo: number;
  hi: number;
  /** Whether the axis starts at zero by rule (shares and rates). */
  fromZero: boolean;
}

const FROM_ZERO: ReadonlySet<Unit> = new Set<Unit>(["percent", "per1000"]);
const STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) at or above x > 0. */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 0;
  const m = 10 ** Math.floor(Math.log10(x));
  for (const f of STEPS) if (f * m >= x * (1 - 1e-12)) return round(f * m);
  return round(10 * m);
}

/** Rounds away float noise (0.1 × 3 = 0.30000000000000004). */
const round = (x: number) => Number(x.toPrecision(12));

/** Outward to a multiple of a round step of the span: 58 123–64 920 → 58 000–65 000. */
function outward(lo: number, hi: number, whole: boolean): [number, number] {
  const step = Math.max(whole ? 1 : 0, 10 ** Math.floor(Math.log10(hi - lo)) / 2);
  return [round(Math.floor(lo / step) * step), round(Math.ceil(hi / step) * step)];
}

/** The scale for a series, its served intervals included; null when no value is shown. */
export function chartScale(series: readonly Pick<Point, "value" | "low" | "high">[], unit: Unit | undefined): ChartScale | null {
  const shown = series.filter((p) => p.value !== null);
  if (shown.length === 0) return null;
  const values = shown.flatMap((p) => [p.value!, ...(p.low !== undefined ? [p.low] : []), ...(p.high !== undefined ? [p.high] : [])]);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (unit && FROM_ZERO.has(unit) && lo >= 0) {
    const top = niceCeil(hi) || 1;
    return { lo: 0, hi: unit === "percent" ? Math.min(100, top) : top, fromZero: true };
  }
  if (unit === "points") {
    lo = Math.min(0, lo);
    hi = Math.max(0, hi);
  }
  const minSpan = Math.max(Math.abs(lo), Math.abs(hi)) * 0.1 || 1;
  if (hi - lo < minSpan) {
    const mid = (hi + lo) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
    // A count or amount never goes below zero on its axis.
    if (lo < 0 && Math.min(...values) >= 0) [lo, hi] = [0, hi - lo];
  }
  [lo, hi] = outward(lo, hi, unit === "count" || unit === "nok");
  return { lo, hi, fromZero: false };
}
