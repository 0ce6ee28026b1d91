import { renderToString } from "preact-render-to-string";
import type { Level } from "../../db/schema";
import { formatDate, formatValue } from "../../web/src/components/card/format";
import { areaDisplayName, indicatorName } from "../../web/src/components/card/names";
import { cardText, type CardLang } from "../../web/src/components/card/text";
import { escapeAttr } from "../../web/src/embed/snippets";
import { areaPagePrefetch } from "../../web/src/lib/prefetch-paths";
import type { Card } from "../api/schemas";
import { feedPath } from "../feeds/render";
import type { EmbedContent } from "./content";
import { embedText } from "./text";

/**
 * What the Worker adds to the web app's one static index.html for an area page: a title and
 * description naming the area and its key figures, Open Graph and Twitter tags (link previews),
 * the Atom feed's discovery link, and the cards' figures as plain HTML in a <noscript>, so a
 * visitor without JavaScript (and a crawler) reads the figures, while a JavaScript visitor never
 * sees it: no layout shift. For that visitor it preloads the page's code and first API reads. No inline script or style: the page's CSP stays as it is.
 */

/** Indicators named in the description after population, the first the area has a figure for. */
const HEADLINE = ["low_income_persistent", "employment_rate", "not_in_work_education", "immigrants", "crime_per_1000", "share_67plus", "share_0_17"];

const LOCALE: Record<CardLang, string> = { nb: "nb_NO", nn: "nn_NO", en: "en_GB" };

const TEXT = {
  nb: {
    residents: (v: string, p: string) => `${v} innbyggere (${p})`,
    about: "Levekår og befolkning over tid, med usikkerhet og utvikling.",
    aboutNone: "Levekår og befolkning i kommuner, bydeler og grunnkretser.",
    feedTitle: (name: string) => `${name}: nye tall og endringer (Atom)`,
    intro: (date: string | null) => `Tallene fra Områdemonitor${date ? `, oppdatert ${date}` : ""}. Kart, diagrammer og sammenligninger krever JavaScript.`,
    figure: "Tall",
    value: "Verdi",
    period: "Periode",
    interval: "95 % intervall",
    caption: (name: string) => `Siste tall for ${name}`,
    follow: "Følg med (Atom)",
  },
  nn: {
    residents: (v: string, p: string) => `${v} innbyggjarar (${p})`,
    about: "Levekår og folketal over tid, med uvisse og utvikling.",
    aboutNone: "Levekår og folketal i kommunar, bydelar og grunnkrinsar.",
    feedTitle: (name: string) => `${name}: nye tal og endringar (Atom)`,
    intro: (date: string | null) => `Tala frå Områdemonitor${date ? `, oppdaterte ${date}` : ""}. Kart, diagram og samanlikningar krev JavaScript.`,
    figure: "Tal",
    value: "Verdi",
    period: "Periode",
    interval: "95 % intervall",
    caption: (name: string) => `Siste tal for ${name}`,
    follow: "Følg med (Atom)",
  },
  en: {
    residents: (v: string, p: string) => `population ${v} (${p})`,
    about: "Living conditions and population over time, with uncertainty and trends.",
    aboutNone: "Living conditions and population in Norway's municipalities, districts and basic statistical units.",
    feedTitle: (name: string) => `${name}: new figures and changes (Atom)`,
    intro: (date: string | null) => `Figures from the Area monitor${date ? `, updated ${date}` : ""}. Maps, charts and comparisons need JavaScript.`,
    figure: "Figure",
    value: "Value",
    period: "Period",
    interval: "95% interval",
    caption: (name: string) => `Latest figures for ${name}`,
    follow: "Follow (Atom)",
  },
} satisfies Record<CardLang, unknown>;

const withLang = (url: string, lang: CardLang) => (lang === "nb" ? url : `${url}?lang=${lang}`);

export interface AreaHead {
  lang: CardLang;
  title: string;
  description: string;
  /** Tags appended to <head>, already escaped. */
  headHtml: string;
  /** The <noscript> with the figures, already escaped. */
  noscriptHtml: string;
  /** The site's name and the front page's address in the page's language, for the header drawn before the app (web/index.html). */
  brand: { text: string; href: string };
}

/** "Tromsø, kommune i Troms": the place, its level and where it lies. */
function placeOf(content: EmbedContent, lang: CardLang): string {
  const { area, ancestors, municipality } = content.body;
  const e = embedText(lang);
  const name = areaDisplayName(area, lang);
  if (area.level === "country") return name;
  const level = e.levels[area.level as Level];
  const parent = municipality && area.level !== "kommune" ? municipality.name : ancestors.filter((a) => a.level !== "country").at(-1)?.name;
  return parent ? `${name}, ${e.levelIn(level, parent)}` : `${name}, ${level}`;
}

const shown = (card: Card) => (card.latest && card.latest.value !== null ? card.latest : null);

export function areaHead(content: EmbedContent, { pageUrl, origin, lang }: { pageUrl: string; origin: string; lang: CardLang }): AreaHead {
  const t = TEXT[lang];
  const e = embedText(lang);
  const name = areaDisplayName(content.body.area, lang);
  const title = `${name} – ${e.siteName}`;
  const facts: string[] = [];
  const population = content.cards.find((c) => c.card.indicator === "population");
  const pop = population && shown(population.card);
  if (pop) facts.push(t.residents(formatValue(pop.value!, "count", lang), pop.periodLabel));
  const headline =
    HEADLINE.map((id) => content.cards.find((c) => c.card.indicator === id && shown(c.card))).find((c) => !!c) ??
    content.cards.find((c) => c.card.indicator !== "population" && shown(c.card));
  if (headline) {
    const p = shown(headline.card)!;
    facts.push(`${indicatorName(headline.info, lang)} ${formatValue(p.value!, headline.card.unit, lang)} (${p.periodLabel})`);
  }
  const description = facts.length > 0 ? `${placeOf(content, lang)}: ${facts.join("; ")}. ${t.about}` : `${placeOf(content, lang)}. ${t.aboutNone}`;
  const feedHref = withLang(`${origin}${feedPath({ kind: "area", code: content.body.area.code })}`, lang);
  const meta = (attr: "property" | "name", key: string, value: string) => `<meta ${attr}="${key}" content="${escapeAttr(value)}">`;
  const headHtml = [
    meta("name", "description", description),
    `<link rel="alternate" type="application/atom+xml" title="${escapeAttr(t.feedTitle(name))}" href="${escapeAttr(feedHref)}">`,
    meta("property", "og:title", title),
    meta("property", "og:description", description),
    meta("property", "og:url", pageUrl),
    meta("property", "og:type", "website"),
    meta("property", "og:locale", LOCALE[lang]),
    meta("property", "og:site_name", e.siteName),
    meta("name", "twitter:card", "summary"),
    meta("name", "twitter:title", title),
    meta("name", "twitter:description", description),
    // Same mode and credentials as the app's fetch (cors, same-origin), so the app's request takes these.
    ...areaPagePrefetch(content.body.area.code).map((path) => `<link rel="preload" as="fetch" crossorigin href="${escapeAttr(path)}">`),
  ].join("");
  const noscriptHtml = `<noscript>${renderToString(<NoScriptFigures content={content} lang={lang} feedHref={feedHref} />)}</noscript>`;
  return { lang, title, description, headHtml, noscriptHtml, brand: { text: e.siteName, href: withLang("/", lang) } };
}

/** The cards' figures as a plain table: value, period and interval, as the cards serve them. */
function NoScriptFigures({ content, lang, feedHref }: { content: EmbedContent; lang: CardLang; feedHref: string }) {
  const t = TEXT[lang];
  const e = embedText(lang);
  const c = cardText(lang);
  const { body, cards } = content;
  const name = areaDisplayName(body.area, lang);
  const updated = body.dataset?.dataUpdated ?? body.dataset?.figuresUpdated ?? null;
  return (
    <section class="noscript-figures" data-area={body.area.code}>
      <h1>{placeOf(content, lang)}</h1>
      {body.synthetic && (
        <p>
          <strong>{e.demoLead}</strong> {e.demoText}
        </p>
      )}
      <p>{t.intro(updated ? formatDate(updated, lang) : null)}</p>
      {cards.length === 0 ? (
        <p>{c.noFiguresAt[body.area.level]}</p>
      ) : (
        <table>
          <caption>{t.caption(name)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.figure}</th>
              <th scope="col">{t.value}</th>
              <th scope="col">{t.period}</th>
              <th scope="col">{t.interval}</th>
            </tr>
          </thead>
          <tbody>
            {cards.map(({ card, info }) => {
              const p = card.latest;
              return (
                <tr key={card.indicator} data-indicator={card.indicator}>
                  <th scope="row">{indicatorName(info, lang)}</th>
                  <td>{p && p.value !== null ? formatValue(p.value, card.unit, lang) : p?.status ? c.status[p.status] : c.noData}</td>
                  <td>{p?.periodLabel ?? ""}</td>
                  <td>{p && p.low !== undefined && p.high !== undefined ? `${formatValue(p.low, card.unit, lang)}–${formatValue(p.high, card.unit, lang)}` : "–"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p>
        <a href={feedHref} type="application/atom+xml">
          {t.follow}
        </a>
      </p>
    </section>
  );
}

/**
 * The app's index.html with the area's head and figures in place: the title and description
 * replaced, the tags appended to <head>, the figures right after #app, and <html lang> set to
 * the page's language, as is the brand of the header drawn before the app; the area page's code
 * and first API reads preloaded.
 */
export function withAreaHead(page: Response, head: AreaHead): Response {
  return new HTMLRewriter()
    .on("html", { element: (el) => void el.setAttribute("lang", head.lang) })
    .on("head > title", { element: (el) => void el.setInnerContent(head.title) })
    // Replaced rather than set in place: our own tag is escaped here, whatever the name holds.
    .on('head > meta[name="description"]', { element: (el) => void el.remove() })
    .on("head", { element: (el) => void el.append(head.headHtml, { html: true }) })
    // The area page's own code, listed inert in the shared file (web/vite.config.ts), made live here.
    .on("head > template#area-preload", { element: (el) => void el.removeAndKeepContent() })
    .on("#app", { element: (el) => void el.after(head.noscriptHtml, { html: true }) })
    .on("#app a.brand", {
      element: (el) => {
        el.setInnerContent(head.brand.text);
        el.setAttribute("href", head.brand.href);
      },
    })
    .transform(page);
}
