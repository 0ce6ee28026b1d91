/**
 * The snippets a site pastes to embed an area card, built the same way by the embed builder page
 * and by the oEmbed endpoint.
 */
import { WIDGET_PARAMS } from "./protocol";

export type WidgetOptions = { code: string } & Partial<Record<(typeof WIDGET_PARAMS)[number], string>>;

export const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The area's page in the monitor, in the given language (Bokmål needs no parameter). */
export function areaPageUrl(origin: string, code: string, lang?: string): string {
  return `${origin}/omrade/${encodeURIComponent(code)}${lang && lang !== "nb" ? `?lang=${encodeURIComponent(lang)}` : ""}`;
}

/** The card's address. Commas stay readable in the indicator list; "#" of a colour is dropped. */
export function embedUrl(origin: string, o: WidgetOptions): string {
  const query = WIDGET_PARAMS.flatMap((name) => {
    const value = o[name]?.replace(/^#/, "");
    return value ? [`${name}=${encodeURIComponent(value).replace(/%2C/gi, ",")}`] : [];
  }).join("&");
  return `${origin}/embed/${encodeURIComponent(o.code)}${query ? `?${query}` : ""}`;
}

/**
 * A height that fits the card at about 600 px wide (two columns of trend cards), for a plain
 * iframe without embed.js. With embed.js on the page, the frame takes its card's exact height.
 */
export function estimateHeight(cards: number): number {
  return 140 + Math.ceil(Math.max(cards, 1) / 2) * 400;
}

/** A plain iframe: works where scripts are not allowed (many CMSs). */
export function iframeSnippet(
  origin: string,
  o: WidgetOptions,
  frame: { title: string; height: number; width?: number },
): string {
  const width = frame.width ? `width="${frame.width}" ` : "";
  const style = frame.width ? "border:0;max-width:100%" : "border:0;width:100%";
  return `<iframe src="${escapeAttr(embedUrl(origin, o))}" title="${escapeAttr(frame.title)}" ${width}height="${frame.height}" loading="lazy" style="${style}"></iframe>`;
}

/** A placeholder that embed.js replaces with the card; without scripts it stays a link. */
export function scriptSnippet(origin: string, o: WidgetOptions, linkText: string): string {
  const attrs = WIDGET_PARAMS.flatMap((name) => {
    const value = o[name];
    return value ? [` data-${name}="${escapeAttr(value)}"`] : [];
  }).join("");
  return `<div data-area-monitor="${escapeAttr(o.code)}"${attrs}><a href="${escapeAttr(areaPageUrl(origin, o.code, o.lang))}">${escapeAttr(linkText)}</a></div>\n<script src="${escapeAttr(`${origin}/embed.js`)}" async></script>`;
}
