import type { Dict, Lang } from "../../lib/i18n.ts";
import { axis, clearChange, type Estimate, formatIndex, formatTick } from "./estimates.ts";
import type { IndexId, SegregationText } from "./text.ts";

const W = 360;
const H = 170;
const PAD = 10;

export interface IndexPoint {
  period: number;
  estimate: Estimate | null;
}

/**
 * One index over the years as an SVG line with its 95 % interval as a band, the change between
 * the first and the last year in words, and the same numbers as a table behind a toggle. Axis
 * labels are HTML beside the drawing, so they stay readable when the chart is narrow.
 */
export function IndexChart({
  id,
  points,
  areaName,
  lang,
  t,
  s,
}: {
  id: IndexId;
  points: IndexPoint[];
  areaName: string;
  lang: Lang;
  t: Dict;
  s: SegregationText;
}) {
  const name = s.indices[id].name;
  const sorted = [...points].sort((a, b) => a.period - b.period);
  const known = sorted.filter((p): p is { period: number; estimate: Estimate } => p.estimate !== null);
  const first = known[0];
  const last = known[known.length - 1];
  const change = clearChange(sorted);
  if (!first || !last) {
    return (
      <figure class="index-chart" data-index={id}>
        <figcaption class="index-chart-title">{name}</figcaption>
        <p class="chart-none">{t.chartNone}</p>
      </figure>
    );
  }

  const lows = known.map((p) => p.estimate.low ?? p.estimate.value);
  const highs = known.map((p) => p.estimate.high ?? p.estimate.value);
  const y = axis(Math.min(...lows), Math.max(...highs));
  const p0 = sorted[0]!.period;
  const p1 = sorted[sorted.length - 1]!.period;
  const px = (period: number) => (p1 === p0 ? W / 2 : PAD + ((period - p0) / (p1 - p0)) * (W - 2 * PAD));
  const py = (v: number) => PAD + (1 - (v - y.min) / (y.max - y.min)) * (H - 2 * PAD);
  const f = (n: number) => n.toFixed(1);

  // Runs of consecutive years with a value: a missing year breaks line and band.
  const runs: (typeof known)[] = [];
  let run: typeof known = [];
  for (const p of sorted) {
    if (p.estimate === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(p as (typeof known)[number]);
  }
  if (run.length) runs.push(run);
  // The band covers only years with an interval: a year without one (most are, see the API) is
  // not drawn as if its interval were the point. A lone year's interval is a narrow bar.
  const bands: (typeof known)[] = [];
  let band: typeof known = [];
  for (const p of sorted) {
    if (p.estimate?.low != null && p.estimate.high != null) band.push(p as (typeof known)[number]);
    else if (band.length) (bands.push(band), (band = []));
  }
  if (band.length) bands.push(band);
  const BAR = 4;

  const summary =
    s.chartSummary(name, formatIndex(first.estimate.value, lang), first.period, formatIndex(last.estimate.value, lang), last.period) +
    (change ? ` ${s.change[change.change](change.from, change.to)}` : "");

  return (
    <figure class="index-chart" data-index={id} data-change={change?.change}>
      <figcaption class="index-chart-title">{s.chartLabel(name, p0, p1)}</figcaption>
      <div class="index-chart-plot">
        <div class="index-chart-y" aria-hidden="true">
          {y.ticks.map((v) => (
            <span key={v} style={{ top: `${(py(v) / H) * 100}%` }}>
              {formatTick(v, lang)}
            </span>
          ))}
        </div>
        <svg class="index-chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} focusable="false">
          <title>{summary}</title>
          {y.ticks.map((v) => (
            <line key={v} class="index-chart-grid" x1={0} x2={W} y1={f(py(v))} y2={f(py(v))} />
          ))}
          {bands.map((r) => {
            const xs = r.length === 1 ? [px(r[0]!.period) - BAR, px(r[0]!.period) + BAR] : r.map((p) => px(p.period));
            const at = r.length === 1 ? [r[0]!, r[0]!] : r;
            const upper = at.map((p, i) => `${f(xs[i]!)},${f(py(p.estimate.high!))}`);
            const lower = at.map((p, i) => `${f(xs[i]!)},${f(py(p.estimate.low!))}`).reverse();
            return <polygon key={`band-${r[0]!.period}`} class="index-chart-band" points={[...upper, ...lower].join(" ")} />;
          })}
          {runs.map((r) =>
            r.length === 1 ? null : (
              <polyline
                key={`line-${r[0]!.period}`}
                class="index-chart-line"
                points={r.map((p) => `${f(px(p.period))},${f(py(p.estimate.value))}`).join(" ")}
              />
            ),
          )}
          {known.map((p) => (
            <circle key={p.period} class="index-chart-dot" cx={f(px(p.period))} cy={f(py(p.estimate.value))} r={p === last ? 4 : 2.5} />
          ))}
        </svg>
      </div>
      <div class="index-chart-x" aria-hidden="true">
        <span>{p0}</span>
        {p1 !== p0 && <span>{p1}</span>}
      </div>
      {change && (
        <p class="index-chart-change" data-change={change.change}>
          {s.change[change.change](change.from, change.to)}
        </p>
      )}
      <details class="series-table">
        <summary>
          {t.showTable}
          <span class="visually-hidden">: {name}</span>
        </summary>
        <table class="ds-table">
          <caption>{s.tableCaption(name, areaName)}</caption>
          <thead>
            <tr>
              <th scope="col">{s.year}</th>
              <th scope="col" class="num">
                {s.value}
              </th>
              <th scope="col" class="num">
                {s.interval}
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((p) => (
              <tr key={p.period}>
                <th scope="row">{p.period}</th>
                {p.estimate ? (
                  <>
                    <td class="num">{formatIndex(p.estimate.value, lang)}</td>
                    <td class="num">
                      {p.estimate.low !== null && p.estimate.high !== null
                        ? `${formatIndex(p.estimate.low, lang)} – ${formatIndex(p.estimate.high, lang)}`
                        : "–"}
                    </td>
                  </>
                ) : (
                  <td colSpan={2} class="value--none">
                    {s.noValue}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
