import { useLocation } from "preact-iso";
import type { AreaRef, Point } from "../../../worker/api/schemas.ts";
import { cardText } from "../components/card/text.ts";

/**
 * Languages of the interface. Bokmål is the default; the choice travels in the URL as
 * `?lang=nn` (or `en`, `nb`) and is remembered in localStorage, so a link without `lang` opens in
 * the language the reader chose last. Sami can be added as another dictionary.
 */
export const LANGS = ["nb", "nn", "en"] as const;
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

/** An internal link in the given language. Bokmål links stay clean unless another language was remembered. */
export function href(path: string, lang: Lang): string {
  if (lang === "nb" && (storedLang() ?? "nb") === "nb") return path;
  const [base, search = ""] = path.split("?");
  const params = new URLSearchParams(search);
  params.set("lang", lang);
  return `${base}?${params.toString()}`;
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
  // The trend card's words live with the card (the embed renders it without this module).
  ...cardText("nb"),
  siteName: "Områdemonitor",
  skipToContent: "Hopp til innholdet",
  langNav: "Språk",
  footer:
    "Tall om områder, ikke om enkeltpersoner. Kilder: Statistisk sentralbyrå (SSB), IMDi, FHI og Kartverket; hvert tall navngir sin kilde.",

  // Home
  homeTitle: "Hvordan er levekårene der du bor?",
  homeLead:
    "Områdemonitor viser tall om befolkning, inntekt, arbeid, bolig og utdanning for kommuner, bydeler og grunnkretser i Norge, og hvordan tallene har endret seg de siste årene.",
  examples: "Eksempler:",
  aboutTitle: "Om tallene",
  about: [
    "Tallene kommer fra Statistisk sentralbyrå (SSB), IMDi og FHI, og oppdateres når de publiseres.",
    "Små områder har få innbyggere, så tallene kan svinge mye fra år til år. Vi kaller noe en endring bare når den er større enn usikkerheten.",
    "Når et tall bygger på for få personer, blir det skjermet for å beskytte personvernet. Skjermet betyr ikke null.",
    "Tallene beskriver områder, ikke personene som bor der.",
  ],
  aboutMore: "Les mer om kildene og metoden",

  // Search
  searchLabel: "Søk etter område",
  searchPlaceholder: "F.eks. Tromsø, Grünerløkka eller Bergen",
  searchSubmit: "Søk",
  searchNoResults: "Ingen områder passer søket.",
  searchFailed: "Søket feilet. Sjekk nettforbindelsen og prøv igjen.",
  searchCount: (n: number) => (n === 1 ? "1 treff" : `${n} treff`),
  searchInstructions: "Bruk pil opp og ned for å velge, Enter for å åpne.",
  pickInstructions: "Bruk pil opp og ned for å velge, Enter for å legge til.",

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
  missingHere: (list: string) => `Ingen tall her for ${list}.`,
  levelWhy: {
    bydel: "Åpen statistikk går ned til kommuner og til bydelene i de største byene, og ikke alle tall publiseres for bydeler.",
    grunnkrets: "Åpen statistikk stopper ved kommuner og bydelene i de største byene; tall for grunnkretser lager SSB på bestilling.",
  },
  seeMunicipality: (name: string) => `Se tallene for ${name}`,
  childrenTitle: (name: string) => `Områder i ${name}`,
  compareWith: (name: string) => `Sammenlign ${name} med andre områder`,
  showTable: "Vis som tabell",
  tableYear: "År",
  tablePeriod: "Periode",
  tableValue: "Verdi",
  tableCaption: (indicator: string, area: string) => `${indicator}, ${area}, per år`,

  // Navigation
  navLabel: "Hovedmeny",
  menu: "Meny",
  figuresUpdated: (date: string) => `Tall oppdatert ${date}`,
  navCompare: "Sammenlign",
  navAbout: "Om tallene",
  navSegregation: "Segregasjon",
  navClassification: "Levekårsutfordringer",
  navInitiatives: "Områdesatsinger",
  segregationLink: (name: string) => `Bostedssegregasjon i ${name}`,

  // Home: location and recent searches
  locateButton: "Bruk posisjonen min",
  locateHint: "Posisjonen brukes bare til å finne området, og lagres ikke.",
  locating: "Finner posisjonen din …",
  locateDenied:
    "Nettleseren har ikke lov til å bruke posisjonen din. Du kan gi lov i nettleserens innstillinger, eller søke etter området.",
  locateUnavailable: "Vi fikk ikke tak i posisjonen din. Prøv igjen, eller søk etter området.",
  locateUnsupported: "Nettleseren din kan ikke finne posisjonen. Søk etter området i stedet.",
  locateOutside:
    "Posisjonen ser ut til å være utenfor Norge, eller utenfor områdene vi har kart for. Søk etter området i stedet.",
  locateFailed: "Vi kunne ikke slå opp posisjonen. Sjekk nettforbindelsen og prøv igjen.",
  recentTitle: "Nylig søkt",
  recentClear: "Tøm listen",
  recentCleared: "Listen over nylige søk er tømt.",


  notFoundPage: "Siden finnes ikke",
  notFoundPageText: "Adressen peker ikke til noen side her. Søk etter et område, eller gå til forsiden.",
  toFrontPage: "Til forsiden",
};

export type Dict = typeof nb;

const en: Dict = {
  ...cardText("en"),
  siteName: "Area monitor",
  skipToContent: "Skip to content",
  langNav: "Language",
  footer:
    "Figures about areas, not about individuals. Sources: Statistics Norway (SSB), IMDi, FHI and Kartverket; each figure names its own.",

  homeTitle: "What are living conditions like where you live?",
  homeLead:
    "Area monitor shows figures on population, income, work, housing and education for municipalities, city districts and basic statistical units in Norway, and how they have changed in recent years.",
  examples: "Examples:",
  aboutTitle: "About the figures",
  about: [
    "The figures come from Statistics Norway (SSB), IMDi and FHI and are updated when they are published.",
    "Small areas have few residents, so their figures can vary a lot from year to year. We only call something a change when it is larger than the uncertainty.",
    "When a figure is based on too few people, it is suppressed to protect their privacy. Suppressed does not mean zero.",
    "The figures describe areas, not the people who live there.",
  ],
  aboutMore: "More about the sources and the method",

  searchLabel: "Search for an area",
  searchPlaceholder: "E.g. Tromsø, Grünerløkka or Bergen",
  searchSubmit: "Search",
  searchNoResults: "No areas match your search.",
  searchFailed: "The search failed. Check your connection and try again.",
  searchCount: (n: number) => (n === 1 ? "1 result" : `${n} results`),
  searchInstructions: "Use the up and down arrows to choose, Enter to open.",
  pickInstructions: "Use the up and down arrows to choose, Enter to add.",

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
  missingHere: (list: string) => `No figures here for ${list}.`,
  levelWhy: {
    bydel: "Open statistics go down to municipalities and to the districts of the largest cities, and not every figure is published for districts.",
    grunnkrets:
      "Open statistics stop at municipalities and the districts of the largest cities; figures for basic statistical units are produced by Statistics Norway (SSB) to order.",
  },
  seeMunicipality: (name: string) => `See the figures for ${name}`,
  childrenTitle: (name: string) => `Areas in ${name}`,
  compareWith: (name: string) => `Compare ${name} with other areas`,
  showTable: "Show as table",
  tableYear: "Year",
  tablePeriod: "Period",
  tableValue: "Value",
  tableCaption: (indicator: string, area: string) => `${indicator}, ${area}, by year`,

  navLabel: "Main menu",
  menu: "Menu",
  figuresUpdated: (date) => `Figures updated ${date}`,
  navCompare: "Compare",
  navAbout: "About the figures",
  navSegregation: "Segregation",
  navClassification: "Living-condition challenges",
  navInitiatives: "Initiatives",
  segregationLink: (name: string) => `Residential segregation in ${name}`,

  locateButton: "Use my location",
  locateHint: "Your location is only used to find the area and is not stored.",
  locating: "Finding your location …",
  locateDenied:
    "The browser is not allowed to use your location. You can allow it in the browser settings, or search for the area.",
  locateUnavailable: "We could not get your location. Try again, or search for the area.",
  locateUnsupported: "Your browser cannot find your location. Search for the area instead.",
  locateOutside:
    "Your location seems to be outside Norway, or outside the areas we have maps for. Search for the area instead.",
  locateFailed: "We could not look up your location. Check your connection and try again.",
  recentTitle: "Recent searches",
  recentClear: "Clear the list",
  recentCleared: "The list of recent searches is cleared.",

  notFoundPage: "Page not found",
  notFoundPageText: "This address does not lead to a page here. Search for an area, or go to the front page.",
  toFrontPage: "To the front page",
};

const nn: Dict = {
  ...cardText("nn"),
  siteName: "Områdemonitor",
  skipToContent: "Hopp til innhaldet",
  langNav: "Språk",
  footer: "Tal om område, ikkje om enkeltpersonar. Kjelder: Statistisk sentralbyrå (SSB), IMDi, FHI og Kartverket; kvart tal namngir kjelda si.",

  homeTitle: "Korleis er levekåra der du bur?",
  homeLead:
    "Områdemonitor viser tal om befolkning, inntekt, arbeid, bustad og utdanning for kommunar, bydelar og grunnkrinsar i Noreg, og korleis tala har endra seg dei siste åra.",
  examples: "Døme:",
  aboutTitle: "Om tala",
  about: [
    "Tala kjem frå Statistisk sentralbyrå (SSB), IMDi og FHI, og blir oppdaterte når dei blir publiserte.",
    "Små område har få innbyggjarar, så tala kan svinge mykje frå år til år. Vi kallar noko ei endring berre når ho er større enn uvissa.",
    "Når eit tal byggjer på for få personar, blir det skjerma for å verne om personvernet. Skjerma tyder ikkje null.",
    "Tala skildrar område, ikkje personane som bur der.",
  ],
  aboutMore: "Les meir om kjeldene og metoden",

  searchLabel: "Søk etter område",
  searchPlaceholder: "T.d. Tromsø, Grünerløkka eller Bergen",
  searchSubmit: "Søk",
  searchNoResults: "Ingen område passar til søket.",
  searchFailed: "Søket feila. Sjekk nettsambandet og prøv igjen.",
  searchCount: (n: number) => (n === 1 ? "1 treff" : `${n} treff`),
  searchInstructions: "Bruk pil opp og ned for å velje, Enter for å opne.",
  pickInstructions: "Bruk pil opp og ned for å velje, Enter for å leggje til.",

  levels: {
    country: "land",
    fylke: "fylke",
    kommune: "kommune",
    bydel: "bydel",
    grunnkrets: "grunnkrins",
  },
  levelIn: (level: string, parent: string) => `${level} i ${parent}`,
  norway: "Noreg",

  loading: "Hentar tal …",
  notFoundTitle: "Fann ikkje området",
  notFoundText: (code: string) =>
    `Vi finn ikkje noko område med koden «${code}». Koden kan vere skriven feil, eller området kan ha fått ny kode. Prøv å søkje etter namnet.`,
  networkErrorTitle: "Kunne ikkje hente tala",
  networkErrorText: "Vi fekk ikkje kontakt med tenesta. Sjekk nettsambandet og prøv igjen.",
  serverErrorTitle: "Noko gjekk gale",
  serverErrorText: "Tenesta svarte med ein feil. Prøv igjen om litt.",
  retry: "Prøv igjen",
  breadcrumb: "Brødsmulesti",
  demoBannerLead: "Demodata:",
  demoBannerText: "tala er syntetiske, ikkje ekte statistikk.",
  replacedBy: "Denne koden er ikkje lenger i bruk. Han vart erstatta av",
  replacedOn: (date: string) => `frå ${date}`,
  retired: (date: string) => `Denne koden vart avvikla ${date}.`,
  and: "og",
  otherNames: "Også kjend som",
  cardsTitle: "Levekår og befolkning",
  missingHere: (list: string) => `Ingen tal her for ${list}.`,
  levelWhy: {
    bydel: "Open statistikk går ned til kommunar og til bydelane i dei største byane, og ikkje alle tal blir publiserte for bydelar.",
    grunnkrets: "Open statistikk stoppar ved kommunar og bydelane i dei største byane; tal for grunnkrinsar lagar SSB på bestilling.",
  },
  seeMunicipality: (name: string) => `Sjå tala for ${name}`,
  childrenTitle: (name: string) => `Område i ${name}`,
  compareWith: (name: string) => `Samanlikn ${name} med andre område`,
  showTable: "Vis som tabell",
  tableYear: "År",
  tablePeriod: "Periode",
  tableValue: "Verdi",
  tableCaption: (indicator: string, area: string) => `${indicator}, ${area}, per år`,

  navLabel: "Hovudmeny",
  menu: "Meny",
  figuresUpdated: (date) => `Tal oppdaterte ${date}`,
  navCompare: "Samanlikn",
  navAbout: "Om tala",
  navSegregation: "Segregasjon",
  navClassification: "Levekårsutfordringar",
  navInitiatives: "Områdesatsingar",
  segregationLink: (name: string) => `Bustadsegregasjon i ${name}`,

  locateButton: "Bruk posisjonen min",
  locateHint: "Posisjonen blir berre brukt til å finne området, og blir ikkje lagra.",
  locating: "Finn posisjonen din …",
  locateDenied:
    "Nettlesaren har ikkje lov til å bruke posisjonen din. Du kan gi lov i innstillingane til nettlesaren, eller søkje etter området.",
  locateUnavailable: "Vi fekk ikkje tak i posisjonen din. Prøv igjen, eller søk etter området.",
  locateUnsupported: "Nettlesaren din kan ikkje finne posisjonen. Søk etter området i staden.",
  locateOutside:
    "Posisjonen ser ut til å vere utanfor Noreg, eller utanfor områda vi har kart for. Søk etter området i staden.",
  locateFailed: "Vi kunne ikkje slå opp posisjonen. Sjekk nettsambandet og prøv igjen.",
  recentTitle: "Nyleg søkt",
  recentClear: "Tøm lista",
  recentCleared: "Lista over nylege søk er tømd.",

  notFoundPage: "Sida finst ikkje",
  notFoundPageText: "Adressa peikar ikkje til noka side her. Søk etter eit område, eller gå til framsida.",
  toFrontPage: "Til framsida",
};

/** Each language named in itself, for the language menu. */
export const LANG_NAMES: Record<Lang, string> = { nb: "Bokmål", nn: "Nynorsk", en: "English" };

const DICTS: Record<Lang, Dict> = { nb, nn, en };

export function dict(lang: Lang): Dict {
  return DICTS[lang];
}

/** The dictionary and language for the current URL. */
export function useI18n(): { lang: Lang; t: Dict } {
  const lang = useLang();
  return { lang, t: DICTS[lang] };
}

/** The name to show for an area ref: Norway's root is named in the reader's language. */
export function areaName(ref: Pick<AreaRef, "level" | "name">, t: Dict): string {
  return ref.level === "country" ? t.norway : ref.name;
}

export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
