import { formatNumber } from "../../components/card/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import { comparisonSymbol, describeThreshold, type Unit } from "./format.ts";
import type { Criterion, RuleSet } from "./rules.ts";
import { type ClassificationText, pick } from "./text.ts";

/**
 * The chosen rule set as its own legend: description, population limits, every criterion with
 * its threshold rule, tiers or area types, and each contested part marked with its note.
 */
export function RuleSetInfo({ rs, unitOf, lang, c }: { rs: RuleSet; unitOf: (indicator: string) => Unit | undefined; lang: Lang; c: ClassificationText }) {
  const { min, max } = rs.population;
  const n = (v: number | undefined) => (v === undefined ? null : formatNumber(v, lang));
  return (
    <section class="ruleset-info" aria-labelledby="ruleset-title" data-ruleset={rs.id}>
      <h2 id="ruleset-title">
        {c.aboutRuleSet(pick(rs.name, lang))}
        {rs.contested && <Contested c={c} />}
      </h2>
      <p>{pick(rs.description, lang)}</p>
      <p>{c.populationLimit(n(min), n(max))}</p>
      {rs.kind === "criteria" ? (
        <>
          <h3>{c.criteriaTitle(rs.minMet, rs.criteria.length)}</h3>
          <CriteriaList criteria={rs.criteria} rs={rs} unitOf={unitOf} lang={lang} c={c} />
          {rs.tiers.length > 0 && (
            <>
              <h3>{c.tiersTitle}</h3>
              <ul class="rule-list">
                {rs.tiers.map((tier) => (
                  <li key={tier.id} data-contested={tier.contested || undefined}>
                    <strong>{pick(tier.label, lang)}</strong>
                    {tier.contested && <Contested c={c} />}
                    <p>{pick(tier.description, lang)}</p>
                    {tier.criteria.length > 0 && <CriteriaList criteria={tier.criteria} rs={rs} unitOf={unitOf} lang={lang} c={c} />}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <>
          <h3>{c.typesTitle}</h3>
          <ul class="rule-list">
            {rs.types.map((type) => (
              <li key={type.id}>
                {pick(type.label, lang)}
                {type.flagged && <span class="rule-flag"> ({c.flaggedType})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function CriteriaList({
  criteria,
  rs,
  unitOf,
  lang,
  c,
}: {
  criteria: Criterion[];
  rs: RuleSet;
  unitOf: (indicator: string) => Unit | undefined;
  lang: Lang;
  c: ClassificationText;
}) {
  return (
    <ul class="rule-list">
      {criteria.map((k) => (
        <li key={k.id} data-criterion={k.id} data-contested={k.contested || undefined}>
          {pick(k.label, lang)}{" "}
          <span class="rule-threshold">
            ({comparisonSymbol(k.comparison)} {describeThreshold(k.threshold, rs, unitOf(k.indicator), lang, c)})
          </span>
          {k.contested && <Contested c={c} />}
          {k.note && (
            <p class="rule-note">
              <span class="rule-note-label">{c.noteLabel}</span> {pick(k.note, lang)}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function Contested({ c }: { c: ClassificationText }) {
  return <span class="badge badge--contested">{c.contestedMark}</span>;
}
