import { useId, useMemo, useState } from "preact/hooks";
import type { IndicatorInfo } from "../../../../worker/api/schemas.ts";
import { indicatorName } from "../../components/card/names.ts";
import { ChildMap } from "../../components/map/ChildMap.tsx";
import { mapText } from "../../components/map/text.ts";
import type { Dict, Lang } from "../../lib/i18n.ts";
import type { UnitLevel } from "./text.ts";

/** Coarse to fine; an indicator exists for a level when its finest level is at least as fine. */
const DEPTH = { country: 0, fylke: 1, kommune: 2, bydel: 3, grunnkrets: 4 } as const;

/**
 * The parent's sub-areas on a map, for an indicator the reader chooses; it opens on the share
 * the grouping measures, so the map shows where the group lives. Loaded with the map code, on demand.
 */
export function SubAreaMap({
  code,
  name,
  childLevel,
  initial,
  indicators,
  lang,
  t,
}: {
  code: string;
  name: string;
  childLevel: UnitLevel;
  initial: string;
  indicators: IndicatorInfo[];
  lang: Lang;
  t: Dict;
}) {
  const m = mapText(lang);
  const selectId = useId();
  const available = useMemo(() => indicators.filter((i) => DEPTH[i.finestLevel] >= DEPTH[childLevel]), [indicators, childLevel]);
  const [indicator, setIndicator] = useState(available.some((i) => i.id === initial) ? initial : (available[0]?.id ?? initial));
  const info = available.find((i) => i.id === indicator);
  const label = info ? indicatorName(info, lang) : indicator;
  const title = m.children(m.levelsPlural[childLevel], name);

  return (
    <section class="maps-section" aria-labelledby="submap-title">
      <h2 id="submap-title">{m.mapsTitle}</h2>
      {available.length > 1 && (
        <p class="map-picker">
          <label for={selectId}>{m.indicatorLabel}</label>
          <select class="ds-input" id={selectId} value={indicator} onChange={(e) => setIndicator(e.currentTarget.value)}>
            {available.map((i) => (
              <option key={i.id} value={i.id}>
                {indicatorName(i, lang)}
              </option>
            ))}
          </select>
        </p>
      )}
      <div class="maps maps--single">
        <ChildMap parentCode={code} indicator={indicator} info={info} label={label} highlight={null} title={title} lang={lang} t={t} m={m} />
      </div>
    </section>
  );
}
