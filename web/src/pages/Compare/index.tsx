import { useEffect, useMemo, useRef } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { AreaBody, Card, CompareResponse, DatasetInfo, IndicatorsResponse } from "../../../../worker/api/schemas.ts";
import { tooShortForTrend } from "../../components/card/age.ts";
import { OldBadge, Value } from "../../components/card/Card.tsx";
import { indicatorName } from "../../components/card/names.ts";
import { Search, type SearchResult } from "../../components/Search.tsx";
import { useApi, type Resource } from "../../lib/api.ts";
import { useDocumentTitle } from "../../lib/dom.ts";
import { areaHref, areaName, capitalise, type Dict, type Lang, useI18n } from "../../lib/i18n.ts";
import { COMPARE_MAX, compareHref, parseCodes } from "../../lib/paths.ts";
import { compareText, type CompareText } from "./text.ts";

type Compared = CompareResponse["areas"][number];

/**
 * Two or three areas side by side. The choice lives in the URL (`?codes=0301,5501`), so a
 * comparison can be shared; areas are added with the site's search combobox in pick mode.
 */
export function Compare() {
  const { lang, t } = useI18n();
  const c = compareText(lang);
  const { query, route } = useLocation();
  const codes = useMemo(() => parseCodes(query.codes), [query.codes]);
  const data = useCompared(codes);
  const indicators = useApi<IndicatorsResponse>("/api/v1/indicators");
  useDocumentTitle(`${c.title} – ${t.siteName}`);

  // Adding the last area or removing one takes away the focused control: focus the list instead.
  const chosenHeading = useRef<HTMLHeadingElement>(null);
  const focusChosen = useRef(false);
  useEffect(() => {
    if (!focusChosen.current) return;
    focusChosen.current = false;
    chosenHeading.current?.focus();
  }, [codes]);

  const choose = (next: string[], moveFocus: boolean) => {
    focusChosen.current = moveFocus;
    route(compareHref(next, lang), true);
  };
  const add = (r: SearchResult) => choose([...codes, r.code], codes.length + 1 >= COMPARE_MAX);
  const remove = (code: string) => choose(codes.filter((x) => x !== code), true);

  const areas = data.state === "ok" ? data.data.areas : [];
  const byCode = new Map(areas.map((a) => [a.area.code, a]));

  return (
    <div class="compare-page">
      <h1>{c.title}</h1>
      <p class="lead">{c.lead}</p>
      {data.state === "ok" && data.data.synthetic && (
        <p class="ds-alert banner banner--demo" data-color="warning" data-synthetic="true">
          <strong>{t.demoBannerLead}</strong> {t.demoBannerText}
        </p>
      )}

      <section class="compare-choice" aria-labelledby="chosen-title">
        <h2 id="chosen-title" ref={chosenHeading} tabIndex={-1}>
          {c.chosenTitle}
        </h2>
        {codes.length === 0 ? (
          <p>{c.none}</p>
        ) : (
          <ul class="chosen">
            {codes.map((code) => {
              const a = byCode.get(code);
              const name = a ? areaName(a.area, t) : code;
              return (
                <li key={code}>
                  <span class="chosen-name">
                    <a href={areaHref(code, lang)}>{name}</a> <span class="chosen-detail">{a ? detail(a, t) : ""}</span>
                  </span>
                  <button type="button" class="ds-button button button--quiet" data-variant="tertiary" data-size="sm" aria-label={c.remove(name)} onClick={() => remove(code)}>
                    {c.removeShort}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {codes.length < COMPARE_MAX ? (
          <div class="compare-add">
            <Search variant="compact" label={c.addLabel} onPick={add} exclude={codes} />
          </div>
        ) : (
          <p>{c.full}</p>
        )}
      </section>

      {codes.length === 1 && <p class="compare-hint">{c.pickMore}</p>}
      <CompareBody data={data} codes={codes} indicators={indicators} lang={lang} t={t} c={c} />
    </div>
  );
}

/** The chosen areas' cards: the compare endpoint for two or three, the area itself for one. */
function useCompared(codes: string[]): Resource<{ synthetic: boolean; areas: Compared[]; dataset: DatasetInfo | null }> {
  const single = useApi<AreaBody>(codes.length === 1 ? `/api/v1/areas/${encodeURIComponent(codes[0]!)}` : null);
  const many = useApi<CompareResponse>(codes.length >= 2 ? `/api/v1/compare?codes=${codes.join(",")}` : null);
  if (codes.length >= 2) return many;
  if (single.state !== "ok") return single;
  const { synthetic, area, ancestors, cards, dataset } = single.data;
  return { ...single, data: { synthetic, areas: [{ area, ancestors, cards }], dataset: dataset ?? null } };
}

function detail(a: Compared, t: Dict): string {
  const level = t.levels[a.area.level];
  const parent = a.ancestors[a.ancestors.length - 1];
  return capitalise(parent ? t.levelIn(level, areaName(parent, t)) : level);
}

function CompareBody({
  data,
  codes,
  indicators,
  lang,
  t,
  c,
}: {
  data: Resource<{ synthetic: boolean; areas: Compared[]; dataset: DatasetInfo | null }>;
  codes: string[];
  indicators: Resource<IndicatorsResponse>;
  lang: Lang;
  t: Dict;
  c: CompareText;
}) {
  if (codes.length < 2) return null;
  if (data.state === "loading" || indicators.state === "loading") {
    return (
      <p class="loading" role="status">
        {t.loading}
      </p>
    );
  }
  if (data.state === "error") {
    return (
      <div class="ds-alert notice" data-color="danger" role="alert">
        <p>{data.error.isNotFound ? c.unknownArea : c.loadFailed}</p>
        {!data.error.isNotFound && (
          <button type="button" class="ds-button button" onClick={data.retry}>
            {t.retry}
          </button>
        )}
      </div>
    );
  }
  const areas = data.data.areas;
  const infos = indicators.data?.indicators ?? [];
  // The indicator list's order; indicators it does not know (it failed) in the cards' order.
  const ids = [...new Set([...infos.map((i) => i.id), ...areas.flatMap((a) => a.cards.map((card) => card.indicator))])].filter((id) =>
    areas.some((a) => a.cards.some((card) => card.indicator === id)),
  );
  const names = areas.map((a) => areaName(a.area, t));
  const listed = names.length > 1 ? `${names.slice(0, -1).join(", ")} ${t.and} ${names[names.length - 1]}` : (names[0] ?? "");

  return (
    <table class="ds-table compare-table" data-areas={areas.length}>
      <caption>{c.tableCaption(listed)}</caption>
      <thead>
        <tr>
          <th scope="col">{c.indicator}</th>
          {areas.map((a) => (
            <th scope="col" key={a.area.code}>
              <a href={areaHref(a.area.code, lang)}>{areaName(a.area, t)}</a>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ids.map((id) => {
          const info = infos.find((i) => i.id === id);
          return (
            <tr key={id} data-indicator={id}>
              <th scope="row">{info ? indicatorName(info, lang) : id}</th>
              {areas.map((a) => (
                <Cell
                  key={a.area.code}
                  area={areaName(a.area, t)}
                  level={a.area.level}
                  dataset={data.data.dataset}
                  card={a.cards.find((card) => card.indicator === id)}
                  lang={lang}
                  t={t}
                  c={c}
                />
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Cell({
  area,
  level,
  card,
  dataset,
  lang,
  t,
  c,
}: {
  area: string;
  level: Compared["area"]["level"];
  card: Card | undefined;
  dataset: DatasetInfo | null;
  lang: Lang;
  t: Dict;
  c: CompareText;
}) {
  // Screen readers get the area from the column header; the name is for the narrow layout.
  const label = (
    <span class="cell-area" aria-hidden="true">
      {area}
    </span>
  );
  if (!card) {
    return (
      <td>
        {label}
        <span class="compare-value value--none">{level === "bydel" || level === "grunnkrets" ? c.noOpenFigures[level] : c.noCard}</span>
      </td>
    );
  }
  const latest = card.latest;
  return (
    <td>
      {label}
      <span class="compare-value">
        <Value point={latest} unit={card.unit} lang={lang} t={t} />
        {latest && <span class="period"> ({latest.periodLabel ?? latest.period})</span>} <OldBadge point={latest} dataset={dataset} t={t} />
      </span>
      {!tooShortForTrend(card.series) && (
        <span class="compare-trend" data-trend={card.trend}>
          <span class="visually-hidden">{c.trend}: </span>
          {capitalise(t.trend[card.trend])}
        </span>
      )}
    </td>
  );
}
