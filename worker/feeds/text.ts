import type { Level } from "../../db/schema";
import { formatValue } from "../../web/src/components/card/format";
import type { CardLang } from "../../web/src/components/card/text";
import { embedText } from "../embed/text";
import type { AreaFact, Figure, Names, TrendFact } from "./entries";

/**
 * The feeds' words in Bokmål, Nynorsk and English: neutral about the areas (an area "is on the
 * list", never "is a problem area"), and a trend is said with the indicator's direction (whether
 * higher means better or poorer conditions on that measure), not just "rising".
 */

export const nameIn = (names: Names, lang: CardLang) => (lang === "nb" ? names.nb : (names[lang] ?? names.nb));

/** "Tøyen (grunnkrets i Oslo)", "Oslo (kommune)". */
export function areaLabel(area: AreaFact, lang: CardLang): string {
  const e = embedText(lang);
  const level = e.levels[area.level as Level];
  return `${nameIn(area.names, lang)} (${area.kommune ? e.levelIn(level, nameIn(area.kommune, lang)) : level})`;
}

/** "12,3 % (2024; 95 % intervall 11,8–12,9 %)": the served value, its period, its interval. */
export function figureText(f: Figure, lang: CardLang): string {
  const t = TEXT[lang];
  const interval = f.low !== undefined && f.high !== undefined ? `; ${t.interval} ${formatValue(f.low, f.unit, lang)}–${formatValue(f.high, f.unit, lang)}` : "";
  return `${nameIn(f.names, lang)}: ${formatValue(f.value, f.unit, lang)} (${f.periodLabel}${interval})`;
}

/** Whether a change is toward better or poorer conditions on this measure; nothing for neutral ones. */
export function directionWords(t: TrendFact, lang: CardLang): string {
  if (t.direction === "neutral") return "";
  const better = (t.direction === "higher_better") === (t.trend === "rising");
  return better ? TEXT[lang].better : TEXT[lang].poorer;
}

/** "Lavinntekt" → "lavinntekt" inside a sentence; acronyms ("NAV-tiltak") stay. */
const lowerFirst = (name: string) => (/^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLocaleLowerCase() + name.slice(1) : name);

const list = (items: string[], and: string) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`);

/** At most `n` names, then "and 12 more". */
export function someNames(names: string[], total: number, lang: CardLang, n = 20): string {
  const t = TEXT[lang];
  const shown = names.slice(0, n);
  return total > shown.length ? `${shown.join(", ")} ${t.andMore(total - shown.length)}` : list(shown, t.and);
}

export interface FeedText {
  siteName: string;
  interval: string;
  and: string;
  andMore: (n: number) => string;
  better: string;
  poorer: string;
  feedArea: (name: string) => string;
  feedAreaAbout: (name: string) => string;
  feedKommune: (name: string) => string;
  feedKommuneAbout: (name: string) => string;
  feedList: (ruleSet: string) => string;
  feedListAbout: (ruleSet: string) => string;
  figuresTitle: (area: string, what: string) => string;
  figuresSubAreas: (n: number, what: string) => string;
  trendTitle: (area: string, indicator: string, rising: boolean) => string;
  trendText: (indicator: string, area: string, from: string, fromPeriod: string, to: string, toPeriod: string, rising: boolean) => string;
  enteredTitle: (area: string, period: number, ruleSet: string) => string;
  leftTitle: (area: string, period: number, ruleSet: string) => string;
  membershipText: (area: string, entered: boolean, period: number, ruleSet: string, revised: boolean, since: number) => string;
  listTitle: (period: number, ruleSet: string, entered: number, left: number) => string;
  listEntered: (names: string) => string;
  listLeft: (names: string) => string;
  listCompared: (revised: boolean, since: number) => string;
  editionTitle: (title: string) => string;
  editionName: (ruleSet: string, period: number) => string;
  editionText: (ruleSet: string, period: number, count: number) => string;
  editionKommune: (kommune: string, names: string, count: number) => string;
}

const nb: FeedText = {
  siteName: "Områdemonitor",
  interval: "95 % intervall",
  and: "og",
  andMore: (n) => `og ${n} til`,
  better: " For dette målet betyr det en utvikling mot bedre levekår.",
  poorer: " For dette målet betyr det en utvikling mot dårligere levekår.",
  feedArea: (name) => `${name}: nye tall og endringer`,
  feedAreaAbout: (name) => `Nye tall, tydelige endringer og endringer på listen for ${name}, fra Områdemonitor.`,
  feedKommune: (name) => `${name} med alle områder: nye tall og endringer`,
  feedKommuneAbout: (name) => `Nye tall for ${name} og områdene i kommunen, tydelige endringer og områder som kommer med på eller går ut av listen.`,
  feedList: (rs) => `Listen etter ${rs}: endringer`,
  feedListAbout: (rs) => `Områder som kommer med på eller går ut av listen etter ${rs}, og publiserte utgaver.`,
  figuresTitle: (area, what) => `Nye tall for ${area}: ${what}`,
  figuresSubAreas: (n, what) => `Nye tall også for ${n} ${n === 1 ? "område" : "områder"} i kommunen: ${what}.`,
  trendTitle: (area, ind, rising) => `${area}: tydelig ${rising ? "økning" : "nedgang"} i ${lowerFirst(ind)}`,
  trendText: (ind, area, from, fp, to, tp, rising) =>
    `${ind} i ${area} har ${rising ? "økt" : "gått ned"} fra ${from} i ${fp} til ${to} i ${tp}. Endringen er større enn usikkerheten i tallene, så den regnes nå som tydelig.`,
  enteredTitle: (area, period, rs) => `${area} er med på listen for ${period} (${rs})`,
  leftTitle: (area, period, rs) => `${area} er ikke lenger med på listen for ${period} (${rs})`,
  membershipText: (area, entered, period, rs, revised, since) =>
    `${area} ${entered ? "oppfyller" : "oppfyller ikke lenger"} kriteriene i ${rs} for ${period}. ` +
    (revised ? `Forrige utregning for ${period} sa det motsatte; tallene eller reglene er endret.` : `Sammenlignet med ${since}.`),
  listTitle: (period, rs, entered, left) => `Listen for ${period} (${rs}): ${entered} inn, ${left} ut`,
  listEntered: (names) => `Med på listen nå: ${names}.`,
  listLeft: (names) => `Ikke lenger med: ${names}.`,
  listCompared: (revised, since) => (revised ? `Sammenlignet med forrige utregning for samme år (tallene eller reglene er endret).` : `Sammenlignet med ${since}.`),
  editionTitle: (title) => `Ny utgave publisert: ${title}`,
  editionName: (rs, period) => `listen for ${period} etter ${rs}`,
  editionText: (rs, period, count) => `En ny utgave av listen for ${period} etter ${rs} er publisert, med ${count} ${count === 1 ? "område" : "områder"}.`,
  editionKommune: (kommune, names, count) => `${count === 0 ? `Ingen områder i ${kommune} er med.` : `Fra ${kommune}: ${names}.`}`,
};

const nn: FeedText = {
  siteName: "Områdemonitor",
  interval: "95 % intervall",
  and: "og",
  andMore: (n) => `og ${n} til`,
  better: " For dette målet tyder det på ei utvikling mot betre levekår.",
  poorer: " For dette målet tyder det på ei utvikling mot dårlegare levekår.",
  feedArea: (name) => `${name}: nye tal og endringar`,
  feedAreaAbout: (name) => `Nye tal, tydelege endringar og endringar på lista for ${name}, frå Områdemonitor.`,
  feedKommune: (name) => `${name} med alle område: nye tal og endringar`,
  feedKommuneAbout: (name) => `Nye tal for ${name} og områda i kommunen, tydelege endringar og område som kjem med på eller går ut av lista.`,
  feedList: (rs) => `Lista etter ${rs}: endringar`,
  feedListAbout: (rs) => `Område som kjem med på eller går ut av lista etter ${rs}, og publiserte utgåver.`,
  figuresTitle: (area, what) => `Nye tal for ${area}: ${what}`,
  figuresSubAreas: (n, what) => `Nye tal også for ${n} område i kommunen: ${what}.`,
  trendTitle: (area, ind, rising) => `${area}: tydeleg ${rising ? "auke" : "nedgang"} i ${lowerFirst(ind)}`,
  trendText: (ind, area, from, fp, to, tp, rising) =>
    `${ind} i ${area} har ${rising ? "auka" : "gått ned"} frå ${from} i ${fp} til ${to} i ${tp}. Endringa er større enn uvissa i tala, så ho blir no rekna som tydeleg.`,
  enteredTitle: (area, period, rs) => `${area} er med på lista for ${period} (${rs})`,
  leftTitle: (area, period, rs) => `${area} er ikkje lenger med på lista for ${period} (${rs})`,
  membershipText: (area, entered, period, rs, revised, since) =>
    `${area} ${entered ? "oppfyller" : "oppfyller ikkje lenger"} kriteria i ${rs} for ${period}. ` +
    (revised ? `Førre utrekning for ${period} sa det motsette; tala eller reglane er endra.` : `Samanlikna med ${since}.`),
  listTitle: (period, rs, entered, left) => `Lista for ${period} (${rs}): ${entered} inn, ${left} ut`,
  listEntered: (names) => `Med på lista no: ${names}.`,
  listLeft: (names) => `Ikkje lenger med: ${names}.`,
  listCompared: (revised, since) => (revised ? `Samanlikna med førre utrekning for same år (tala eller reglane er endra).` : `Samanlikna med ${since}.`),
  editionTitle: (title) => `Ny utgåve publisert: ${title}`,
  editionName: (rs, period) => `lista for ${period} etter ${rs}`,
  editionText: (rs, period, count) => `Ei ny utgåve av lista for ${period} etter ${rs} er publisert, med ${count} område.`,
  editionKommune: (kommune, names, count) => `${count === 0 ? `Ingen område i ${kommune} er med.` : `Frå ${kommune}: ${names}.`}`,
};

const en: FeedText = {
  siteName: "Area monitor",
  interval: "95% interval",
  and: "and",
  andMore: (n) => `and ${n} more`,
  better: " On this measure that is a change toward better living conditions.",
  poorer: " On this measure that is a change toward poorer living conditions.",
  feedArea: (name) => `${name}: new figures and changes`,
  feedAreaAbout: (name) => `New figures, clear changes and changes on the list for ${name}, from the Area monitor.`,
  feedKommune: (name) => `${name} and all its areas: new figures and changes`,
  feedKommuneAbout: (name) => `New figures for ${name} and the areas in the municipality, clear changes, and areas entering or leaving the list.`,
  feedList: (rs) => `The list under ${rs}: changes`,
  feedListAbout: (rs) => `Areas entering or leaving the list under ${rs}, and published editions.`,
  figuresTitle: (area, what) => `New figures for ${area}: ${what}`,
  figuresSubAreas: (n, what) => `New figures also for ${n} ${n === 1 ? "area" : "areas"} in the municipality: ${what}.`,
  trendTitle: (area, ind, rising) => `${area}: clear ${rising ? "increase" : "decrease"} in ${lowerFirst(ind)}`,
  trendText: (ind, area, from, fp, to, tp, rising) =>
    `${ind} in ${area} has ${rising ? "risen" : "fallen"} from ${from} in ${fp} to ${to} in ${tp}. The change exceeds the figures' uncertainty, so it now counts as clear.`,
  enteredTitle: (area, period, rs) => `${area} is on the list for ${period} (${rs})`,
  leftTitle: (area, period, rs) => `${area} is no longer on the list for ${period} (${rs})`,
  membershipText: (area, entered, period, rs, revised, since) =>
    `${area} ${entered ? "meets" : "no longer meets"} the criteria of ${rs} for ${period}. ` +
    (revised ? `The previous computation for ${period} said otherwise: the figures or the rules changed.` : `Compared with ${since}.`),
  listTitle: (period, rs, entered, left) => `The list for ${period} (${rs}): ${entered} in, ${left} out`,
  listEntered: (names) => `Now on the list: ${names}.`,
  listLeft: (names) => `No longer on it: ${names}.`,
  listCompared: (revised, since) => (revised ? `Compared with the previous computation for the same year (the figures or the rules changed).` : `Compared with ${since}.`),
  editionTitle: (title) => `New edition published: ${title}`,
  editionName: (rs, period) => `the list for ${period} under ${rs}`,
  editionText: (rs, period, count) => `A new edition of the list for ${period} under ${rs} has been published, with ${count} ${count === 1 ? "area" : "areas"}.`,
  editionKommune: (kommune, names, count) => `${count === 0 ? `No areas in ${kommune} are on it.` : `From ${kommune}: ${names}.`}`,
};

export const TEXT: Record<CardLang, FeedText> = { nb, nn, en };
