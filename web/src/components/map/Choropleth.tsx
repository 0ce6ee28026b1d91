import type { TargetedKeyboardEvent } from "preact";
import { useEffect, useId, useMemo, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { ChildrenResponse, IndicatorInfo } from "../../../../worker/api/schemas.ts";
import { areaHref, type Dict, type Lang, type Status } from "../../lib/i18n.ts";
import { Legend } from "./Legend.tsx";
import { projectShapes, projectShapesInSlices, type ProjectedMap } from "./project.ts";
import { classOf, colourClasses } from "./scale.ts";
import type { MapText } from "./text.ts";
import { valueText } from "./values.ts";

type Collection = NonNullable<ChildrenResponse["geometry"]>;
type Child = ChildrenResponse["children"][number];

const WIDTH = 600;
const PAD = 8;
/** Tall areas (Norway, Nordland) are drawn at most this much taller than wide. */
const MAX_ASPECT = 1.3;

/**
 * An SVG choropleth of one indicator over an area's children. Transverse Mercator centred on the
 * areas (as Norway's own UTM maps), fitted to the box; no tiles, no requests. Each area is a
 * focusable link (Tab, Enter) named with its value; suppressed areas are hatched, missing ones
 * grey, and the legend says so.
 */
export function Choropleth({
  data,
  geometry,
  highlight,
  indicatorName,
  direction,
  title,
  attribution,
  lang,
  t,
  m,
  tabbable = true,
  progressive = false,
}: {
  data: ChildrenResponse;
  geometry: Collection;
  highlight: string | null;
  indicatorName: string;
  direction: IndicatorInfo["direction"] | undefined;
  title: string;
  attribution: string | null;
  lang: Lang;
  t: Dict;
  m: MapText;
  /**
   * False: the areas stay links (click, screen readers) but out of the Tab order, for a map of
   * hundreds of areas whose list of values (with links) sits beside it.
   */
  tabbable?: boolean;
  /**
   * True for the national map: projected and drawn in slices between other work, a few dozen
   * areas at a time, so a slow phone never spends one long task on hundreds of outlines.
   */
  progressive?: boolean;
}) {
  const { route } = useLocation();
  const id = useId();
  const [pointed, setPointed] = useState<string | null>(null);
  const byCode = useMemo(() => new Map(data.children.map((c) => [c.code, c])), [data]);
  const classes = useMemo(() => colourClasses(data.children.map((c) => c.value)), [data]);

  const drawn = useProjected(geometry, progressive);
  const revealed = useRevealed(drawn?.shapes.length ?? 0, progressive);

  const statuses = useMemo(() => {
    const shown = new Set(
      (drawn?.shapes ?? []).map((s) => byCode.get(s.code)).map((c) => (!c ? ".." : c.value === null ? (c.status ?? "..") : null)),
    );
    return ([":", "..", "."] as const).filter((s) => shown.has(s));
  }, [drawn, byCode]);
  // The slot around a progressive map keeps its room meanwhile: nothing moves when it arrives.
  if (!drawn) return <div class="map" data-map-level={data.children[0]?.level} aria-busy="true" />;

  const fill = (child: Child | undefined): string => {
    if (!child || child.value === null) return `url(#${id}-${statusKey(child?.status ?? "..")})`;
    return classOf(child.value, classes)?.colour ?? `url(#${id}-missing)`;
  };
  const label = (code: string, name: string) => {
    const child = byCode.get(code);
    const value = child ? valueText(child, data.unit, lang, t) : t.status[".."];
    return `${name}: ${value}${code === highlight ? ` (${m.thisAreaLabel})` : ""}`;
  };
  const open = (code: string) => route(areaHref(code, lang));
  // One listener of each kind on the group, not six on each of a few hundred areas: the area is
  // read from the event's target (focus and pointer events that bubble: focusin, mouseover).
  const codeOf = (e: Event) => (e.target instanceof SVGPathElement ? (e.target.dataset.code ?? null) : null);
  const onKey = (e: TargetedKeyboardEvent<SVGGElement>) => {
    const code = codeOf(e);
    if (code && e.key === "Enter") {
      e.preventDefault();
      open(code);
    }
  };

  const highlighted = drawn.shapes.find((s) => s.code === highlight);
  const shown = drawn.shapes.find((s) => s.code === pointed) ?? highlighted;

  return (
    <div class="map" data-map-level={data.children[0]?.level} data-drawn={revealed >= drawn.shapes.length ? "" : undefined} aria-busy={revealed < drawn.shapes.length ? "true" : undefined}>
      <svg
        class="map-svg"
        viewBox={`0 0 ${WIDTH} ${drawn.height}`}
        role="group"
        aria-label={m.mapLabel(indicatorName, data.periodLabel ?? String(data.period), title)}
      >
        <defs>
          <pattern id={`${id}-suppressed`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#f2f2f2" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" stroke-width="2" />
          </pattern>
          <pattern id={`${id}-missing`} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill="#e0e0e0" />
            <circle cx="3" cy="3" r="1.1" fill="#6b6b6b" />
          </pattern>
          <pattern id={`${id}-na`} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill="#e0e0e0" />
          </pattern>
        </defs>
        <g
          class="map-areas"
          fill-rule="evenodd"
          onClick={(e) => {
            const code = codeOf(e);
            if (code) open(code);
          }}
          onKeyDown={onKey}
          onFocusIn={(e) => setPointed(codeOf(e))}
          onFocusOut={() => setPointed(null)}
          onMouseOver={(e) => setPointed(codeOf(e))}
          onMouseLeave={() => setPointed(null)}
        >
          {drawn.shapes.slice(0, revealed).map((s) => {
            const child = byCode.get(s.code);
            return (
              <path
                key={s.code}
                d={s.d}
                fill={fill(child)}
                class="map-area"
                data-code={s.code}
                data-status={child?.value === null ? (child.status ?? "..") : undefined}
                tabindex={tabbable ? 0 : -1}
                role="link"
                aria-label={label(s.code, s.name)}
                aria-current={s.code === highlight ? "page" : undefined}
              />
            );
          })}
        </g>
        {/* Outlines drawn on top of every area: the page's own area, and the one pointed at. */}
        {highlighted && <path class="map-highlight" d={highlighted.d} aria-hidden="true" />}
        {pointed && pointed !== highlight && shown && <path class="map-pointed" d={shown.d} aria-hidden="true" />}
      </svg>
      {/* Sighted readers see the focused or hovered area's value; screen readers hear its name. */}
      <p class="map-readout" aria-hidden="true" data-hint={shown ? undefined : ""}>
        {shown ? label(shown.code, shown.name) : m.hint}
      </p>
      <Legend
        title={m.legendTitle(indicatorName, data.periodLabel ?? String(data.period))}
        classes={classes}
        statuses={statuses}
        unit={data.unit}
        direction={direction}
        highlight={!!highlighted}
        lang={lang}
        t={t}
        m={m}
      />
      {attribution && (
        <p class="map-attribution">
          {m.attribution} {attribution}
        </p>
      )}
    </div>
  );
}

/** Tab order follows reading order: north to south in bands, west to east within a band. */
const inReadingOrder = ({ height, shapes }: ProjectedMap): ProjectedMap => ({
  height,
  shapes: shapes.sort((a, b) => Math.round(a.centroid[1] / 60) - Math.round(b.centroid[1] / 60) || a.centroid[0] - b.centroid[0]),
});

/**
 * The areas projected into the box: at once, or (progressive) in slices, keeping the last map
 * drawn while a new figure's shapes are projected, so changing the figure does not blank it.
 */
function useProjected(geometry: Collection, progressive: boolean): ProjectedMap | null {
  const now = useMemo(() => (progressive ? null : inReadingOrder(projectShapes(geometry.features, WIDTH, PAD, MAX_ASPECT))), [geometry, progressive]);
  const [later, setLater] = useState<ProjectedMap | null>(null);
  useEffect(() => {
    if (!progressive) return;
    let current = true;
    void projectShapesInSlices(geometry.features, WIDTH, PAD, MAX_ASPECT).then((map) => current && setLater(inReadingOrder(map)));
    return () => {
      current = false;
    };
  }, [geometry, progressive]);
  return now ?? later;
}

/** How many areas are drawn: all, or (progressive) a slice more in each task until all are. */
function useRevealed(total: number, progressive: boolean, slice = 60): number {
  const [count, setCount] = useState(progressive ? 0 : Infinity);
  useEffect(() => {
    if (count >= total) return;
    const next = setTimeout(() => setCount(count + slice), 0);
    return () => clearTimeout(next);
  }, [count, total]);
  return count;
}

function statusKey(status: Status): "suppressed" | "missing" | "na" {
  return status === ":" ? "suppressed" : status === "." ? "na" : "missing";
}
