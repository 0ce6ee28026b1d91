import type { ComponentType } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { OverviewResponse } from "../../../../worker/api/schemas.ts";
import { formatDate, formatDelta, formatValue } from "../../components/card/format.ts";
import { prefetch, useApi } from "../../lib/api.ts";
import { areaHref, type Lang } from "../../lib/i18n.ts";
import { homeText, nameIn, type HomeText } from "./text.ts";
import type { NationalMapProps } from "./NationalMap.tsx";
import "./overview.css";

type Indicator = OverviewResponse["indicators"][number];

/*
 * The national overview beside search: a map of every kommune for a chosen key figure (loaded
 * only when its reserved box nears the screen, so the front page's own JavaScript stays small and
 * nothing moves when it arrives), and what the latest data changed. Everything but the map comes
 * from one small cached response, /api/v1/overview.
 */
export type OverviewResource = ReturnType<typeof useApi<OverviewResponse>>;

/** The national map's figures and shapes for one indicator. */
export const nationalMapPath = (indicator: string) => `/api/v1/areas/0/children?indicator=${encodeURIComponent(indicator)}&level=kommune`;

/** The overview the home page's sections share: one request. */
export const useOverview = (): OverviewResource => useApi<OverviewResponse>("/api/v1/overview");

export function NationalMapSection({ res, lang }: { res: OverviewResource; lang: Lang }) {
  const h = homeText(lang);
  const [chosen, setChosen] = useState<string | null>(null);
  const groupName = useId();
  const indicators = res.data?.indicators ?? [];
  const figure = indicators.find((i) => i.id === chosen) ?? indicators[0];
  return (
    <section class="home-overview" aria-labelledby="overview-title" data-overview={res.state}>
      <h2 id="overview-title">{h.overviewTitle}</h2>
      {indicators.length > 0 ? (
        // Radio buttons rather than a select: a few figures, each with its year, all visible.
        <fieldset class="overview-figure">
          <legend>{h.figureLabel}</legend>
          {indicators.map((i) => (
            <label key={i.id} class="overview-choice">
              <input type="radio" name={groupName} value={i.id} checked={i.id === figure?.id} onChange={() => setChosen(i.id)} />{" "}
              {nameIn(i.name, lang)} ({i.periodLabel})
            </label>
          ))}
        </fieldset>
      ) : (
        // Keeps the choices' room while the overview loads, so the map box does not move.
        <div class="overview-figure overview-figure--pending" aria-hidden="true" />
      )}
      <MapSlot figure={figure} lang={lang} h={h} failed={res.state === "error"} />
    </section>
  );
}

/** The map's reserved box: the map code and its data are fetched once the box is near the screen. */
function MapSlot({ figure, lang, h, failed }: { figure: Indicator | undefined; lang: Lang; h: HomeText; failed: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  const [Map, setMap] = useState<ComponentType<NationalMapProps> | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || near) return;
    if (!("IntersectionObserver" in window)) return setNear(true);
    const seen = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: "300px" });
    seen.observe(el);
    return () => seen.disconnect();
  }, [near]);
  useEffect(() => {
    if (!near || Map) return;
    void import("./NationalMap.tsx").then((m) => setMap(() => m.NationalMap));
  }, [near]);
  // The first figure's map data, fetched while the map's code loads (same path as NationalMap's).
  useEffect(() => {
    if (near && !Map && figure) prefetch(nationalMapPath(figure.id));
  }, [near, figure?.id]);
  return (
    <div ref={box} class="national-map-slot" data-loaded={Map && figure ? "true" : undefined}>
      {failed ? (
        <p>{h.overviewMissing}</p>
      ) : Map && figure ? (
        <Map indicator={figure.id} name={nameIn(figure.name, lang)} direction={figure.direction} lang={lang} />
      ) : near ? (
        <p class="loading" role="status">
          {h.mapLoading}
        </p>
      ) : null}
    </div>
  );
}

/** What the latest data changed, with the snapshot's dates (nothing while it loads: it sits where its arrival moves nothing). */
export function WhatChanged({ res, lang }: { res: OverviewResource; lang: Lang }) {
  const h = homeText(lang);
  if (res.state !== "ok") return null;
  const o = res.data;
  const byId = new Map(o.indicators.map((i) => [i.id, i]));
  const changes = o.changes.filter((c) => c.kommuner.length > 0);
  return (
    <section class="what-changed" aria-labelledby="changed-title">
      <h2 id="changed-title">{h.changedTitle}</h2>
      {o.dataset && (
        <p class="what-changed-dates">
          {h.figuresUpdated(formatDate(o.dataset.figuresUpdated, lang))} {o.dataset.dataUpdated && h.dataImported(formatDate(o.dataset.dataUpdated, lang))}
        </p>
      )}
      {o.comparedWithPrevious ? (
        o.newPeriods.length > 0 ? (
          <>
            <p>{h.newPeriods}</p>
            <ul class="what-changed-periods" data-new-periods="">
              {o.newPeriods.map((p) => (
                <li key={p.id}>
                  {nameIn(p.name, lang)}: {p.periodLabel}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{h.noNewPeriods}</p>
        )
      ) : (
        <>
          <p>{h.newestPeriods}</p>
          <ul class="what-changed-periods">
            {o.indicators.map((i) => (
              <li key={i.id}>
                {nameIn(i.name, lang)}: {i.periodLabel}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{h.changesTitle}</h3>
      <p class="what-changed-note">{h.changesNote}</p>
      {changes.length === 0 ? (
        <p>{h.noChanges}</p>
      ) : (
        <div class="what-changed-lists">
          {changes.map((c) => {
            const info = byId.get(c.indicator);
            const first = c.kommuner[0]!;
            return (
              <div key={c.indicator} class="what-changed-figure" data-indicator={c.indicator}>
                <h4>{h.changesOf(info ? nameIn(info.name, lang) : c.indicator, first.from.periodLabel, first.to.periodLabel)}</h4>
                <ul>
                  {c.kommuner.map((k) => (
                    <li key={k.code} data-code={k.code}>
                      <a href={areaHref(k.code, lang)}>{k.name}</a>: {formatValue(k.from.value, c.unit, lang)} → {formatValue(k.to.value, c.unit, lang)} ({formatDelta(k.delta, c.unit, lang)})
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
