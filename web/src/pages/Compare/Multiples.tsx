import type { Card, Point } from "../../../../worker/api/schemas.ts";
import { formatValue, type Unit } from "../../components/card/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { CompareText } from "./text.ts";

const W = 300;
const H = 150;
const LEFT = 4;
const RIGHT = 6;
const TOP = 8;
const BOTTOM = 8;

/** One line of a small chart: an area (or Norway, the reference) and its series of one indicator. */
export interface Line {
  code: string;
  name: string;
  reference: boolean;
  series: Point[];
}

/** Units whose charts start at zero: a share or a count of 2.4 must not look like a spike. */
const FROM_ZERO: ReadonlySet<Unit> = new Set(["percent", "per1000", "count", "nok"]);

/**
 * Small multiples: one chart per indicator with every compared area's line on the same scale
 * (and Norway's, dashed, where the unit compares across sizes), the scale's ends labelled, and
 * the table of the values behind each chart.
 */
export function Multiple({ title, card, lines, lang, c }: { title: string; card: Pick<Card, "unit" | "indicator">; lines: Line[]; lang: Lang; c: CompareText }) {
  const unit = card.unit;
  const periods = [...new Set(lines.flatMap((l) => l.series.map((p) => p.period)))].sort((a, b) => a - b);
  const labels = new Map(lines.flatMap((l) => l.series.map((p) => [p.period, p.periodLabel ?? String(p.period)] as const)));
  const values = lines.flatMap((l) => l.series.flatMap((p) => (p.value === null ? [] : [p.value])));
  if (periods.length === 0 || values.length === 0) return null;
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (FROM_ZERO.has(unit) && lo >= 0) lo = 0;
  if (hi - lo < (Math.abs(hi) || 1) * 0.1) {
    const mid = (hi + lo) / 2;
    const half = (Math.abs(mid) || 1) * 0.05;
    [lo, hi] = [FROM_ZERO.has(unit) && mid - half < 0 ? 0 : mid - half, mid + half];
  }
  const first = periods[0]!;
  const last = periods[periods.length - 1]!;
  const x = (p: number) => (last === first ? W / 2 : LEFT + ((p - first) / (last - first)) * (W - LEFT - RIGHT));
  const y = (v: number) => TOP + (1 - (v - lo) / (hi - lo || 1)) * (H - TOP - BOTTOM);
  const fmt = (n: number) => n.toFixed(1);
  const latest = (l: Line) => [...l.series].reverse().find((p) => p.value !== null);
  const summary = c.chartSummary(
    title,
    lines.map((l) => {
      const p = latest(l);
      return p ? `${l.name} ${formatValue(p.value!, unit, lang)} (${p.periodLabel ?? p.period})` : `${l.name} –`;
    }),
  );

  return (
    <figure class="multiple" data-indicator={card.indicator}>
      <figcaption class="multiple-title">{title}</figcaption>
      <div class="multiple-chart">
        <span class="multiple-axis multiple-axis--hi" aria-hidden="true">
          {formatValue(hi, unit, lang)}
        </span>
        <svg class="multiple-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} focusable="false">
          <line class="multiple-base" x1={0} x2={W} y1={H - BOTTOM} y2={H - BOTTOM} />
          <line class="multiple-grid" x1={0} x2={W} y1={TOP} y2={TOP} />
          {lines.map((l, i) => {
            const runs: { period: number; value: number }[][] = [[]];
            for (const p of [...l.series].sort((a, b) => a.period - b.period)) {
              if (p.value === null) runs.push([]);
              else runs[runs.length - 1]!.push({ period: p.period, value: p.value });
            }
            const cls = `multiple-line ${l.reference ? "multiple-line--reference" : `multiple-line--${i}`}`;
            return (
              <g key={l.code} data-code={l.code}>
                {runs
                  .filter((r) => r.length > 0)
                  .map((r) =>
                    r.length === 1 ? (
                      <circle key={r[0]!.period} class={cls} cx={fmt(x(r[0]!.period))} cy={fmt(y(r[0]!.value))} r={2.5} />
                    ) : (
                      <polyline key={r[0]!.period} class={cls} points={r.map((k) => `${fmt(x(k.period))},${fmt(y(k.value))}`).join(" ")} />
                    ),
                  )}
              </g>
            );
          })}
        </svg>
        <span class="multiple-axis multiple-axis--lo" aria-hidden="true">
          {formatValue(lo, unit, lang)}
        </span>
        <div class="chart-axis" aria-hidden="true">
          <span>{labels.get(first)}</span>
          {last !== first && <span>{labels.get(last)}</span>}
        </div>
      </div>
      <details class="multiple-table">
        <summary>{c.showTable}</summary>
        <div class="multiple-scroll" role="region" aria-label={c.tableOf(title)} tabIndex={0}>
          <table>
            <caption>{c.tableOf(title)}</caption>
            <thead>
              <tr>
                <th scope="col">{c.period}</th>
                {lines.map((l) => (
                  <th key={l.code} scope="col" class="num">
                    {l.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p}>
                  <th scope="row">{labels.get(p)}</th>
                  {lines.map((l) => {
                    const point = l.series.find((s) => s.period === p);
                    return (
                      <td key={l.code} class="num">
                        {point && point.value !== null ? formatValue(point.value, unit, lang) : (point?.status ?? "..")}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** The key to the lines: each area's colour and dash, Norway's dashed grey. */
export function LinesKey({ lines, c }: { lines: Pick<Line, "code" | "name" | "reference">[]; c: CompareText }) {
  return (
    <ul class="multiples-key" aria-label={c.linesKey}>
      {lines.map((l, i) => (
        <li key={l.code}>
          <svg class="multiples-key-line" viewBox="0 0 28 8" aria-hidden="true" focusable="false">
            <line class={`multiple-line ${l.reference ? "multiple-line--reference" : `multiple-line--${i}`}`} x1={1} x2={27} y1={4} y2={4} />
          </svg>
          {l.name}
        </li>
      ))}
    </ul>
  );
}
