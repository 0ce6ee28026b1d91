import type { AreaRef, Card as CardData, DatasetInfo, IndicatorInfo, Point } from "../../../../worker/api/schemas";
import { isOld, OLD_AFTER_YEARS, tooShortForTrend } from "./age";
import { formatDate, formatDelta, formatValue, type Unit } from "./format";
import { indicatorDefinition, indicatorName } from "./names";
import { Sparkline } from "./Sparkline";
import type { CardLang, CardText } from "./text";

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const ARROWS: Record<CardData["trend"], string> = {
  rising: "↗",
  falling: "↘",
  stable: "→",
  unknown: "–",
  not_comparable: "≠",
};

/**
 * A value as text. A null value is never a number: it shows why it is missing (SSB status) and
 * carries `data-status` so tests and styles can find it.
 */
export function Value({ point, unit, lang, t }: { point: Point | null; unit: Unit | undefined; lang: CardLang; t: CardText }) {
  if (!point) return <span class="value value--none">{t.noData}</span>;
  if (point.value === null) {
    const status = point.status ?? "..";
    return (
      <span class="value value--status" data-status={status}>
        {t.status[status]}
      </span>
    );
  }
  return <span class="value">{formatValue(point.value, unit, lang)}</span>;
}

/** The period as published: "(2024)", "(2016-2017)"; left out when it is the card's own. */
function Period({ point, unless }: { point: Point | null; unless?: number }) {
  if (!point || point.period === unless) return null;
  return <span class="period"> ({point.periodLabel ?? point.period})</span>;
}

/** "Old figure: from 2013" next to a value much older than the dataset's newest (see age.ts). */
export function OldBadge({ point, dataset, t }: { point: Point | null; dataset: DatasetInfo | null | undefined; t: CardText }) {
  if (!point || !isOld(point, dataset)) return null;
  return (
    <span class="badge badge--old" data-old={point.period}>
      {t.oldFigure(String(point.period))}
    </span>
  );
}

/**
 * One indicator's trend card: latest value (marked when it is old), chart, trend in words (none
 * for a single figure), comparison with the municipality and Norway, definition, source and
 * when the data were updated. The area page and the embed both render this (the embed on the
 * server, to a string), so it is pure markup: no hooks, no DOM access.
 */
export function Card({
  card,
  info,
  area,
  municipality,
  dataset,
  lang,
  t,
  headingLevel = 3,
}: {
  card: CardData;
  info: IndicatorInfo | undefined;
  area: AreaRef;
  municipality: AreaRef | null;
  /** The live snapshot's dates: "data updated …" and what counts as an old figure. */
  dataset: DatasetInfo | null | undefined;
  lang: CardLang;
  t: CardText;
  /** 3 under the area page's section heading; 2 in an embed, under the area name. */
  headingLevel?: 2 | 3;
}) {
  const unit = info?.unit ?? card.unit;
  const name = info ? indicatorName(info, lang) : card.indicator;
  const headingId = `card-${card.indicator}`;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const latest = card.latest;
  const latestStatus = latest && latest.value === null ? (latest.status ?? "..") : null;
  const showMunicipality = card.municipality !== null && municipality !== null && municipality.code !== area.code;
  const showNorway = card.norway !== null && area.level !== "country";
  const change = card.change5y;
  // Cards stored before spans were served have none: one year.
  const span = card.periodSpan ?? 1;
  const old = isOld(latest, dataset);
  const updated = dataset ? (dataset.dataUpdated ?? dataset.figuresUpdated) : null;

  return (
    <article class="card" data-indicator={card.indicator} aria-labelledby={headingId}>
      <Heading id={headingId} class="card-title">
        {name}
      </Heading>

      <p class="card-latest">
        <Value point={latest} unit={unit} lang={lang} t={t} />
        <Period point={latest} /> <OldBadge point={latest} dataset={dataset} t={t} />
      </p>
      {latest && span > 1 && (
        <p class="card-period" data-period-span={span}>
          {capitalise(t.periodWords(span, latest.period - span + 1, latest.period))}
        </p>
      )}
      {latestStatus && <p class="card-status-explain">{t.statusExplain[latestStatus]}</p>}
      {!latest && <p class="card-status-explain">{t.noFiguresAt[area.level]}</p>}

      <Sparkline series={card.series} unit={unit} lang={lang} t={t} periods={span > 1} />

      {/* One figure has no trend: the chart's text already says it is the only one. */}
      {!tooShortForTrend(card.series) && (
        <p class="trend" data-trend={card.trend}>
          <span class="visually-hidden">{t.trendLabel} </span>
          <span class="trend-arrow" aria-hidden="true">
            {ARROWS[card.trend]}
          </span>{" "}
          <span class="trend-words">{t.trend[card.trend]}</span>
        </p>
      )}
      {change && change.delta !== null && (
        <p class="trend-change">
          {t.change(change.fromLabel ?? String(change.from), change.toLabel ?? String(change.to))} {formatDelta(change.delta, unit, lang)}
        </p>
      )}

      {(showMunicipality || showNorway) && (
        <dl class="compare">
          {showMunicipality && (
            <div>
              <dt>{t.municipality(municipality!.name)}:</dt>
              <dd>
                <Value point={card.municipality} unit={unit} lang={lang} t={t} />
                <Period point={card.municipality} unless={latest?.period} />
              </dd>
            </div>
          )}
          {showNorway && (
            <div>
              <dt>{t.norway}:</dt>
              <dd>
                <Value point={card.norway} unit={unit} lang={lang} t={t} />
                <Period point={card.norway} unless={latest?.period} />
              </dd>
            </div>
          )}
        </dl>
      )}

      {info && (
        <details class="card-about">
          <summary>{t.aboutFigure}</summary>
          <p>{indicatorDefinition(info, lang)}</p>
          {old && dataset?.newestPeriod != null && <p>{t.oldExplain(OLD_AFTER_YEARS, dataset.newestPeriod)}</p>}
        </details>
      )}
      {info && (
        <p class="card-source">
          {t.source} {info.source}
          {info.tableId && `, ${t.table} ${info.tableId}`}
        </p>
      )}
      {updated && <p class="card-updated">{t.dataUpdated(formatDate(updated, lang))}</p>}
    </article>
  );
}
