import { useId, useState } from "preact/hooks";
import type { AreaBody, ChildrenResponse, IndicatorInfo } from "../../../../worker/api/schemas.ts";
import { indicatorName } from "../../components/card/names.ts";
import { Choropleth } from "../../components/map/Choropleth.tsx";
import { mapText, type MapText } from "../../components/map/text.ts";
import { ValuesTable } from "../../components/map/ValuesTable.tsx";
import { useApi } from "../../lib/api.ts";
import { areaName, type Dict, type Lang } from "../../lib/i18n.ts";

/**
 * The area's maps for one indicator (chosen here): the area among its siblings (its parent's
 * children, this one outlined) and, where it has any, its own children. Loaded on demand with
 * d3-geo, so the rest of the page never waits for it.
 */
export function Maps({
  body,
  name,
  byId,
  lang,
  t,
}: {
  body: AreaBody;
  name: string;
  byId: Map<string, IndicatorInfo>;
  lang: Lang;
  t: Dict;
}) {
  const m = mapText(lang);
  const selectId = useId();
  const { area, ancestors, children, cards } = body;
  const [indicator, setIndicator] = useState(cards[0]?.indicator ?? "");
  const parent = ancestors[ancestors.length - 1];
  const childLevel = children[0]?.level;
  if (!indicator || (!parent && !childLevel)) return null;

  const info = byId.get(indicator);
  const label = (id: string) => {
    const i = byId.get(id);
    return i ? indicatorName(i, lang) : id;
  };
  const shared = { indicator, info, label: label(indicator), lang, t, m };

  return (
    <section class="maps-section" aria-labelledby="maps-title">
      <h2 id="maps-title">{m.mapsTitle}</h2>
      <p class="map-picker">
        <label for={selectId}>{m.indicatorLabel}</label>
        <select id={selectId} value={indicator} onChange={(e) => setIndicator(e.currentTarget.value)}>
          {cards.map((c) => (
            <option key={c.indicator} value={c.indicator}>
              {label(c.indicator)}
            </option>
          ))}
        </select>
      </p>
      <div class="maps">
        {parent && area.level !== "country" && (
          <ChildMap
            {...shared}
            parentCode={parent.code}
            highlight={area.code}
            title={m.amongSiblings(name, m.levelsPlural[area.level as keyof MapText["levelsPlural"]], areaName(parent, t))}
          />
        )}
        {childLevel && childLevel !== "country" && (
          <ChildMap {...shared} parentCode={area.code} highlight={null} title={m.children(m.levelsPlural[childLevel], name)} />
        )}
      </div>
    </section>
  );
}

function ChildMap({
  parentCode,
  indicator,
  info,
  label,
  highlight,
  title,
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
  lang: Lang;
  t: Dict;
  m: MapText;
}) {
  const res = useApi<ChildrenResponse>(
    `/api/v1/areas/${encodeURIComponent(parentCode)}/children?indicator=${encodeURIComponent(indicator)}`,
  );
  return (
    <div class="map-block" data-parent={parentCode}>
      <h3>{title}</h3>
      {res.state === "loading" ? (
        <p class="loading" role="status">
          {t.loading}
        </p>
      ) : res.state === "error" ? (
        res.error.isNotFound ? (
          <p>{m.noValues}</p>
        ) : (
          <p>
            {m.loadFailed}{" "}
            <button type="button" class="button button--quiet" onClick={res.retry}>
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
            <ValuesTable data={res.data} caption={m.listCaption(label, res.data.period, title)} highlight={highlight} lang={lang} t={t} m={m} />
          </details>
        </>
      ) : (
        <>
          <p class="map-missing" data-map-missing="true">
            {m.noMap}
          </p>
          <ValuesTable data={res.data} caption={m.listCaption(label, res.data.period, title)} highlight={highlight} lang={lang} t={t} m={m} />
        </>
      )}
    </div>
  );
}
