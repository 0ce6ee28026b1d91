import type { SegregationBody } from "../../../../worker/api/schemas.ts";
import { formatNumber } from "../../components/card/format.ts";
import type { Lang } from "../../lib/i18n.ts";

/** One index in one year: the estimate and its bootstrap 95 % interval. */
export type Estimate = NonNullable<SegregationBody["series"][number]["D"]>;
export type Change = "rising" | "falling" | "stable" | "unknown";

/**
 * Between the first and the last year with an interval: a change only when the two intervals do
 * not overlap, as the page promises its readers.
 */
export function clearChange(points: readonly { period: number; estimate: Estimate | null }[]): { change: Change; from: number; to: number } | null {
  const withInterval = points.filter((p) => p.estimate && p.estimate.low !== null && p.estimate.high !== null);
  const first = withInterval[0];
  const last = withInterval[withInterval.length - 1];
  if (!first || !last) return null;
  if (first === last) return { change: "unknown", from: first.period, to: last.period };
  const a = first.estimate!;
  const b = last.estimate!;
  const change: Change = b.low! > a.high! ? "rising" : b.high! < a.low! ? "falling" : "stable";
  return { change, from: first.period, to: last.period };
}

/** An index with the four decimals the API gives, in the reader's locale: "0,0430", "0,2418". */
export function formatIndex(value: number, lang: Lang): string {
  return formatNumber(value, lang, 4);
}

/** An axis label: as few decimals as the tick needs ("0", "0,25", "0,025"). */
export function formatTick(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", { maximumFractionDigits: 4 }).format(value);
}

/** `part` as a whole percentage of `total`: "44 %" ("44%" in English). */
export function formatShare(part: number, total: number, lang: Lang): string {
  const n = formatNumber(total === 0 ? 0 : (100 * part) / total, lang, 0);
  return lang === "en" ? `${n}%` : `${n}\u00a0%`;
}

/**
 * A y axis for values in [lo, hi] that starts at 0 unless values go below it: the top (and a
 * negative bottom) rounded out to 1, 2, 2.5 or 5 × a power of ten, with a tick in the middle.
 */
export function axis(lo: number, hi: number): { min: number; max: number; ticks: number[] } {
  const max = nice(Math.max(hi, 0) * 1.05) || 1;
  const min = lo < 0 ? -nice(-lo * 1.05) : 0;
  return { min, max, ticks: [min, (min + max) / 2, max] };
}

function nice(x: number): number {
  if (x <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(x));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= x * (1 - 1e-9))!;
  return +(step * power).toPrecision(12);
}
