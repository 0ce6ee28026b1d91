import { useRef, useState } from "preact/hooks";
import { areaHref, capitalise, useI18n } from "../../lib/i18n.ts";
import { clearRecentSearches, recentSearches } from "../../lib/recent.ts";

/** The last areas opened from the search, kept in this browser only; clearable. */
export function Recent() {
  const { lang, t } = useI18n();
  const [list, setList] = useState(recentSearches);
  const [cleared, setCleared] = useState(false);
  const message = useRef<HTMLParagraphElement>(null);

  if (list.length === 0 && !cleared) return null;
  return (
    <section class="recent" aria-labelledby="recent-title">
      <h2 id="recent-title">{t.recentTitle}</h2>
      {cleared ? (
        <p ref={message} tabIndex={-1} role="status">
          {t.recentCleared}
        </p>
      ) : (
        <>
          <ul class="recent-list">
            {list.map((r) => {
              const level = t.levels[r.level];
              return (
                <li key={r.code}>
                  <a href={areaHref(r.code, lang)}>{r.name}</a>{" "}
                  <span class="recent-detail">{capitalise(r.parentName ? t.levelIn(level, r.parentName) : level)}</span>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            class="ds-button button button--quiet" data-variant="tertiary" data-size="sm"
            onClick={() => {
              clearRecentSearches();
              setList([]);
              setCleared(true);
              // The button is gone: keep focus nearby, on the confirmation.
              requestAnimationFrame(() => message.current?.focus());
            }}
          >
            {t.recentClear}
          </button>
        </>
      )}
    </section>
  );
}
