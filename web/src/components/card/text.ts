import type { AreaRef, Card, IndicatorInfo, Point, Trend } from "../../../../worker/api/schemas";

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
type Unit = Card["unit"];
type Model = IndicatorInfo["model"];
type TrendMethod = NonNullable<Card["trendMethod"]>;
/** How a value compares with another area's in the same period (see words.ts). */
export type Relation = "higher" | "lower" | "about_same";

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
  /** The 95 % interval in words: "mellom 4,8 og 6,0 %"; `low` without unit, `high` with it. */
  intervalWords: (low: string, high: string) => string;
  /** Label before the interval in words on the card. */
  intervalLabel: string;
  /** Table column of the interval. */
  intervalColumn: string;
  /** What the interval and the trend test rest on, by the indicator's model (one or two short sentences). */
  modelExplain: Record<Model, string>;
  /** A share or rate published without the counts behind it: no interval can be given. */
  noInterval: string;
  /** The link to the method page (/om#trends). */
  methodLink: string;
  /** Said (visually hidden) after a link that opens in a new tab (embeds). */
  cardNewTab: string;
  /** The raw value beside the smoothed estimate. */
  measuredLabel: string;
  smoothedLabel: string;
  /** One sentence on the smoothed estimate of a small area. */
  smoothedExplain: string;
  /** The trend in words by direction: a change of this unit going up or down (when no phrase for the indicator exists). */
  trendUp: Record<Unit, string>;
  trendDown: Record<Unit, string>;
  /** What a change means for living conditions, from the indicator's `direction`. */
  sense: { favourable: string; unfavourable: string };
  /** Why "no clear change", by the trend test used. */
  stableWhy: Record<TrendMethod, string>;
  /** A comparison in words: "Higher than in Norway". */
  relation: Record<Relation, (place: string) => string>;
  /** The city district a grunnkrets lies in, when its name is not known. */
  theBydel: string;
  /** A value estimated across a municipal reform (population-weighted), in words. */
  estimated: string;
  estimatedExplain: string;
  /** The legend under a table: status symbols in words. */
  legendTitle: string;
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
  intervalWords: (low, high) => `mellom ${low} og ${high}`,
  intervalLabel: "Usikkerhet (95 %):",
  intervalColumn: "95 % intervall",
  modelExplain: {
    binomial:
      "Tallet er en andel av personer. Selv et fullt register svinger tilfeldig fra år til år, mest i små områder; intervallet er regnet som for en binomisk andel (Wilsons intervall), og en endring kalles en endring bare når den er større enn usikkerheten.",
    poisson:
      "Tallet er hendelser per 1000 innbyggere. Slike tall svinger tilfeldig, mest i små områder; intervallet er regnet som for Poisson-fordelte hendelser, og en endring kalles en endring bare når den er større enn usikkerheten.",
    amount_relative_to_norway:
      "Et beløp har ikke noe statistisk intervall. En endring kalles en endring bare når den er større enn endringen i Norge og de vanlige svingningene fra år til år.",
    amount_own_variation:
      "Tallet har ikke noe statistisk intervall. En endring kalles en endring bare når den er større enn tallets vanlige svingninger fra år til år.",
    count:
      "Et antall personer har ikke noe statistisk intervall. En endring kalles en endring bare når den er større enn tallets vanlige svingninger fra år til år.",
    difference: "En forskjell i prosentpoeng mellom to grupper har ikke noe intervall, og vi setter ikke ord på utviklingen.",
  },
  noInterval: "Tallet er publisert uten antallene bak, så usikkerheten kan ikke regnes ut.",
  methodLink: "Slik regner vi usikkerhet",
  cardNewTab: "(åpnes i ny fane)",
  measuredLabel: "Målt",
  smoothedLabel: "Utjevnet anslag",
  smoothedExplain:
    "Et anslag som låner styrke fra lignende områder: områdets eget tall trukket litt mot nivået i området rundt, mer jo færre som bor her.",
  trendUp: { percent: "økende andel", per1000: "økende rate", count: "økende antall", nok: "økende beløp", years: "økende", points: "økende forskjell" },
  trendDown: { percent: "synkende andel", per1000: "synkende rate", count: "synkende antall", nok: "synkende beløp", years: "synkende", points: "synkende forskjell" },
  sense: { favourable: "mot bedre levekår", unfavourable: "mot svakere levekår" },
  stableWhy: {
    newcombe: "Endringen er ikke større enn usikkerheten.",
    poisson_ratio: "Endringen er ikke større enn usikkerheten.",
    relative_to_norway: "Endringen er ikke større enn endringen i Norge og de vanlige svingningene.",
    own_variation: "Endringen er ikke større enn de vanlige svingningene fra år til år.",
  },
  relation: {
    higher: (place) => `Høyere enn i ${place}`,
    lower: (place) => `Lavere enn i ${place}`,
    about_same: (place) => `Omtrent som i ${place}`,
  },
  theBydel: "bydelen",
  estimated: "anslag",
  estimatedExplain: "Anslag: tallet er regnet ut over en kommunedeling med folketall som vekt, ikke publisert som det er.",
  legendTitle: "Tegnforklaring:",
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
  intervalWords: (low, high) => `mellom ${low} og ${high}`,
  intervalLabel: "Uvisse (95 %):",
  intervalColumn: "95 % intervall",
  modelExplain: {
    binomial:
      "Talet er ein del av personar. Sjølv eit fullt register svingar tilfeldig frå år til år, mest i små område; intervallet er rekna som for ein binomisk del (Wilsons intervall), og ei endring blir kalla ei endring berre når ho er større enn uvissa.",
    poisson:
      "Talet er hendingar per 1000 innbyggjarar. Slike tal svingar tilfeldig, mest i små område; intervallet er rekna som for Poisson-fordelte hendingar, og ei endring blir kalla ei endring berre når ho er større enn uvissa.",
    amount_relative_to_norway:
      "Eit beløp har ikkje noko statistisk intervall. Ei endring blir kalla ei endring berre når ho er større enn endringa i Noreg og dei vanlege svingingane frå år til år.",
    amount_own_variation:
      "Talet har ikkje noko statistisk intervall. Ei endring blir kalla ei endring berre når ho er større enn dei vanlege svingingane i talet frå år til år.",
    count:
      "Eit tal på personar har ikkje noko statistisk intervall. Ei endring blir kalla ei endring berre når ho er større enn dei vanlege svingingane i talet frå år til år.",
    difference: "Ein skilnad i prosentpoeng mellom to grupper har ikkje noko intervall, og vi set ikkje ord på utviklinga.",
  },
  noInterval: "Talet er publisert utan tala bak, så uvissa kan ikkje reknast ut.",
  methodLink: "Slik reknar vi uvisse",
  cardNewTab: "(opnar i ny fane)",
  measuredLabel: "Målt",
  smoothedLabel: "Utjamna overslag",
  smoothedExplain:
    "Eit overslag som lånar styrke frå liknande område: talet til området trekt litt mot nivået i området rundt, meir di færre som bur her.",
  trendUp: { percent: "aukande del", per1000: "aukande rate", count: "aukande tal", nok: "aukande beløp", years: "aukande", points: "aukande skilnad" },
  trendDown: { percent: "søkkande del", per1000: "søkkande rate", count: "søkkande tal", nok: "søkkande beløp", years: "søkkande", points: "søkkande skilnad" },
  sense: { favourable: "mot betre levekår", unfavourable: "mot svakare levekår" },
  stableWhy: {
    newcombe: "Endringa er ikkje større enn uvissa.",
    poisson_ratio: "Endringa er ikkje større enn uvissa.",
    relative_to_norway: "Endringa er ikkje større enn endringa i Noreg og dei vanlege svingingane.",
    own_variation: "Endringa er ikkje større enn dei vanlege svingingane frå år til år.",
  },
  relation: {
    higher: (place) => `Høgare enn i ${place}`,
    lower: (place) => `Lågare enn i ${place}`,
    about_same: (place) => `Omtrent som i ${place}`,
  },
  theBydel: "bydelen",
  estimated: "overslag",
  estimatedExplain: "Overslag: talet er rekna ut over ei kommunedeling med folketal som vekt, ikkje publisert som det er.",
  legendTitle: "Teiknforklaring:",
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
  intervalWords: (low, high) => `between ${low} and ${high}`,
  intervalLabel: "Uncertainty (95%):",
  intervalColumn: "95% interval",
  modelExplain: {
    binomial:
      "The figure is a share of people. Even a complete register varies by chance from year to year, most in small areas; the interval is that of a binomial share (Wilson interval), and a change is called a change only when it is larger than the uncertainty.",
    poisson:
      "The figure counts events per 1,000 residents. Such figures vary by chance, most in small areas; the interval is that of Poisson events, and a change is called a change only when it is larger than the uncertainty.",
    amount_relative_to_norway:
      "An amount has no statistical interval. A change is called a change only when it is larger than Norway's change and the usual year-to-year variation.",
    amount_own_variation:
      "This figure has no statistical interval. A change is called a change only when it is larger than the figure's usual year-to-year variation.",
    count:
      "A number of people has no statistical interval. A change is called a change only when it is larger than the figure's usual year-to-year variation.",
    difference: "A gap in percentage points between two groups has no interval, and its development is not put into words.",
  },
  noInterval: "The figure was published without the counts behind it, so its uncertainty cannot be computed.",
  methodLink: "How we compute uncertainty",
  cardNewTab: "(opens in a new tab)",
  measuredLabel: "Measured",
  smoothedLabel: "Smoothed estimate",
  smoothedExplain:
    "An estimate that borrows strength from similar areas: the area's own figure pulled a little toward the level of the surrounding area, more so the fewer people live here.",
  trendUp: { percent: "a rising share", per1000: "a rising rate", count: "a rising number", nok: "a rising amount", years: "rising", points: "a rising difference" },
  trendDown: { percent: "a falling share", per1000: "a falling rate", count: "a falling number", nok: "a falling amount", years: "falling", points: "a falling difference" },
  sense: { favourable: "towards better living conditions", unfavourable: "towards poorer living conditions" },
  stableWhy: {
    newcombe: "The change is not larger than the uncertainty.",
    poisson_ratio: "The change is not larger than the uncertainty.",
    relative_to_norway: "The change is not larger than Norway's change and the usual variation.",
    own_variation: "The change is not larger than the usual year-to-year variation.",
  },
  relation: {
    higher: (place) => `Higher than in ${place}`,
    lower: (place) => `Lower than in ${place}`,
    about_same: (place) => `About the same as in ${place}`,
  },
  theBydel: "the city district",
  estimated: "estimate",
  estimatedExplain: "Estimate: the figure was computed across a municipal split with population as weights, not published as such.",
  legendTitle: "Symbols:",
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
