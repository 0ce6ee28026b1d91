import { Fragment } from "preact";
import { useMemo, useState } from "preact/hooks";
import { ErrorBoundary, lazy, useRoute } from "preact-iso";
import type { AreaBody, IndicatorInfo, IndicatorsResponse } from "../../../../worker/api/schemas.ts";
import { useApi, type ApiError } from "../../lib/api.ts";
import { useDocumentTitle } from "../../lib/dom.ts";
import { formatDate } from "../../lib/format.ts";
import { areaHref, areaName, type Dict, type Lang, useI18n } from "../../lib/i18n.ts";
import { areaDisplayName, indicatorName } from "../../components/card/names.ts";
import { compareHref, segregationHref } from "../../lib/paths.ts";
import { FeedLink } from "../../components/feed/FeedLink.tsx";
import { Card } from "./Card.tsx";
import { MapsSlot } from "./MapsSlot.tsx";
import { PageNav } from "./PageNav.tsx";
import { ThemeGroups } from "./ThemeGroups.tsx";
import { SeriesTable } from "./SeriesTable.tsx";
import { PrintSource, Share } from "./Share.tsx";
import { type RuleSetsResponse, Status, StatusSummary } from "./Status.tsx";
import { areaText } from "./text.ts";
import { byTheme } from "./themes.ts";
import { useStages } from "./stages.ts";
import { usePrinting } from "./ThemeGroups.tsx";
import "./area.css";

// The maps bring their projection and drawing code: a chunk of their own, fetched when an area page opens (on a phone, when
// the reader nears them: see MapsSlot).
const Maps = lazy(() => import("./Maps.tsx").then((m) => m.Maps));

export function Area() {
  const { lang, t } = useI18n();
  const code = useRoute().params.code ?? "";
  const area = useApi<AreaBody>(`/api/v1/areas/${encodeURIComponent(code)}`);
  // The indicator list names and explains the cards; the page still works without it.
  const indicators = useApi<IndicatorsResponse>("/api/v1/indicators");
  // Rule set names and criterion labels for the status block; it reads ids until they come.
  const ruleSets = useApi<RuleSetsResponse>("/api/v1/rulesets");

  const byId = useMemo(() => {
    const map = new Map<string, IndicatorInfo>();
    for (const info of indicators.data?.indicators ?? []) map.set(info.id, info);
    return map;
  }, [indicators.data]);

  const title =
    area.state === "ok"
      ? `${areaDisplayName(area.data.area, lang)} – ${t.siteName}`
      : area.state === "error"
        ? `${errorTitle(area.error, t)} – ${t.siteName}`
        : t.siteName;
  useDocumentTitle(title);

  if (area.state === "loading" || (area.state === "ok" && indicators.state === "loading")) {
    return (
      <p class="loading" role="status" aria-busy="true">
        {t.loading}
      </p>
    );
  }
  if (area.state === "error") {
    return <AreaError error={area.error} code={code} retry={area.retry} t={t} />;
  }
  return <AreaView body={area.data} byId={byId} ruleSets={ruleSets.data ?? null} lang={lang} t={t} />;
}

function errorTitle(error: ApiError, t: Dict): string {
  if (error.isNotFound) return t.notFoundTitle;
  if (error.isNetwork) return t.networkErrorTitle;
  return t.serverErrorTitle;
}

function AreaError({ error, code, retry, t }: { error: ApiError; code: string; retry: () => void; t: Dict }) {
  const text = error.isNotFound
    ? t.notFoundText(code)
    : error.isNetwork
      ? t.networkErrorText
      : t.serverErrorText;
  return (
    <div class="notice-page" data-error={error.code}>
      <h1>{errorTitle(error, t)}</h1>
      <p>{text}</p>
      {!error.isNotFound && (
        <p>
          <button type="button" class="ds-button button" onClick={retry}>
            {t.retry}
          </button>
        </p>
      )}
    </div>
  );
}

/**
 * An area without figures says what is missing and why (open data stop at kommune and big-city
 * bydel level; grunnkrets figures are made by SSB to order), and where the figures are.
 */
function NoFigures({ level, municipality, lang, t }: { level: AreaBody["area"]["level"]; municipality: AreaBody["municipality"]; lang: Lang; t: Dict }) {
  return (
    <div class="no-figures" data-level={level}>
      <p>{t.noFiguresAt[level]}</p>
      {municipality && (
        <p>
          <a href={areaHref(municipality.code, lang)}>{t.seeMunicipality(municipality.name)}</a>
        </p>
      )}
    </div>
  );
}

/**
 * The catalogue's indicators this area has no card for, named, and for bydeler and grunnkretser
 * why: an honest gap instead of cards that silently are not there.
 */
function MissingHere({ level, cards, byId, lang, t }: { level: AreaBody["area"]["level"]; cards: AreaBody["cards"]; byId: Map<string, IndicatorInfo>; lang: Lang; t: Dict }) {
  const missing = [...byId.values()].filter((info) => !cards.some((card) => card.indicator === info.id));
  if (missing.length === 0) return null;
  const names = missing.map((info) => lowerFirst(indicatorName(info, lang)));
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} ${t.and} ${names[names.length - 1]}` : names[0]!;
  return (
    <p class="missing-here" data-missing={missing.map((info) => info.id).join(" ")}>
      {t.missingHere(list)}{" "}
      {(level === "bydel" || level === "grunnkrets") && t.levelWhy[level]}
    </p>
  );
}

/** "Folkemengde" → "folkemengde" inside a sentence; acronyms ("NAV-tiltak", "SSB") stay. */
const lowerFirst = (name: string) => (/^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLocaleLowerCase() + name.slice(1) : name);

function AreaView({
  body,
  byId,
  ruleSets,
  lang,
  t,
}: {
  body: AreaBody;
  byId: Map<string, IndicatorInfo>;
  ruleSets: RuleSetsResponse | null;
  lang: Lang;
  t: Dict;
}) {
  const { area, ancestors, children, replacedBy, cards } = body;
  const s = areaText(lang);
  const current = replacedBy.length === 0 && !area.validTo;
  const hasMaps = cards.length > 0 && (ancestors.length > 0 || children.length > 0);
  const name = areaDisplayName(area, lang);
  const level = t.levels[area.level];
  const otherNames = [area.names.nn, area.names.se].filter(
    (n, i, all): n is string => !!n && n !== area.names.nb && n !== name && all.indexOf(n) === i,
  );
  // Drawn in parts, a frame apart: the top (name and status in words), the actions and in-page
  // navigation, the status block, the cards (one per frame), then, once every card is in place,
  // the maps and sub-areas.
  const printing = usePrinting();
  const stage = useStages(4, printing, area.code);
  const [cardsFilled, setCardsFilled] = useState<string | null>(null);
  const rest = stage >= 4 && (printing || cards.length === 0 || cardsFilled === area.code);

  return (
    <div class="area" data-level={area.level}>
      {ancestors.length > 0 && (
        <nav aria-label={t.breadcrumb} class="breadcrumb">
          <ol>
            {ancestors.map((a) => (
              <li key={a.code}>
                <a href={areaHref(a.code, lang)}>{areaName(a, t)}</a>
              </li>
            ))}
            <li aria-current="page">{name}</li>
          </ol>
        </nav>
      )}

      <PrintSource code={area.code} siteName={t.siteName} lang={lang} />
      <h1 class="area-title">
        {name} <span class="area-level">{level}</span>
      </h1>
      {current && <StatusSummary body={body} ruleSets={ruleSets} lang={lang} />}
      {otherNames.length > 0 && (
        <p class="area-other-names">
          {t.otherNames}{" "}
          {otherNames.map((n, i) => (
            <Fragment key={n}>
              {i > 0 && ", "}
              <span lang={n === area.names.nn ? "nn" : "se"}>{n}</span>
            </Fragment>
          ))}
        </p>
      )}

      {body.synthetic && (
        <p class="ds-alert banner banner--demo" data-color="warning" data-synthetic="true">
          <strong>{t.demoBannerLead}</strong> {t.demoBannerText}
        </p>
      )}

      {replacedBy.length > 0 ? (
        <p class="ds-alert banner banner--replaced" data-color="info">
          {t.replacedBy}{" "}
          {replacedBy.map((r, i) => (
            <Fragment key={r.code}>
              {i > 0 && (i === replacedBy.length - 1 ? ` ${t.and} ` : ", ")}
              <a href={areaHref(r.code, lang)}>{areaName(r, t)}</a> ({t.replacedOn(formatDate(r.changedOn, lang))})
            </Fragment>
          ))}
          .
        </p>
      ) : (
        area.validTo && <p class="ds-alert banner banner--replaced" data-color="info">{t.retired(formatDate(area.validTo, lang))}</p>
      )}

      {stage >= 2 && replacedBy.length === 0 && (
        <p class="area-actions">
          <a class="action-link" href={compareHref([area.code], lang)}>
            {t.compareWith(name)}
          </a>
          {/* Segregation indices exist for Norway and the fylker (over their kommuner) and for kommuner. */}
          {(area.level === "kommune" || area.level === "fylke" || area.level === "country") && (
            <a class="segregation-link" href={segregationHref(area.code, lang)}>
              {t.segregationLink(name)}
            </a>
          )}
        </p>
      )}

      {stage >= 2 && replacedBy.length === 0 && <FeedLink code={area.code} name={name} lang={lang} />}
      {stage >= 2 && current && <PageNav figures={cards.length > 0} themes={byTheme(cards, (c) => c.indicator).map((g) => g.theme)} maps={hasMaps} children={children.length > 0} lang={lang} />}
      {stage >= 2 && <Share code={area.code} name={name} siteName={t.siteName} lang={lang} />}

      {current && stage >= 3 && <Status body={body} ruleSets={ruleSets} byId={byId} lang={lang} />}

      {/* A retired code has no figures of its own: the banner above points to its successors. */}
      {stage >= 4 && (cards.length > 0 || replacedBy.length === 0) && (
      <section id="figures" class="cards-section" aria-labelledby="cards-title">
        <h2 id="cards-title">{t.cardsTitle}</h2>
        {cards.length > 0 && <MissingHere level={area.level} cards={cards} byId={byId} lang={lang} t={t} />}
        {cards.length === 0 ? (
          <NoFigures level={area.level} municipality={body.municipality} lang={lang} t={t} />
        ) : (
          <ThemeGroups
            key={area.code}
            onFilled={() => setCardsFilled(area.code)}
            cards={cards}
            byId={byId}
            lang={lang}
            renderCard={(card) => (
              <div class="ds-card card-cell" data-color="neutral" key={card.indicator}>
                <Card
                  card={card}
                  info={byId.get(card.indicator)}
                  area={area}
                  municipality={body.municipality}
                  bydel={body.bydel ?? null}
                  dataset={body.dataset}
                  headingLevel={4}
                  lang={lang}
                  t={t}
                />
                <SeriesTable card={card} info={byId.get(card.indicator)} areaName={name} lang={lang} t={t} />
              </div>
            )}
          />
        )}
      </section>
      )}

      {rest && cards.length > 0 && (
        <MapsSlot key={area.code} lang={lang} load={Maps.preload}>
          <ErrorBoundary>
            <Maps body={body} name={name} byId={byId} lang={lang} t={t} />
          </ErrorBoundary>
        </MapsSlot>
      )}

      {rest && children.length > 0 && (
        <section id="children" class="children-section" aria-labelledby="children-title">
          <h2 id="children-title">{t.childrenTitle(name)}</h2>
          <ul class="children">
            {children.map((c) => (
              <li key={c.code}>
                <a href={areaHref(c.code, lang)}>{c.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* Tells a reader waiting for the whole page (and the browser tests) that parts are still to come. */}
      {!rest && <div class="loading" aria-hidden="true" />}
    </div>
  );
}
