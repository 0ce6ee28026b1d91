import { useState } from "preact/hooks";
import type { Card, IndicatorInfo, Point } from "../../../../worker/api/schemas.ts";
import { Value } from "../../components/card/Card.tsx";
import { indicatorName } from "../../components/card/names.ts";
import { intervalOf, intervalRange } from "../../components/card/words.ts";
import type { Dict, Lang } from "../../lib/i18n.ts";

type Status = NonNullable<Point["status"]>;
/** SSB's symbols, in the order SSB's legend gives them. */
const SYMBOLS: readonly Status[] = [":", "..", "."];

/**
 * A card's series as a table behind a toggle: the chart's text alternative, year by year, with
 * each value's 95 % interval as served, and suppressed and missing years as SSB's symbols with
 * their words and a legend under the table. Sits under the card (which is shared with the embed
 * and stays pure markup); a native <details> needs no script to open. The table is drawn when
 * first opened: a kommune's cards held a thousand hidden cells, all laid out on arrival.
 */
export function SeriesTable({
  card,
  info,
  areaName,
  lang,
  t,
}: {
  card: Card;
  info: IndicatorInfo | undefined;
  areaName: string;
  lang: Lang;
  t: Dict;
}) {
  const [opened, setOpened] = useState(false);
  if (card.series.length === 0) return null;
  const name = info ? indicatorName(info, lang) : card.indicator;
  return (
    // Drawn on the summary's click (Enter and Space click it too), so the table is there as the
    // details opens; `toggle` (async) catches details opened otherwise (find in page, script).
    <details class="series-table" data-indicator={card.indicator} onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary onClick={() => setOpened(true)}>
        {t.showTable}
        <span class="visually-hidden">: {name}</span>
      </summary>
      {opened && <Table card={card} unit={info?.unit ?? card.unit} name={name} areaName={areaName} lang={lang} t={t} />}
    </details>
  );
}

function Table({ card, unit, name, areaName, lang, t }: { card: Card; unit: Card["unit"]; name: string; areaName: string; lang: Lang; t: Dict }) {
  const series = [...card.series].sort((a, b) => a.period - b.period);
  // Only shares and rates served with their counts have intervals; counts and amounts get no column.
  const withIntervals = series.some((p) => intervalOf(p) !== null);
  const estimated = series.some((p) => p.estimated);
  return (
    <>
      <table class="ds-table">
        <caption>{t.tableCaption(name, areaName)}</caption>
        <thead>
          <tr>
            <th scope="col">{(card.periodSpan ?? 1) > 1 ? t.tablePeriod : t.tableYear}</th>
            <th scope="col">{t.tableValue}</th>
            {withIntervals && <th scope="col">{t.intervalColumn}</th>}
          </tr>
        </thead>
        <tbody>
          {series.map((p) => {
            const interval = intervalOf(p);
            return (
              <tr key={p.period}>
                <th scope="row">{p.periodLabel ?? p.period}</th>
                <td class="num">
                  {p.value === null && (
                    <span class="status-symbol" aria-hidden="true">
                      {p.status ?? ".."}{" "}
                    </span>
                  )}
                  <Value point={p} unit={unit} lang={lang} t={t} />
                </td>
                {withIntervals && (
                  <td class="num" data-interval={interval ? `${interval.low} ${interval.high}` : undefined}>
                    {interval ? intervalRange(interval, unit, lang) : p.value === null ? "" : <NoInterval t={t} />}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {/* One line of text: a legend under each of many tables should not weigh on the page. */}
      <p class="series-legend">
        {[t.legendTitle, SYMBOLS.map((s) => `${s} ${t.status[s].toLocaleLowerCase(lang === "en" ? "en" : "nb")}`).join(" · "), estimated ? `· ${t.estimatedExplain}` : ""].join(" ").trim()}
      </p>
    </>
  );
}

/** A shown value whose interval cannot be given (published without its counts): SSB's "..", said. */
function NoInterval({ t }: { t: Dict }) {
  return (
    <>
      <span aria-hidden="true">..</span>
      <span class="visually-hidden">{t.status[".."]}</span>
    </>
  );
}
