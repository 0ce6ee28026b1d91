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
 * How the card lays out (worker/embed/styles.ts): trend cards of at least 15rem (240 px) in as
 * many columns as fit, .75rem (12 px) apart and from the edge. A row of cards is taller when the
 * columns are narrow (more lines wrap), so each column count has its own row height, measured on
 * real cards with room to spare (test/e2e/embed.test.ts checks the fit at common widths).
 */
const LAYOUT = { edge: 12, gap: 12, minCard: 240, head: 60 } as const;
const ROW_HEIGHT = [460, 470, 530] as const; // 1, 2, 3 or more columns

/** Columns the card's grid has in a frame `width` px wide. */
export function columnsAt(width: number): number {
  return Math.max(1, Math.floor((width - 2 * LAYOUT.edge + LAYOUT.gap) / (LAYOUT.minCard + LAYOUT.gap)));
}

const rowHeight = (columns: number) => ROW_HEIGHT[Math.min(columns, ROW_HEIGHT.length) - 1]!;

/** The frame height (px) that fits `cards` trend cards in a frame `width` px wide. */
export function frameHeight(cards: number, width: number): number {
  const n = Math.max(cards, 1);
  const columns = columnsAt(width);
  return LAYOUT.head + Math.ceil(n / columns) * rowHeight(columns);
}

/**
 * The same height as CSS, so a plain iframe fits at any width without a script: a sum of steps
 * at the widths where another column fits, each step a clamp() ramp 1/1000 px wide, on the
 * width of the iframe's wrapper (`cqw`, the wrapper being a size container). `maxWidth` caps the
 * width for a frame with a fixed width attribute.
 */
export function frameHeightCss(cards: number, maxWidth?: number): string {
  const width = maxWidth ? `min(100cqw, ${maxWidth}px)` : "100cqw";
  const n = Math.max(cards, 1);
  const terms = [`${frameHeight(n, 0)}px`];
  // Past n columns the rows stay, but the cards narrow (empty tracks still take room): taller rows.
  for (let columns = 2; columns <= Math.max(n, ROW_HEIGHT.length); columns++) {
    const at = columns * (LAYOUT.minCard + LAYOUT.gap) - LAYOUT.gap + 2 * LAYOUT.edge;
    if (maxWidth && at > maxWidth) break;
    const step = frameHeight(n, at) - frameHeight(n, at - 1);
    if (step === 0) continue;
    const ramp = `clamp(0px, (${width} - ${at - 1}px) * 1000, ${Math.abs(step)}px)`;
    terms.push(`${step < 0 ? "-" : "+"} ${ramp}`);
  }
  return terms.length === 1 ? terms[0]! : `calc(${terms.join(" ")})`;
}

/**
 * A plain iframe: works where scripts are not allowed (many CMSs). Its wrapper is a size
 * container, so the frame's height follows its width (see frameHeightCss); the height attribute
 * is the fallback for browsers without container units, sized for `fallbackWidth`.
 */
export function iframeSnippet(
  origin: string,
  o: WidgetOptions,
  frame: { title: string; cards: number; width?: number; maxHeight?: number; fallbackWidth?: number },
): string {
  const width = frame.width ? `width="${frame.width}" ` : "";
  const cap = frame.maxHeight ?? Infinity;
  const height = Math.min(cap, frameHeight(frame.cards, frame.width ?? frame.fallbackWidth ?? 600));
  const css = frameHeightCss(frame.cards, frame.width);
  const style = `display:block;border:0;${frame.width ? "max-width:100%" : "width:100%"};height:${Number.isFinite(cap) ? `min(${css}, ${cap}px)` : css}`;
  return `<div style="container-type:inline-size"><iframe src="${escapeAttr(embedUrl(origin, o))}" title="${escapeAttr(frame.title)}" ${width}height="${height}" loading="lazy" style="${style}"></iframe></div>`;
}

/** A placeholder that embed.js replaces with the card; without scripts it stays a link. */
export function scriptSnippet(origin: string, o: WidgetOptions, linkText: string): string {
  const attrs = WIDGET_PARAMS.flatMap((name) => {
    const value = o[name];
    return value ? [` data-${name}="${escapeAttr(value)}"`] : [];
  }).join("");
  return `<div data-area-monitor="${escapeAttr(o.code)}"${attrs}><a href="${escapeAttr(areaPageUrl(origin, o.code, o.lang))}">${escapeAttr(linkText)}</a></div>\n<script src="${escapeAttr(`${origin}/embed.js`)}" async></script>`;
}
