import type { AreaBody, IndicatorInfo } from "../../../../worker/api/schemas.ts";
import type { Classification, CriterionResult } from "../../../../worker/stats/classification-schema.ts";
import type { RuleSet } from "../../../../worker/stats/ruleset-schema.ts";
import { formatFixed } from "../../components/card/fixed.ts";
import { formatValue } from "../../components/card/format.ts";
import { href, type Lang, type Level } from "../../lib/i18n.ts";
import { PATHS } from "../../lib/paths.ts";
import { areaText, type AreaText } from "./text.ts";
import "./status.css";

export type RuleSetsResponse = { default: string; ruleSets: RuleSet[] };
type Composite = NonNullable<AreaBody["composite"]>;

/** The levels /levekar lists (web/src/pages/Classification/rules.ts LIST_LEVELS). */
const LIST_LEVELS: readonly Level[] = ["grunnkrets", "bydel", "kommune"];

const SYMBOLS = { ">": ">", ">=": "≥", "<": "<", "<=": "≤" } as const;

const pick = (text: { nb: string; en: string }, lang: Lang) => (lang === "en" ? text.en : text.nb);

/** A list of words: "a, b og c". */
function joined(words: string[], lang: Lang): string {
  if (words.length < 2) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} ${lang === "en" ? "and" : "og"} ${words[words.length - 1]}`;
}

/** An index at its two served decimals, with the language's decimal sign and a true minus. */
export function formatIndex(x: number, lang: Lang): string {
  return formatFixed(x, lang, 2).replace("-", "−");
}

/** The link to /levekar for a rule set, year and level (the list's own query parameters). */
export function listHref(ruleSet: string, year: number, level: Level, lang: Lang): string {
  const params = new URLSearchParams({ ruleset: ruleSet, year: String(year), level });
  return href(`${PATHS.classification}?${params.toString()}`, lang);
}

/**
 * One line for the top of the page (and a phone's first screen): the default rule set's outcome
 * and where the status index lies. Null when there is nothing to say in one line.
 */
export function StatusSummary({ body, ruleSets, lang }: { body: AreaBody; ruleSets: RuleSetsResponse | null; lang: Lang }) {
  const s = areaText(lang);
  const own = (body.classifications ?? [])[0] as Classification | undefined;
  const status = body.composite?.status;
  const parts: string[] = [];
  if (own) {
    const rs = ruleSets?.ruleSets.find((r) => r.id === own.ruleSet.id);
    parts.push(outcomeSentence(own, rs ? pick(rs.name, lang) : own.ruleSet.id, s));
  }
  if (status?.index !== null && status?.index !== undefined && status.position) {
    parts.push(`${s.statusIndex(body.composite!.period, formatIndex(status.index, lang))}. ${s.position(status.position.percentBelow, s.pluralDefinite[body.area.level])}`);
  }
  if (parts.length === 0) return null;
  return (
    <p class="status-summary" data-testid="status-summary">
      {parts.join(" ")} <a href="#status">{s.navStatus}</a>
    </p>
  );
}

/**
 * The area's status in words: every rule set's result with each criterion (value, threshold,
 * met or not, borderline flagged) and a link to its list; then the composite status and dynamics
 * indices with their intervals and their place among the level's areas in Norway.
 */
export function Status({ body, ruleSets, byId, lang }: { body: AreaBody; ruleSets: RuleSetsResponse | null; byId: Map<string, IndicatorInfo>; lang: Lang }) {
  const s = areaText(lang);
  const results = (body.classifications ?? []) as Classification[];
  const level = body.area.level;
  const known = ruleSets ? [...ruleSets.ruleSets].sort((a, b) => Number(b.id === ruleSets.default) - Number(a.id === ruleSets.default)) : [];
  const defaultId = ruleSets?.default ?? results[0]?.ruleSet.id;
  // Rule sets with a result first (as the API orders them), then those that do not evaluate here.
  const listed: { id: string; rs: RuleSet | undefined; result: Classification | undefined }[] = [
    ...results.map((r) => ({ id: r.ruleSet.id, rs: known.find((k) => k.id === r.ruleSet.id), result: r })),
    ...known.filter((k) => !results.some((r) => r.ruleSet.id === k.id)).map((k) => ({ id: k.id, rs: k, result: undefined })),
  ];
  const anyAtLevel = known.some((k) => (k.levels as string[]).includes(level)) || results.length > 0;

  return (
    <section id="status" class="area-status" aria-labelledby="status-title">
      <h2 id="status-title">{s.statusTitle}</h2>
      <p class="status-lead">{s.statusLead}</p>
      <p class="respect-note">{s.respect}</p>

      <div class="status-rulesets">
        <h3>{s.ruleSetsTitle}</h3>
        {!anyAtLevel && ruleSets ? (
          <p class="ruleset-result" data-outcome="not_at_level">
            {s.noRuleSets(s.plural[level])}
          </p>
        ) : (
          listed.map(({ id, rs, result }) => (
            <RuleSetResult key={id} id={id} rs={rs} result={result} isDefault={id === defaultId} level={level} byId={byId} lang={lang} s={s} />
          ))
        )}
      </div>

      <IndexBlock composite={body.composite ?? null} level={level} lang={lang} s={s} />
    </section>
  );
}

function outcomeSentence(result: Classification, name: string, s: AreaText): string {
  const year = result.period;
  switch (result.outcome) {
    case "met":
      return s.met(year, name);
    case "not_met":
      return s.notMet(year, name);
    case "undetermined":
      return s.undetermined(year, name);
    case "not_eligible":
      return s.notEligible(year, name);
  }
}

function RuleSetResult({
  id,
  rs,
  result,
  isDefault,
  level,
  byId,
  lang,
  s,
}: {
  id: string;
  rs: RuleSet | undefined;
  result: Classification | undefined;
  isDefault: boolean;
  level: Level;
  byId: Map<string, IndicatorInfo>;
  lang: Lang;
  s: AreaText;
}) {
  const name = rs ? pick(rs.name, lang) : id;
  const mark = isDefault && <span class="ds-tag ruleset-default" data-color="neutral" data-size="sm">{s.defaultMark}</span>;
  if (!result) {
    const levels = rs ? (rs.levels as Level[]) : [];
    const text = rs && !levels.includes(level) ? s.notAtLevel(name, joined(levels.map((l) => s.plural[l]), lang), s.plural[level]) : s.noResult(name);
    return (
      <div class="ruleset-result" data-ruleset={id} data-outcome="none">
        <p class="ruleset-outcome">
          {text} {mark}
        </p>
      </div>
    );
  }
  const canList = (LIST_LEVELS as string[]).includes(level) && (!rs || (rs.levels as string[]).includes(level));
  const link = canList && (
    <p class="ruleset-link">
      <a href={listHref(id, result.period, level, lang)}>{s.listLink(name, s.plural[level], result.period)}</a>
    </p>
  );

  if (result.scale) {
    const type = rs?.kind === "scale" ? rs.types.find((t) => t.id === result.scale!.type) : undefined;
    return (
      <div class="ruleset-result" data-ruleset={id} data-outcome={result.outcome}>
        <p class="ruleset-outcome">
          <strong>{type ? s.scaleType(result.period, name, pick(type.label, lang)) : s.scaleNone(name)}</strong> {mark}
        </p>
        {link}
      </div>
    );
  }

  const labels = new Map(rs?.kind === "criteria" ? rs.criteria.map((c) => [c.id, c] as const) : []);
  const evaluated = result.criteria.length;
  return (
    <div class="ruleset-result" data-ruleset={id} data-outcome={result.outcome} data-borderline={result.borderline ? "true" : undefined}>
      <p class="ruleset-outcome">
        <strong>{outcomeSentence(result, name, s)}</strong> {mark}
      </p>
      {result.outcome === "not_eligible" && result.eligibility.reasons.length > 0 && (
        <p class="ruleset-why">{result.eligibility.reasons.map((r) => s.ineligible[r]).join("; ")}.</p>
      )}
      {result.outcome !== "not_eligible" && result.minMet !== null && result.metCount !== null && (
        <p class="ruleset-count">{s.countLine(result.metCount, evaluated, result.minMet)}</p>
      )}
      {result.borderline && <p class="ruleset-borderline">{s.borderlineOutcome}</p>}
      {evaluated > 0 && (
        <details class="ruleset-criteria" open={isDefault}>
          <summary>{s.criteriaCaption(name, result.period)}</summary>
          <div class="table-scroll">
            <table class="ds-table criteria-table" data-size="sm">
              <thead>
                <tr>
                  <th scope="col">{s.criterion}</th>
                  <th scope="col">{s.value}</th>
                  <th scope="col">{s.threshold}</th>
                  <th scope="col">{s.result}</th>
                </tr>
              </thead>
              <tbody>
                {result.criteria.map((c) => (
                  <CriterionRow key={c.id} c={c} criterion={labels.get(c.id)} byId={byId} lang={lang} s={s} />
                ))}
              </tbody>
            </table>
          </div>
          {result.criteria.some((c) => c.borderline) && <p class="ruleset-note">{s.borderlineNote}</p>}
        </details>
      )}
      {link}
    </div>
  );
}

type CriterionDef = Extract<RuleSet, { kind: "criteria" }>["criteria"][number];

function CriterionRow({ c, criterion, byId, lang, s }: { c: CriterionResult; criterion: CriterionDef | undefined; byId: Map<string, IndicatorInfo>; lang: Lang; s: AreaText }) {
  const unit = criterion ? byId.get(criterion.indicator)?.unit : undefined;
  const result = c.reason !== null ? "not_evaluable" : c.met ? "met" : "not_met";
  return (
    <tr data-criterion={c.id} data-result={result} data-borderline={c.borderline ? "true" : undefined}>
      <th scope="row">{criterion ? pick(criterion.label, lang) : c.id}</th>
      <td class="num">{c.value === null ? "–" : formatValue(c.value, unit, lang)}</td>
      <td class="num">{c.threshold === null ? "–" : `${criterion ? SYMBOLS[criterion.comparison] : ""} ${formatValue(c.threshold, unit, lang)}`.trim()}</td>
      <td>
        <span class="criterion-result" data-result={result}>
          {result === "met" ? s.holds : result === "not_met" ? s.holdsNot : `${s.notEvaluable}: ${s.notEvaluableWhy[c.reason!]}`}
        </span>
        {c.borderline && (
          <>
            {" "}
            <span class="ds-tag criterion-borderline" data-color="warning" data-size="sm">
              {s.borderline}
            </span>
          </>
        )}
      </td>
    </tr>
  );
}

function IndexBlock({ composite, level, lang, s }: { composite: Composite | null; level: Level; lang: Lang; s: AreaText }) {
  const levels = s.pluralDefinite[level];
  const plain = s.plural[level];
  return (
    <div class="status-index" data-has-index={composite?.status.index != null ? "true" : "false"}>
      <h3>{s.indexTitle}</h3>
      {!composite ? (
        <p class="index-missing">{s.noIndex}</p>
      ) : (
        <>
          <IndexPart
            kind="status"
            title={composite.status.index === null ? null : s.statusIndex(composite.period, formatIndex(composite.status.index, lang))}
            part={composite.status}
            word={composite.status.class ? s.statusClass[composite.status.class as keyof AreaText["statusClass"]] : null}
            distribution={composite.distribution?.status ?? null}
            levels={levels}
            plain={plain}
            lang={lang}
            s={s}
          />
          <IndexPart
            kind="dynamics"
            title={composite.dynamics.index === null ? null : s.dynamicsIndex(composite.dynamics.from, composite.period, formatIndex(composite.dynamics.index, lang))}
            part={composite.dynamics}
            word={composite.dynamics.class ? s.dynamicsClass[composite.dynamics.class as keyof AreaText["dynamicsClass"]] : null}
            distribution={composite.distribution?.dynamics ?? null}
            levels={levels}
            plain={plain}
            lang={lang}
            s={s}
          />
          <p class="index-explain">{s.indexExplain}</p>
        </>
      )}
    </div>
  );
}

type Part = Composite["status"] | Composite["dynamics"];

function IndexPart({
  kind,
  title,
  part,
  word,
  distribution,
  levels,
  plain,
  lang,
  s,
}: {
  kind: "status" | "dynamics";
  title: string | null;
  part: Part;
  word: string | null;
  distribution: { n: number; deciles: number[] } | null;
  /** The level in the definite plural ("grunnkretsene"), and as a plain plural ("grunnkretser"). */
  levels: string;
  plain: string;
  lang: Lang;
  s: AreaText;
}) {
  if (part.index === null || title === null) {
    const why = part.reason && part.reason in s.indexReason ? s.indexReason[part.reason as keyof AreaText["indexReason"]] : s.noIndex;
    return (
      <p class="index-part index-missing" data-index={kind}>
        {why}
      </p>
    );
  }
  const { interval, position } = part;
  return (
    <div class="index-part" data-index={kind}>
      <p class="index-line">
        <strong>{title}</strong>
        {word && ` (${word})`}
        {interval && <span class="index-interval">{`; ${s.interval(formatIndex(interval.low, lang), formatIndex(interval.high, lang))}`}</span>}.
      </p>
      {position && (
        <p class="index-position" data-percent-below={position.percentBelow}>
          {s.position(position.percentBelow, levels)}
          {(position.low !== position.percentBelow || position.high !== position.percentBelow) && ` ${s.positionRange(position.low, position.high)}`}
        </p>
      )}
      {distribution && distribution.deciles.length === 11 && (
        <Strip deciles={distribution.deciles} index={part.index} interval={interval ?? null} caption={s.stripLabel(plain, distribution.n)} s={s} />
      )}
    </div>
  );
}

/**
 * The level's distribution as a strip: ticks at the deciles, the interval as a band, the area as
 * a dot. Positions are CSS custom properties (set through the DOM, so the strict CSP holds).
 */
function Strip({ deciles, index, interval, caption, s }: { deciles: number[]; index: number; interval: { low: number; high: number } | null; caption: string; s: AreaText }) {
  const min = deciles[0]!;
  const max = deciles[deciles.length - 1]!;
  const span = max - min || 1;
  const at = (x: number) => `${Math.min(100, Math.max(0, ((x - min) / span) * 100)).toFixed(1)}%`;
  return (
    <figure class="index-strip">
      <div class="strip-track" aria-hidden="true">
        {deciles.slice(1, -1).map((d, i) => (
          <span key={i} class="strip-tick" data-median={i === 4 ? "true" : undefined} style={{ "--at": at(d) }} />
        ))}
        {interval && <span class="strip-band" style={{ "--from": at(interval.low), "--to": at(interval.high) }} />}
        <span class="strip-dot" style={{ "--at": at(index) }} />
      </div>
      <div class="strip-ends" aria-hidden="true">
        <span>{s.stripLow}</span>
        <span>{s.stripHigh}</span>
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
