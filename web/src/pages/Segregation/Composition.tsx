import type { SegregationBody } from "../../../../worker/api/schemas.ts";
import { formatValue } from "../../components/card/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import { formatIndex } from "./estimates.ts";
import { type Group, GROUPS, type SegregationText } from "./text.ts";

type Composition = NonNullable<SegregationBody["series"][number]["composition"]>;

const groupName = (id: string, s: SegregationText) => ((GROUPS as readonly string[]).includes(id) ? s.groups[id as Group] : id);

/**
 * A grouping with several groups: each group's share of the population beside its isolation,
 * in the API's group order (never ranked), for the latest year.
 */
export function Composition({ year, composition, lang, s }: { year: number; composition: Composition; lang: Lang; s: SegregationText }) {
  return (
    <section class="composition" aria-labelledby="composition-title">
      <h2 id="composition-title">{s.compositionTitle(year)}</h2>
      <p>{s.compositionExplain}</p>
      <table class="ds-table values-table">
        <caption>{s.compositionCaption(year)}</caption>
        <thead>
          <tr>
            <th scope="col">{s.groupCol}</th>
            <th scope="col" class="num">
              {s.shareCol}
            </th>
            <th scope="col" class="num">
              {s.isolationCol}
            </th>
          </tr>
        </thead>
        <tbody>
          {composition.map((c) => (
            <tr key={c.group} data-group={c.group}>
              <th scope="row">{groupName(c.group, s)}</th>
              <td class="num">{formatValue(c.share * 100, "percent", lang)}</td>
              <td class="num">{c.isolation === null ? "–" : formatIndex(c.isolation, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
