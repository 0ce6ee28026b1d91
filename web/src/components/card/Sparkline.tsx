import type { Point } from "../../../../worker/api/schemas";
import { formatTick, formatValue, type Unit } from "./format";
import { chartScale } from "./scale";
import type { CardLang, CardText } from "./text";

const W = 300;
const H = 72;
const PAD_X = 6;

type Known = { period: number; value: number; low?: number; high?: number };

/** A point's label as published ("2016-2017"); points from before labels were served have only the year. */
const labelOf = (p: Pick<Point, "period" | "periodLabel">) => p.periodLabel ?? String(p.period);

const fmt = (n: number) => n.toFixed(1);

/**
 * A small line chart of a series with a labelled scale: its bottom and top (zero for shares and
 * rates, see scale.ts) beside the plot, the first and last period under it. The served 95 %
 * intervals are a band around the line (a whisker on a lone value). Missing or suppressed years
 * are gaps in the line, never points at zero; a value with no neighbour is drawn as a dot. Pure
 * markup (no DOM access), so the Worker renders it to a string for embeds.
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
  const known: Known[] = sorted.flatMap((p) => (p.value === null ? [] : [{ period: p.period, value: p.value, low: p.low, high: p.high }]));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const firstKnown = known[0];
  const lastKnown = known[known.length - 1];
  const labels = new Map(sorted.map((p) => [p.period, labelOf(p)]));
  const scale = chartScale(sorted, unit);

  if (!first || !last || !firstKnown || !lastKnown || !scale) {
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

  // Scales: the plot fills the box, its top and bottom edges are the labelled ends.
  const p0 = first.period;
  const p1 = last.period;
  const x = (period: number) => (p1 === p0 ? W / 2 : PAD_X + ((period - p0) / (p1 - p0)) * (W - 2 * PAD_X));
  const { lo, hi } = scale;
  const y = (value: number) => (1 - (value - lo) / (hi - lo)) * H;

  // Runs of consecutive known values; a null breaks the line.
  const runs: Known[][] = [];
  let run: Known[] = [];
  for (const p of sorted) {
    if (p.value === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ period: p.period, value: p.value, low: p.low, high: p.high });
  }
  if (run.length) runs.push(run);

  // Interval bands over runs of values that have one; a lone interval is a whisker.
  const bands: Known[][] = [];
  for (const r of runs) {
    let band: Known[] = [];
    for (const k of r) {
      if (k.low !== undefined && k.high !== undefined) band.push(k);
      else {
        if (band.length) bands.push(band);
        band = [];
      }
    }
    if (band.length) bands.push(band);
  }

  return (
    // One known value draws a dot, not a course: print leaves such a chart out (area.css).
    <div class="chart" data-scale-lo={lo} data-scale-hi={hi} data-single={runs.length === 1 && runs[0]!.length === 1 ? "" : undefined}>
      <div class="chart-y" aria-hidden="true">
        <span class="chart-y-hi">{formatTick(hi, unit, lang)}</span>
        <span class="chart-y-lo">{formatTick(lo, unit, lang)}</span>
      </div>
        <svg class="sparkline" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} focusable="false">
          <title>{summary}</title>
          <line class="sparkline-grid" x1={0} x2={W} y1={0.5} y2={0.5} />
          <line class="sparkline-base" x1={0} x2={W} y1={H - 0.5} y2={H - 0.5} />
          {bands.map((b) =>
            b.length === 1 ? (
              <path
                key={`w${b[0]!.period}`}
                class="sparkline-whisker"
                d={`M${fmt(x(b[0]!.period) - 4)},${fmt(y(b[0]!.high!))}h8M${fmt(x(b[0]!.period))},${fmt(y(b[0]!.high!))}V${fmt(y(b[0]!.low!))}M${fmt(x(b[0]!.period) - 4)},${fmt(y(b[0]!.low!))}h8`}
              />
            ) : (
              <polygon
                key={`b${b[0]!.period}`}
                class="sparkline-band"
                points={[...b.map((k) => `${fmt(x(k.period))},${fmt(y(k.high!))}`), ...[...b].reverse().map((k) => `${fmt(x(k.period))},${fmt(y(k.low!))}`)].join(" ")}
              />
            ),
          )}
          {runs.map((r) =>
            r.length === 1 ? (
              <circle key={r[0]!.period} class="sparkline-dot" cx={fmt(x(r[0]!.period))} cy={fmt(y(r[0]!.value))} r={3} />
            ) : (
              <polyline key={r[0]!.period} class="sparkline-line" points={r.map((k) => `${fmt(x(k.period))},${fmt(y(k.value))}`).join(" ")} />
            ),
          )}
          <circle class="sparkline-last" cx={fmt(x(lastKnown.period))} cy={fmt(y(lastKnown.value))} r={4} />
        </svg>
      <div class={p1 === p0 ? "chart-axis chart-axis--single" : "chart-axis"} aria-hidden="true">
        <span>{labelOf(first)}</span>
        {p1 !== p0 && <span>{labelOf(last)}</span>}
      </div>
    </div>
  );
}
