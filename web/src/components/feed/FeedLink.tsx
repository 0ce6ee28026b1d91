import { API_BASE } from "../../lib/api.ts";
import type { Lang } from "../../lib/i18n.ts";
import { feedText } from "./text.ts";
import "./feed-link.css";

/** The area's Atom feed (served by the Worker), in the reader's language. */
export function areaFeedUrl(origin: string, code: string, lang: Lang): string {
  return `${origin}/feeds/omrade/${encodeURIComponent(code)}.atom${lang === "nb" ? "" : `?lang=${lang}`}`;
}

/** A small visible "Følg med (Atom)" link under an area's heading. */
export function FeedLink({ code, name, lang }: { code: string; name: string; lang: Lang }) {
  const t = feedText(lang);
  return (
    <p class="feed-link">
      <a href={areaFeedUrl(API_BASE, code, lang)} type="application/atom+xml" data-feed={code}>
        {t.follow}
      </a>{" "}
      <span class="hint">{t.hint(name)}</span>
    </p>
  );
}

/** The feed's address to copy, for the widget builder. */
export function FeedUrl({ code, name, lang }: { code: string; name: string; lang: Lang }) {
  const t = feedText(lang);
  const url = areaFeedUrl(API_BASE || location.origin, code, lang);
  return (
    <div class="feed-url">
      <label for="feed-url">{t.builderLabel(name)}</label>
      <input id="feed-url" type="url" readOnly value={url} />
      <p class="hint">{t.builderHint}</p>
    </div>
  );
}
