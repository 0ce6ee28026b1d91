import type { Dict, Lang } from "../../lib/i18n.ts";
import type { ListLevel, RuleSet } from "./rules.ts";
import { type ClassificationText, pick } from "./text.ts";

/** The API's coverage of one level (worker/stats/coverage.ts LevelCoverage). */
export interface LevelCoverage {
  level: string;
  areas: boolean;
  evaluable: boolean;
  missing: Gap[];
  suppressed: Gap[];
  noReference: Gap[];
}
interface Gap {
  criterion: string | null;
  indicator: string;
}

/**
 * Says when the rule set cannot be evaluated at this level and year because its indicators are
 * absent, and which ones; or, when it can, which criteria cannot. An empty list then reads as
 * what it is, not as "no area has challenges". Nothing is shown when every criterion has figures.
 */
export function Coverage({
  coverage,
  rs,
  year,
  level,
  indicatorLabel,
  lang,
  t,
  c,
}: {
  coverage: LevelCoverage | undefined;
  rs: RuleSet;
  year: number;
  level: ListLevel;
  indicatorLabel: (indicator: string) => string;
  lang: Lang;
  t: Dict;
  c: ClassificationText;
}) {
  if (!coverage) return null;
  const gaps = coverage.missing.length + coverage.suppressed.length + coverage.noReference.length;
  if (coverage.evaluable && gaps === 0) return null;
  const criteria = rs.kind === "criteria" ? [...rs.criteria, ...rs.tiers.flatMap((tier) => tier.criteria)] : [];
  // A criterion by its label (which names indicator and threshold); a scale's indicators and
  // the population limit by their indicator's name.
  const label = (g: Gap) => {
    if (g.criterion === null) return c.gapPopulation(indicatorLabel(g.indicator));
    const def = criteria.find((x) => x.id === g.criterion);
    return def ? pick(def.label, lang) : indicatorLabel(g.indicator);
  };
  const list = (lead: string, items: Gap[], kind: string) =>
    items.length > 0 && (
      <>
        <p>{lead}</p>
        <ul data-gaps={kind}>
          {items.map((g) => (
            <li key={`${g.criterion}-${g.indicator}`} data-criterion={g.criterion ?? undefined} data-indicator={g.indicator}>
              {label(g)}
            </li>
          ))}
        </ul>
      </>
    );
  const levelName = c.levelsLower[level];
  return (
    <div class="ds-alert notice coverage-notice" data-color="info" data-level={level} data-evaluable={String(coverage.evaluable)}>
      <p>
        <strong>{coverage.evaluable ? c.partlyEvaluable(levelName, year) : c.cannotEvaluate(pick(rs.name, lang), levelName, year)}</strong>
      </p>
      {!coverage.areas && <p>{c.noAreas(levelName, year)}</p>}
      {list(c.gapMissing, coverage.missing, "missing")}
      {list(c.gapSuppressed, coverage.suppressed, "suppressed")}
      {list(c.gapNoReference, coverage.noReference, "no-reference")}
      {coverage.evaluable && <p>{c.partlyNote}</p>}
      {(level === "bydel" || level === "grunnkrets") && coverage.missing.length > 0 && <p>{t.levelWhy[level]}</p>}
    </div>
  );
}
