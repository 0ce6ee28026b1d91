import { useLocation } from "preact-iso";
import type { AreaRef, Point, Trend } from "../../../worker/api/schemas.ts";

/**
 * Languages of the interface. Bokmål is the default; the choice travels in the URL as
 * `?lang=en` (or `?lang=nb`) and is remembered in localStorage, so a link without `lang` opens in
 * the language the reader chose last. Nynorsk (and Sami) can be added as another dictionary.
 */
export const LANGS = ["nb", "en"] as const;
export type Lang = (typeof LANGS)[number];
export type Level = AreaRef["level"];
export type Status = NonNullable<Point["status"]>;

const STORAGE_KEY = "areamonitor.lang";

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

export function storedLang(): Lang | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : null;
  } catch {
    return null; // storage blocked (private mode, sandboxed iframe)
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not fatal: the URL still carries the language
  }
}

/** The current language: `?lang=` in the URL, else the remembered choice, else Bokmål. */
export function useLang(): Lang {
  const { query } = useLocation();
  return resolveLang(query.lang);
}

export function resolveLang(fromUrl: string | undefined): Lang {
  if (isLang(fromUrl)) return fromUrl;
  return storedLang() ?? "nb";
}

/** An internal link in the given language. Bokmål links stay clean unless English was remembered. */
export function href(path: string, lang: Lang): string {
  if (lang === "nb" && storedLang() !== "en") return path;
  return `${path}?lang=${lang}`;
}

export function areaHref(code: string, lang: Lang): string {
  return href(`/omrade/${encodeURIComponent(code)}`, lang);
}

/** The same page (path and other query parameters kept) in another language. */
export function switchLangHref(path: string, query: Record<string, string>, lang: Lang): string {
  const params = new URLSearchParams(query);
  params.set("lang", lang);
  return `${path}?${params.toString()}`;
}

const nb = {
  siteName: "Områdemonitor",
  skipToContent: "Hopp til innholdet",
  switchTo: "English",
  switchToLang: "en" as Lang,
  switchLabel: "Switch to English",
  footer:
    "Tall om områder, ikke om enkeltpersoner. Kilder: Statistisk sentralbyrå (SSB) og NAV.",

  // Home
  homeTitle: "Hvordan er levekårene der du bor?",
  homeLead:
    "Områdemonitor viser tall om befolkning, inntekt, arbeid, bolig og utdanning for kommuner, bydeler og grunnkretser i Norge, og hvordan tallene har endret seg de siste årene.",
  examples: "Eksempler:",
  aboutTitle: "Om tallene",
  about: [
    "Tallene kommer fra Statistisk sentralbyrå (SSB) og NAV, og oppdateres når de publiseres.",
    "Små områder har få innbyggere, så tallene kan svinge mye fra år til år. Vi kaller noe en endring bare når den er større enn usikkerheten.",
    "Når et tall bygger på for få personer, blir det skjermet for å verne personvernet. Skjermet betyr ikke null.",
    "Tallene beskriver områder, ikke personene som bor der.",
  ],

  // Search
  searchLabel: "Søk etter område",
  searchPlaceholder: "F.eks. Tromsø, Grünerløkka eller Bergen",
  searchSubmit: "Søk",
  searchNoResults: "Ingen områder passer søket.",
  searchFailed: "Søket feilet. Sjekk nettforbindelsen og prøv igjen.",
  searchCount: (n: number) => (n === 1 ? "1 treff" : `${n} treff`),
  searchInstructions: "Bruk pil opp og ned for å velge, Enter for å åpne.",

  // Levels
  levels: {
    country: "land",
    fylke: "fylke",
    kommune: "kommune",
    bydel: "bydel",
    grunnkrets: "grunnkrets",
  } satisfies Record<Level, string>,
  levelIn: (level: string, parent: string) => `${level} i ${parent}`,
  norway: "Norge",

  // Area page
  loading: "Henter tall …",
  notFoundTitle: "Fant ikke området",
  notFoundText: (code: string) =>
    `Vi finner ikke noe område med koden «${code}». Koden kan være skrevet feil, eller området kan ha fått ny kode. Prøv å søke etter navnet.`,
  networkErrorTitle: "Kunne ikke hente tallene",
  networkErrorText: "Vi fikk ikke kontakt med tjenesten. Sjekk nettforbindelsen og prøv igjen.",
  serverErrorTitle: "Noe gikk galt",
  serverErrorText: "Tjenesten svarte med en feil. Prøv igjen om litt.",
  retry: "Prøv igjen",
  breadcrumb: "Brødsmulesti",
  demoBannerLead: "Demodata:",
  demoBannerText: "tallene er syntetiske, ikke ekte statistikk.",
  replacedBy: "Denne koden er ikke lenger i bruk. Den ble erstattet av",
  replacedOn: (date: string) => `fra ${date}`,
  retired: (date: string) => `Denne koden ble avviklet ${date}.`,
  and: "og",
  otherNames: "Også kjent som",
  cardsTitle: "Levekår og befolkning",
  noCards: "Det finnes ingen tall for dette området ennå.",
  childrenTitle: (name: string) => `Områder i ${name}`,

  // Cards
  noData: "Ingen tall",
  status: {
    ":": "Skjermet (for få personer)",
    "..": "Mangler",
    ".": "Ikke relevant",
  } satisfies Record<Status, string>,
  statusExplain: {
    ":": "Tallet vises ikke fordi det bygger på så få personer at de kunne blitt gjenkjent.",
    "..": "Det finnes ikke noe tall for denne perioden.",
    ".": "Tallet gir ikke mening for dette området.",
  } satisfies Record<Status, string>,
  trend: {
    rising: "stigende",
    falling: "synkende",
    stable: "ingen klar endring",
    unknown: "ukjent utvikling",
  } satisfies Record<Trend, string>,
  trendLabel: "Utvikling:",
  change: (from: number, to: number) => `Endring ${from}–${to}:`,
  municipality: (name: string) => `Kommunen (${name})`,
  compareTitle: "Sammenlignet med",
  source: "Kilde:",
  table: "tabell",
  aboutFigure: "Om tallet",
  chartSummary: (first: string, firstPeriod: number, last: string, lastPeriod: number) =>
    `Utvikling ${firstPeriod}–${lastPeriod}: fra ${first} i ${firstPeriod} til ${last} i ${lastPeriod}.`,
  chartSingle: (value: string, period: number) => `Bare ett tall: ${value} i ${period}.`,
  chartGaps: (n: number) => (n === 1 ? " Ett år uten tall." : ` ${n} år uten tall.`),
  chartNone: "Ingen tidsserie å vise.",

  // Units
  percentagePoints: "prosentpoeng",
  per1000: "per 1000",
  years: "år",
  nok: "NOK",

  notFoundPage: "Siden finnes ikke",
  notFoundPageText: "Adressen peker ikke til noen side her. Søk etter et område, eller gå til forsiden.",
  toFrontPage: "Til forsiden",
};

export type Dict = typeof nb;

const en: Dict = {
  siteName: "Area monitor",
  skipToContent: "Skip to content",
  switchTo: "Norsk",
  switchToLang: "nb",
  switchLabel: "Bytt til norsk (bokmål)",
  footer:
    "Figures about areas, not about individuals. Sources: Statistics Norway (SSB) and NAV.",

  homeTitle: "What are living conditions like where you live?",
  homeLead:
    "Area monitor shows figures on population, income, work, housing and education for municipalities, city districts and basic statistical units in Norway, and how they have changed in recent years.",
  examples: "Examples:",
  aboutTitle: "About the figures",
  about: [
    "The figures come from Statistics Norway (SSB) and NAV and are updated when they are published.",
    "Small areas have few residents, so their figures can vary a lot from year to year. We only call something a change when it is larger than the uncertainty.",
    "When a figure is based on too few people, it is suppressed to protect their privacy. Suppressed does not mean zero.",
    "The figures describe areas, not the people who live there.",
  ],

  searchLabel: "Search for an area",
  searchPlaceholder: "E.g. Tromsø, Grünerløkka or Bergen",
  searchSubmit: "Search",
  searchNoResults: "No areas match your search.",
  searchFailed: "The search failed. Check your connection and try again.",
  searchCount: (n: number) => (n === 1 ? "1 result" : `${n} results`),
  searchInstructions: "Use the up and down arrows to choose, Enter to open.",

  levels: {
    country: "country",
    fylke: "county",
    kommune: "municipality",
    bydel: "city district",
    grunnkrets: "basic statistical unit",
  },
  levelIn: (level: string, parent: string) => `${level} in ${parent}`,
  norway: "Norway",

  loading: "Loading figures …",
  notFoundTitle: "Area not found",
  notFoundText: (code: string) =>
    `We cannot find an area with the code “${code}”. The code may be mistyped, or the area may have a new code. Try searching for its name.`,
  networkErrorTitle: "Could not load the figures",
  networkErrorText: "We could not reach the service. Check your connection and try again.",
  serverErrorTitle: "Something went wrong",
  serverErrorText: "The service answered with an error. Please try again shortly.",
  retry: "Try again",
  breadcrumb: "Breadcrumb",
  demoBannerLead: "Demo data:",
  demoBannerText: "the numbers are synthetic, not real statistics.",
  replacedBy: "This code is no longer in use. It was replaced by",
  replacedOn: (date: string) => `from ${date}`,
  retired: (date: string) => `This code was retired on ${date}.`,
  and: "and",
  otherNames: "Also known as",
  cardsTitle: "Living conditions and population",
  noCards: "There are no figures for this area yet.",
  childrenTitle: (name: string) => `Areas in ${name}`,

  noData: "No figures",
  status: {
    ":": "Suppressed (too few people)",
    "..": "Missing",
    ".": "Not applicable",
  },
  statusExplain: {
    ":": "The figure is not shown because it is based on so few people that they could be identified.",
    "..": "There is no figure for this period.",
    ".": "The figure does not apply to this area.",
  },
  trend: {
    rising: "rising",
    falling: "falling",
    stable: "no clear change",
    unknown: "unknown trend",
  },
  trendLabel: "Trend:",
  change: (from: number, to: number) => `Change ${from}–${to}:`,
  municipality: (name: string) => `Municipality (${name})`,
  compareTitle: "Compared with",
  source: "Source:",
  table: "table",
  aboutFigure: "About this figure",
  chartSummary: (first: string, firstPeriod: number, last: string, lastPeriod: number) =>
    `Trend ${firstPeriod}–${lastPeriod}: from ${first} in ${firstPeriod} to ${last} in ${lastPeriod}.`,
  chartSingle: (value: string, period: number) => `Only one figure: ${value} in ${period}.`,
  chartGaps: (n: number) => (n === 1 ? " One year without a figure." : ` ${n} years without a figure.`),
  chartNone: "No time series to show.",

  percentagePoints: "percentage points",
  per1000: "per 1,000",
  years: "years",
  nok: "NOK",

  notFoundPage: "Page not found",
  notFoundPageText: "This address does not lead to a page here. Search for an area, or go to the front page.",
  toFrontPage: "To the front page",
};

const DICTS: Record<Lang, Dict> = { nb, en };

export function dict(lang: Lang): Dict {
  return DICTS[lang];
}

/** The dictionary and language for the current URL. */
export function useI18n(): { lang: Lang; t: Dict } {
  const lang = useLang();
  return { lang, t: DICTS[lang] };
}

/** The name to show for an area ref: Norway's root gets its English name in English. */
export function areaName(ref: Pick<AreaRef, "level" | "name">, t: Dict): string {
  return ref.level === "country" ? t.norway : ref.name;
}

export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
