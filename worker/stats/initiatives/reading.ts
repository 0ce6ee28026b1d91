import type { Indicator } from "../../../db/schema";
import { DECIMALS } from "../precision";
import type { NotEstimable } from "./followup";

/**
 * The plain-language reading of a follow-up in nb, nn and en: what the comparison found, and
 * what such a comparison can and cannot show. Pure text from the served (rounded) figures, so a
 * reader can check every number in it against the table.
 */

export const READING_LANGS = ["nb", "nn", "en"] as const;
export type ReadingLang = (typeof READING_LANGS)[number];

export interface ReadingInput {
  unit: Indicator["unit"];
  /** Served: rounded as the API gives them. */
  treatedChange: number;
  comparisonChange: number;
  estimate: number;
  low: number;
  high: number;
  level: number;
  treatedAreas: number;
  comparisonAreas: number;
  before: [number, number];
  after: [number, number];
}

export interface Reading {
  /** What the figures say, in two or three sentences. */
  finding: string;
  /** What the comparison cannot show: always the same points, with the numbers of areas. */
  limits: string[];
}

/** The unit of a change in the indicator's unit (a change in a share is in percentage points). */
const CHANGE_UNIT: Record<ReadingLang, Record<Indicator["unit"], string>> = {
  nb: { count: "", percent: " prosentpoeng", per1000: " per 1 000", nok: " kr", years: " år", points: " prosentpoeng" },
  nn: { count: "", percent: " prosentpoeng", per1000: " per 1 000", nok: " kr", years: " år", points: " prosentpoeng" },
  en: { count: "", percent: " percentage points", per1000: " per 1,000", nok: " NOK", years: " years", points: " percentage points" },
};

/** A number as the language writes it: decimal comma and thin-space thousands in Norwegian. */
export function formatNumber(x: number, unit: Indicator["unit"], lang: ReadingLang): string {
  const text = new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", { minimumFractionDigits: DECIMALS[unit], maximumFractionDigits: DECIMALS[unit] }).format(x);
  // Intl writes U+2212 for minus in nb; keep it, it reads as a minus sign in every font we use.
  return text;
}

const signed = (x: number, unit: Indicator["unit"], lang: ReadingLang) => `${x > 0 ? "+" : ""}${formatNumber(x, unit, lang)}${CHANGE_UNIT[lang][unit]}`;
const span = ([a, b]: [number, number]) => (a === b ? String(a) : `${a}–${b}`);

export function readingOf(r: ReadingInput, lang: ReadingLang): Reading {
  const n = (x: number) => signed(x, r.unit, lang);
  const pct = Math.round(r.level * 100);
  const covers = r.low <= 0 && r.high >= 0;
  const t = TEXT[lang];
  const finding = [
    t.changes(span(r.before), span(r.after), n(r.treatedChange), n(r.comparisonChange)),
    t.estimate(n(r.estimate), pct, n(r.low), n(r.high)),
    covers ? t.noClearDifference : r.estimate > 0 ? t.higher : t.lower,
  ].join(" ");
  const limits = [t.notCausal, t.parallel, t.movesAndSpills, t.otherPolicies, t.small(r.treatedAreas, r.comparisonAreas)];
  return { finding, limits };
}

/** The reading when no estimate could be made, with the same limits that would apply. */
export function notEstimableReading(reason: NotEstimable, lang: ReadingLang): Reading {
  const t = TEXT[lang];
  return { finding: t.notEstimable[reason], limits: [t.notCausal] };
}

export function readings(r: ReadingInput): Record<ReadingLang, Reading> {
  return { nb: readingOf(r, "nb"), nn: readingOf(r, "nn"), en: readingOf(r, "en") };
}

export function notEstimableReadings(reason: NotEstimable): Record<ReadingLang, Reading> {
  return { nb: notEstimableReading(reason, "nb"), nn: notEstimableReading(reason, "nn"), en: notEstimableReading(reason, "en") };
}

interface Texts {
  changes: (before: string, after: string, treated: string, comparison: string) => string;
  estimate: (estimate: string, pct: number, low: string, high: string) => string;
  noClearDifference: string;
  higher: string;
  lower: string;
  notCausal: string;
  parallel: string;
  movesAndSpills: string;
  otherPolicies: string;
  small: (treated: number, comparison: number) => string;
  notEstimable: Record<NotEstimable, string>;
}

const TEXT: Record<ReadingLang, Texts> = {
  nb: {
    changes: (b, a, t, c) => `Fra årene før oppstart (${b}) til årene etter (${a}) endret gjennomsnittet seg med ${t} i satsingens områder og med ${c} i sammenligningsområdene.`,
    estimate: (e, p, l, h) => `Forskjellen mellom disse endringene er ${e} (${p} %-intervall ${l} til ${h}).`,
    noClearDifference: "Intervallet omfatter null: sammenligningen viser ingen klar forskjell mellom satsingens områder og lignende områder.",
    higher: "Intervallet omfatter ikke null: verdien i satsingens områder utviklet seg høyere enn i lignende områder.",
    lower: "Intervallet omfatter ikke null: verdien i satsingens områder utviklet seg lavere enn i lignende områder.",
    notCausal: "Dette er en sammenligning, ikke et bevis for virkning: den kan ikke vise at satsingen var årsaken til en forskjell, eller at den var uten virkning.",
    parallel: "Sammenligningen forutsetter at satsingens områder uten satsingen ville ha utviklet seg som sammenligningsområdene (parallelle trender). Områder velges gjerne ut fordi forholdene der er annerledes, så dette trenger ikke å holde.",
    movesAndSpills: "Tallene beskriver dem som bor i områdene hvert år, ikke de samme personene over tid: flytting inn og ut endrer dem. En satsing kan også påvirke naboområdene, også dem det sammenlignes med.",
    otherPolicies: "Annen politikk, andre tiltak og hendelser i de samme årene, i satsingens områder eller i sammenligningsområdene, ligger også i tallene.",
    small: (t, c) =>
      `Resultatet bygger på ${t} ${t === 1 ? "område" : "områder"} i satsingen og ${c} sammenligningsområder.${t === 1 ? " Med ett område i satsingen viser intervallet bare hvor mye sammenligningsområdene varierer." : ""} Intervallet viser hvor mye resultatet avhenger av hvilke områder som inngår, ikke all usikkerhet.`,
    notEstimable: {
      no_figures_before: "Ingen beregning: det finnes ikke tall for satsingens områder fra årene før oppstart.",
      no_figures_after: "Ingen beregning: det finnes ikke tall for satsingens områder fra årene etter oppstart.",
      no_comparison: "Ingen beregning: ingen områder utenfor satsinger har tall både før og etter oppstart.",
    },
  },
  nn: {
    changes: (b, a, t, c) => `Frå åra før oppstart (${b}) til åra etter (${a}) endra gjennomsnittet seg med ${t} i områda i satsinga og med ${c} i samanlikningsområda.`,
    estimate: (e, p, l, h) => `Skilnaden mellom desse endringane er ${e} (${p} %-intervall ${l} til ${h}).`,
    noClearDifference: "Intervallet omfattar null: samanlikninga viser ingen klar skilnad mellom områda i satsinga og liknande område.",
    higher: "Intervallet omfattar ikkje null: verdien i områda i satsinga utvikla seg høgare enn i liknande område.",
    lower: "Intervallet omfattar ikkje null: verdien i områda i satsinga utvikla seg lågare enn i liknande område.",
    notCausal: "Dette er ei samanlikning, ikkje eit prov for verknad: ho kan ikkje vise at satsinga var årsaka til ein skilnad, eller at ho var utan verknad.",
    parallel: "Samanlikninga føreset at områda i satsinga utan satsinga ville ha utvikla seg som samanlikningsområda (parallelle trendar). Område blir gjerne valde ut fordi tilhøva der er annleis, så dette treng ikkje å halde.",
    movesAndSpills: "Tala skildrar dei som bur i områda kvart år, ikkje dei same personane over tid: flytting inn og ut endrar dei. Ei satsing kan også påverke naboområda, også dei det blir samanlikna med.",
    otherPolicies: "Anna politikk, andre tiltak og hendingar i dei same åra, i områda i satsinga eller i samanlikningsområda, ligg også i tala.",
    small: (t, c) =>
      `Resultatet byggjer på ${t} område i satsinga og ${c} samanlikningsområde.${t === 1 ? " Med eitt område i satsinga viser intervallet berre kor mykje samanlikningsområda varierer." : ""} Intervallet viser kor mykje resultatet avheng av kva område som er med, ikkje all uvisse.`,
    notEstimable: {
      no_figures_before: "Inga utrekning: det finst ikkje tal for områda i satsinga frå åra før oppstart.",
      no_figures_after: "Inga utrekning: det finst ikkje tal for områda i satsinga frå åra etter oppstart.",
      no_comparison: "Inga utrekning: ingen område utanfor satsingar har tal både før og etter oppstart.",
    },
  },
  en: {
    changes: (b, a, t, c) => `From the years before the start (${b}) to the years after (${a}), the average changed by ${t} in the initiative's areas and by ${c} in the comparison areas.`,
    estimate: (e, p, l, h) => `The difference between these changes is ${e} (${p} % interval ${l} to ${h}).`,
    noClearDifference: "The interval includes zero: the comparison shows no clear difference between the initiative's areas and similar areas.",
    higher: "The interval does not include zero: the figure in the initiative's areas developed higher than in similar areas.",
    lower: "The interval does not include zero: the figure in the initiative's areas developed lower than in similar areas.",
    notCausal: "This is a comparison, not proof of an effect: it cannot show that the initiative caused a difference, nor that it had none.",
    parallel: "The comparison assumes that without the initiative its areas would have developed like the comparison areas (parallel trends). Areas are usually chosen because conditions there differ, so this need not hold.",
    movesAndSpills: "The figures describe whoever lives in the areas each year, not the same people over time: moving in and out changes them. An initiative may also affect neighbouring areas, including those it is compared with.",
    otherPolicies: "Other policies, measures and events in the same years, in the initiative's areas or in the comparison areas, are in the figures too.",
    small: (t, c) =>
      `The result rests on ${t} ${t === 1 ? "area" : "areas"} in the initiative and ${c} comparison areas.${t === 1 ? " With one area in the initiative, the interval shows only how much the comparison areas vary." : ""} The interval shows how much the result depends on which areas are included, not all uncertainty.`,
    notEstimable: {
      no_figures_before: "No estimate: there are no figures for the initiative's areas from the years before the start.",
      no_figures_after: "No estimate: there are no figures for the initiative's areas from the years after the start.",
      no_comparison: "No estimate: no areas outside initiatives have figures both before and after the start.",
    },
  },
};
