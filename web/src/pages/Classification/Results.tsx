import { useState } from "preact/hooks";
import type { Classification } from "../../../../worker/stats/classify.ts";
import { formatNumber, formatValue } from "../../components/card/format.ts";
import { useApi } from "../../lib/api.ts";
import { areaHref, type Dict, type Lang } from "../../lib/i18n.ts";
import { comparisonSymbol, type Unit } from "./format.ts";
import type { Criterion, ListLevel, RuleSet } from "./rules.ts";
import type { LevelCoverage } from "./Coverage.tsx";
import { Contested } from "./RuleSetInfo.tsx";
import { type ClassificationText, pick } from "./text.ts";

type Ref = { code: string; name: string } | null;
/** A listed area; the list (not the what-if preview) also says where it lies. */
export type Named = Classification & { name: string; kommune?: Ref; bydel?: Ref };
export type ListResponse = { snapshot: number; ruleSet: RuleSet; results: Named[]; coverage: LevelCoverage[]; total: number; next: string | null };

/** Areas per request; a page that comes back full offers the next. */
export const PAGE = 500;

export function listPath(ruleSet: string, year: number, level: ListLevel, offset = 0): string {
  return `/api/v1/classifications?ruleset=${encodeURIComponent(ruleSet)}&period=${year}&level=${level}&limit=${PAGE}&offset=${offset}`;
}

interface Shared {
  rs: RuleSet;
  ruleSetId: string;
  year: number;
  level: ListLevel;
  unitOf: (indicator: string) => Unit | undefined;
  lang: Lang;
  t: Dict;
  c: ClassificationText;
}

/**
 * The areas meeting the rule set, in code order as the API gives them (never by how many
 * criteria hold), each a disclosure with its criteria. Where the rule set cannot be evaluated
 * (see Coverage.tsx), an empty list does not claim that no area meets it. The first page is passed in (the page
 * heading counts it); further pages load when asked for.
 */
export function Results({ first, total, evaluable = true, ...shared }: Shared & { first: Named[]; total?: number; evaluable?: boolean }) {
  const { c, level, year } = shared;
  // The API says how long the list is; "at least" only for a response without a total.
  const known = total ?? (first.length < PAGE ? first.length : undefined);
  const count = known !== undefined ? String(known) : c.atLeast(PAGE);
  return (
    <section class="results-section" aria-labelledby="results-title">
      <h2 id="results-title" data-count={known}>
        {first.length > 0
          ? c.resultsTitle(count, c.levelsLower[level], year)
          : evaluable
            ? c.noResults(c.levelsLower[level], year)
            : c.noneEvaluable(c.levelsLower[level], year)}
      </h2>
      {first.length > 0 && <p class="results-note">{c.sortNote}</p>}
      <ResultItems results={first} offset={0} {...shared} />
    </section>
  );
}

function ResultItems({ results, offset, ...shared }: Shared & { results: Named[]; offset: number }) {
  const [more, setMore] = useState(false);
  return (
    <>
      <ul class="results">
        {results.map((r) => (
          <ResultItem key={r.code} r={r} {...shared} />
        ))}
      </ul>
      {results.length === PAGE &&
        (more ? (
          <NextPage offset={offset + PAGE} {...shared} />
        ) : (
          <button type="button" class="ds-button button button--secondary" data-variant="secondary" onClick={() => setMore(true)}>
            {shared.c.showMore}
          </button>
        ))}
    </>
  );
}

function NextPage({ offset, ...shared }: Shared & { offset: number }) {
  const res = useApi<ListResponse>(listPath(shared.ruleSetId, shared.year, shared.level, offset));
  if (res.state === "loading") return <p class="loading" role="status">{shared.t.loading}</p>;
  if (res.state === "error")
    return (
      <p role="alert">
        {shared.c.loadFailed}{" "}
        <button type="button" class="ds-button button button--quiet" data-variant="tertiary" data-size="sm" onClick={res.retry}>
          {shared.t.retry}
        </button>
      </p>
    );
  return <ResultItems results={res.data.results} offset={offset} {...shared} />;
}

function ResultItem({ r, rs, unitOf, lang, t, c }: Shared & { r: Named }) {
  const defs: Criterion[] = rs.kind === "criteria" ? [...rs.criteria, ...rs.tiers.flatMap((tier) => tier.criteria)] : [];
  const tiers = rs.kind === "criteria" ? rs.tiers : [];
  const main = rs.kind === "criteria" ? rs.criteria.length : 0;
  return (
    <li class="result" data-code={r.code}>
      <details>
        <summary>
          <span class="result-name">{r.name}</span>
          {placeOf(r) && <span class="result-place">, {placeOf(r)}</span>} <span class="result-code">{c.areaCode(t.levels[r.level], r.code)}</span>
          {r.borderline && <span class="result-code"> · {c.borderline}</span>}
        </summary>
        <div class="result-body">
          <p>
            <a href={areaHref(r.code, lang)}>{r.name}</a>
            {r.eligibility.population !== null && ` · ${c.population(formatNumber(r.eligibility.population, lang))}`}
          </p>
          {r.scale ? (
            <p>{r.scale.index !== null && r.scale.type ? c.scaleResult(formatNumber(r.scale.index, lang, 2), typeLabel(rs, r.scale.type, lang)) : c.scaleNone}</p>
          ) : (
            <>
              {r.metCount !== null && r.minMet !== null && (
                <p>
                  {c.metCount(r.metCount, main, r.minMet)} {r.notEvaluable ? c.notEvaluable(r.notEvaluable) : ""}
                </p>
              )}
              {r.borderline && (
                <p class="result-borderline" data-borderline="true">
                  {c.borderlineResult}
                </p>
              )}
              <CriteriaTable name={r.name} results={r.criteria} defs={defs} unitOf={unitOf} lang={lang} c={c} />
              {r.tiers.map((tr) => {
                const tier = tiers.find((x) => x.id === tr.id);
                if (!tier) return null;
                return (
                  <div key={tr.id} class="result-tier" data-tier={tr.id}>
                    <p>
                      {c.tierResult(pick(tier.label, lang), tr.met)}
                      {tr.borderline && ` (${c.borderline})`}
                      {tier.contested && <Contested c={c} />}
                    </p>
                    {tr.criteria.length > 0 && (
                      <CriteriaTable name={`${r.name}: ${pick(tier.label, lang)}`} results={tr.criteria} defs={defs} unitOf={unitOf} lang={lang} c={c} />
                    )}
                  </div>
                );
              })}
            </>
          )}
        </div>
      </details>
    </li>
  );
}

/** "Gamle Oslo, Oslo": the area's bydel and kommune, leaving out the area itself. */
function placeOf(r: Named): string {
  return [r.bydel, r.kommune]
    .filter((p): p is NonNullable<Ref> => !!p && p.code !== r.code)
    .map((p) => p.name)
    .join(", ");
}

function typeLabel(rs: RuleSet, type: string, lang: Lang): string {
  const found = rs.kind === "scale" ? rs.types.find((x) => x.id === type) : undefined;
  return found ? pick(found.label, lang) : type;
}

function CriteriaTable({
  name,
  results,
  defs,
  unitOf,
  lang,
  c,
}: {
  name: string;
  results: Classification["criteria"];
  defs: Criterion[];
  unitOf: (indicator: string) => Unit | undefined;
  lang: Lang;
  c: ClassificationText;
}) {
  return (
    <table class="ds-table criteria-table">
      <caption>{c.criteriaCaption(name)}</caption>
      <thead>
        <tr>
          <th scope="col">{c.criterion}</th>
          <th scope="col" class="num">
            {c.value}
          </th>
          <th scope="col" class="num">
            {c.threshold}
          </th>
          <th scope="col">{c.holds}</th>
        </tr>
      </thead>
      <tbody>
        {results.map((k) => {
          const def = defs.find((d) => d.id === k.id);
          const unit = def ? unitOf(def.indicator) : undefined;
          return (
            <tr key={k.id} data-criterion={k.id} data-met={k.met} data-borderline={k.borderline || undefined} data-reason={k.reason ?? undefined}>
              <th scope="row">
                {def ? pick(def.label, lang) : k.id}
                {def?.contested && <Contested c={c} />}
              </th>
              <td class={k.value === null ? "value--none" : "num"} data-label={c.value}>{k.value === null ? "–" : formatValue(k.value, unit, lang)}</td>
              <td class="num" data-label={c.threshold}>{k.threshold === null ? "–" : `${def ? comparisonSymbol(def.comparison) : ""} ${formatValue(k.threshold, unit, lang)}`}</td>
              <td class={k.reason ? "value--status" : k.met ? "criterion-met" : undefined} data-label={c.holds}>{k.reason ? c.reasons[k.reason] : `${k.met ? c.yes : c.no}${k.borderline ? ` (${c.borderline})` : ""}`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
