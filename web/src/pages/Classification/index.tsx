import { useCallback, useId, useMemo } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { AreaBody, IndicatorsResponse } from "../../../../worker/api/schemas.ts";
import { indicatorName } from "../../components/card/names.ts";
import { useApi } from "../../lib/api.ts";
import { useDocumentTitle } from "../../lib/dom.ts";
import { type Dict, href, type Lang, useI18n } from "../../lib/i18n.ts";
import { PATHS } from "../../lib/paths.ts";
import { usePrintOpens } from "../../components/print.ts";
import type { Unit } from "./format.ts";
import { Changes } from "./Changes.tsx";
import { Coverage } from "./Coverage.tsx";
import { Overview } from "./Overview.tsx";
import { listPath, type ListResponse, Results } from "./Results.tsx";
import { RuleSetInfo } from "./RuleSetInfo.tsx";
import { defaultFirst, hasContested, isListLevel, levelsOf, type ListLevel, type RuleSet } from "./rules.ts";
import { type ClassificationText, classificationText, pick } from "./text.ts";
import { WhatIf } from "./WhatIf.tsx";

type RuleSetsResponse = { default: string; ruleSets: RuleSet[] };

/**
 * Areas with several living-condition challenges: the areas meeting a rule set in a year at a
 * level, each with its criteria, and a what-if panel. Rule set, year and level live in the URL
 * (`?ruleset=…&year=…&level=…`), so a view can be shared.
 */
export function Classification() {
  const { lang, t } = useI18n();
  const c = classificationText(lang);
  useDocumentTitle(`${c.title} – ${t.siteName}`);
  usePrintOpens(".results details");
  const { query, route } = useLocation();
  const ruleSets = useApi<RuleSetsResponse>("/api/v1/rulesets");
  // Norway's card says which years have figures and whether they are synthetic.
  const norway = useApi<AreaBody>("/api/v1/areas/0");
  const indicators = useApi<IndicatorsResponse>("/api/v1/indicators");

  const years = useMemo(() => {
    const periods = new Set((norway.data?.cards ?? []).flatMap((card) => card.series.map((p) => p.period)));
    return [...periods].sort((a, b) => b - a);
  }, [norway.data]);
  const infos = useMemo(() => new Map((indicators.data?.indicators ?? []).map((i) => [i.id, i])), [indicators.data]);
  const unitOf = useCallback((indicator: string): Unit | undefined => infos.get(indicator)?.unit, [infos]);
  const indicatorLabel = useCallback(
    (indicator: string) => {
      const info = infos.get(indicator);
      return info ? indicatorName(info, lang) : indicator;
    },
    [infos, lang],
  );

  const heading = (
    <>
      <h1>{c.title}</h1>
      <p class="lead">{c.lead}</p>
      <p class="respect-note">{c.respect}</p>
      {norway.data?.synthetic && (
        <p class="ds-alert banner banner--demo" data-color="warning" data-synthetic="true">
          <strong>{t.demoBannerLead}</strong> {t.demoBannerText}
        </p>
      )}
    </>
  );

  if (ruleSets.state === "loading" || norway.state === "loading" || indicators.state === "loading") {
    return (
      <div class="classification-page">
        {heading}
        <p class="loading" role="status" aria-busy="true">
          {t.loading}
        </p>
      </div>
    );
  }
  if (ruleSets.state === "error" || years.length === 0) {
    const retry = ruleSets.state === "error" ? ruleSets.retry : norway.retry;
    return (
      <div class="classification-page">
        {heading}
        <div class="ds-alert notice" data-color="danger" role="alert">
          <p>{c.ruleSetsFailed}</p>
          <button type="button" class="ds-button button" onClick={retry}>
            {t.retry}
          </button>
        </div>
      </div>
    );
  }

  const all = defaultFirst(ruleSets.data.ruleSets, ruleSets.data.default);
  const rs = all.find((r) => r.id === query.ruleset) ?? all[0]!;
  const year = years.find((y) => String(y) === query.year) ?? years[0]!;
  const levels = levelsOf(rs);
  const level: ListLevel = isListLevel(query.level) && levels.includes(query.level) ? query.level : levels[0]!;
  const choose = (next: { ruleset?: string; year?: number; level?: ListLevel }) => {
    const params = new URLSearchParams({ ruleset: next.ruleset ?? rs.id, year: String(next.year ?? year), level: next.level ?? level });
    route(href(`${PATHS.classification}?${params.toString()}`, lang), true);
  };

  return (
    <div class="classification-page">
      {heading}
      <Choice all={all} defaultId={ruleSets.data.default} rs={rs} years={years} year={year} levels={levels} level={level} choose={choose} lang={lang} c={c} />
      <RuleSetInfo rs={rs} unitOf={unitOf} lang={lang} c={c} />
      <List key={`${rs.id}-${year}-${level}`} rs={rs} year={year} level={level} unitOf={unitOf} indicatorLabel={indicatorLabel} lang={lang} t={t} c={c} />
    </div>
  );
}

function Choice({
  all,
  defaultId,
  rs,
  years,
  year,
  levels,
  level,
  choose,
  lang,
  c,
}: {
  all: RuleSet[];
  defaultId: string;
  rs: RuleSet;
  years: number[];
  year: number;
  levels: ListLevel[];
  level: ListLevel;
  choose: (next: { ruleset?: string; year?: number; level?: ListLevel }) => void;
  lang: Lang;
  c: ClassificationText;
}) {
  const id = useId();
  return (
    <section class="class-choice" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="visually-hidden">
        {c.choiceTitle}
      </h2>
      <fieldset class="choice-group ruleset-switch">
        <legend>{c.ruleSetLegend}</legend>
        {all.map((r) => (
          <label key={r.id} class="choice" data-ruleset={r.id}>
            <input type="radio" name="ruleset" value={r.id} checked={r.id === rs.id} onChange={() => choose({ ruleset: r.id })} />
            <span class="choice-text">
              <span class="choice-name">
                {pick(r.name, lang)}
                {r.id === defaultId && <span class="badge">{c.defaultMark}</span>}
                {hasContested(r) && <span class="badge badge--contested">{r.contested ? c.contestedMark : c.contestedRuleSet}</span>}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div class="class-selects">
        <p class="select-field">
          <label for={`${id}-year`}>{c.year}</label>
          <select class="ds-input" id={`${id}-year`} value={year} onChange={(e) => choose({ year: Number(e.currentTarget.value) })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </p>
        <p class="select-field">
          <label for={`${id}-level`}>{c.level}</label>
          <select class="ds-input" id={`${id}-level`} value={level} onChange={(e) => choose({ level: e.currentTarget.value as ListLevel })}>
            {levels.map((l) => (
              <option key={l} value={l}>
                {c.levels[l]}
              </option>
            ))}
          </select>
        </p>
      </div>
    </section>
  );
}

/** The list for one rule set, year and level, and the what-if panel that starts from it. */
function List({
  rs,
  year,
  level,
  unitOf,
  indicatorLabel,
  lang,
  t,
  c,
}: {
  rs: RuleSet;
  year: number;
  level: ListLevel;
  unitOf: (indicator: string) => Unit | undefined;
  indicatorLabel: (indicator: string) => string;
  lang: Lang;
  t: Dict;
  c: ClassificationText;
}) {
  const res = useApi<ListResponse>(listPath(rs.id, year, level));
  if (res.state === "loading") {
    return (
      <p class="loading" role="status" aria-busy="true">
        {t.loading}
      </p>
    );
  }
  if (res.state === "error") {
    return (
      <div class="ds-alert notice" data-color="danger" role="alert" data-error={res.error.code}>
        <p>{c.loadFailed}</p>
        <button type="button" class="ds-button button" onClick={res.retry}>
          {t.retry}
        </button>
      </div>
    );
  }
  const shared = { rs, year, level, unitOf, lang, t, c };
  const coverage = res.data.coverage?.find((x) => x.level === level);
  return (
    <>
      <Coverage coverage={coverage} rs={rs} year={year} level={level} indicatorLabel={indicatorLabel} lang={lang} t={t} c={c} />
      <Results first={res.data.results} total={res.data.total} evaluable={coverage?.evaluable ?? true} ruleSetId={rs.id} {...shared} />
      <WhatIf stored={res.data.results} indicatorLabel={indicatorLabel} {...shared} />
      {/* After the list and its what-if panel, so keyboard users reach those first (the table and map add many links). */}
      <Changes rs={rs} year={year} level={level} lang={lang} t={t} />
      <Overview results={res.data.results} {...shared} />
    </>
  );
}
