import type { IndicatorFollowUp } from "../../../../worker/api/initiatives.ts";
import { formatValue } from "../../components/card/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { InitiativesText } from "./text.ts";

type Estimated = Extract<IndicatorFollowUp, { status: "estimated" }>;

const W = 360;
const H = 180;
const PAD = 10;

/** Round steps for the value axis: three to five ticks covering the range. */
function ticks(min: number, max: number): number[] {
  if (min === max) return [min];
  const raw = (max - min) / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  // From a step at or below the lowest value to one at or above the highest, so both lines fit.
  const out: number[] = [];
  const last = Math.ceil(max / step - 1e-9);
  for (let k = Math.floor(min / step + 1e-9); k <= last; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/**
 * The yearly means of the initiative's areas and of the comparison areas as two lines (solid and
 * dashed, told apart by pattern and by name, not by colour alone), with the start year marked,
 * and the same numbers as a table behind a toggle.
 */
export function FollowUpChart({ f, start, lang, s }: { f: Estimated; start: number; lang: Lang; s: InitiativesText }) {
  const name = f.indicator.name[lang];
  const values = f.years.flatMap((y) => [y.treated, y.comparison]).filter((v): v is number => v !== null);
  const t = ticks(Math.min(...values), Math.max(...values));
  const lo = t[0]!;
  const hi = t[t.length - 1]!;
  const p0 = f.years[0]!.period;
  const p1 = f.years[f.years.length - 1]!.period;
  const px = (period: number) => (p1 === p0 ? W / 2 : PAD + ((period - p0) / (p1 - p0)) * (W - 2 * PAD));
  const py = (v: number) => (hi === lo ? H / 2 : PAD + (1 - (v - lo) / (hi - lo)) * (H - 2 * PAD));
  const r = (n: number) => n.toFixed(1);
  const line = (key: "treated" | "comparison") => {
    // A year without a value breaks the line.
    const runs: string[][] = [[]];
    for (const y of f.years) {
      const v = y[key];
      if (v === null) runs.push([]);
      else runs[runs.length - 1]!.push(`${r(px(y.period))},${r(py(v))}`);
    }
    return runs.filter((run) => run.length > 1);
  };
  // The start falls between the last year before and the first year after.
  const startX = px(start - 0.5);
  const fmt = (v: number | null) => (v === null ? s.noValue : formatValue(v, f.indicator.unit, lang));

  return (
    <figure class="followup-chart">
      <figcaption class="followup-chart-title">{s.chartTitle(name)}</figcaption>
      <ul class="followup-legend">
        <li data-series="treated">{s.treated}</li>
        <li data-series="comparison">{s.comparison}</li>
      </ul>
      <div class="followup-chart-plot">
        <div class="followup-chart-y" aria-hidden="true">
          {t.map((v) => (
            <span key={v} ref={(el) => el?.style.setProperty("--at", `${(py(v) / H) * 100}%`)}>
              {formatValue(v, f.indicator.unit, lang)}
            </span>
          ))}
        </div>
        <div class="followup-chart-area">
          <svg class="followup-chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={s.chartSummary(name, start)} focusable="false">
            <title>{s.chartSummary(name, start)}</title>
            {t.map((v) => (
              <line key={v} class="followup-chart-grid" x1={0} x2={W} y1={r(py(v))} y2={r(py(v))} />
            ))}
            <line class="followup-chart-start" x1={r(startX)} x2={r(startX)} y1={0} y2={H} />
            {line("comparison").map((pts) => (
              <polyline key={`c${pts[0]}`} class="followup-chart-line" data-series="comparison" points={pts.join(" ")} />
            ))}
            {line("treated").map((pts) => (
              <polyline key={`t${pts[0]}`} class="followup-chart-line" data-series="treated" points={pts.join(" ")} />
            ))}
            {f.years.map((y) =>
              y.treated === null ? null : <circle key={y.period} class="followup-chart-dot" cx={r(px(y.period))} cy={r(py(y.treated))} r={2.5} />,
            )}
          </svg>
          <span class="followup-chart-start-label" ref={(el) => el?.style.setProperty("--at", `${(startX / W) * 100}%`)} aria-hidden="true">
            {s.start(start)}
          </span>
        </div>
      </div>
      <div class="followup-chart-x" aria-hidden="true">
        <span>{p0}</span>
        <span>{p1}</span>
      </div>
      <details class="series-table">
        <summary>
          {s.showTable}
          <span class="visually-hidden">: {name}</span>
        </summary>
        <table>
          <caption>{s.tableCaption(name)}</caption>
          <thead>
            <tr>
              <th scope="col">{s.year}</th>
              <th scope="col" class="num">
                {s.treated}
              </th>
              <th scope="col" class="num">
                {s.comparison}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.years.map((y) => (
              <tr key={y.period} data-after={y.period >= start ? "true" : undefined}>
                <th scope="row">{y.period === start ? `${y.period} (${s.start(start).toLowerCase()})` : y.period}</th>
                <td class="num">{fmt(y.treated)}</td>
                <td class="num">{fmt(y.comparison)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
