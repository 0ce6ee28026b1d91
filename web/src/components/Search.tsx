import type { TargetedKeyboardEvent } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { SearchResponse } from "../../../worker/api/schemas.ts";
import { searchAreas } from "../lib/api.ts";
import { areaHref, capitalise, useI18n } from "../lib/i18n.ts";
import { rememberSearch } from "../lib/recent.ts";
import { searchText } from "./search-text.ts";

export type SearchResult = SearchResponse["results"][number];

const DEBOUNCE_MS = 150;

/**
 * Area search as an ARIA 1.2 combobox with a listbox popup: typing searches after a short pause,
 * ArrowDown/ArrowUp move through the suggestions, Enter opens the highlighted one (or the first),
 * Escape closes the list (a second Escape clears the field). Focus stays in the input throughout.
 *
 * With `onPick` the chosen area is handed over instead of opened (the compare page picks areas
 * this way); `exclude` hides areas already picked.
 */
export function Search({
  variant = "large",
  onPick,
  label,
  exclude = [],
}: {
  variant?: "large" | "compact";
  onPick?: (result: SearchResult) => void;
  label?: string;
  exclude?: readonly string[];
}) {
  const { lang, t } = useI18n();
  const s = searchText(lang);
  const { route } = useLocation();
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;

  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SearchResult[]>([]);
  // The trimmed query the current `results` answer, so a stale list is never opened by Enter.
  const [answered, setAnswered] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<AbortController | null>(null);
  const openFirstWhenAnswered = useRef(false);

  const trimmed = query.trim();

  function cancelPending() {
    clearTimeout(timer.current);
    inflight.current?.abort();
    inflight.current = null;
  }

  function go(result: SearchResult) {
    cancelPending();
    openFirstWhenAnswered.current = false;
    setQuery("");
    setResults([]);
    setAnswered(null);
    setOpen(false);
    setActive(-1);
    if (onPick) return onPick(result);
    rememberSearch(result);
    route(areaHref(result.code, lang));
  }

  function run(q: string) {
    cancelPending();
    const controller = new AbortController();
    inflight.current = controller;
    searchAreas(q, controller.signal).then(
      (response) => {
        if (controller.signal.aborted) return;
        inflight.current = null;
        setFailed(false);
        setResults(response.results.filter((r) => !exclude.includes(r.code)));
        setAnswered(q);
        setActive(-1);
        if (openFirstWhenAnswered.current) {
          openFirstWhenAnswered.current = false;
          const first = response.results.find((r) => !exclude.includes(r.code));
          if (first) return go(first);
        }
        setOpen(true);
      },
      () => {
        if (controller.signal.aborted) return;
        inflight.current = null;
        openFirstWhenAnswered.current = false;
        setFailed(true);
        setResults([]);
        setAnswered(q);
        setActive(-1);
        setOpen(true);
      },
    );
  }

  useEffect(() => {
    if (!trimmed) {
      cancelPending();
      setResults([]);
      setAnswered(null);
      setFailed(false);
      setOpen(false);
      setActive(-1);
      return;
    }
    if (trimmed === answered) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => run(trimmed), DEBOUNCE_MS);
    return () => clearTimeout(timer.current);
  }, [trimmed]);

  useEffect(() => cancelPending, []);

  const fresh = answered === trimmed && trimmed !== "";
  // While the next answer is on its way the previous suggestions stay visible (no flicker
  // between keystrokes); what is highlighted is what Enter opens.
  const showList = open && trimmed !== "" && results.length > 0;
  const showMessage = open && fresh && (failed || results.length === 0);

  function onKeyDown(e: TargetedKeyboardEvent<HTMLInputElement>) {
    switch (e.key) {
      case "ArrowDown": {
        if (!trimmed || results.length === 0) return;
        e.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(0);
        } else setActive((i) => (i + 1) % results.length);
        return;
      }
      case "ArrowUp": {
        if (!trimmed || results.length === 0) return;
        e.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(results.length - 1);
        } else setActive((i) => (i <= 0 ? results.length - 1 : i - 1));
        return;
      }
      case "Enter": {
        e.preventDefault();
        if (!trimmed) return;
        const chosen = showList && active >= 0 ? results[active] : fresh ? results[0] : undefined;
        if (chosen) return go(chosen);
        if (!fresh) {
          // Typed faster than the debounce: search now and open the first hit.
          openFirstWhenAnswered.current = true;
          run(trimmed);
        }
        return;
      }
      case "Escape": {
        if (open) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          e.preventDefault();
          setQuery("");
        }
        return;
      }
      case "Home":
      case "End":
        // Move the caret, not the highlight (APG combobox pattern).
        setActive(-1);
        return;
    }
  }

  // Nothing found: say so, and why (addresses are not searched) with what to try instead.
  const noMatch = `${/^\d{4}$/.test(trimmed) ? s.noPostcode(trimmed) : s.noMatch(trimmed)} ${s.why(t.locateButton)}`;
  const status = !open || !fresh ? "" : failed ? t.searchFailed : results.length === 0 ? noMatch : t.searchCount(results.length);

  return (
    <form
      // A picker is a form field, not the site's search landmark.
      role={onPick ? undefined : "search"}
      class={`search search--${variant}`}
      onSubmit={(e) => e.preventDefault()}
    >
      <label for={inputId} class="ds-label search-label">
        {label ?? t.searchLabel}
      </label>
      <div class="search-field">
        <input
          id={inputId}
          class="ds-input"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
          aria-describedby={`${id}-hint`}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          enterKeyHint="go"
          placeholder={variant === "large" ? t.searchPlaceholder : (label ?? t.searchLabel)}
          value={query}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => trimmed && setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={label ?? t.searchLabel}
          class="search-list"
          hidden={!showList}
        >
          {showList &&
            results.map((r, i) => {
              const level = t.levels[r.level];
              // Same-named areas ("Sentrum") are told apart by their parent and their kommune.
              const detail = r.postcode
                ? s.postcode(r.postcode, r.name)
                : r.parentName && r.kommuneName && r.kommuneName !== r.parentName
                  ? s.within(level, r.parentName, r.kommuneName)
                  : r.parentName
                    ? t.levelIn(level, r.parentName)
                    : level;
              return (
                <li
                  key={r.code}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  class="search-option"
                  // Keep focus in the input so the click lands and the list stays open.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => go(r)}
                  onMouseMove={() => i !== active && setActive(i)}
                >
                  <span class="search-option-name">{r.name}</span>
                  <span class="search-option-detail">{capitalise(detail)}</span>
                </li>
              );
            })}
        </ul>
        {showMessage && (
          <p class="search-message" aria-hidden="true" data-no-match={failed ? undefined : ""}>
            {failed ? t.searchFailed : noMatch}
          </p>
        )}
      </div>
      <p id={`${id}-hint`} class="visually-hidden">
        {onPick ? t.pickInstructions : t.searchInstructions}
      </p>
      <div role="status" class="visually-hidden">
        {status}
      </div>
    </form>
  );
}
