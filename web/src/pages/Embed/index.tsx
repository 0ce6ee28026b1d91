import { useEffect, useId, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { AreaBody, IndicatorsResponse, SearchResponse } from "../../../../worker/api/schemas.ts";
import { areaDisplayName, indicatorName } from "../../components/card/names";
import { CARD_LANGS, type CardLang } from "../../components/card/text";
import { DEFAULT_ACCENT, DEFAULT_CARD_COUNT, MAX_INDICATORS, SIZE_MESSAGE, THEMES, type Theme } from "../../embed/protocol";
import { embedUrl, iframeSnippet, scriptSnippet, type WidgetOptions } from "../../embed/snippets";
import { API_BASE, searchAreas, useApi } from "../../lib/api.ts";
import { useDocumentTitle } from "../../lib/dom.ts";
import { capitalise, useI18n } from "../../lib/i18n.ts";
import { FeedUrl } from "../../components/feed/FeedLink.tsx";
import { builderText } from "./text.ts";
import "./embed-builder.css";

const SEARCH_DEBOUNCE_MS = 200;
/** The preview's widget id: the card reports its height with it, as it does to embed.js. */
const PREVIEW_ID = "preview";

/**
 * The embed builder: pick an area, indicators, language and theme; see the card live; copy the
 * script or iframe snippet. Everything is a plain form control, so it works with keyboard and
 * screen reader, and the choice of area also travels in the URL (`?area=0301`).
 */
export function Embed() {
  const { lang, t: site } = useI18n();
  const t = builderText(lang);
  const { query } = useLocation();
  useDocumentTitle(`${t.title} – ${site.siteName}`);

  const [area, setArea] = useState<{ code: string; name: string | null }>({ code: query.area ?? "", name: null });
  const [indicators, setIndicators] = useState<string[]>([]);
  const [cardLang, setCardLang] = useState<CardLang>(lang);
  const [theme, setTheme] = useState<Theme>("light");
  const [accent, setAccent] = useState<string | null>(null);
  const list = useApi<IndicatorsResponse>("/api/v1/indicators");

  const options: WidgetOptions = {
    code: area.code,
    ...(indicators.length > 0 && { indicators: indicators.join(",") }),
    ...(cardLang !== "nb" && { lang: cardLang }),
    ...(theme !== "light" && { theme }),
    ...(accent && { accent }),
  };

  return (
    <div class="embed-builder">
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>

      <div class="embed-builder-grid">
        <form class="embed-builder-form" onSubmit={(e) => e.preventDefault()}>
          <AreaPicker area={area} onPick={setArea} />

          <fieldset>
            <legend>{t.indicatorsLegend(MAX_INDICATORS)}</legend>
            <p class="hint">{t.indicatorsHint}</p>
            {list.state === "error" && <p role="alert">{t.indicatorsFailed}</p>}
            <ul class="embed-builder-checks">
              {list.data?.indicators.map((info) => {
                const checked = indicators.includes(info.id);
                return (
                  <li key={info.id}>
                    <label>
                      <input
                        type="checkbox"
                        name="indicator"
                        value={info.id}
                        checked={checked}
                        disabled={!checked && indicators.length >= MAX_INDICATORS}
                        onChange={() => setIndicators((ids) => (checked ? ids.filter((id) => id !== info.id) : [...ids, info.id]))}
                      />{" "}
                      {indicatorName(info, lang)}
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>

          <fieldset>
            <legend>{t.langLegend}</legend>
            {CARD_LANGS.map((l) => (
              <label key={l} class="embed-builder-choice">
                <input type="radio" name="card-lang" value={l} checked={cardLang === l} onChange={() => setCardLang(l)} />{" "}
                <span lang={l}>{t.langs[l]}</span>
              </label>
            ))}
          </fieldset>

          <fieldset>
            <legend>{t.themeLegend}</legend>
            {THEMES.map((th) => (
              <label key={th} class="embed-builder-choice">
                <input type="radio" name="theme" value={th} checked={theme === th} onChange={() => setTheme(th)} /> {t.themes[th]}
              </label>
            ))}
            <p class="embed-builder-accent">
              <label>
                {t.accent} <input type="color" value={accent ?? DEFAULT_ACCENT[theme]} onChange={(e) => setAccent(e.currentTarget.value)} />
              </label>{" "}
              {accent && (
                <button type="button" class="ds-button button button--quiet" data-variant="tertiary" data-size="sm" onClick={() => setAccent(null)}>
                  {t.accentReset}
                </button>
              )}
            </p>
          </fieldset>
        </form>

        <section class="embed-builder-output" aria-labelledby="embed-preview-title">
          <h2 id="embed-preview-title">{t.preview}</h2>
          {area.code ? <Output options={options} cardLang={cardLang} cards={indicators.length || DEFAULT_CARD_COUNT} /> : <p class="hint">{t.areaNone}</p>}
          <p class="hint">{t.oembed}</p>
        </section>
      </div>
    </div>
  );
}

/** Preview and snippets of the chosen area; an unknown code says so instead. */
function Output({ options, cardLang, cards }: { options: WidgetOptions; cardLang: CardLang; cards: number }) {
  const { lang } = useI18n();
  const t = builderText(lang);
  const area = useApi<AreaBody>(`/api/v1/areas/${encodeURIComponent(options.code)}`);
  if (area.state === "error") return <p role="alert">{t.areaUnknown(options.code)}</p>;
  const name = area.state === "ok" ? areaDisplayName(area.data.area, cardLang) : options.code;
  const origin = API_BASE || location.origin;
  return (
    <>
      <Preview src={embedUrl(origin, options)} origin={origin} title={t.previewTitle(name)} />
      <h2>{t.snippetsTitle}</h2>
      {/* The snippets' own words (fallback link, frame title) are in the card's language, not the page's. */}
      <Snippet label={t.scriptLabel} copyLabel={t.copyScript} code={scriptSnippet(origin, options, builderText(cardLang).linkText(name))} ready={area.state === "ok"} />
      <Snippet
        label={t.iframeLabel}
        copyLabel={t.copyIframe}
        code={iframeSnippet(origin, options, { title: builderText(cardLang).frameTitle(name), cards })}
        ready={area.state === "ok"}
      />
      {area.state === "ok" && <FeedUrl code={options.code} name={name} lang={cardLang} />}
    </>
  );
}

/** Search by name or code; the results are buttons, and the choice is announced. */
function AreaPicker({ area, onPick }: { area: { code: string; name: string | null }; onPick: (area: { code: string; name: string }) => void }) {
  const { lang, t: site } = useI18n();
  const t = builderText(lang);
  const id = useId();
  const [q, setQ] = useState("");
  const [results, setResults] = useState<SearchResponse["results"] | null>(null);

  useEffect(() => {
    const trimmed = q.trim();
    if (!trimmed) return setResults(null);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchAreas(trimmed, controller.signal, 8).then(
        (r) => setResults(r.results),
        () => !controller.signal.aborted && setResults([]),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  return (
    <fieldset>
      <legend>{t.areaLegend}</legend>
      <label for={`${id}-q`}>{t.areaSearch}</label>
      <input id={`${id}-q`} class="ds-input embed-builder-input" type="search" autocomplete="off" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      {results &&
        (results.length === 0 ? (
          <p class="hint">{t.areaNoResults}</p>
        ) : (
          <ul class="embed-builder-results" aria-label={t.areaResults}>
            {results.map((r) => (
              <li key={r.code}>
                <button type="button" aria-pressed={r.code === area.code} onClick={() => onPick({ code: r.code, name: r.name })}>
                  {r.name}{" "}
                  <span class="hint">
                    {capitalise(r.parentName ? site.levelIn(site.levels[r.level], r.parentName) : site.levels[r.level])} · {r.code}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ))}
      <p role="status" class="embed-builder-chosen">
        {area.code ? t.areaChosen(area.name, area.code) : t.areaNone}
      </p>
    </fieldset>
  );
}

/** The card in an iframe, as tall as the card says it is (the same message embed.js obeys). */
function Preview({ src, origin, title }: { src: string; origin: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number | null>(null);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const data = e.data as { type?: unknown; id?: unknown; height?: unknown } | null;
      if (e.origin !== origin || e.source !== frame.current?.contentWindow || data?.type !== SIZE_MESSAGE || data.id !== PREVIEW_ID) return;
      if (typeof data.height === "number") setHeight(Math.ceil(data.height));
    };
    addEventListener("message", onMessage);
    return () => removeEventListener("message", onMessage);
  }, [origin]);
  return <iframe ref={frame} class="embed-builder-preview" src={`${src}#${PREVIEW_ID}`} title={title} style={height ? { height: `${height}px` } : undefined} />;
}

function Snippet({ label, copyLabel, code, ready }: { label: string; copyLabel: string; code: string; ready: boolean }) {
  const { lang } = useI18n();
  const t = builderText(lang);
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState("");
  useEffect(() => setStatus(""), [code]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setStatus(t.copied);
    } catch {
      area.current?.select();
      setStatus(t.copyFailed);
    }
  }

  return (
    <div class="embed-builder-snippet">
      <label for={id}>{label}</label>
      <textarea class="ds-input" id={id} ref={area} readOnly rows={4} value={code} spellcheck={false} />
      <p>
        <button type="button" class="ds-button button" onClick={copy} disabled={!ready}>
          {copyLabel}
        </button>{" "}
        <span role="status">{status}</span>
      </p>
    </div>
  );
}
