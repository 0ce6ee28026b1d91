import type { Lang } from "../../lib/i18n.ts";
import { areaText } from "./text.ts";
import { themeAnchor } from "./ThemeGroups.tsx";
import type { Theme } from "./themes.ts";

/**
 * The page's parts as a short list of anchor links (only those the page has), the figures with
 * a link to each theme: on a phone a theme's link opens it (ThemeGroups listens for the hash).
 */
export function PageNav({ figures, themes, maps, children, lang }: { figures: boolean; themes: readonly Theme[]; maps: boolean; children: boolean; lang: Lang }) {
  const s = areaText(lang);
  const items = [
    { id: "status", label: s.navStatus, shown: true },
    { id: "figures", label: s.navFigures, shown: figures },
    { id: "maps-title", label: s.navMaps, shown: maps },
    { id: "children", label: s.navChildren, shown: children },
  ].filter((i) => i.shown);
  return (
    <nav class="page-nav" aria-label={s.onThisPage}>
      <ul>
        {items.map((i) => (
          <li key={i.id} class={i.id === "figures" && themes.length > 1 ? "page-nav-figures" : undefined}>
            <a href={`#${i.id}`}>{i.label}</a>
            {i.id === "figures" && themes.length > 1 && (
              <ul class="page-nav-themes">
                {themes.map((t) => (
                  <li key={t}>
                    <a href={`#${themeAnchor(t)}`}>{s.themes[t]}</a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
