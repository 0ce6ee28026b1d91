import type { Lang } from "../../lib/i18n.ts";

/** Words of the compare page. */
const nb = {
  title: "Sammenlign områder",
  lead: "Velg to eller tre områder og se de siste tallene side om side, med utviklingen de siste fem årene.",
  chosenTitle: "Valgte områder",
  none: "Ingen områder er valgt ennå.",
  addLabel: "Legg til område",
  remove: (name: string) => `Fjern ${name}`,
  removeShort: "Fjern",
  full: "Du har valgt tre områder, som er det meste som kan sammenlignes. Fjern ett for å velge et annet.",
  pickMore: "Velg minst ett område til for å sammenligne.",
  tableCaption: (names: string) => `Siste tall for ${names}`,
  indicator: "Tall",
  trend: "Utvikling",
  noCard: "Ingen tall",
  noOpenFigures: { bydel: "Ingen åpne tall for bydelen", grunnkrets: "Ingen åpne tall for grunnkretsen" },
  loadFailed: "Kunne ikke hente tallene for sammenligningen.",
  unknownArea: "Ett av områdene finnes ikke. Fjern det og velg et annet.",
};

export type CompareText = typeof nb;

const nn: CompareText = {
  title: "Samanlikn område",
  lead: "Vel to eller tre område og sjå dei siste tala side om side, med utviklinga dei siste fem åra.",
  chosenTitle: "Valde område",
  none: "Ingen område er valde enno.",
  addLabel: "Legg til område",
  remove: (name) => `Fjern ${name}`,
  removeShort: "Fjern",
  full: "Du har valt tre område, som er det meste som kan samanliknast. Fjern eitt for å velje eit anna.",
  pickMore: "Vel minst eitt område til for å samanlikne.",
  tableCaption: (names) => `Siste tal for ${names}`,
  indicator: "Tal",
  trend: "Utvikling",
  noCard: "Ingen tal",
  noOpenFigures: { bydel: "Ingen opne tal for bydelen", grunnkrets: "Ingen opne tal for grunnkrinsen" },
  loadFailed: "Kunne ikkje hente tala for samanlikninga.",
  unknownArea: "Eitt av områda finst ikkje. Fjern det og vel eit anna.",
};

const en: CompareText = {
  title: "Compare areas",
  lead: "Choose two or three areas and see their latest figures side by side, with the trend over the last five years.",
  chosenTitle: "Chosen areas",
  none: "No areas chosen yet.",
  addLabel: "Add an area",
  remove: (name) => `Remove ${name}`,
  removeShort: "Remove",
  full: "You have chosen three areas, the most that can be compared. Remove one to choose another.",
  pickMore: "Choose at least one more area to compare.",
  tableCaption: (names) => `Latest figures for ${names}`,
  indicator: "Figure",
  trend: "Trend",
  noCard: "No figures",
  noOpenFigures: { bydel: "No open figures for the district", grunnkrets: "No open figures for the unit" },
  loadFailed: "Could not load the figures for the comparison.",
  unknownArea: "One of the areas does not exist. Remove it and choose another.",
};

const TEXTS: Record<Lang, CompareText> = { nb, nn, en };

export function compareText(lang: Lang): CompareText {
  return TEXTS[lang];
}
