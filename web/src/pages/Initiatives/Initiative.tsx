import { useLocation, useRoute } from "preact-iso";
import type { IndicatorFollowUp, InitiativeDetail } from "../../../../worker/api/initiatives.ts";
import { formatDelta, formatValue } from "../../components/card/format.ts";
import { useApi } from "../../lib/api.ts";
import { useDocumentTitle } from "../../lib/dom.ts";
import { areaHref, href, type Lang, useI18n } from "../../lib/i18n.ts";
import { PATHS } from "../../lib/paths.ts";
import { FollowUpChart } from "./FollowUpChart.tsx";
import { LoadError, Loading } from "./Notice.tsx";
import { Tags } from "./Tags.tsx";
import { initiativesText, LEVEL_PLURAL, type InitiativesText } from "./text.ts";
import "./initiatives.css";

type Estimated = Extract<IndicatorFollowUp, { status: "estimated" }>;

/**
 * One initiative: its facts, and its follow-up per indicator — an overview table of every
 * indicator's difference in change, and for the chosen one (`?indikator=`, shareable) the chart
 * of both groups' means with the start marked, the table behind it, the estimate in words and
 * what the comparison cannot show.
 */
export function Initiative() {
  const { lang, t } = useI18n();
  const s = initiativesText(lang);
  const id = useRoute().params.id ?? "";
  const { path, query, route } = useLocation();
  const res = useApi<InitiativeDetail>(`/api/v1/initiatives/${encodeURIComponent(id)}`);
  useDocumentTitle(`${res.state === "ok" ? res.data.name : res.state === "error" ? t.notFoundTitle : s.title} – ${t.siteName}`);

  if (res.state === "loading") return <Loading t={t} />;
  if (res.state === "error") return <LoadError error={res.error} retry={res.retry} text={res.error.isNotFound ? s.notFound(id) : s.loadFailed} t={t} />;
  const d = res.data;
  const estimated = d.followUp.filter((f): f is Estimated => f.status === "estimated");
  const chosen = d.followUp.find((f) => f.indicator.id === query.indikator) ?? estimated[0] ?? d.followUp[0];
  const choose = (indicator: string) => route(href(`${path}?indikator=${encodeURIComponent(indicator)}`, lang), true);
  const level = d.areas[0]?.level ?? "bydel";

  return (
    <div class="initiative-page">
      <nav aria-label={t.breadcrumb} class="breadcrumb">
        <ol>
          <li>
            <a href={href(PATHS.home, lang)}>{t.siteName}</a>
          </li>
          <li>
            <a href={href(PATHS.initiatives, lang)}>{s.crumb}</a>
          </li>
          <li aria-current="page">{d.name}</li>
        </ol>
      </nav>
      <h1>{d.name}</h1>
      {d.synthetic && (
        <p class="banner banner--demo" data-synthetic="true">
          <strong>{t.demoBannerLead}</strong> {t.demoBannerText}
        </p>
      )}
      <Tags initiative={d} s={s} />
      <dl class="initiative-facts">
        <div>
          <dt>{s.kommune}</dt>
          <dd>
            <a href={areaHref(d.kommune.code, lang)}>{d.kommune.name}</a>
          </dd>
        </div>
        <div>
          <dt>{s.period}</dt>
          <dd>{s.years(d.startYear, d.endYear)}</dd>
        </div>
        <div>
          <dt>{s.areas}</dt>
          <dd>
            <ul class="initiative-areas">
              {d.areas.map((a) => (
                <li key={a.code}>
                  <a href={areaHref(a.code, lang)}>{a.name}</a>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{s.source}</dt>
          <dd>
            {d.synthetic ? (
              s.sourceNone
            ) : (
              <a href={d.url} rel="noopener noreferrer external">
                {new URL(d.url).host}
              </a>
            )}
          </dd>
        </div>
        {d.note && (
          <div class="initiative-note">
            <dt>{s.note}</dt>
            <dd lang="en">{d.note}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="followup-title">
        <h2 id="followup-title">{s.followUpTitle}</h2>
        <div class="method-note">
          <p>{s.method(d.method.preYears, d.method.k, d.method.replicates, d.method.candidates, d.method.pool, LEVEL_PLURAL[lang][level] ?? level)}</p>
          <p>{s.countsLeftOut}</p>
        </div>
        <Overview d={d} chosen={chosen?.indicator.id} choose={choose} lang={lang} s={s} />
        {chosen && <Chosen f={chosen} start={d.startYear} lang={lang} s={s} />}
      </section>
    </div>
  );
}

/**
 * A bound without its unit (the estimate beside it carries it): "−1,1", "+0,4". At the decimals
 * the API serves (worker/stats/precision.ts; importing it would bring zod into this page).
 */
const signed = (x: number, unit: Estimated["indicator"]["unit"], lang: Lang) => {
  const decimals = unit === "count" || unit === "nok" ? 0 : 1;
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: "exceptZero" }).format(x);
};

const isClear = (f: Estimated) => f.interval.low > 0 || f.interval.high < 0;

function Overview({ d, chosen, choose, lang, s }: { d: InitiativeDetail; chosen: string | undefined; choose: (id: string) => void; lang: Lang; s: InitiativesText }) {
  return (
    <div class="followup-overview">
      <h3>{s.overviewTitle}</h3>
      <div class="table-scroll">
        <table class="followup-table">
          <caption>{s.overviewCaption(d.name)}</caption>
          <thead>
            <tr>
              <th scope="col">{s.indicator}</th>
              <th scope="col" class="num">
                {s.estimate}
              </th>
              <th scope="col" class="num">
                {s.interval}
              </th>
              <th scope="col">{s.verdict}</th>
            </tr>
          </thead>
          <tbody>
            {d.followUp.map((f) => (
              <tr key={f.indicator.id} data-indicator={f.indicator.id} aria-current={f.indicator.id === chosen ? "true" : undefined}>
                <th scope="row">
                  <button type="button" class="link-button" aria-pressed={f.indicator.id === chosen} onClick={() => choose(f.indicator.id)}>
                    {f.indicator.name[lang]}
                  </button>
                </th>
                {f.status === "estimated" ? (
                  <>
                    <td class="num" data-label={s.estimate}>
                      {formatDelta(f.estimate, f.indicator.unit, lang)}
                    </td>
                    <td class="num" data-label={s.interval}>
                      {signed(f.interval.low, f.indicator.unit, lang)} {s.to} {signed(f.interval.high, f.indicator.unit, lang)}
                    </td>
                    <td data-clear={isClear(f) ? "true" : "false"} data-label={s.verdict}>
                      {isClear(f) ? s.clear : s.unclear}
                    </td>
                  </>
                ) : (
                  <td colSpan={3} class="value--none">
                    {s.notEstimable}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Chosen({ f, start, lang, s }: { f: IndicatorFollowUp; start: number; lang: Lang; s: InitiativesText }) {
  const reading = f.reading[lang];
  return (
    <article class="followup-detail" data-indicator={f.indicator.id} data-status={f.status} aria-labelledby="chosen-title">
      <h3 id="chosen-title">{f.indicator.name[lang]}</h3>
      {f.status === "estimated" && <FollowUpChart f={f} start={start} lang={lang} s={s} />}
      <div class="followup-reading">
        <h4>{s.readingTitle}</h4>
        <p class="followup-finding">{reading.finding}</p>
        <h4>{s.limitsTitle}</h4>
        <ul>
          {reading.limits.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </div>
      {f.status === "estimated" && <Areas f={f} lang={lang} s={s} />}
    </article>
  );
}

function Areas({ f, lang, s }: { f: Estimated; lang: Lang; s: InitiativesText }) {
  const [a, b] = f.windows.before;
  const [c, d] = f.windows.after;
  const v = (x: number) => formatValue(x, f.indicator.unit, lang);
  const rows = [...f.treated.map((x) => ({ ...x, group: s.treated })), ...f.comparison.map((x) => ({ ...x, group: s.comparison }))];
  return (
    <details class="series-table followup-areas">
      <summary>{s.areasTitle}</summary>
      <div class="table-scroll">
        <table>
          <caption>{s.areasTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{s.area}</th>
              <th scope="col">{s.group}</th>
              <th scope="col" class="num">
                {s.before(a, b)}
              </th>
              <th scope="col" class="num">
                {s.after(c, d)}
              </th>
              <th scope="col" class="num">
                {s.change}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">
                  <a href={areaHref(r.code, lang)}>{r.name}</a>
                </th>
                <td>{r.group}</td>
                <td class="num">{v(r.before)}</td>
                <td class="num">{v(r.after)}</td>
                <td class="num">{formatDelta(r.change, f.indicator.unit, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
