import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { mapText } from "../../components/map/text.ts";
import type { Lang } from "../../lib/i18n.ts";
import { COLLAPSIBLE, usePrinting } from "./ThemeGroups.tsx";

/**
 * The maps' place on the page. On a phone the maps (their code, their data, drawing them) wait
 * until the reader scrolls near them, or the page prints: they sit screens below the first one and
 * were a good part of the page's start-up work. The heading is there from the start, so the
 * in-page link to the maps has its target. Wider screens draw them at once, as before. Until the
 * maps' code has arrived (`load`) the slot keeps its place and a hidden `.loading` marker, so the
 * page does not look complete (to a reader's tools or the browser tests) before the maps can draw.
 */
export function MapsSlot({ lang, load, children }: { lang: Lang; load: () => Promise<unknown>; children: ComponentChildren }) {
  const box = useRef<HTMLElement>(null);
  const [near, setNear] = useState(() => typeof matchMedia !== "function" || !matchMedia(COLLAPSIBLE).matches || !("IntersectionObserver" in window));
  const printing = usePrinting();
  const [loaded, setLoaded] = useState(false);
  const wanted = near || printing;
  useEffect(() => {
    if (wanted && !loaded) void load().then(() => setLoaded(true));
  }, [wanted, loaded]);
  useEffect(() => {
    const el = box.current;
    if (near || !el) return;
    const seen = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: "800px 0px" });
    seen.observe(el);
    return () => seen.disconnect();
  }, [near]);
  if (wanted && loaded) return <>{children}</>;
  return (
    <section ref={box} class="maps-section maps-section--pending" aria-labelledby="maps-title">
      <h2 id="maps-title">{mapText(lang).mapsTitle}</h2>
      {wanted && <div class="loading" aria-hidden="true" />}
    </section>
  );
}
