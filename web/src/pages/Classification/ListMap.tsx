import { useEffect, useId, useMemo, useState } from "preact/hooks";
import type { ChildrenResponse } from "../../../../worker/api/schemas.ts";
import { projectShapes } from "../../components/map/project.ts";
import { getJson } from "../../lib/api.ts";
import { areaHref, type Dict, type Lang } from "../../lib/i18n.ts";
import type { ListLevel } from "./rules.ts";
import { overviewText } from "./overview-text.ts";

type Feature = NonNullable<ChildrenResponse["geometry"]>["features"][number];
type Loaded = { state: "loading" } | { state: "error" } | { state: "ok"; features: Feature[] };

const WIDTH = 600;
const PAD = 8;

/**
 * The kommune's areas at the list's level, those on the list hatched and coloured, the others
 * plain; each listed area a link. The shapes come from the choropleth endpoint (one row per
 * parent): a kommune with bydeler has its grunnkretser under each bydel.
 */
export function ListMap({
  kommune,
  label,
  level,
  listed,
  lang,
  t,
}: {
  kommune: { code: string; name: string };
  label: string;
  level: ListLevel;
  listed: Set<string>;
  lang: Lang;
  t: Dict;
}) {
  const o = overviewText(lang);
  const id = useId();
  const loaded = useShapes(kommune.code, level);
  const drawn = useMemo(() => (loaded.state === "ok" && loaded.features.length > 0 ? draw(loaded.features) : null), [loaded]);
  const count = drawn ? drawn.shapes.filter((s) => listed.has(s.code)).length : 0;

  return (
    <div class="listmap" data-kommune={kommune.code} data-state={loaded.state}>
      <h3>{o.mapTitle(label)}</h3>
      {loaded.state === "loading" ? (
        <p class="loading" role="status">
          {t.loading}
        </p>
      ) : loaded.state === "error" ? (
        <p>{o.mapFailed}</p>
      ) : !drawn ? (
        <p class="map-missing">{o.mapNoShapes}</p>
      ) : (
        <>
          <svg class="listmap-svg" fill-rule="evenodd" viewBox={`0 0 ${WIDTH} ${drawn.height}`} role="group" aria-label={o.mapLabel(label, count, drawn.shapes.length)}>
            <defs>
              <pattern id={`${id}-listed`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#f6c28b" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#8a3b00" stroke-width="2.2" />
              </pattern>
            </defs>
            {drawn.shapes.map((s) =>
              listed.has(s.code) ? (
                <a key={s.code} href={areaHref(s.code, lang)} aria-label={`${s.name}: ${o.mapOnList}`} class="listmap-link">
                  <path d={s.d} fill={`url(#${id}-listed)`} class="listmap-area listmap-area--listed" data-code={s.code} data-listed="true" />
                </a>
              ) : (
                <path key={s.code} d={s.d} class="listmap-area" data-code={s.code} aria-hidden="true" />
              ),
            )}
          </svg>
          <ul class="listmap-legend">
            <li>
              <span class="swatch listmap-swatch--listed" aria-hidden="true" /> {o.mapLegendListed} ({count})
            </li>
            <li>
              <span class="swatch listmap-swatch--not" aria-hidden="true" /> {o.mapLegendNot} ({drawn.shapes.length - count})
            </li>
          </ul>
        </>
      )}
    </div>
  );
}

/** The shapes of the kommune's areas at `level`: its children, or its bydeler's children. */
function useShapes(kommune: string, level: ListLevel): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  useEffect(() => {
    const abort = new AbortController();
    const children = (code: string) => getJson<ChildrenResponse>(`/api/v1/areas/${encodeURIComponent(code)}/children?indicator=population`, abort.signal);
    (async () => {
      const top = await children(kommune);
      if (top.children[0]?.level === level || level !== "grunnkrets") return top.geometry?.features.filter((f) => top.children.some((ch) => ch.code === f.properties.code && ch.level === level)) ?? [];
      const bydeler = top.children.filter((ch) => ch.level === "bydel");
      const parts = await Promise.all(bydeler.map((b) => children(b.code).catch(() => null)));
      return parts.flatMap((p) => p?.geometry?.features ?? []);
    })().then(
      (features) => setLoaded({ state: "ok", features }),
      (e) => {
        if (!abort.signal.aborted) setLoaded({ state: "error" });
        return e;
      },
    );
    return () => abort.abort();
  }, [kommune, level]);
  return loaded;
}

function draw(features: Feature[]) {
  return projectShapes(features, WIDTH, PAD, 1.3);
}
