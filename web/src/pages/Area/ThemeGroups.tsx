import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Card, IndicatorInfo } from "../../../../worker/api/schemas.ts";
import { formatValue } from "../../components/card/format.ts";
import { indicatorName } from "../../components/card/names.ts";
import type { Lang } from "../../lib/i18n.ts";
import { areaText } from "./text.ts";
import { useStages } from "./stages.ts";
import { byTheme, type Theme } from "./themes.ts";
import "./themes.css";

/** Where a theme is collapsible: a phone, where every theme open made a kommune ~22,000 px tall. */
export const COLLAPSIBLE = "(max-width: 40em)";

/** Cards a phone shows of the first theme until asked for all (Oslo's population theme has 15). */
const FIRST_CARDS = 4;

/** Cards drawn per frame while the page fills in (see useStages): one card is a short task. */
const CARDS_PER_FRAME = 1;

/** The id of a theme's heading: the target of the in-page navigation's theme links. */
export const themeAnchor = (theme: Theme) => `theme-${theme}`;

const themeOfHash = (hash: string, themes: readonly Theme[]): Theme | undefined => themes.find((t) => hash === `#${themeAnchor(t)}`);

/**
 * The area's cards under theme headings. On a phone the first theme is open with its first few
 * cards and a button for the rest, and the others are disclosure buttons naming the theme's first
 * figure and how many it has; a closed theme's cards
 * are not drawn until it opens (a kommune's ~40 cards were most of the page's script and layout
 * work). A link to a theme (#theme-income) opens it; printing opens and draws every theme.
 * Wider screens show every theme open, as before.
 */
export function ThemeGroups({
  cards,
  byId,
  lang,
  renderCard,
  onFilled,
}: {
  cards: Card[];
  byId: Map<string, IndicatorInfo>;
  lang: Lang;
  renderCard: (card: Card) => ComponentChildren;
  /** Once every card shown is drawn (the page puts what follows the cards after them, so nothing moves). */
  onFilled: () => void;
}) {
  const s = areaText(lang);
  const groups = byTheme(cards, (c) => c.indicator);
  const themes = groups.map((g) => g.theme);
  // A lone theme has nothing to fold away from.
  const [collapsible] = useState(() => themes.length > 1 && typeof matchMedia === "function" && matchMedia(COLLAPSIBLE).matches);
  const [open, setOpen] = useState<ReadonlySet<Theme>>(() => {
    const linked = themeOfHash(location.hash, themes);
    return new Set(collapsible ? [themes[0]!, ...(linked ? [linked] : [])] : themes);
  });
  // Themes shown with every card: all but the phone's first until its reader asks for the rest.
  const [full, setFull] = useState<ReadonlySet<Theme>>(() => new Set(collapsible ? themes.slice(1) : themes));
  const printing = usePrinting();
  const partialOf = (theme: Theme, items: Card[]) => !full.has(theme) && !printing && items.length > FIRST_CARDS + 1;
  const shownIn = (theme: Theme, items: Card[]) => (open.has(theme) || printing ? (partialOf(theme, items) ? items.slice(0, FIRST_CARDS) : items) : []);
  const toDraw = groups.reduce((n, g) => n + shownIn(g.theme, g.items).length, 0);
  // A few cards per frame as the page fills in (the parent gives each area a fresh instance).
  const frames = useStages(Math.max(1, Math.ceil(toDraw / CARDS_PER_FRAME)), printing);
  let budget = frames * CARDS_PER_FRAME;
  const filled = budget >= toDraw;
  useEffect(() => {
    if (filled) onFilled();
  }, [filled]);
  // "Show all" goes away once pressed: focus moves to the first card it brought, not to the page.
  const [focusAfter, setFocusAfter] = useState<Theme | null>(null);
  useEffect(() => {
    if (!focusAfter) return;
    const next = document.querySelector<HTMLElement>(`#theme-body-${focusAfter} > :nth-child(${FIRST_CARDS + 1})`);
    next?.setAttribute("tabindex", "-1");
    next?.focus();
    setFocusAfter(null);
  }, [focusAfter]);
  const openTheme = (theme: Theme) => {
    setOpen((was) => (was.has(theme) ? was : new Set([...was, theme])));
    setFull((was) => (was.has(theme) ? was : new Set([...was, theme])));
  };

  // A link to a closed theme opens it (the browser has already scrolled to its heading); a click
  // counts too, for a link to the address already shown.
  useEffect(() => {
    const onHash = () => {
      const theme = themeOfHash(location.hash, themes);
      if (theme) openTheme(theme);
    };
    const onClick = (e: MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest("a[href^='#']") : null;
      const theme = link && themeOfHash(link.getAttribute("href") ?? "", themes);
      if (theme) openTheme(theme);
    };
    window.addEventListener("hashchange", onHash);
    document.addEventListener("click", onClick);
    return () => {
      window.removeEventListener("hashchange", onHash);
      document.removeEventListener("click", onClick);
    };
  }, [themes.join(" ")]);

  return (
    <>
      {groups.map(({ theme, items }) => {
        const isOpen = open.has(theme);
        const bodyId = `theme-body-${theme}`;
        const partial = partialOf(theme, items);
        const drawn = shownIn(theme, items).slice(0, Math.max(0, budget));
        budget -= drawn.length;
        const first = items[0]!;
        const info = byId.get(first.indicator);
        const headline =
          first.latest?.value != null ? `${info ? indicatorName(info, lang) : first.indicator} ${formatValue(first.latest.value, info?.unit ?? first.unit, lang)}` : null;
        return (
          <section class="theme-group" key={theme} data-theme={theme} data-open={isOpen ? "true" : "false"} aria-labelledby={themeAnchor(theme)}>
            <h3 id={themeAnchor(theme)} class="theme-title">
              {collapsible ? (
                <button
                  type="button"
                  class="theme-toggle"
                  aria-expanded={isOpen}
                  aria-controls={bodyId}
                  onClick={() => {
                    if (!isOpen) return openTheme(theme);
                    setOpen((was) => new Set([...was].filter((t) => t !== theme)));
                  }}
                >
                  <span class="theme-name">{s.themes[theme]}</span>
                  {!isOpen && (
                    <span class="theme-summary">
                      {headline && `${headline} · `}
                      {s.themeFigures(items.length)}
                    </span>
                  )}
                </button>
              ) : (
                s.themes[theme]
              )}
            </h3>
            <div class="cards" id={bodyId} hidden={!isOpen && !printing}>
              {drawn.map(renderCard)}
            </div>
            {partial && isOpen && (
              <p class="theme-more">
                <button
                  type="button"
                  class="ds-button"
                  data-variant="secondary"
                  onClick={() => {
                    openTheme(theme);
                    setFocusAfter(theme);
                  }}
                >
                  {s.themeShowAll(items.length, s.themes[theme])}
                </button>
              </p>
            )}
          </section>
        );
      })}
    </>
  );
}

/**
 * True while the page prints (the print dialog's `beforeprint`, or print media emulated), so
 * every theme is drawn on paper. Preact renders before the browser lays out the printed page.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => typeof matchMedia === "function" && matchMedia("print").matches);
  useEffect(() => {
    const media = matchMedia("print");
    const onMedia = () => setPrinting(media.matches);
    const before = () => setPrinting(true);
    media.addEventListener("change", onMedia);
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", onMedia);
    return () => {
      media.removeEventListener("change", onMedia);
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", onMedia);
    };
  }, []);
  return printing;
}
