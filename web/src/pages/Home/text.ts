import type { Lang } from "../../lib/i18n.ts";

/** Words of the home page's national overview and "what changed" (nb, nn, en). */
const nb = {
  overviewTitle: "Kommunene i Norge",
  figureLabel: "Tall på kartet",
  mapCaption: (figure: string, period: string) => `${figure}, ${period}, etter kommune`,
  mapLoading: "Henter kartet …",
  mapHint: "Klikk på en kommune for å åpne den, eller bruk listen under kartet.",
  mapFailed: "Kunne ikke hente kartet.",
  retry: "Prøv igjen",
  changedTitle: "Hva er nytt i tallene",
  figuresUpdated: (date: string) => `Tallene ble sist oppdatert ${date}.`,
  dataImported: (date: string) => `Dataene ble sist hentet inn ${date}.`,
  newPeriods: "Nye år i siste oppdatering:",
  noNewPeriods: "Ingen tall fikk et nytt år i siste oppdatering.",
  newestPeriods: "Nyeste år for hovedtallene:",
  newBadge: "nytt",
  changesTitle: "Største tydelige endringer blant kommunene",
  changesNote: "Endring over fem år til nyeste år, bare der endringen er større enn usikkerheten.",
  changesOf: (figure: string, from: string, to: string) => `${figure}, ${from}–${to}`,
  noChanges: "Ingen kommuner har en tydelig endring i disse tallene.",
  overviewMissing: "Oversikten kommer med neste oppdatering av tallene.",
};

export type HomeText = typeof nb;

const nn: HomeText = {
  overviewTitle: "Kommunane i Noreg",
  figureLabel: "Tal på kartet",
  mapCaption: (figure, period) => `${figure}, ${period}, etter kommune`,
  mapLoading: "Hentar kartet …",
  mapHint: "Klikk på ein kommune for å opne han, eller bruk lista under kartet.",
  mapFailed: "Kunne ikkje hente kartet.",
  retry: "Prøv igjen",
  changedTitle: "Kva er nytt i tala",
  figuresUpdated: (date) => `Tala vart sist oppdaterte ${date}.`,
  dataImported: (date) => `Dataa vart sist henta inn ${date}.`,
  newPeriods: "Nye år i siste oppdatering:",
  noNewPeriods: "Ingen tal fekk eit nytt år i siste oppdatering.",
  newestPeriods: "Nyaste år for hovudtala:",
  newBadge: "nytt",
  changesTitle: "Største tydelege endringar blant kommunane",
  changesNote: "Endring over fem år til nyaste år, berre der endringa er større enn uvissa.",
  changesOf: (figure, from, to) => `${figure}, ${from}–${to}`,
  noChanges: "Ingen kommunar har ei tydeleg endring i desse tala.",
  overviewMissing: "Oversikta kjem med neste oppdatering av tala.",
};

const en: HomeText = {
  overviewTitle: "Norway's municipalities",
  figureLabel: "Figure on the map",
  mapCaption: (figure, period) => `${figure}, ${period}, by municipality`,
  mapLoading: "Loading the map …",
  mapHint: "Click a municipality to open it, or use the list below the map.",
  mapFailed: "Could not load the map.",
  retry: "Try again",
  changedTitle: "What changed in the latest data",
  figuresUpdated: (date) => `The figures were last updated on ${date}.`,
  dataImported: (date) => `The data were last imported on ${date}.`,
  newPeriods: "New years in the latest update:",
  noNewPeriods: "No figure got a new year in the latest update.",
  newestPeriods: "Newest year of the key figures:",
  newBadge: "new",
  changesTitle: "Largest clear changes among the municipalities",
  changesNote: "Change over five years to the newest year, only where the change is larger than its uncertainty.",
  changesOf: (figure, from, to) => `${figure}, ${from}–${to}`,
  noChanges: "No municipality has a clear change in these figures.",
  overviewMissing: "The overview comes with the next update of the figures.",
};

const TEXTS: Record<Lang, HomeText> = { nb, nn, en };

export const homeText = (lang: Lang): HomeText => TEXTS[lang];

/** An indicator's name in the page's language (Nynorsk falls back to Bokmål). */
export const nameIn = (name: { nb: string; nn: string | null; en: string }, lang: Lang) => (lang === "nn" ? (name.nn ?? name.nb) : name[lang]);
