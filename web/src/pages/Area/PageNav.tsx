import type { Lang } from "../../lib/i18n.ts";
import { areaText } from "./text.ts";

/** The page's parts as a short list of anchor links (only those the page has). */
export function PageNav({ figures, maps, children, lang }: { figures: boolean; maps: boolean; children: boolean; lang: Lang }) {
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
          <li key={i.id}>
            <a href={`#${i.id}`}>{i.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
