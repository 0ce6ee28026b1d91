import { useEffect, useMemo, useRef } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { AreaBody, AreaRef, Card, CompareResponse, DatasetInfo, IndicatorsResponse } from "../../../../worker/api/schemas.ts";
import { tooShortForTrend } from "../../components/card/age.ts";
import { OldBadge, Value } from "../../components/card/Card.tsx";
import { formatDelta } from "../../components/card/format.ts";
import { indicatorName } from "../../components/card/names.ts";
import { Search, type SearchResult } from "../../components/Search.tsx";
import { API_BASE, useApi, type Resource } from "../../lib/api.ts";
import { useDocumentTitle } from "../../lib/dom.ts";
import { areaHref, areaName, capitalise, type Dict, type Lang, useI18n } from "../../lib/i18n.ts";
import { COMPARE_MAX, compareHref, NORWAY_CODE, parseCodes } from "../../lib/paths.ts";
import { recentSearches } from "../../lib/recent.ts";
import { type Line, LinesKey, Multiple } from "./Multiples.tsx";
import { compareText, type CompareText } from "./text.ts";
import "./compare.css";

type Compared = CompareResponse["areas"][number];
type ComparedData = { synthetic: boolean; areas: Compared[]; dataset: DatasetInfo | null };

/**
 * One to three areas side by side, with Norway as the reference column, each figure's change
 * over five years, and one small chart per indicator. The choice lives in the URL
 * (`?codes=0301,5501`), so a comparison can be shared; areas are added with the site's search
 * combobox in pick mode or from suggestions (the first area's kommune and its siblings).
 */
export function Compare() {
  const { lang, t } = useI18n();
  const c = compareText(lang);
  const { query, route } = useLocation();
  const codes = useMemo(() => parseCodes(query.codes), [query.codes]);
  const data = useCompared(codes);
  // Norway's own cards: the reference column and the dashed line of each chart.
  const norway = useApi<AreaBody>(codes.length > 0 && !codes.includes(NORWAY_CODE) ? `/api/v1/areas/${NORWAY_CODE}` : null);
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
  const add = (r: Pick<SearchResult, "code">) => choose([...codes, r.code], codes.length + 1 >= COMPARE_MAX);
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
          <>
            <div class="compare-add">
              <Search variant="compact" label={c.addLabel} onPick={add} exclude={codes} />
            </div>
            <Suggestions first={areas[0]} chosen={codes} add={add} lang={lang} t={t} c={c} />
          </>
        ) : (
          <p>{c.full}</p>
        )}
      </section>

      <CompareBody data={data} norway={norway} codes={codes} indicators={indicators} lang={lang} t={t} c={c} />
    </div>
  );
}

/** The chosen areas' cards: the compare endpoint for two or three, the area itself for one. */
function useCompared(codes: string[]): Resource<ComparedData> {
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

/**
 * Areas worth comparing with: with an area chosen, its kommune (or fylke) and its siblings
 * under the same parent; with none, the reader's recent searches and the fylker.
 */
function Suggestions({
  first,
  chosen,
  add,
  lang,
  t,
  c,
}: {
  first: Compared | undefined;
  chosen: string[];
  add: (r: { code: string }) => void;
  lang: Lang;
  t: Dict;
  c: CompareText;
}) {
  const parent = first?.ancestors[first.ancestors.length - 1];
  const parentBody = useApi<AreaBody>(chosen.length === 0 ? `/api/v1/areas/${NORWAY_CODE}` : parent ? `/api/v1/areas/${encodeURIComponent(parent.code)}` : null);
  const recent = useMemo(() => (chosen.length === 0 ? recentSearches() : []), [chosen.length]);
  if (chosen.length > 0 && !first) return null;
  const kommune = first?.ancestors.find((a) => a.level === "kommune");
  const candidates: AreaRef[] = [];
  const push = (a: AreaRef | undefined) => {
    if (a && a.code !== NORWAY_CODE && !chosen.includes(a.code) && !candidates.some((x) => x.code === a.code)) candidates.push(a);
  };
  if (chosen.length === 0) recent.forEach((r) => push({ code: r.code, level: r.level as AreaRef["level"], name: r.name }));
  push(kommune);
  if (first && !kommune) push(parent);
  for (const ch of parentBody.state === "ok" ? parentBody.data.children : []) push(ch);
  const shown = candidates.slice(0, 8);
  if (shown.length === 0) return null;
  return (
    <div class="compare-suggestions" data-suggestions={first ? "area" : "start"}>
      <h3 class="compare-suggestions-title">{first ? c.suggestionsFor(areaName(first.area, t)) : c.suggestionsStart}</h3>
      <ul>
        {shown.map((a) => (
          <li key={a.code}>
            <button type="button" class="button button--secondary compare-suggestion" data-code={a.code} aria-label={c.addNamed(areaName(a, t))} onClick={() => add(a)}>
              + {areaName(a, t)}
              {a.code === kommune?.code && <span class="compare-suggestion-note"> ({c.itsKommune})</span>}
            </button>
          </li>
        ))}
      </ul>
      {!first && <p class="compare-hint">{c.startHint}</p>}
      {first && chosen.length === 1 && <p class="compare-hint">{c.alone}</p>}
    </div>
  );
}

function CompareBody({
  data,
  norway,
  codes,
  indicators,
  lang,
  t,
  c,
}: {
  data: Resource<ComparedData>;
  norway: Resource<AreaBody>;
  codes: string[];
  indicators: Resource<IndicatorsResponse>;
  lang: Lang;
  t: Dict;
  c: CompareText;
}) {
  if (codes.length < 1) return null;
  if (data.state === "loading" || indicators.state === "loading" || norway.state === "loading") {
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
  const reference = norway.state === "ok" ? norway.data : null;
  const infos = indicators.data?.indicators ?? [];
  // The indicator list's order; indicators it does not know (it failed) in the cards' order.
  const ids = [...new Set([...infos.map((i) => i.id), ...areas.flatMap((a) => a.cards.map((card) => card.indicator))])].filter((id) =>
    areas.some((a) => a.cards.some((card) => card.indicator === id)),
  );
  const names = areas.map((a) => areaName(a.area, t));
  const listed = names.length > 1 ? `${names.slice(0, -1).join(", ")} ${t.and} ${names[names.length - 1]}` : (names[0] ?? "");
  const norwayName = reference ? areaName(reference.area, t) : c.norway;
  const labelOf = (id: string) => {
    const info = infos.find((i) => i.id === id);
    return info ? indicatorName(info, lang) : id;
  };
  const downloadCodes = [...areas.map((a) => a.area.code), ...(reference ? [NORWAY_CODE] : [])];
  const keyLines = [...areas.map((a) => ({ code: a.area.code, name: areaName(a.area, t), reference: false })), ...(reference ? [{ code: NORWAY_CODE, name: norwayName, reference: true }] : [])];

  return (
    <>
      <p class="compare-download">
        <a class="ds-link" href={`${API_BASE}/api/v1/download?areas=${downloadCodes.join(",")}&format=csv`} download data-download="csv">
          {c.download(listed, reference !== null)}
        </a>
      </p>
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
              {reference && (
                <th scope="col" class="compare-reference" data-reference="true">
                  {norwayName}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => {
              return (
                <tr key={id} data-indicator={id}>
                  <th scope="row">{labelOf(id)}</th>
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
                  {reference && (
                    <Cell
                      reference
                      area={norwayName}
                      level="country"
                      dataset={data.data.dataset}
                      card={reference.cards.find((card) => card.indicator === id)}
                      lang={lang}
                      t={t}
                      c={c}
                    />
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      <section class="multiples-section" aria-labelledby="multiples-title">
        <h2 id="multiples-title">{c.multiplesTitle}</h2>
        <p class="compare-hint">{c.multiplesLead}</p>
        <LinesKey lines={keyLines} c={c} />
        <div class="multiples">
          {ids.map((id) => {
            const cards = areas.map((a) => a.cards.find((card) => card.indicator === id));
            const own = cards.find((x): x is Card => !!x);
            if (!own) return null;
            const lines: Line[] = areas.flatMap((a, i) => (cards[i] ? [{ code: a.area.code, name: areaName(a.area, t), reference: false, series: cards[i]!.series }] : []));
            const ref = reference?.cards.find((card) => card.indicator === id);
            // A count of residents in Norway would flatten every area's line: no reference line for counts.
            if (ref && own.unit !== "count") lines.push({ code: NORWAY_CODE, name: norwayName, reference: true, series: ref.series });
            return <Multiple key={id} title={labelOf(id)} card={own} lines={lines} lang={lang} c={c} />;
          })}
        </div>
      </section>
    </>
  );
}

function Cell({
  area,
  level,
  card,
  dataset,
  reference = false,
  lang,
  t,
  c,
}: {
  area: string;
  level: Compared["area"]["level"];
  card: Card | undefined;
  dataset: DatasetInfo | null;
  reference?: boolean;
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
  const cls = reference ? "compare-reference" : undefined;
  if (!card) {
    return (
      <td class={cls}>
        {label}
        <span class="compare-value value--none">{level === "bydel" || level === "grunnkrets" ? c.noOpenFigures[level] : c.noCard}</span>
      </td>
    );
  }
  const latest = card.latest;
  const change = card.change5y;
  return (
    <td class={cls}>
      {label}
      <span class="compare-value">
        <Value point={latest} unit={card.unit} lang={lang} t={t} />
        {latest && <span class="period"> ({latest.periodLabel ?? latest.period})</span>} <OldBadge point={latest} dataset={dataset} t={t} />
      </span>
      {change && change.delta !== null && (
        <span class="compare-change" data-change5y={change.delta}>
          {c.change5y(formatDelta(change.delta, card.unit, lang), change.fromLabel, change.toLabel)}
        </span>
      )}
      {!tooShortForTrend(card.series) && (
        <span class="compare-trend" data-trend={card.trend}>
          <span class="visually-hidden">{c.trend}: </span>
          {capitalise(t.trend[card.trend])}
        </span>
      )}
    </td>
  );
}
