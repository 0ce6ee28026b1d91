/**
 * What the embed's parts must agree on: the card (rendered by the Worker), embed.js (on the host
 * page) and the builder page. All import these, so they cannot drift apart.
 */

/** The card reports its height (and title) to the host page. */
export const SIZE_MESSAGE = "area-monitor:size";
/** The host page asks a card that loaded before embed.js ran to report again. */
export const PING_MESSAGE = "area-monitor:ping";

/** The `data-*` attributes of a widget `<div>` that become query parameters of the card. */
export const WIDGET_PARAMS = ["indicators", "lang", "theme", "accent", "bg", "fg"] as const;

/** The host's font size travels as `size` (px), so the card's rem units follow the host page. */
export const FONT_SIZE = { param: "size", min: 10, max: 32 } as const;

/** At most this many indicators in one card: it stays a card, not a report. */
export const MAX_INDICATORS = 6;
/** Indicators shown when the embed names none: the area's first ones. */
export const DEFAULT_CARD_COUNT = 3;

export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** The accent colour (links, chart lines) of each theme, unless the `accent` parameter sets one. */
export const DEFAULT_ACCENT: Record<Theme, string> = { light: "#1d5a87", dark: "#8cc4f0" };
