import type { SegregationBody } from "../../../../worker/api/schemas.ts";
import { formatNumber } from "../../components/card/format.ts";
import { areaHref, type Dict, type Lang } from "../../lib/i18n.ts";
import type { SegregationText, UnitLevel } from "./text.ts";

/**
 * The group's location quotient in every unit, latest year, in code order (never ranked), behind
 * a toggle; a unit whose share is not shown says why instead of a number.
 */
export function LocationQuotients({
  lq,
  unitLevel,
  whole,
  lang,
  t,
  s,
}: {
  lq: NonNullable<SegregationBody["locationQuotients"]>;
  unitLevel: UnitLevel;
  whole: string;
  lang: Lang;
  t: Dict;
  s: SegregationText;
}) {
  const units = s.count(lq.units.length, unitLevel);
  return (
    <section class="lq-section" aria-labelledby="lq-title">
      <h2 id="lq-title">{s.lqTitle}</h2>
      <p>{s.lqExplain(whole)}</p>
      <details class="map-list lq-list">
        <summary>{s.lqShow(units)}</summary>
        <table class="ds-table values-table">
          <caption>{s.lqCaption(units, lq.period)}</caption>
          <thead>
            <tr>
              <th scope="col">{s.lqArea}</th>
              <th scope="col" class="num">
                {s.lqValue}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...lq.units]
              .sort((a, b) => a.code.localeCompare(b.code))
              .map((u) => (
                <tr key={u.code} data-code={u.code}>
                  <th scope="row">
                    <a href={areaHref(u.code, lang)}>{u.name}</a>
                  </th>
                  {u.lq === null ? (
                    <td class="value--status" data-status={u.status ?? ".."}>
                      {t.status[u.status ?? ".."]}
                    </td>
                  ) : (
                    <td class="num">{formatNumber(u.lq, lang, 2)}</td>
                  )}
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
