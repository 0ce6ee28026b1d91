import type { EditionDiffResponse, EditionList, EditionResponse, EditionSummary } from "../../../../worker/api/editions.ts";
import type { EditionDiff } from "../../../../worker/stats/editions.ts";
import { formatDate } from "../../components/card/format.ts";
import { API_BASE, useApi } from "../../lib/api.ts";
import { useDocumentTitle } from "../../lib/dom.ts";
import { areaHref, href, type Lang, useI18n } from "../../lib/i18n.ts";
import { editionPath, PATHS } from "../../lib/paths.ts";
import { editionsText } from "./text.ts";
import "./editions.css";

type Text = ReturnType<typeof editionsText>;
type RuleSetDef = EditionResponse["ruleSetDefinition"];

/** Rule set texts exist in Bokmål and English; Nynorsk readers get Bokmål. */
const pick = (text: { nb: string; en: string }, lang: Lang) => (lang === "en" ? text.en : text.nb);

/** The API's download links are absolute to the worker; the page may run elsewhere (VITE_API_BASE). */
const apiHref = (url: string) => {
  const { pathname, search } = new URL(url);
  return `${API_BASE}${pathname}${search}`;
};

function criterionLabel(rs: RuleSetDef, id: string, lang: Lang) {
  if (rs.kind !== "criteria") return id;
  const c = [...rs.criteria, ...rs.tiers.flatMap((t) => t.criteria)].find((x) => x.id === id);
  return c ? pick(c.label, lang) : id;
}

/** `/levekar/utgaver`: every published edition, newest year first. */
export function Editions() {
  const { lang, t } = useI18n();
  const e = editionsText(lang);
  useDocumentTitle(`${e.listTitle} – ${t.siteName}`);
  const list = useApi<EditionList>("/api/v1/editions");
  return (
    <div class="editions-page">
      <h1>{e.listTitle}</h1>
      <p class="lead">{e.listLead}</p>
      <p>
        <a href={href(PATHS.classification, lang)}>{e.liveList}</a>
      </p>
      {list.state === "loading" && (
        <p class="loading" role="status">
          {t.loading}
        </p>
      )}
      {list.state === "error" && (
        <div class="notice" role="alert">
          <p>{e.failed}</p>
          <button type="button" class="button" onClick={list.retry}>
            {e.retry}
          </button>
        </div>
      )}
      {list.state === "ok" && list.data.editions.length === 0 && <p>{e.none}</p>}
      {list.state === "ok" && list.data.editions.length > 0 && (
        <div class="editions-table-wrap">
          <table class="editions-table editions-list">
            <thead>
              <tr>
                <th scope="col">{e.colEdition}</th>
                <th scope="col">{e.colLevel}</th>
                <th scope="col">{e.colPublished}</th>
                <th scope="col">{e.colOnList}</th>
                <th scope="col">{e.colChanges}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.editions.map((ed) => (
                <tr key={ed.id} data-edition={ed.id}>
                  <th scope="row">
                    <a href={href(editionPath(ed.id), lang)}>{ed.title}</a>
                    {ed.corrects && <span class="edition-mark"> · {e.correction(ed.corrects)}</span>}
                    {ed.correctedBy && <span class="edition-mark"> · {e.correctedBy(ed.correctedBy)}</span>}
                  </th>
                  <td data-label={e.colLevel}>{e.levels[ed.level]}</td>
                  <td data-label={e.colPublished}>{formatDate(ed.publishedAt, lang)}</td>
                  <td data-label={e.colOnList}>{ed.counts.met}</td>
                  <td data-label={e.colChanges}>
                    {ed.previous ? `+${ed.counts.entered} / −${ed.counts.left}` : "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** `/levekar/utgaver/:id`: one edition as a short report (prints as one). */
export function Edition({ id }: { id?: string }) {
  const { lang, t } = useI18n();
  const e = editionsText(lang);
  const ref = encodeURIComponent(id ?? "");
  const edition = useApi<EditionResponse>(`/api/v1/editions/${ref}`);
  const diff = useApi<EditionDiffResponse>(`/api/v1/editions/${ref}/diff`);
  useDocumentTitle(`${edition.data?.title ?? e.listTitle} – ${t.siteName}`);

  if (edition.state === "loading" || diff.state === "loading") {
    return (
      <div class="edition-page">
        <p class="loading" role="status">
          {t.loading}
        </p>
      </div>
    );
  }
  if (edition.state === "error" || diff.state === "error") {
    const err = edition.error ?? diff.error!;
    return (
      <div class="edition-page">
        <h1>{e.listTitle}</h1>
        <div class="notice" role="alert">
          <p>{err.status === 404 || err.status === 400 ? e.notFound : e.failed}</p>
          {err.status !== 404 && err.status !== 400 && (
            <button type="button" class="button" onClick={() => (edition.state === "error" ? edition.retry() : diff.retry())}>
              {e.retry}
            </button>
          )}
          <p>
            <a href={href(PATHS.editions, lang)}>{e.allEditions}</a>
          </p>
        </div>
      </div>
    );
  }
  const ed = edition.data;
  const d = diff.data;
  const rs = ed.ruleSetDefinition;
  const label = (cid: string) => criterionLabel(rs, cid, lang);
  const dataset = ed.dataset;
  return (
    <article class="edition-page" data-edition={ed.id}>
      <p class="edition-back">
        <a href={href(PATHS.editions, lang)}>{e.allEditions}</a>
      </p>
      <h1>{ed.title}</h1>
      <p class="lead">{e.subtitle(pick(rs.name, lang), e.levels[ed.level], ed.year)}</p>
      {ed.synthetic && (
        <p class="banner banner--demo" data-synthetic="true">
          <strong>{t.demoBannerLead}</strong> {e.synthetic}
        </p>
      )}
      {ed.correctedBy && (
        <div class="notice edition-corrected" role="note">
          <p>
            {e.correctedNotice(ed.correctedBy)} <a href={href(editionPath(ed.correctedBy), lang)}>{e.goToCurrent(ed.correctedBy)}</a>
          </p>
        </div>
      )}
      {ed.corrects && (
        <div class="edition-correction-note">
          <p>
            {e.correctsLead} <a href={href(editionPath(ed.corrects), lang)}>{ed.corrects}</a>.
          </p>
          {ed.reason && (
            <p>
              <strong>{e.reasonLabel}</strong> <span class="edition-reason">{ed.reason}</span>
            </p>
          )}
        </div>
      )}
      <p class="edition-meta">
        {e.published(formatDate(ed.publishedAt, lang))}{" "}
        {e.fromData(ed.snapshot.version, e.dataDates(dataset?.dataUpdated ? formatDate(dataset.dataUpdated, lang) : null, dataset?.newestPeriod ?? null))} {e.frozen}
      </p>

      <section class="edition-cite" aria-labelledby="edition-cite-title">
        <h2 id="edition-cite-title">{e.citeTitle}</h2>
        <p class="edition-citation" data-citation="true">
          {ed.citation}
        </p>
      </section>

      <section class="edition-downloads" aria-labelledby="edition-downloads-title">
        <h2 id="edition-downloads-title">{e.downloadsTitle}</h2>
        <ul>
          <li>
            <a href={apiHref(ed.downloads.csv)} download data-format="csv">
              {e.csv}
            </a>
          </li>
          <li>
            <a href={apiHref(ed.downloads.jsonstat2)} download data-format="jsonstat2">
              {e.jsonstat}
            </a>
          </li>
        </ul>
        <button type="button" class="button button--secondary edition-print" onClick={() => window.print()}>
          {e.print}
        </button>
      </section>

      <p class="edition-summary">{e.summary(ed.counts.met, ed.counts.evaluated, e.levels[ed.level])}</p>

      <section class="edition-changes" aria-labelledby="edition-changes-title">
        <h2 id="edition-changes-title">{d.previous ? e.changesTitle(d.previous) : e.changesGeneric}</h2>
        {d.sincePrevious ? <Moves diff={d.sincePrevious} label={label} e={e} lang={lang} /> : <p>{e.noPrevious}</p>}
      </section>

      {d.correction && d.corrects && (
        <section class="edition-changes" aria-labelledby="edition-correction-title">
          <h2 id="edition-correction-title">{e.correctionTitle(d.corrects)}</h2>
          {d.reason && (
            <p>
              <strong>{e.reasonLabel}</strong> {d.reason}
            </p>
          )}
          <p>
            {e.changedAreas(d.correction.changed.length)} {e.addedRemoved(d.correction.added.length, d.correction.removed.length)}
          </p>
          <Moves diff={d.correction} label={label} e={e} lang={lang} />
        </section>
      )}

      <section aria-labelledby="edition-areas-title">
        <h2 id="edition-areas-title">{e.areasTitle}</h2>
        {ed.areas.length === 0 ? (
          <p>{e.noAreas}</p>
        ) : (
          <div class="editions-table-wrap">
            <table class="editions-table edition-areas">
              <thead>
                <tr>
                  <th scope="col">{e.colArea}</th>
                  <th scope="col">{e.colCode}</th>
                  <th scope="col">{e.colMet}</th>
                </tr>
              </thead>
              <tbody>
                {ed.areas.map((a) => (
                  <tr key={a.code} data-code={a.code}>
                    <th scope="row">
                      <a href={areaHref(a.code, lang)}>{a.name}</a>
                    </th>
                    <td data-label={e.colCode}>{a.code}</td>
                    <td data-label={e.colMet}>
                      {a.criteria
                        .filter((c) => c.met)
                        .map((c) => label(c.id) + (c.borderline ? ` (${e.borderline})` : ""))
                        .join(", ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}

/** Entered and left, each area with the criteria that moved it. */
function Moves({ diff, label, e, lang }: { diff: EditionDiff; label: (id: string) => string; e: Text; lang: Lang }) {
  const item = (m: EditionDiff["entered"][number], entering: boolean) => (
    <li key={m.code} data-code={m.code}>
      <a href={areaHref(m.code, lang)}>{m.name}</a> ({m.code}){" "}
      <span class="edition-moved">
        {m.movedBy.length > 0
          ? e.movedBy(m.movedBy.map(label).join(", "))
          : (entering ? m.before : m.after) === null
            ? entering
              ? e.notBefore
              : e.notNow
            : e.otherChange}
      </span>
    </li>
  );
  return (
    <div class="edition-moves">
      <div data-moves="entered">
        <h3>{e.enteredTitle}</h3>
        {diff.entered.length ? <ul>{diff.entered.map((m) => item(m, true))}</ul> : <p>{e.noneEntered}</p>}
      </div>
      <div data-moves="left">
        <h3>{e.leftTitle}</h3>
        {diff.left.length ? <ul>{diff.left.map((m) => item(m, false))}</ul> : <p>{e.noneLeft}</p>}
      </div>
    </div>
  );
}

export type { EditionSummary };
