import type { SegregationBody } from "../../../../worker/api/schemas.ts";
import { mapText } from "../../components/map/text.ts";
import type { Dict, Lang } from "../../lib/i18n.ts";
import { formatIndex, formatShare } from "./estimates.ts";
import type { SegregationText, UnitLevel } from "./text.ts";

type Year = SegregationBody["series"][number];

/**
 * M split into the part between the larger areas (bydeler) and the part within them, in words
 * for the latest year that has the split, with every year in a table behind a toggle. Where the
 * parent has no such division, says so: all of M is then differences between the units.
 */
export function Decomposition({
  series,
  unitLevel,
  withinLevel,
  lang,
  t,
  s,
}: {
  series: Year[];
  unitLevel: UnitLevel;
  withinLevel: UnitLevel | null;
  lang: Lang;
  t: Dict;
  s: SegregationText;
}) {
  const plural = mapText(lang).levelsPlural;
  const split = series.filter((y): y is Year & { decomposition: NonNullable<Year["decomposition"]>; M: NonNullable<Year["M"]> } => y.decomposition !== null && y.M !== null);
  const latest = split[split.length - 1];

  if (!withinLevel || !latest) {
    return (
      <section class="decomposition" aria-labelledby="decomposition-title" data-decomposition="none">
        <h2 id="decomposition-title">{s.indices.M.name}</h2>
        <p>{s.decompNone(plural[unitLevel])}</p>
      </section>
    );
  }

  const within = plural[withinLevel];
  const { M, decomposition: d } = latest;
  return (
    <section class="decomposition" aria-labelledby="decomposition-title" data-decomposition="split">
      <h2 id="decomposition-title">{s.decompTitle(within)}</h2>
      <p
        class="decomposition-text"
        data-period={latest.period}
        data-total={M.value}
        data-between={d.M_between}
        data-within={d.M_within}
      >
        {s.decompText(
          latest.period,
          formatIndex(M.value, lang),
          formatIndex(d.M_between, lang),
          formatShare(d.M_between, M.value, lang),
          formatIndex(d.M_within, lang),
          formatShare(d.M_within, M.value, lang),
          within,
        )}
      </p>
      <p>{s.decompMeaning(within, plural[unitLevel], t.levels[withinLevel])}</p>
      <details class="series-table">
        <summary>{s.decompShowTable}</summary>
        <table class="ds-table">
          <caption>{s.decompCaption(within)}</caption>
          <thead>
            <tr>
              <th scope="col">{s.year}</th>
              <th scope="col" class="num">
                M
              </th>
              <th scope="col" class="num">
                {s.between}
              </th>
              <th scope="col" class="num">
                {s.withinCol}
              </th>
            </tr>
          </thead>
          <tbody>
            {split.map((y) => (
              <tr key={y.period}>
                <th scope="row">{y.period}</th>
                <td class="num">{formatIndex(y.M.value, lang)}</td>
                <td class="num">
                  {formatIndex(y.decomposition.M_between, lang)} ({formatShare(y.decomposition.M_between, y.M.value, lang)})
                </td>
                <td class="num">
                  {formatIndex(y.decomposition.M_within, lang)} ({formatShare(y.decomposition.M_within, y.M.value, lang)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

/**
 * The part of M within the larger areas, area by area for the latest year: each one's weight
 * (share of the population) and own M, whose products add up to the part within.
 */
export function Strata({ series, withinLevel, lang, s }: { series: Year[]; withinLevel: UnitLevel | null; lang: Lang; s: SegregationText }) {
  const latest = series.filter((y) => (y.decomposition?.strata.length ?? 0) > 0).at(-1);
  if (!withinLevel || !latest) return null;
  const within = mapText(lang).levelsPlural[withinLevel];
  const strata = latest.decomposition!.strata;
  return (
    <section class="decomposition-strata" aria-labelledby="strata-title">
      <h2 id="strata-title">{s.strataTitle(within)}</h2>
      <p>{s.strataExplain}</p>
      <details class="series-table">
        <summary>{s.strataCaption(within, latest.period)}</summary>
        <table class="ds-table">
          <caption>{s.strataCaption(within, latest.period)}</caption>
          <thead>
            <tr>
              <th scope="col">{s.lqArea}</th>
              <th scope="col" class="num">
                {s.strataWeight}
              </th>
              <th scope="col" class="num">
                M
              </th>
              <th scope="col" class="num">
                {s.strataContribution}
              </th>
            </tr>
          </thead>
          <tbody>
            {strata.map((x) => (
              <tr key={x.code} data-code={x.code}>
                <th scope="row">{x.name}</th>
                <td class="num">{formatIndex(x.p, lang)}</td>
                <td class="num">{formatIndex(x.M, lang)}</td>
                <td class="num">{formatIndex(x.p * x.M, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
