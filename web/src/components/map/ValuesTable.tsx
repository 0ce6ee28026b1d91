import type { ChildrenResponse } from "../../../../worker/api/schemas.ts";
import { areaHref, type Dict, type Lang } from "../../lib/i18n.ts";
import type { MapText } from "./text.ts";
import { valueText } from "./values.ts";

/** The map's values as a table: the map's text alternative, and the map itself where no shapes exist. */
export function ValuesTable({
  data,
  caption,
  highlight,
  lang,
  t,
  m,
}: {
  data: ChildrenResponse;
  caption: string;
  highlight: string | null;
  lang: Lang;
  t: Dict;
  m: MapText;
}) {
  return (
    <table class="ds-table values-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{m.area}</th>
          <th scope="col">{m.value}</th>
        </tr>
      </thead>
      <tbody>
        {data.children.map((c) => (
          <tr key={c.code} aria-current={c.code === highlight ? "true" : undefined}>
            <th scope="row">
              <a href={areaHref(c.code, lang)}>{c.name}</a>
              {c.code === highlight && <span class="values-this"> ({m.thisAreaLabel})</span>}
            </th>
            <td data-status={c.value === null ? (c.status ?? "..") : undefined} class={c.value === null ? "value--status" : "num"}>
              {valueText(c, data.unit, lang, t)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
