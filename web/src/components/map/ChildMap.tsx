import type { AreaRef, ChildrenResponse, IndicatorInfo } from "../../../../worker/api/schemas.ts";
import { useApi } from "../../lib/api.ts";
import type { Dict, Lang } from "../../lib/i18n.ts";
import { Choropleth } from "./Choropleth.tsx";
import type { MapText } from "./text.ts";
import { ValuesTable } from "./ValuesTable.tsx";

/**
 * One indicator over a parent's children: the choropleth with its list of values behind a
 * toggle, or the list alone where the children have no boundaries yet. Loading and errors are
 * said in words; "no figures at this level" (404) is not an error, and below kommune it says why.
 */
export function ChildMap({
  parentCode,
  indicator,
  info,
  label,
  highlight,
  title,
  level,
  lang,
  t,
  m,
}: {
  parentCode: string;
  indicator: string;
  info: IndicatorInfo | undefined;
  label: string;
  highlight: string | null;
  title: string;
  /** The children's level: where open data stop, "no figures" also says why. */
  level?: AreaRef["level"];
  lang: Lang;
  t: Dict;
  m: MapText;
}) {
  const res = useApi<ChildrenResponse>(
    `/api/v1/areas/${encodeURIComponent(parentCode)}/children?indicator=${encodeURIComponent(indicator)}`,
  );
  // An area alone among its "siblings" (Oslo, the only kommune of its fylke): a map of one shape
  // compares nothing, so there is none.
  const only = res.state === "ok" && res.data.children.length === 1 ? res.data.children[0]! : null;
  if (only && only.code === highlight) return null;
  return (
    <div class="map-block" data-parent={parentCode}>
      <h3>{title}</h3>
      {res.state === "loading" ? (
        <p class="loading" role="status">
          {t.loading}
        </p>
      ) : res.state === "error" ? (
        res.error.isNotFound ? (
          <p class="no-figures">
            {m.noValues}
            {(level === "bydel" || level === "grunnkrets") && ` ${t.levelWhy[level]}`}
          </p>
        ) : (
          <p>
            {m.loadFailed}{" "}
            <button type="button" class="ds-button button button--quiet" data-variant="tertiary" data-size="sm" onClick={res.retry}>
              {t.retry}
            </button>
          </p>
        )
      ) : res.data.geometry ? (
        <>
          <Choropleth
            data={res.data}
            geometry={res.data.geometry}
            highlight={highlight}
            indicatorName={label}
            direction={info?.direction}
            title={title}
            attribution={res.data.attribution}
            lang={lang}
            t={t}
            m={m}
          />
          <details class="map-list">
            <summary>{m.showList}</summary>
            <ValuesTable data={res.data} caption={m.listCaption(label, res.data.periodLabel ?? String(res.data.period), title)} highlight={highlight} lang={lang} t={t} m={m} />
          </details>
        </>
      ) : (
        <>
          <p class="map-missing" data-map-missing="true">
            {m.noMap}
          </p>
          <ValuesTable data={res.data} caption={m.listCaption(label, res.data.periodLabel ?? String(res.data.period), title)} highlight={highlight} lang={lang} t={t} m={m} />
        </>
      )}
    </div>
  );
}
