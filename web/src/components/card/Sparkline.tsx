import type { Point } from "../../../../worker/api/schemas";
import { formatValue, type Unit } from "./format";
import type { CardLang, CardText } from "./text";

const W = 300;
const H = 72;
const PAD_X = 6;
const PAD_Y = 8;

type Known = { period: number; value: number };

/** A point's label as published ("2016-2017"); points from before labels were served have only the year. */
const labelOf = (p: Pick<Point, "period" | "periodLabel">) => p.periodLabel ?? String(p.period);

/**
 * A small line chart of a series. Missing or suppressed years are gaps in the line, never
 * points at zero; a value with no neighbour is drawn as a dot. The y range is at least a tenth
 * of the values' size, so that small wobbles don't look like dramatic swings. Pure markup (no DOM
 * access), so the Worker renders it to a string for embeds.
 */
export function Sparkline({
  series,
  unit,
  lang,
  t,
  periods = false,
}: {
  series: Point[];
  unit: Unit | undefined;
  lang: CardLang;
  t: CardText;
  /** Each point covers several years: gaps are counted as periods. */
  periods?: boolean;
}) {
  const sorted = [...series].sort((a, b) => a.period - b.period);
  const known: Known[] = sorted.flatMap((p) => (p.value === null ? [] : [{ period: p.period, value: p.value }]));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const firstKnown = known[0];
  const lastKnown = known[known.length - 1];
  const labels = new Map(sorted.map((p) => [p.period, labelOf(p)]));

  if (!first || !last || !firstKnown || !lastKnown) {
    return <p class="chart-none">{t.chartNone}</p>;
  }

  const gaps = sorted.length - known.length;
  const summary =
    (known.length === 1
      ? t.chartSingle(formatValue(firstKnown.value, unit, lang), labels.get(firstKnown.period)!)
      : t.chartSummary(
          formatValue(firstKnown.value, unit, lang),
          labels.get(firstKnown.period)!,
          formatValue(lastKnown.value, unit, lang),
          labels.get(lastKnown.period)!,
        )) + (gaps > 0 ? t.chartGaps(gaps, periods) : "");

  // Scales.
  const p0 = first.period;
  const p1 = last.period;
  const x = (period: number) =>
    p1 === p0 ? W / 2 : PAD_X + ((period - p0) / (p1 - p0)) * (W - 2 * PAD_X);
  let lo = Math.min(...known.map((k) => k.value));
  let hi = Math.max(...known.map((k) => k.value));
  const minSpan = Math.max(Math.abs(lo), Math.abs(hi)) * 0.1 || 1;
  if (hi - lo < minSpan) {
    const mid = (hi + lo) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
  }
  const y = (value: number) => PAD_Y + (1 - (value - lo) / (hi - lo)) * (H - 2 * PAD_Y);

  // Runs of consecutive known values; a null breaks the line.
  const runs: Known[][] = [];
  let run: Known[] = [];
  for (const p of sorted) {
    if (p.value === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ period: p.period, value: p.value });
  }
  if (run.length) runs.push(run);

  const fmt = (n: number) => n.toFixed(1);
  return (
    <div class="chart">
      <svg
        class="sparkline"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={summary}
        focusable="false"
      >
        <title>{summary}</title>
        <line class="sparkline-base" x1={0} x2={W} y1={H - 0.5} y2={H - 0.5} />
        {runs.map((r) =>
          r.length === 1 ? (
            <circle key={r[0]!.period} class="sparkline-dot" cx={fmt(x(r[0]!.period))} cy={fmt(y(r[0]!.value))} r={3} />
          ) : (
            <polyline
              key={r[0]!.period}
              class="sparkline-line"
              points={r.map((k) => `${fmt(x(k.period))},${fmt(y(k.value))}`).join(" ")}
            />
          ),
        )}
        <circle class="sparkline-last" cx={fmt(x(lastKnown.period))} cy={fmt(y(lastKnown.value))} r={4} />
      </svg>
      <div class="chart-axis" aria-hidden="true">
        <span>{labelOf(first)}</span>
        {p1 !== p0 && <span>{labelOf(last)}</span>}
      </div>
    </div>
  );
}
