import type { AreaRef, Point, Trend } from "../../../../worker/api/schemas";

/**
 * Words of the trend card, in every language the card is shown in. The web app passes its own
 * dictionary (which has these keys for nb and en); the embed, rendered in the Worker, cannot
 * import the web app's i18n module and takes these. Nynorsk is here because embeds offer it.
 */
export const CARD_LANGS = ["nb", "nn", "en"] as const;
export type CardLang = (typeof CARD_LANGS)[number];

export function isCardLang(value: unknown): value is CardLang {
  return typeof value === "string" && (CARD_LANGS as readonly string[]).includes(value);
}
type Status = NonNullable<Point["status"]>;
type Level = AreaRef["level"];

/** "2015–2024", but "2011-2012 to 2016-2017": a dash between labels that hold one already would blur them. */
const span = (from: string, to: string, word: string) => (from.includes("-") ? `${from} ${word} ${to}` : `${from}–${to}`);

export interface CardText {
  noData: string;
  status: Record<Status, string>;
  statusExplain: Record<Status, string>;
  trend: Record<Trend, string>;
  trendLabel: string;
  /** The periods compared, as labelled ("2019", "2016-2017"). */
  change: (from: string, to: string) => string;
  /** A period of several years in words, shown under the value: "three-year period ending 2013". */
  periodWords: (span: number, first: number, last: number) => string;
  municipality: (name: string) => string;
  norway: string;
  source: string;
  table: string;
  aboutFigure: string;
  chartSummary: (first: string, firstPeriod: string, last: string, lastPeriod: string) => string;
  chartSingle: (value: string, period: string) => string;
  /** `periods`: true when each point is a period of several years (counted as periods, not years). */
  chartGaps: (n: number, periods?: boolean) => string;
  chartNone: string;
  /** The badge on a figure much older than the newest figures (see age.ts). */
  oldFigure: (period: string) => string;
  oldExplain: (years: number, newest: number) => string;
  dataUpdated: (date: string) => string;
  /**
   * Why an area has no figure, by level: open data stop at kommune and big-city bydel level;
   * grunnkrets figures are made by SSB to order.
   */
  noFiguresAt: Record<Level, string>;
  percentagePoints: string;
  /** The unit of a gap's value: percentage points, abbreviated where the language has a short form. */
  points: string;
  per1000: string;
  years: string;
  nok: string;
}

const nb: CardText = {
  noData: "Ingen tall",
  status: { ":": "Skjermet (for få personer)", "..": "Mangler", ".": "Ikke relevant" },
  statusExplain: {
    ":": "Tallet vises ikke fordi det bygger på så få personer at de kunne blitt gjenkjent.",
    "..": "Det finnes ikke noe tall for denne perioden.",
    ".": "Tallet gir ikke mening for dette området.",
  },
  trend: { rising: "stigende", falling: "synkende", stable: "ingen klar endring", unknown: "ukjent utvikling", not_comparable: "ikke sammenlignbart over kommunedelingen" },
  trendLabel: "Utvikling:",
  change: (from, to) => `Endring ${from.includes("-") ? `fra ${from} til ${to}` : `${from}–${to}`}:`,
  periodWords: (span, first, last) => `${span === 2 ? "toårsperiode" : span === 3 ? "treårsperiode" : `${span}-årsperiode`} ${first}–${last}`,
  municipality: (name) => `Kommunen (${name})`,
  norway: "Norge",
  source: "Kilde:",
  table: "tabell",
  aboutFigure: "Om tallet",
  chartSummary: (first, firstPeriod, last, lastPeriod) =>
    `Utvikling ${span(firstPeriod, lastPeriod, "til")}: fra ${first} i ${firstPeriod} til ${last} i ${lastPeriod}.`,
  chartSingle: (value, period) => `Bare ett tall: ${value} i ${period}.`,
  chartGaps: (n, periods) => (periods ? (n === 1 ? " Én periode uten tall." : ` ${n} perioder uten tall.`) : n === 1 ? " Ett år uten tall." : ` ${n} år uten tall.`),
  chartNone: "Ingen tidsserie å vise.",
  oldFigure: (period) => `Gammelt tall: fra ${period}`,
  oldExplain: (years, newest) => `Tallet er mer enn ${years} år eldre enn de nyeste tallene i monitoren (${newest}). Nyere tall er ikke publisert for dette området.`,
  dataUpdated: (date) => `Data sist oppdatert ${date}.`,
  noFiguresAt: {
    country: "Det finnes ingen tall for dette området ennå.",
    fylke: "Det finnes ingen tall for dette området ennå.",
    kommune: "Det finnes ingen tall for dette området ennå.",
    bydel:
      "Det er ikke publisert åpne tall for denne bydelen. Åpen statistikk går ned til kommuner og til bydelene i de største byene, og ikke alle tall finnes for bydeler.",
    grunnkrets:
      "Det finnes ingen åpne tall for denne grunnkretsen. Åpen statistikk stopper ved kommuner og bydelene i de største byene; tall for grunnkretser lager SSB på bestilling, og de er ikke lagt inn her.",
  },
  percentagePoints: "prosentpoeng",
  points: "prosentpoeng",
  per1000: "per 1000",
  years: "år",
  nok: "NOK",
};

const nn: CardText = {
  noData: "Ingen tal",
  status: { ":": "Skjerma (for få personar)", "..": "Manglar", ".": "Ikkje relevant" },
  statusExplain: {
    ":": "Talet blir ikkje vist fordi det byggjer på så få personar at dei kunne blitt kjende att.",
    "..": "Det finst ikkje noko tal for denne perioden.",
    ".": "Talet gir ikkje meining for dette området.",
  },
  trend: { rising: "stigande", falling: "søkkande", stable: "inga klar endring", unknown: "ukjend utvikling", not_comparable: "ikkje samanliknbart over kommunedelinga" },
  trendLabel: "Utvikling:",
  change: (from, to) => `Endring ${from.includes("-") ? `frå ${from} til ${to}` : `${from}–${to}`}:`,
  periodWords: (span, first, last) => `${span === 2 ? "toårsperiode" : span === 3 ? "treårsperiode" : `${span}-årsperiode`} ${first}–${last}`,
  municipality: (name) => `Kommunen (${name})`,
  norway: "Noreg",
  source: "Kjelde:",
  table: "tabell",
  aboutFigure: "Om talet",
  chartSummary: (first, firstPeriod, last, lastPeriod) =>
    `Utvikling ${span(firstPeriod, lastPeriod, "til")}: frå ${first} i ${firstPeriod} til ${last} i ${lastPeriod}.`,
  chartSingle: (value, period) => `Berre eitt tal: ${value} i ${period}.`,
  chartGaps: (n, periods) => (periods ? (n === 1 ? " Éin periode utan tal." : ` ${n} periodar utan tal.`) : n === 1 ? " Eitt år utan tal." : ` ${n} år utan tal.`),
  chartNone: "Inga tidsserie å vise.",
  oldFigure: (period) => `Gammalt tal: frå ${period}`,
  oldExplain: (years, newest) => `Talet er meir enn ${years} år eldre enn dei nyaste tala i monitoren (${newest}). Nyare tal er ikkje publiserte for dette området.`,
  dataUpdated: (date) => `Data sist oppdatert ${date}.`,
  noFiguresAt: {
    country: "Det finst ingen tal for dette området enno.",
    fylke: "Det finst ingen tal for dette området enno.",
    kommune: "Det finst ingen tal for dette området enno.",
    bydel:
      "Det er ikkje publisert opne tal for denne bydelen. Open statistikk går ned til kommunar og til bydelane i dei største byane, og ikkje alle tal finst for bydelar.",
    grunnkrets:
      "Det finst ingen opne tal for denne grunnkrinsen. Open statistikk stoppar ved kommunar og bydelane i dei største byane; tal for grunnkrinsar lagar SSB på bestilling, og dei er ikkje lagde inn her.",
  },
  percentagePoints: "prosentpoeng",
  points: "prosentpoeng",
  per1000: "per 1000",
  years: "år",
  nok: "NOK",
};

const en: CardText = {
  noData: "No figures",
  status: { ":": "Suppressed (too few people)", "..": "Missing", ".": "Not applicable" },
  statusExplain: {
    ":": "The figure is not shown because it is based on so few people that they could be identified.",
    "..": "There is no figure for this period.",
    ".": "The figure does not apply to this area.",
  },
  trend: { rising: "rising", falling: "falling", stable: "no clear change", unknown: "unknown trend", not_comparable: "not comparable across the municipal split" },
  trendLabel: "Trend:",
  change: (from, to) => `Change ${from.includes("-") ? `from ${from} to ${to}` : `${from}–${to}`}:`,
  periodWords: (span, first, last) => (span === 2 ? `two-year period ${first}–${last}` : `${span === 3 ? "three" : span}-year period ending ${last}`),
  municipality: (name) => `Municipality (${name})`,
  norway: "Norway",
  source: "Source:",
  table: "table",
  aboutFigure: "About this figure",
  chartSummary: (first, firstPeriod, last, lastPeriod) =>
    `Trend ${span(firstPeriod, lastPeriod, "to")}: from ${first} in ${firstPeriod} to ${last} in ${lastPeriod}.`,
  chartSingle: (value, period) => `Only one figure: ${value} in ${period}.`,
  chartGaps: (n, periods) => (n === 1 ? ` One ${periods ? "period" : "year"} without a figure.` : ` ${n} ${periods ? "periods" : "years"} without a figure.`),
  chartNone: "No time series to show.",
  oldFigure: (period) => `Old figure: from ${period}`,
  oldExplain: (years, newest) => `This figure is more than ${years} years older than the newest figures in the monitor (${newest}). No newer figure has been published for this area.`,
  dataUpdated: (date) => `Data last updated ${date}.`,
  noFiguresAt: {
    country: "There are no figures for this area yet.",
    fylke: "There are no figures for this area yet.",
    kommune: "There are no figures for this area yet.",
    bydel:
      "No open figures have been published for this city district. Open statistics go down to municipalities and to the districts of the largest cities, and not every figure exists for districts.",
    grunnkrets:
      "There are no open figures for this basic statistical unit. Open statistics stop at municipalities and the districts of the largest cities; figures for basic statistical units are produced by Statistics Norway (SSB) to order, and none have been added here.",
  },
  percentagePoints: "percentage points",
  points: "pp",
  per1000: "per 1,000",
  years: "years",
  nok: "NOK",
};

const TEXTS: Record<CardLang, CardText> = { nb, nn, en };

export function cardText(lang: CardLang): CardText {
  return TEXTS[lang];
}
