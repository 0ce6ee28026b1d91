import type { AreaRef, Card as CardData, DatasetInfo, IndicatorInfo, Point } from "../../../../worker/api/schemas";
import { isOld, OLD_AFTER_YEARS, tooShortForTrend } from "./age";
import { formatDate, formatDelta, formatValue, type Unit } from "./format";
import { indicatorDefinition, indicatorName } from "./names";
import { Sparkline } from "./Sparkline";
import type { CardLang, CardText } from "./text";
import { capitalise, comparatorsOf, intervalInWords, relationOf, trendWords } from "./words";

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
  return (
    <span class="value" data-estimated={point.estimated ? "true" : undefined}>
      {formatValue(point.value, unit, lang)}
      {point.estimated && <span class="value-estimated"> ({t.estimated})</span>}
    </span>
  );
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

/** The method page's section on uncertainty, trend tests and smoothing, in the reader's language. */
export const methodPath = (lang: CardLang) => `/om${lang === "nb" ? "" : `?lang=${lang}`}#trends`;

/** A link out of the card: in an embed it opens the monitor in a new tab, saying so. */
function MethodLink({ href, newTab, t }: { href: string; newTab: boolean; t: CardText }) {
  return newTab ? (
    <a href={href} target="_blank" rel="noopener">
      {t.methodLink}
      <span class="visually-hidden"> {t.cardNewTab}</span>
    </a>
  ) : (
    <a href={href}>{t.methodLink}</a>
  );
}

/**
 * One indicator's trend card, written for a reader who is not a statistician: the latest value
 * (marked when it is old or estimated) with its 95 % interval in words, a small area's smoothed
 * estimate beside its raw value, a chart with a labelled scale and the interval as a band, the
 * trend in words that say what it means (a direction word only when the API found the change
 * larger than its uncertainty), comparisons in words, and what the interval rests on. The area
 * page and the embed both render this (the embed on the server, to a string), so it is pure
 * markup: no hooks, no DOM access.
 */
export function Card({
  card,
  info,
  area,
  municipality,
  bydel = null,
  dataset,
  lang,
  t,
  headingLevel = 3,
  methodHref,
  outLinks = false,
}: {
  card: CardData;
  info: IndicatorInfo | undefined;
  area: AreaRef;
  municipality: AreaRef | null;
  /** The bydel a grunnkrets lies in (the card's `bydel` value is that bydel's). */
  bydel?: AreaRef | null;
  /** The live snapshot's dates: "data updated …" and what counts as an old figure. */
  dataset: DatasetInfo | null | undefined;
  lang: CardLang;
  t: CardText;
  /** 4 under the area page's theme headings; 2 in an embed, under the area name. */
  headingLevel?: 2 | 3 | 4;
  /** Where the method is explained; the embed passes the monitor's absolute address. */
  methodHref?: string;
  /** Links open in a new tab (the embed: navigating inside the frame would trap the reader). */
  outLinks?: boolean;
}) {
  const unit = info?.unit ?? card.unit;
  const name = info ? indicatorName(info, lang) : card.indicator;
  const headingId = `card-${card.indicator}`;
  const Heading = (["h2", "h3", "h4"] as const)[headingLevel - 2]!;
  const latest = card.latest;
  const latestStatus = latest && latest.value === null ? (latest.status ?? "..") : null;
  const change = card.change5y;
  // Cards stored before spans were served have none: one year.
  const span = card.periodSpan ?? 1;
  const old = isOld(latest, dataset);
  const updated = dataset ? (dataset.dataUpdated ?? dataset.figuresUpdated) : null;
  const interval = intervalInWords(latest, unit, lang, t);
  // The smoothed estimate is of the indicator's latest year, which is the latest shown value's
  // whenever the API serves one (an area without a shown value there gets none).
  const smoothed = card.smoothed && latest?.value != null && (area.level === "bydel" || area.level === "grunnkrets") ? card.smoothed : null;
  const trend = trendWords(card, info, lang, t);
  const comparators = comparatorsOf(card, area, { municipality, bydel }, t);
  const method = methodHref ?? methodPath(lang);
  const rateWithoutCounts = info && (info.model === "binomial" || info.model === "poisson") && latest?.value != null && !interval;

  return (
    <article class="card" data-indicator={card.indicator} aria-labelledby={headingId}>
      <Heading id={headingId} class="card-title">
        {name}
      </Heading>

      {smoothed ? (
        <div class="card-figures">
          <p class="card-latest">
            <span class="card-figure-label">{t.measuredLabel}</span>
            <Value point={latest} unit={unit} lang={lang} t={t} />
            <Period point={latest} /> <OldBadge point={latest} dataset={dataset} t={t} />
          </p>
          <p class="card-smoothed" data-smoothed={smoothed.value}>
            <span class="card-figure-label">{t.smoothedLabel}</span>
            <span class="value value--smoothed">{formatValue(smoothed.value, unit, lang)}</span>
          </p>
        </div>
      ) : (
        <p class="card-latest">
          <Value point={latest} unit={unit} lang={lang} t={t} />
          <Period point={latest} /> <OldBadge point={latest} dataset={dataset} t={t} />
        </p>
      )}
      {interval && (
        <p class="card-interval" data-low={latest!.low} data-high={latest!.high}>
          {t.intervalLabel} {interval}
        </p>
      )}
      {smoothed && (
        <p class="card-smoothed-explain">
          {t.smoothedExplain} <MethodLink href={method} newTab={outLinks} t={t} />
        </p>
      )}
      {latest && span > 1 && (
        <p class="card-period" data-period-span={span}>
          {capitalise(t.periodWords(span, latest.period - span + 1, latest.period))}
        </p>
      )}
      {latest?.estimated && <p class="card-status-explain">{t.estimatedExplain}</p>}
      {latestStatus && <p class="card-status-explain">{t.statusExplain[latestStatus]}</p>}
      {!latest && <p class="card-status-explain">{t.noFiguresAt[area.level]}</p>}

      <Sparkline series={card.series} unit={unit} lang={lang} t={t} periods={span > 1} />

      {/* One figure has no trend: the chart's text already says it is the only one. */}
      {!tooShortForTrend(card.series) && (
        <p class="trend" data-trend={card.trend} data-sense={trend.sense ?? undefined}>
          <span class="visually-hidden">{t.trendLabel} </span>
          <span class="trend-arrow" aria-hidden="true">
            {ARROWS[card.trend]}
          </span>{" "}
          <span class="trend-words">{trend.words}</span>
          {trend.sense && (
            <>
              {" "}
              <span class="trend-sense">({t.sense[trend.sense]})</span>
            </>
          )}
          {trend.why && (
            <>
              {" "}
              <span class="trend-why">{trend.why}</span>
            </>
          )}
        </p>
      )}
      {change && change.delta !== null && (
        <p class="trend-change">
          {t.change(change.fromLabel ?? String(change.from), change.toLabel ?? String(change.to))} {formatDelta(change.delta, unit, lang)}
        </p>
      )}

      {comparators.length > 0 && (
        <ul class="card-compare">
          {comparators.map(({ key, place, point }) => {
            const relation = relationOf(latest, point, unit);
            return (
              <li key={key} data-compare={key} data-relation={relation ?? undefined}>
                {relation ? (
                  <>
                    <span class="card-compare-words">{t.relation[relation](place)}</span>{" "}
                    <span class="card-compare-value">
                      (<Value point={point} unit={unit} lang={lang} t={t} />
                      <Period point={point} unless={latest?.period} />)
                    </span>
                  </>
                ) : (
                  <>
                    <span class="card-compare-place">{place}:</span>{" "}
                    <span class="card-compare-value">
                      <Value point={point} unit={unit} lang={lang} t={t} />
                      <Period point={point} unless={latest?.period} />
                    </span>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {info && (
        <details class="card-about">
          <summary>{t.aboutFigure}</summary>
          <p>{indicatorDefinition(info, lang)}</p>
          <p class="card-model" data-model={info.model}>
            {t.modelExplain[info.model]} {rateWithoutCounts && t.noInterval} <MethodLink href={method} newTab={outLinks} t={t} />
          </p>
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
