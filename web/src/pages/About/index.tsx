import type { ComponentChildren } from "preact";
import type { AreaBody, IndicatorInfo, IndicatorsResponse } from "../../../../worker/api/schemas.ts";
import { formatDate } from "../../components/card/format.ts";
import { indicatorDefinition, indicatorName } from "../../components/card/names.ts";
import { API_BASE, useApi } from "../../lib/api.ts";
import { useDocumentTitle } from "../../lib/dom.ts";
import { type Lang, useI18n } from "../../lib/i18n.ts";
import { type AboutText, aboutText } from "./text.ts";

const STATUSES = [":", "..", "."] as const;

/** Download links that show what the open-data endpoint can do. */
const EXAMPLES = {
  csv: "/api/v1/download?childrenOf=0301&indicators=population&format=csv&meta=true",
  jsonstat: "/api/v1/download?areas=5501&format=jsonstat2",
  range: "/api/v1/download?areas=0301,4601&indicators=low_income_persistent&from=2018&to=2024&format=csv",
} as const;

/**
 * About and method: what the figures are, where they come from (the indicator list from the
 * API, so it never drifts from the data), how trends, suppression, indices and classifications
 * work, the licence, and how to get the data.
 */
export function About() {
  const { lang, t } = useI18n();
  const a = aboutText(lang);
  useDocumentTitle(`${a.title} – ${t.siteName}`);
  const indicators = useApi<IndicatorsResponse>("/api/v1/indicators");
  // Whether the data is synthetic is said by the API on every area; Norway's card is small.
  const norway = useApi<AreaBody>("/api/v1/areas/0");

  const sections = [
    { id: "what", title: a.what.title },
    { id: "sources", title: a.sourcesTitle },
    { id: "trends", title: a.trends.title },
    { id: "age", title: a.age.title },
    { id: "disclosure", title: a.disclosure.title },
    { id: "indices", title: a.indices.title },
    { id: "borderline", title: a.borderline.title },
    { id: "licence", title: a.licence.title },
    { id: "data", title: a.data.title },
  ];

  return (
    <div class="about-page prose">
      <h1>{a.title}</h1>
      <p class="lead">{a.lead}</p>
      {norway.data?.synthetic && (
        <p class="ds-alert banner banner--demo" data-color="warning" data-synthetic="true">
          <strong>{t.demoBannerLead}</strong> {a.synthetic}
        </p>
      )}

      <nav class="toc" aria-labelledby="toc-title">
        <h2 id="toc-title">{a.contents}</h2>
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ul>
      </nav>

      <Paragraphs id="what" title={a.what.title} paragraphs={a.what.paragraphs} />

      <section id="sources" aria-labelledby="sources-title">
        <h2 id="sources-title">{a.sourcesTitle}</h2>
        <p>{a.sourcesLead}</p>
        {indicators.state === "loading" ? (
          <p class="loading" role="status">
            {t.loading}
          </p>
        ) : indicators.state === "error" ? (
          <p>{a.indicatorsFailed}</p>
        ) : (
          <ul class="indicator-list">
            {indicators.data.indicators.map((info) => (
              <Indicator key={info.id} info={info} lang={lang} a={a} />
            ))}
          </ul>
        )}
      </section>

      <Paragraphs id="trends" title={a.trends.title} paragraphs={a.trends.paragraphs} />
      <Paragraphs id="age" title={a.age.title} paragraphs={a.age.paragraphs}>
        {norway.data?.dataset && (
          <p class="dates-line">
            {a.datesLine(norway.data.dataset.dataUpdated && formatDate(norway.data.dataset.dataUpdated, lang), formatDate(norway.data.dataset.figuresUpdated, lang))}
          </p>
        )}
      </Paragraphs>

      <section id="disclosure" aria-labelledby="disclosure-title">
        <h2 id="disclosure-title">{a.disclosure.title}</h2>
        {a.disclosure.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        <table class="ds-table symbols">
          <caption>{a.symbolCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{a.symbolHeader}</th>
              <th scope="col">{a.meaningHeader}</th>
            </tr>
          </thead>
          <tbody>
            {STATUSES.map((s) => (
              <tr key={s}>
                <th scope="row">
                  <code>{s}</code>
                </th>
                <td>{a.symbols[s]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <Paragraphs id="indices" title={a.indices.title} paragraphs={a.indices.paragraphs} />

      <Paragraphs id="borderline" title={a.borderline.title} paragraphs={a.borderline.paragraphs} />

      <section id="licence" aria-labelledby="licence-title">
        <h2 id="licence-title">{a.licence.title}</h2>
        {a.licence.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        <p>
          <a href="https://creativecommons.org/licenses/by/4.0/" hreflang="en">
            {a.licenceLink}
          </a>
        </p>
      </section>

      <section id="data" aria-labelledby="data-title">
        <h2 id="data-title">{a.data.title}</h2>
        {a.data.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        <ul>
          <li>
            <a href={`${API_BASE}/api/docs`}>{a.docsLink}</a>
          </li>
          <li>
            <a href={`${API_BASE}/api/openapi.json`}>{a.openapiLink}</a>
          </li>
        </ul>
        <h3>{a.examplesTitle}</h3>
        <ul class="download-examples">
          {(Object.keys(EXAMPLES) as (keyof typeof EXAMPLES)[]).map((k) => (
            <li key={k}>
              <a href={`${API_BASE}${EXAMPLES[k]}`}>{a.examples[k]}</a>
              <br />
              <code>{`GET ${EXAMPLES[k]}`}</code>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Paragraphs({ id, title, paragraphs, children }: { id: string; title: string; paragraphs: string[]; children?: ComponentChildren }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {children}
    </section>
  );
}

function Indicator({ info, lang, a }: { info: IndicatorInfo; lang: Lang; a: AboutText }) {
  return (
    <li class="indicator" data-indicator={info.id}>
      <h3>{indicatorName(info, lang)}</h3>
      {/* Definitions exist in Bokmål and English: Nynorsk readers get Bokmål, marked as such. */}
      <p lang={lang === "nn" ? "nb" : undefined}>{indicatorDefinition(info, lang)}</p>
      <dl class="indicator-facts">
        <div>
          <dt>{a.unitLabel}</dt>
          <dd>{a.units[info.unit]}</dd>
        </div>
        <div>
          <dt>{a.directionLabel}</dt>
          <dd>{a.directions[info.direction]}</dd>
        </div>
        <div>
          <dt>{a.finestLabel}</dt>
          <dd>{a.levels[info.finestLevel]}</dd>
        </div>
        <div>
          <dt>{a.sourceLabel}</dt>
          <dd>
            {info.source}
            {info.tableId && `, ${a.tableLabel} ${info.tableId}`}
          </dd>
        </div>
      </dl>
    </li>
  );
}
