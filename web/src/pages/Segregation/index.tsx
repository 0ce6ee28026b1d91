import { useRef } from "preact/hooks";
import { ErrorBoundary, lazy, useLocation, useRoute } from "preact-iso";
import type { AreaBody, IndicatorsResponse, SegregationBody } from "../../../../worker/api/schemas.ts";
import { areaDisplayName } from "../../components/card/names.ts";
import { formatValue } from "../../components/card/format.ts";
import { type ApiError, useApi } from "../../lib/api.ts";
import { useDocumentTitle } from "../../lib/dom.ts";
import { areaHref, areaName, type Dict, href, type Lang, useI18n } from "../../lib/i18n.ts";
import { PATHS } from "../../lib/paths.ts";
import { Composition } from "./Composition.tsx";
import { Decomposition, Strata } from "./Decomposition.tsx";
import { formatIndex } from "./estimates.ts";
import { IndexChart } from "./IndexChart.tsx";
import { LocationQuotients } from "./LocationQuotients.tsx";
import { GROUPINGS, type Grouping, INDICES, segregationText, type SegregationText, type UnitLevel } from "./text.ts";

type SegregationResponse = SegregationBody & { snapshot: number; groupings: string[] };

// The map brings its projection and drawing code: its own chunk (shared with the area page's maps).
const SubAreaMap = lazy(() => import("./SubAreaMap.tsx").then((m) => m.SubAreaMap));

const isGrouping = (value: unknown): value is Grouping => (GROUPINGS as readonly unknown[]).includes(value);

/**
 * Residential segregation of a kommune (or of Norway) over its sub-areas: D, H and M over the
 * years with their bootstrap intervals, M split between and within bydeler in words, what the
 * indices mean, the location quotient of every unit, and a map of the sub-areas. The grouping
 * lives in the URL (`?grouping=low_income`), so a view can be shared.
 */
export function Segregation() {
  const { lang, t } = useI18n();
  const s = segregationText(lang);
  const code = useRoute().params.code ?? "";
  const { path, query, route } = useLocation();
  const asked: Grouping | null = isGrouping(query.grouping) ? query.grouping : null;
  const base = `/api/v1/segregation/${encodeURIComponent(code)}`;
  const area = useApi<AreaBody>(`/api/v1/areas/${encodeURIComponent(code)}`);
  // Without a grouping in the URL the API answers with the area's first one; with one, the plain
  // request still says which groupings the area has, for the switch.
  const seg = useApi<SegregationResponse>(asked ? `${base}?grouping=${asked}` : base);
  const listed = useApi<SegregationResponse>(asked ? base : null);
  const indicators = useApi<IndicatorsResponse>("/api/v1/indicators");
  // While a new choice loads, the switch keeps the area's list it already had (no flicker, focus stays).
  const known = (asked ? listed : seg).data?.groupings ?? (asked ? seg : listed).data?.groupings;
  const remembered = useRef<{ code: string; list: string[] } | null>(null);
  if (known) remembered.current = { code, list: known };
  const available = (known ?? (remembered.current?.code === code ? remembered.current.list : [])).filter(isGrouping);
  const grouping: Grouping | null = asked ?? (seg.state === "ok" && isGrouping(seg.data.grouping) ? seg.data.grouping : null);

  const name = area.state === "ok" ? areaDisplayName(area.data.area, lang) : code;
  useDocumentTitle(`${area.state === "error" ? t.notFoundTitle : s.title(name)} – ${t.siteName}`);

  if (area.state === "loading") {
    return (
      <p class="loading" role="status" aria-busy="true">
        {t.loading}
      </p>
    );
  }
  if (area.state === "error") return <LoadError error={area.error} retry={area.retry} text={area.error.isNotFound ? t.notFoundText(code) : null} t={t} />;

  const { ancestors, synthetic } = area.data;
  const choose = (g: Grouping) => route(href(`${path}?grouping=${g}`, lang), true);
  // A grouping asked for in the URL stays on offer even where the area lacks it, so the reader sees it chosen.
  const offered = GROUPINGS.filter((g) => available.includes(g) || g === asked);

  return (
    <div class="segregation-page">
      <nav aria-label={t.breadcrumb} class="breadcrumb">
        <ol>
          {ancestors.map((a) => (
            <li key={a.code}>
              <a href={areaHref(a.code, lang)}>{areaName(a, t)}</a>
            </li>
          ))}
          <li>
            <a href={areaHref(code, lang)}>{name}</a>
          </li>
          <li aria-current="page">{s.crumb}</li>
        </ol>
      </nav>
      <h1>{s.title(name)}</h1>
      {synthetic && (
        <p class="ds-alert banner banner--demo" data-color="warning" data-synthetic="true">
          <strong>{t.demoBannerLead}</strong> {t.demoBannerText}
        </p>
      )}

      {offered.length > 0 && (
        <fieldset class="choice-group grouping-switch">
          <legend>{s.groupingLegend}</legend>
          {offered.map((g) => (
            <label key={g} class="choice">
              <input type="radio" name="grouping" value={g} checked={g === grouping} onChange={() => choose(g)} />
              <span class="choice-text">
                <span class="choice-name">{s.groupings[g]}</span>
                <span class="choice-help">{s.groupingHelp[g]}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}

      {seg.state === "loading" ? (
        <p class="loading" role="status" aria-busy="true">
          {t.loading}
        </p>
      ) : seg.state === "error" ? (
        <LoadError
          error={seg.error}
          retry={seg.retry}
          text={!seg.error.isNotFound ? s.loadFailed : asked && available.some((g) => g !== asked) ? s.noIndicesFor(name, s.groupings[asked]) : s.noIndices(name)}
          t={t}
          heading={false}
        />
      ) : (
        <Indices body={seg.data} grouping={grouping ?? "immigrant"} name={name} level={area.data.area.level} synthetic={synthetic} lang={lang} t={t} s={s} />
      )}

      {seg.state === "ok" && indicators.state === "ok" && area.data.children.length > 0 && (
        <ErrorBoundary>
          <SubAreaMap
            key={`${code}-${seg.data.grouping}`}
            code={code}
            name={name}
            childLevel={area.data.children[0]!.level as UnitLevel}
            initial={seg.data.indicator}
            indicators={indicators.data.indicators}
            lang={lang}
            t={t}
          />
        </ErrorBoundary>
      )}
    </div>
  );
}

function LoadError({ error, retry, text, t, heading = true }: { error: ApiError; retry: () => void; text: string | null; t: Dict; heading?: boolean }) {
  const title = error.isNotFound ? t.notFoundTitle : error.isNetwork ? t.networkErrorTitle : t.serverErrorTitle;
  return (
    <div class={heading ? "notice-page" : "notice"} data-error={error.code} role={heading ? undefined : "alert"}>
      {heading && <h1>{title}</h1>}
      <p>{text ?? (error.isNetwork ? t.networkErrorText : t.serverErrorText)}</p>
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

function Indices({
  body,
  grouping,
  name,
  level,
  synthetic,
  lang,
  t,
  s,
}: {
  body: SegregationResponse;
  grouping: Grouping;
  name: string;
  level: AreaBody["area"]["level"];
  synthetic: boolean;
  lang: Lang;
  t: Dict;
  s: SegregationText;
}) {
  const unitLevel = body.unitLevel as UnitLevel;
  const latest = body.series[body.series.length - 1];
  const units = s.count(latest?.units ?? 0, unitLevel);
  // Only the two years a change is judged between carry intervals (the API bootstraps those).
  const withInterval = body.series.filter((y) => y.M?.low != null && y.M.high != null);
  // D compares two groups; with several, H and M say it all.
  const indices = INDICES.filter((id) => id !== "D" || body.groups.length === 2);
  const whole = level === "country" ? s.whole.country : level === "fylke" ? s.whole.fylke : s.whole.other;

  return (
    <>
      <p class="lead">{s.lead(units)}</p>
      <div class="ds-alert method-note" data-color="info">
        <p>
          {s.basis(units, synthetic)}
          {withInterval.length > 0 &&
            ` ${s.intervals(withInterval.map((y) => y.period), body.replicates, withInterval.length === body.series.length)}`}
        </p>
        <p>{s.suppressedNote}</p>
        <p>
          <strong>{s.changeRule}</strong> <a href={`${href(PATHS.about, lang)}#indices`}>{s.methodLink}</a>
        </p>
      </div>

      {latest && (
        <section class="facts-section" aria-labelledby="facts-title">
          <h2 id="facts-title">{s.factsTitle(latest.period)}</h2>
          <dl class="facts">
            <div>
              <dt>{s.unitsLabel}</dt>
              <dd>{units}</dd>
            </div>
            <div>
              <dt>{s.shareLabel[grouping]}</dt>
              <dd>{formatValue(latest.groupShare * 100, "percent", lang)}</dd>
            </div>
            {latest.isolation && (
              <div>
                <dt>{s.isolationLabel}</dt>
                <dd>
                  {formatIndex(latest.isolation.value, lang)} <span class="fact-explain">({s.isolationExplain})</span>
                </dd>
              </div>
            )}
            {latest.exposure && (
              <div>
                <dt>{s.exposureLabel}</dt>
                <dd>
                  {formatIndex(latest.exposure.value, lang)} <span class="fact-explain">({s.exposureExplain})</span>
                </dd>
              </div>
            )}
          </dl>
        </section>
      )}

      <section class="charts-section" aria-labelledby="charts-title">
        <h2 id="charts-title">{s.chartsTitle}</h2>
        <p class="chart-note">{s.bandLegend}</p>
        <div class="index-charts">
          {indices.map((id) => (
            <IndexChart
              key={id}
              id={id}
              points={body.series.map((y) => ({ period: y.period, estimate: y[id] }))}
              areaName={name}
              lang={lang}
              t={t}
              s={s}
            />
          ))}
        </div>
      </section>

      <section class="explain-section" aria-labelledby="explain-title">
        <h2 id="explain-title">{s.explainTitle}</h2>
        <dl class="explain">
          {indices.map((id) => (
            <div key={id}>
              <dt>{s.indices[id].name}</dt>
              <dd>
                {s.indices[id].explain}
                {id === "M" && latest?.entropy != null && ` ${s.entropyNote(formatIndex(latest.entropy, lang), latest.period)}`}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      {latest?.composition && <Composition year={latest.period} composition={latest.composition} lang={lang} s={s} />}

      <Decomposition series={body.series} unitLevel={unitLevel} withinLevel={body.withinLevel as UnitLevel | null} lang={lang} t={t} s={s} />
      <Strata series={body.series} withinLevel={body.withinLevel as UnitLevel | null} lang={lang} s={s} />

      {body.locationQuotients && <LocationQuotients lq={body.locationQuotients} unitLevel={unitLevel} whole={whole} lang={lang} t={t} s={s} />}
    </>
  );
}
