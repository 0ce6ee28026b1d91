import type { Card, IndicatorInfo } from "../../../../worker/api/schemas.ts";
import { Value } from "../../components/card/Card.tsx";
import { indicatorName } from "../../components/card/names.ts";
import type { Dict, Lang } from "../../lib/i18n.ts";

/**
 * A card's series as a table behind a toggle: the chart's text alternative, year by year, with
 * suppressed and missing years in words. Sits under the card (which is shared with the embed and
 * stays pure markup); a native <details> needs no script to open.
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
  if (card.series.length === 0) return null;
  const name = info ? indicatorName(info, lang) : card.indicator;
  const series = [...card.series].sort((a, b) => a.period - b.period);
  return (
    <details class="series-table" data-indicator={card.indicator}>
      <summary>
        {t.showTable}
        <span class="visually-hidden">: {name}</span>
      </summary>
      <table class="ds-table">
        <caption>{t.tableCaption(name, areaName)}</caption>
        <thead>
          <tr>
            <th scope="col">{(card.periodSpan ?? 1) > 1 ? t.tablePeriod : t.tableYear}</th>
            <th scope="col">{t.tableValue}</th>
          </tr>
        </thead>
        <tbody>
          {series.map((p) => (
            <tr key={p.period}>
              <th scope="row">{p.periodLabel ?? p.period}</th>
              <td class="num">
                <Value point={p} unit={info?.unit ?? card.unit} lang={lang} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
