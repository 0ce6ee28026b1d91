import type { Lang } from "../../lib/i18n.ts";
import type { ListLevel } from "./rules.ts";

/** Why a criterion could not be evaluated (worker/stats/classify.ts NOT_EVALUABLE). */
type Reason = "suppressed" | "missing" | "not_applicable" | "reference_missing" | "no_region";

/**
 * Words of the classification view. Neutral on purpose: areas are people's homes, so the page
 * speaks of "areas with several living-condition challenges", lists them in code order, and
 * never ranks them.
 */
const nb = {
  title: "Områder med flere levekårsutfordringer",
  lead: "Her ser du hvilke områder som oppfyller et regelsett for levekårsutfordringer et gitt år, og hvorfor: hvert kriterium med områdets verdi og terskelen.",
  respect:
    "Listen står i kodeorden og er ingen rangering. Tallene beskriver områdene, ikke menneskene som bor der, og et område på listen er også et sted der folk har hjemmet sitt.",
  choiceTitle: "Velg regelsett, år og nivå",
  ruleSetLegend: "Regelsett",
  defaultMark: "Standard",
  contestedMark: "Omstridt",
  contestedRuleSet: "Har omstridte deler",
  year: "År",
  level: "Nivå",
  levels: { grunnkrets: "Grunnkretser", bydel: "Bydeler", kommune: "Kommuner" } satisfies Record<ListLevel, string>,
  levelsLower: { grunnkrets: "grunnkretser", bydel: "bydeler", kommune: "kommuner" } satisfies Record<ListLevel, string>,
  aboutRuleSet: (name: string) => `Om regelsettet: ${name}`,
  criteriaTitle: (minMet: number, n: number) => `Kriterier: minst ${minMet} av ${n} må holde`,
  populationLimit: (min: string | null, max: string | null) =>
    min !== null && max !== null
      ? `Gjelder områder med mellom ${min} og ${max} bosatte.`
      : min !== null
        ? `Gjelder områder med minst ${min} bosatte.`
        : max !== null
          ? `Gjelder områder med høyst ${max} bosatte.`
          : "Gjelder områder av alle størrelser.",
  tiersTitle: "Tilleggsnivåer",
  typesTitle: "Områdetyper",
  flaggedType: "regnes som område med utfordringer",
  noteLabel: "Merknad:",
  resultsTitle: (count: string, level: string, year: number) => `${count} ${level} oppfyller regelsettet i ${year}`,
  atLeast: (n: number) => `Minst ${n}`,
  noResults: (level: string, year: number) => `Ingen ${level} oppfyller regelsettet i ${year}.`,
  noneEvaluable: (level: string, year: number) => `Ingen ${level} kan vurderes i ${year}.`,
  sortNote: "Sortert etter områdekode.",
  showMore: "Vis flere områder",
  areaCode: (level: string, code: string) => `${level} ${code}`,
  population: (n: string) => `Bosatte: ${n}.`,
  metCount: (met: number, n: number, min: number) => `${met} av ${n} kriterier holder (minst ${min} trengs).`,
  notEvaluable: (n: number) => (n === 1 ? "Ett kriterium kunne ikke vurderes." : `${n} kriterier kunne ikke vurderes.`),
  criteriaCaption: (name: string) => `Kriteriene for ${name}`,
  criterion: "Kriterium",
  value: "Verdi",
  threshold: "Terskel",
  holds: "Holder?",
  yes: "Ja",
  no: "Nei",
  /** Added to a criterion's yes/no when its threshold lies within the value's uncertainty. */
  borderline: "på grensen",
  borderlineResult: "Resultatet avhenger av minst ett kriterium som er på grensen: verdien kan like gjerne ligge på den andre siden av terskelen.",
  reasons: {
    suppressed: "Kan ikke vurderes (skjermet)",
    missing: "Kan ikke vurderes (mangler)",
    not_applicable: "Kan ikke vurderes (ikke relevant)",
    reference_missing: "Kan ikke vurderes (mangler sammenligningstall)",
    no_region: "Kan ikke vurderes (mangler region)",
  } satisfies Record<Reason, string>,
  tierResult: (label: string, met: boolean) => `${label}: ${met ? "ja" : "nei"}`,
  scaleResult: (index: string, type: string) => `Indeks ${index}: ${type}.`,
  scaleNone: "Indeksen kunne ikke regnes ut.",
  times: (factor: string, to: "national" | "kommune" | "fylke") =>
    `${factor} × ${{ national: "landsnivået", kommune: "kommunens verdi", fylke: "fylkets verdi" }[to]}`,
  minMetValue: (n: number, total: number) => `Minst ${n} av ${total} kriterier`,
  minMetLabel: "Kriterier som må holde",
  minPopulationLabel: "Minste folketall",
  minPopulationValue: (n: string) => `Minst ${n} bosatte`,
  stricterUp: "Høyere verdi gir færre områder.",
  stricterDown: "Lavere verdi gir færre områder.",
  ruleSetValue: (v: string) => `Regelsettet: ${v}`,
  whatIfTitle: "Hva om tersklene var andre?",
  whatIfLead: "Flytt på tersklene og se hvilke områder som ville kommet med eller falt ut. Tjenesten regner på de samme tallene som listen over.",
  nothingSaved: "Ingenting lagres: regelsettet og listen over er som før.",
  whatIfScaleOnly: "Grensene mellom områdetypene kan ikke endres her; bare folketallsgrensen.",
  whatIfHint: "Flytt en glidebryter for å se virkningen.",
  computing: "Regner …",
  previewFailed: "Kunne ikke regne ut virkningen.",
  previewSummary: (after: number, before: number, entering: number, leaving: number) =>
    `Med disse tersklene oppfyller ${after} områder regelsettet (nå ${before}): ${entering} kommer med og ${leaving} faller ut.`,
  entering: "Kommer med",
  leaving: "Faller ut",
  none: "Ingen",
  reset: "Tilbakestill tersklene",
  loadFailed: "Kunne ikke hente klassifiseringene.",
  cannotEvaluate: (ruleSet: string, level: string, year: number) => `${ruleSet} kan ikke vurderes for ${level} i ${year}`,
  partlyEvaluable: (level: string, year: number) => `Noen kriterier kan ikke vurderes for ${level} i ${year}`,
  gapMissing: "Det mangler tall for:",
  gapSuppressed: "Alle tallene er skjermet (for få personer) for:",
  gapNoReference: "Det mangler tall å sammenligne med (landet eller kommunen) for:",
  gapPopulation: (name: string) => `${name} (grensen for folketall)`,
  noAreas: (level: string, year: number) => `Det finnes ingen ${level} med tall i ${year}.`,
  partlyNote: "Et område der disse kriteriene kunne avgjort saken, regnes som uavklart og står ikke på listen.",
  ruleSetsFailed: "Kunne ikke hente regelsettene.",
};

export type ClassificationText = typeof nb;

const nn: ClassificationText = {
  title: "Område med fleire levekårsutfordringar",
  lead: "Her ser du kva område som oppfyller eit regelsett for levekårsutfordringar eit gitt år, og kvifor: kvart kriterium med verdien for området og terskelen.",
  respect:
    "Lista står i kodeorden og er inga rangering. Tala skildrar områda, ikkje menneska som bur der, og eit område på lista er òg ein stad der folk har heimen sin.",
  choiceTitle: "Vel regelsett, år og nivå",
  ruleSetLegend: "Regelsett",
  defaultMark: "Standard",
  contestedMark: "Omstridd",
  contestedRuleSet: "Har omstridde delar",
  year: "År",
  level: "Nivå",
  levels: { grunnkrets: "Grunnkrinsar", bydel: "Bydelar", kommune: "Kommunar" },
  levelsLower: { grunnkrets: "grunnkrinsar", bydel: "bydelar", kommune: "kommunar" },
  aboutRuleSet: (name) => `Om regelsettet: ${name}`,
  criteriaTitle: (minMet, n) => `Kriterium: minst ${minMet} av ${n} må halde`,
  populationLimit: (min, max) =>
    min !== null && max !== null
      ? `Gjeld område med mellom ${min} og ${max} busette.`
      : min !== null
        ? `Gjeld område med minst ${min} busette.`
        : max !== null
          ? `Gjeld område med høgst ${max} busette.`
          : "Gjeld område av alle storleikar.",
  tiersTitle: "Tilleggsnivå",
  typesTitle: "Områdetypar",
  flaggedType: "blir rekna som område med utfordringar",
  noteLabel: "Merknad:",
  resultsTitle: (count, level, year) => `${count} ${level} oppfyller regelsettet i ${year}`,
  atLeast: (n) => `Minst ${n}`,
  noResults: (level, year) => `Ingen ${level} oppfyller regelsettet i ${year}.`,
  noneEvaluable: (level, year) => `Ingen ${level} kan vurderast i ${year}.`,
  sortNote: "Sortert etter områdekode.",
  showMore: "Vis fleire område",
  areaCode: (level, code) => `${level} ${code}`,
  population: (n) => `Busette: ${n}.`,
  metCount: (met, n, min) => `${met} av ${n} kriterium held (minst ${min} trengst).`,
  notEvaluable: (n) => (n === 1 ? "Eitt kriterium kunne ikkje vurderast." : `${n} kriterium kunne ikkje vurderast.`),
  criteriaCaption: (name) => `Kriteria for ${name}`,
  criterion: "Kriterium",
  value: "Verdi",
  threshold: "Terskel",
  holds: "Held?",
  yes: "Ja",
  no: "Nei",
  /** Added to a criterion's yes/no when its threshold lies within the value's uncertainty. */
  borderline: "på grensa",
  borderlineResult: "Resultatet avheng av minst eitt kriterium som er på grensa: verdien kan like gjerne liggje på den andre sida av terskelen.",
  reasons: {
    suppressed: "Kan ikkje vurderast (skjerma)",
    missing: "Kan ikkje vurderast (manglar)",
    not_applicable: "Kan ikkje vurderast (ikkje relevant)",
    reference_missing: "Kan ikkje vurderast (manglar samanlikningstal)",
    no_region: "Kan ikkje vurderast (manglar region)",
  },
  tierResult: (label, met) => `${label}: ${met ? "ja" : "nei"}`,
  scaleResult: (index, type) => `Indeks ${index}: ${type}.`,
  scaleNone: "Indeksen kunne ikkje reknast ut.",
  times: (factor, to) => `${factor} × ${{ national: "landsnivået", kommune: "verdien for kommunen", fylke: "verdien for fylket" }[to]}`,
  minMetValue: (n, total) => `Minst ${n} av ${total} kriterium`,
  minMetLabel: "Kriterium som må halde",
  minPopulationLabel: "Minste folketal",
  minPopulationValue: (n) => `Minst ${n} busette`,
  stricterUp: "Høgare verdi gir færre område.",
  stricterDown: "Lågare verdi gir færre område.",
  ruleSetValue: (v) => `Regelsettet: ${v}`,
  whatIfTitle: "Kva om tersklane var andre?",
  whatIfLead: "Flytt på tersklane og sjå kva område som ville kome med eller falle ut. Tenesta reknar på dei same tala som lista over.",
  nothingSaved: "Ingenting blir lagra: regelsettet og lista over er som før.",
  whatIfScaleOnly: "Grensene mellom områdetypane kan ikkje endrast her; berre grensa for folketal.",
  whatIfHint: "Flytt ein glidebrytar for å sjå verknaden.",
  computing: "Reknar …",
  previewFailed: "Kunne ikkje rekne ut verknaden.",
  previewSummary: (after, before, entering, leaving) =>
    `Med desse tersklane oppfyller ${after} område regelsettet (no ${before}): ${entering} kjem med og ${leaving} fell ut.`,
  entering: "Kjem med",
  leaving: "Fell ut",
  none: "Ingen",
  reset: "Tilbakestill tersklane",
  loadFailed: "Kunne ikkje hente klassifiseringane.",
  cannotEvaluate: (ruleSet, level, year) => `${ruleSet} kan ikkje vurderast for ${level} i ${year}`,
  partlyEvaluable: (level, year) => `Nokre kriterium kan ikkje vurderast for ${level} i ${year}`,
  gapMissing: "Det manglar tal for:",
  gapSuppressed: "Alle tala er skjerma (for få personar) for:",
  gapNoReference: "Det manglar tal å samanlikne med (landet eller kommunen) for:",
  gapPopulation: (name) => `${name} (grensa for folketal)`,
  noAreas: (level, year) => `Det finst ingen ${level} med tal i ${year}.`,
  partlyNote: "Eit område der desse kriteria kunne avgjort saka, blir rekna som uavklart og står ikkje på lista.",
  ruleSetsFailed: "Kunne ikkje hente regelsetta.",
};

const en: ClassificationText = {
  title: "Areas with several living-condition challenges",
  lead: "Which areas meet a rule set for living-condition challenges in a given year, and why: every criterion with the area's value and the threshold.",
  respect:
    "The list is in code order and is not a ranking. The figures describe the areas, not the people who live there, and an area on this list is also a place where people make their homes.",
  choiceTitle: "Choose rule set, year and level",
  ruleSetLegend: "Rule set",
  defaultMark: "Default",
  contestedMark: "Contested",
  contestedRuleSet: "Has contested parts",
  year: "Year",
  level: "Level",
  levels: { grunnkrets: "Basic statistical units", bydel: "City districts", kommune: "Municipalities" },
  levelsLower: { grunnkrets: "basic statistical units", bydel: "city districts", kommune: "municipalities" },
  aboutRuleSet: (name) => `About the rule set: ${name}`,
  criteriaTitle: (minMet, n) => `Criteria: at least ${minMet} of ${n} must hold`,
  populationLimit: (min, max) =>
    min !== null && max !== null
      ? `Applies to areas with between ${min} and ${max} residents.`
      : min !== null
        ? `Applies to areas with at least ${min} residents.`
        : max !== null
          ? `Applies to areas with at most ${max} residents.`
          : "Applies to areas of every size.",
  tiersTitle: "Additional tiers",
  typesTitle: "Area types",
  flaggedType: "counts as an area with challenges",
  noteLabel: "Note:",
  resultsTitle: (count, level, year) => `${count} ${level} meet the rule set in ${year}`,
  atLeast: (n) => `At least ${n}`,
  noResults: (level, year) => `No ${level} meet the rule set in ${year}.`,
  noneEvaluable: (level, year) => `No ${level} can be evaluated in ${year}.`,
  sortNote: "Sorted by area code.",
  showMore: "Show more areas",
  areaCode: (level, code) => `${level} ${code}`,
  population: (n) => `Residents: ${n}.`,
  metCount: (met, n, min) => `${met} of ${n} criteria hold (at least ${min} needed).`,
  notEvaluable: (n) => (n === 1 ? "One criterion could not be evaluated." : `${n} criteria could not be evaluated.`),
  criteriaCaption: (name) => `The criteria for ${name}`,
  criterion: "Criterion",
  value: "Value",
  threshold: "Threshold",
  holds: "Holds?",
  yes: "Yes",
  no: "No",
  borderline: "on the threshold",
  borderlineResult: "The result depends on at least one criterion on the threshold: the value could as well lie on the other side of it.",
  reasons: {
    suppressed: "Not evaluable (suppressed)",
    missing: "Not evaluable (missing)",
    not_applicable: "Not evaluable (not applicable)",
    reference_missing: "Not evaluable (no reference value)",
    no_region: "Not evaluable (no region)",
  },
  tierResult: (label, met) => `${label}: ${met ? "yes" : "no"}`,
  scaleResult: (index, type) => `Index ${index}: ${type}.`,
  scaleNone: "The index could not be computed.",
  times: (factor, to) => `${factor} × ${{ national: "the national level", kommune: "the municipality's value", fylke: "the county's value" }[to]}`,
  minMetValue: (n, total) => `At least ${n} of ${total} criteria`,
  minMetLabel: "Criteria that must hold",
  minPopulationLabel: "Minimum population",
  minPopulationValue: (n) => `At least ${n} residents`,
  stricterUp: "A higher value lists fewer areas.",
  stricterDown: "A lower value lists fewer areas.",
  ruleSetValue: (v) => `Rule set: ${v}`,
  whatIfTitle: "What if the thresholds were different?",
  whatIfLead: "Move the thresholds and see which areas would enter or leave the list. The service computes on the same figures as the list above.",
  nothingSaved: "Nothing is saved: the rule set and the list above stay as they are.",
  whatIfScaleOnly: "The limits between the area types cannot be changed here; only the population limit.",
  whatIfHint: "Move a slider to see the effect.",
  computing: "Computing …",
  previewFailed: "Could not compute the effect.",
  previewSummary: (after, before, entering, leaving) =>
    `With these thresholds ${after} areas meet the rule set (now ${before}): ${entering} enter and ${leaving} leave.`,
  entering: "Entering",
  leaving: "Leaving",
  none: "None",
  reset: "Reset the thresholds",
  loadFailed: "Could not load the classifications.",
  cannotEvaluate: (ruleSet, level, year) => `${ruleSet} cannot be evaluated for ${level} in ${year}`,
  partlyEvaluable: (level, year) => `Some criteria cannot be evaluated for ${level} in ${year}`,
  gapMissing: "There are no figures for:",
  gapSuppressed: "All figures are suppressed (too few people) for:",
  gapNoReference: "There is nothing to compare with (the national or municipal figure is missing) for:",
  gapPopulation: (name) => `${name} (the population limit)`,
  noAreas: (level, year) => `There are no ${level} with figures in ${year}.`,
  partlyNote: "An area where these criteria could have decided the outcome counts as undetermined and is not on the list.",
  ruleSetsFailed: "Could not load the rule sets.",
};

const TEXTS: Record<Lang, ClassificationText> = { nb, nn, en };

export function classificationText(lang: Lang): ClassificationText {
  return TEXTS[lang];
}

/** Rule set texts exist in Bokmål and English; Nynorsk readers get Bokmål. */
export function pick(text: { nb: string; en: string }, lang: Lang): string {
  return lang === "en" ? text.en : text.nb;
}
