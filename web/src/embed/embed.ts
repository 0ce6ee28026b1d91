import { FONT_SIZE, PING_MESSAGE, SIZE_MESSAGE, WIDGET_PARAMS } from "./protocol";

/**
 * embed.js: turns every `<div data-area-monitor="0301" data-indicators="…">` on a host page into
 * a lazily loaded iframe showing the monitor's card, and keeps each iframe (also plain
 * `<iframe src="…/embed/…">` snippets) as tall as its card.
 *
 * A height message is obeyed only if it comes from the monitor's origin (taken from this
 * script's own `src`), from that iframe's window, and names that iframe's widget id (the `#id`
 * of its src; the card reads it from its own location). Built into worker/embed/script.generated.ts
 * by scripts/build-embed.ts; keep it tiny (≤ 3 KB gzip) and free of dependencies.
 */

const TITLES: Record<string, string> = {
  nb: "Områdemonitor: tall for område",
  nn: "Områdemonitor: tal for område",
  en: "Area monitor: figures for area",
};
const MAX_HEIGHT = 10_000;

const script = document.currentScript as HTMLScriptElement | null;
if (script && script.src) {
  const origin = new URL(script.src).origin;
  const frames = new Set<HTMLIFrameElement>();
  // Frames whose title we chose: the card's own title (the area's name) is better. A title the
  // host page wrote stays.
  const untitled = new Set<HTMLIFrameElement>();
  let count = 0;

  const widgetId = (frame: HTMLIFrameElement) => new URL(frame.src).hash.slice(1);

  const mount = (host: HTMLElement) => {
    host.setAttribute("data-area-monitor-mounted", "");
    const code = host.dataset.areaMonitor ?? "";
    const query = new URLSearchParams();
    for (const name of WIDGET_PARAMS) {
      const value = host.dataset[name];
      if (value) query.set(name, value);
    }
    const size = Math.round(parseFloat(getComputedStyle(host).fontSize));
    if (size >= FONT_SIZE.min && size <= FONT_SIZE.max) query.set(FONT_SIZE.param, String(size));
    count += 1;
    const frame = document.createElement("iframe");
    frame.src = `${origin}/embed/${encodeURIComponent(code)}?${query}#w${count}-${Math.random().toString(36).slice(2, 8)}`;
    frame.title = host.dataset.title || `${TITLES[host.dataset.lang ?? ""] ?? TITLES.nb} ${code}`;
    if (!host.dataset.title) untitled.add(frame);
    frame.loading = "lazy";
    frame.style.cssText = "display:block;width:100%;height:24em;border:0";
    frames.add(frame);
    host.replaceChildren(frame);
  };

  // Asks a card to report again. Only once its document is the monitor's: a message to a frame
  // still showing about:blank (another origin) would be dropped with a console error.
  const ping = (frame: HTMLIFrameElement) => frame.contentWindow?.postMessage({ type: PING_MESSAGE }, origin);

  const scan = () => {
    document.querySelectorAll<HTMLElement>("[data-area-monitor]:not([data-area-monitor-mounted])").forEach(mount);
    document.querySelectorAll<HTMLIFrameElement>(`iframe[src^="${origin}/embed/"]`).forEach((frame) => {
      if (frames.has(frame)) return;
      frames.add(frame);
      // A card that loaded before this script ran reported its height to nobody: ask again. The
      // browser lists a frame's document among the page's resources once it has loaded.
      frame.addEventListener("load", () => ping(frame));
      const url = frame.src.split("#")[0];
      if (performance.getEntriesByType("resource").some((e) => e.name.split("#")[0] === url)) ping(frame);
    });
  };

  addEventListener("message", (event) => {
    const data = event.data as { type?: unknown; id?: unknown; height?: unknown; title?: unknown } | null;
    if (event.origin !== origin || !data || data.type !== SIZE_MESSAGE || typeof data.height !== "number") return;
    frames.forEach((frame) => {
      if (frame.contentWindow !== event.source || widgetId(frame) !== data.id) return;
      frame.style.height = `${Math.min(Math.max(Math.ceil(data.height as number), 0), MAX_HEIGHT)}px`;
      if (untitled.has(frame) && typeof data.title === "string" && data.title) frame.title = data.title.slice(0, 200);
    });
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
}
