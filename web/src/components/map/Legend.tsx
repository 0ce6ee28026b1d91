import type { Card, IndicatorInfo } from "../../../../worker/api/schemas.ts";
import { formatValue } from "../card/format.ts";
import type { Dict, Lang, Status } from "../../lib/i18n.ts";
import type { ColourClass } from "./scale.ts";
import type { MapText } from "./text.ts";

/**
 * The map's key, as text with swatches: one row per colour class with its range, one per kind of
 * missing value shown, and the outline of the area the page is about.
 */
export function Legend({
  title,
  classes,
  statuses,
  unit,
  direction,
  highlight,
  lang,
  t,
  m,
}: {
  title: string;
  classes: readonly ColourClass[];
  statuses: readonly Status[];
  unit: Card["unit"];
  direction: IndicatorInfo["direction"] | undefined;
  highlight: boolean;
  lang: Lang;
  t: Dict;
  m: MapText;
}) {
  const range = (c: ColourClass) =>
    c.min === c.max ? formatValue(c.min, unit, lang) : `${formatValue(c.min, unit, lang)} – ${formatValue(c.max, unit, lang)}`;
  return (
    <div class="map-legend">
      <p class="map-legend-title">{title}</p>
      <ul>
        {classes.map((c) => (
          <li key={c.colour}>
            <span class="swatch" style={{ background: c.colour }} aria-hidden="true" />
            {range(c)}
          </li>
        ))}
        {statuses.map((s) => (
          <li key={s}>
            <span class={`swatch swatch--status`} data-status={s} aria-hidden="true" />
            {t.status[s]}
          </li>
        ))}
        {highlight && (
          <li>
            <span class="swatch swatch--highlight" aria-hidden="true" />
            {m.thisArea}
          </li>
        )}
      </ul>
      <p class="map-legend-note">
        {m.legendScale} {direction ? m.direction[direction] : ""}
      </p>
    </div>
  );
}
