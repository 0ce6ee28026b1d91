import { useId, useState } from "preact/hooks";
import type { AreaBody, IndicatorInfo } from "../../../../worker/api/schemas.ts";
import { indicatorName } from "../../components/card/names.ts";
import { ChildMap } from "../../components/map/ChildMap.tsx";
import { mapText, type MapText } from "../../components/map/text.ts";
import { areaName, type Dict, type Lang } from "../../lib/i18n.ts";

/**
 * The area's maps for one indicator (chosen here): the area among its siblings (its parent's
 * children, this one outlined) and, where it has any, its own children. Loaded on demand with
 * the map code, so the rest of the page never waits for it.
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
        <select class="ds-input" id={selectId} value={indicator} onChange={(e) => setIndicator(e.currentTarget.value)}>
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
            level={area.level}
            title={m.amongSiblings(name, m.levelsPlural[area.level as keyof MapText["levelsPlural"]], areaName(parent, t))}
          />
        )}
        {childLevel && childLevel !== "country" && (
          <ChildMap {...shared} parentCode={area.code} highlight={null} level={childLevel} title={m.children(m.levelsPlural[childLevel], name)} />
        )}
      </div>
    </section>
  );
}
