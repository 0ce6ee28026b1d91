import type { ChildrenResponse, IndicatorInfo } from "../../../../worker/api/schemas.ts";
import { Choropleth } from "../../components/map/Choropleth.tsx";
import { mapText } from "../../components/map/text.ts";
import { ValuesTable } from "../../components/map/ValuesTable.tsx";
import { useApi } from "../../lib/api.ts";
import { useI18n, type Lang } from "../../lib/i18n.ts";
import { nationalMapPath } from "./Overview.tsx";
import { homeText } from "./text.ts";
import { useState } from "preact/hooks";

export interface NationalMapProps {
  indicator: string;
  name: string;
  direction: IndicatorInfo["direction"];
  lang: Lang;
}

/**
 * Every kommune of Norway coloured by one figure (loaded on demand with the map code and the map
 * components): three rows read on the server, cached by the edge like every map.
 */
export function NationalMap({ indicator, name, direction, lang }: NationalMapProps) {
  const { t } = useI18n();
  const h = homeText(lang);
  // The areas are out of the Tab order here, so the hint points to the list instead.
  const m = { ...mapText(lang), hint: homeText(lang).mapHint };
  const [listed, setListed] = useState(false);
  const res = useApi<ChildrenResponse>(nationalMapPath(indicator));
  if (res.state === "loading")
    return (
      <p class="loading" role="status">
        {h.mapLoading}
      </p>
    );
  if (res.state === "error" || !res.data.geometry)
    return (
      <p>
        {h.mapFailed}{" "}
        {res.state === "error" && (
          <button type="button" class="button button--quiet" onClick={res.retry}>
            {h.retry}
          </button>
        )}
      </p>
    );
  const period = res.data.periodLabel ?? String(res.data.period);
  return (
    <figure class="national-map" data-indicator={indicator} data-period={res.data.period}>
      <figcaption class="national-map-caption">{h.mapCaption(name, period)}</figcaption>
      {/* 357 areas: out of the Tab order; the list below gives every kommune as a link. */}
      <Choropleth data={res.data} geometry={res.data.geometry} highlight={null} indicatorName={name} direction={direction} title={h.overviewTitle} attribution={res.data.attribution} lang={lang} t={t} m={m} tabbable={false} progressive />
      {/* 357 rows: drawn when the list is first opened, not with the map. */}
      <details class="map-list" onToggle={(e) => e.currentTarget.open && setListed(true)}>
        <summary onClick={() => setListed(true)}>{m.showList}</summary>
        {listed && <ValuesTable data={res.data} caption={m.listCaption(name, period, h.overviewTitle)} highlight={null} lang={lang} t={t} m={m} />}
      </details>
    </figure>
  );
}
