import type { InitiativeList } from "../../../../worker/api/initiatives.ts";
import { useApi } from "../../lib/api.ts";
import { useDocumentTitle } from "../../lib/dom.ts";
import { areaHref, href, useI18n } from "../../lib/i18n.ts";
import { initiativeHref, PATHS } from "../../lib/paths.ts";
import { LoadError, Loading } from "./Notice.tsx";
import { Tags } from "./Tags.tsx";
import { initiativesText } from "./text.ts";
import "./initiatives.css";

/** The registry of area-based initiatives: each with its areas, years and a link to its follow-up. */
export function Initiatives() {
  const { lang, t } = useI18n();
  const s = initiativesText(lang);
  const list = useApi<InitiativeList>("/api/v1/initiatives");
  useDocumentTitle(`${s.title} – ${t.siteName}`);

  return (
    <div class="initiatives-page">
      <nav aria-label={t.breadcrumb} class="breadcrumb">
        <ol>
          <li>
            <a href={href(PATHS.home, lang)}>{t.siteName}</a>
          </li>
          <li aria-current="page">{s.crumb}</li>
        </ol>
      </nav>
      <h1>{s.title}</h1>
      <p class="lead">{s.lead}</p>
      <p class="method-note">{s.registryNote}</p>
      {list.state === "loading" ? (
        <Loading t={t} />
      ) : list.state === "error" ? (
        <LoadError error={list.error} retry={list.retry} text={null} t={t} />
      ) : list.data.initiatives.length === 0 ? (
        <p class="notice">{s.none}</p>
      ) : (
        <ul class="initiative-list">
          {list.data.initiatives.map((i) => (
            <li key={i.id} class="initiative-item" data-id={i.id}>
              <h2 class="initiative-item-title">
                <a href={initiativeHref(i.id, lang)}>{i.name}</a>
              </h2>
              <Tags initiative={i} s={s} />
              <dl class="initiative-facts">
                <div>
                  <dt>{s.kommune}</dt>
                  <dd>
                    <a href={areaHref(i.kommune.code, lang)}>{i.kommune.name}</a>
                  </dd>
                </div>
                <div>
                  <dt>{s.period}</dt>
                  <dd>{s.years(i.startYear, i.endYear)}</dd>
                </div>
                <div>
                  <dt>{s.areas}</dt>
                  <dd>{i.areas.map((a) => a.name).join(", ")}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
