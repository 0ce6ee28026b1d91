import type { CardLang } from "../../web/src/components/card/text";
import { formatValue } from "../../web/src/components/card/format";
import { atomDocument, tagUri, type AtomEntry } from "./atom";
import type { FeedEntry } from "./entries";
import { areaLabel, directionWords, figureText, nameIn, someNames, TEXT } from "./text";

/** Which feed is rendered: an area's, a kommune's (all its areas) or a rule set's list. */
export type FeedScope =
  | { kind: "area"; code: string; name: string }
  | { kind: "kommune"; code: string; name: string }
  | { kind: "list"; ruleSet: string; name: string };

/** Paths of the feeds (what the discovery links and the web app point to). */
export const feedPath = (scope: Pick<FeedScope, "kind"> & { code?: string; ruleSet?: string }): string =>
  scope.kind === "area" ? `/feeds/omrade/${encodeURIComponent(scope.code!)}.atom` : scope.kind === "kommune" ? `/feeds/kommune/${encodeURIComponent(scope.code!)}.atom` : `/feeds/levekar/${encodeURIComponent(scope.ruleSet!)}.atom`;

const withLang = (url: string, lang: CardLang) => (lang === "nb" ? url : `${url}${url.includes("?") ? "&" : "?"}lang=${lang}`);

/** How many entries a feed carries: the newest. */
export const FEED_LIMIT = 50;

export interface RenderOptions {
  origin: string;
  lang: CardLang;
  /** When the feed last changed if it has no entries: the live snapshot's publication. */
  fallbackUpdated: string;
}

export function renderFeed(scope: FeedScope, entries: FeedEntry[], { origin, lang, fallbackUpdated }: RenderOptions): string {
  const t = TEXT[lang];
  const host = new URL(origin).host;
  const self = withLang(`${origin}${feedPath(scope)}`, lang);
  const page =
    scope.kind === "list" ? withLang(`${origin}/levekar?ruleset=${encodeURIComponent(scope.ruleSet)}`, lang) : withLang(`${origin}/omrade/${encodeURIComponent(scope.code)}`, lang);
  const [title, subtitle] =
    scope.kind === "area"
      ? [t.feedArea(scope.name), t.feedAreaAbout(scope.name)]
      : scope.kind === "kommune"
        ? [t.feedKommune(scope.name), t.feedKommuneAbout(scope.name)]
        : [t.feedList(scope.name), t.feedListAbout(scope.name)];
  const rendered = entries.map((e) => renderEntry(e, { origin, host, lang }));
  return atomDocument({
    // The feed's own address (in its language) identifies it: stable, and unique per language.
    id: self,
    title,
    subtitle,
    lang: lang === "en" ? "en" : lang === "nn" ? "nn-NO" : "nb-NO",
    updated: rendered[0]?.updated ?? fallbackUpdated,
    links: [
      { rel: "self", href: self, type: "application/atom+xml" },
      { rel: "alternate", href: page, type: "text/html" },
    ],
    author: t.siteName,
    entries: rendered,
  });
}

function renderEntry(e: FeedEntry, { origin, host, lang }: { origin: string; host: string; lang: CardLang }): AtomEntry {
  const t = TEXT[lang];
  const base = { id: tagUri(host, e.key), updated: e.publishedAt, published: e.publishedAt, category: e.kind };
  const areaPage = (code: string) => withLang(`${origin}/omrade/${encodeURIComponent(code)}`, lang);
  const listPage = (ruleSet: string, period: number) => withLang(`${origin}/levekar?ruleset=${encodeURIComponent(ruleSet)}&year=${period}`, lang);
  switch (e.kind) {
    case "figures": {
      const { area, figures, subAreas } = e.body;
      const label = areaLabel(area, lang);
      const own = figures.map((f) => `${nameIn(f.names, lang)} ${f.periodLabel}`);
      const theirs = subAreas?.periods.map((p) => `${nameIn(p.names, lang)} ${p.periodLabel}`) ?? [];
      const what = someNames(own.length > 0 ? own : theirs, own.length > 0 ? own.length : theirs.length, lang, 4);
      const parts = figures.map((f) => `${figureText(f, lang)}.`);
      if (subAreas) parts.push(t.figuresSubAreas(subAreas.count, someNames(theirs, theirs.length, lang, 8)));
      return { ...base, title: t.figuresTitle(label, what), link: areaPage(area.code), summary: parts.join(" ") };
    }
    case "trend": {
      const { area, trends } = e.body;
      const label = areaLabel(area, lang);
      const name = nameIn(area.names, lang);
      const first = trends[0]!;
      const summary = trends
        .map((x) => t.trendText(nameIn(x.names, lang), name, formatValue(x.from.value, x.unit, lang), x.from.periodLabel, formatValue(x.to.value, x.unit, lang), x.to.periodLabel, x.trend === "rising") + directionWords(x, lang))
        .join(" ");
      const title = t.trendTitle(label, trends.length === 1 ? nameIn(first.names, lang) : someNames(trends.map((x) => nameIn(x.names, lang)), trends.length, lang, 3), first.trend === "rising");
      return { ...base, title, link: areaPage(area.code), summary };
    }
    case "entered":
    case "left": {
      const { area, ruleSet, period, compared } = e.body;
      const label = areaLabel(area, lang);
      const rs = nameIn(ruleSet.name, lang);
      const entered = e.kind === "entered";
      return {
        ...base,
        title: entered ? t.enteredTitle(label, period, rs) : t.leftTitle(label, period, rs),
        link: areaPage(area.code),
        summary: t.membershipText(label, entered, period, rs, compared.revised, compared.since),
      };
    }
    case "list_change": {
      const b = e.body;
      const rs = nameIn(b.ruleSet.name, lang);
      const parts = [t.listCompared(b.compared.revised, b.compared.since)];
      if (b.enteredCount > 0) parts.push(t.listEntered(someNames(b.entered.map((a) => areaLabel(a, lang)), b.enteredCount, lang)));
      if (b.leftCount > 0) parts.push(t.listLeft(someNames(b.left.map((a) => areaLabel(a, lang)), b.leftCount, lang)));
      return { ...base, title: t.listTitle(b.period, rs, b.enteredCount, b.leftCount), link: listPage(b.ruleSet.id, b.period), summary: parts.join(" ") };
    }
    case "edition": {
      const b = e.body;
      const rs = nameIn(b.ruleSet.name, lang);
      const name = b.edition.title ? nameIn(b.edition.title, lang) : t.editionName(rs, b.period);
      const parts = [t.editionText(rs, b.period, b.areaCount)];
      if (b.kommune) parts.push(t.editionKommune(nameIn(b.kommune, lang), someNames(b.areas.map((a) => areaLabel(a, lang)), b.areas.length, lang), b.areas.length));
      const url = /^https?:\/\//.test(b.edition.url) ? b.edition.url : `${origin}${b.edition.url.startsWith("/") ? "" : "/"}${b.edition.url}`;
      return { ...base, title: t.editionTitle(name), link: withLang(url, lang), summary: parts.join(" ") };
    }
  }
}
