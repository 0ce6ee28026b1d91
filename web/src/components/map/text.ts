import type { AreaRef, IndicatorInfo } from "../../../../worker/api/schemas.ts";
import { capitalise, type Lang } from "../../lib/i18n.ts";

type ChildLevel = Exclude<AreaRef["level"], "country">;
type Direction = IndicatorInfo["direction"];

/** Words of the maps (loaded with the map code, not with the front page). */
const nb = {
  mapsTitle: "Kart",
  indicatorLabel: "Tall på kartet",
  /** "Kommunene", "Bydelene": the areas one level down, as a group. */
  levelsPlural: { fylke: "fylkene", kommune: "kommunene", bydel: "bydelene", grunnkrets: "grunnkretsene" } satisfies Record<ChildLevel, string>,
  amongSiblings: (name: string, siblings: string, parent: string) => `${name} blant ${siblings} i ${parent}`,
  children: (children: string, name: string) => `${capitalise(children)} i ${name}`,
  mapLabel: (indicator: string, period: string, title: string) => `Kart: ${indicator} ${period}, ${title}`,
  legendTitle: (indicator: string, period: string) => `${indicator}, ${period}`,
  legendScale: "Lys farge: lavere verdi. Mørk farge: høyere verdi.",
  direction: {
    higher_worse: "For dette tallet betyr en høyere verdi flere levekårsutfordringer.",
    higher_better: "For dette tallet betyr en høyere verdi bedre levekår.",
    neutral: "",
  } satisfies Record<Direction, string>,
  thisArea: "Dette området (tykk kant)",
  thisAreaLabel: "dette området",
  noMap: "Kart mangler for dette nivået. Verdiene står i listen under.",
  noValues: "Det finnes ingen tall for dette nivået.",
  loadFailed: "Kunne ikke hente kartet.",
  showList: "Vis verdiene som liste",
  listCaption: (indicator: string, period: string, title: string) => `${indicator} ${period}: ${title}`,
  area: "Område",
  value: "Verdi",
  attribution: "Kartgrunnlag:",
  hint: "Velg et område i kartet (Tab og Enter, eller klikk) for å åpne det.",
};

export type MapText = typeof nb;

const nn: MapText = {
  mapsTitle: "Kart",
  indicatorLabel: "Tal på kartet",
  levelsPlural: { fylke: "fylka", kommune: "kommunane", bydel: "bydelane", grunnkrets: "grunnkrinsane" },
  amongSiblings: (name, siblings, parent) => `${name} blant ${siblings} i ${parent}`,
  children: (children, name) => `${capitalise(children)} i ${name}`,
  mapLabel: (indicator, period, title) => `Kart: ${indicator} ${period}, ${title}`,
  legendTitle: (indicator, period) => `${indicator}, ${period}`,
  legendScale: "Lys farge: lågare verdi. Mørk farge: høgare verdi.",
  direction: {
    higher_worse: "For dette talet tyder ein høgare verdi fleire levekårsutfordringar.",
    higher_better: "For dette talet tyder ein høgare verdi betre levekår.",
    neutral: "",
  },
  thisArea: "Dette området (tjukk kant)",
  thisAreaLabel: "dette området",
  noMap: "Kart manglar for dette nivået. Verdiane står i lista under.",
  noValues: "Det finst ingen tal for dette nivået.",
  loadFailed: "Kunne ikkje hente kartet.",
  showList: "Vis verdiane som liste",
  listCaption: (indicator, period, title) => `${indicator} ${period}: ${title}`,
  area: "Område",
  value: "Verdi",
  attribution: "Kartgrunnlag:",
  hint: "Vel eit område i kartet (Tab og Enter, eller klikk) for å opne det.",
};

const en: MapText = {
  mapsTitle: "Maps",
  indicatorLabel: "Figure on the map",
  levelsPlural: { fylke: "counties", kommune: "municipalities", bydel: "city districts", grunnkrets: "basic statistical units" },
  amongSiblings: (name, siblings, parent) => `${name} among the ${siblings} of ${parent}`,
  children: (children, name) => `${capitalise(children)} of ${name}`,
  mapLabel: (indicator, period, title) => `Map: ${indicator} ${period}, ${title}`,
  legendTitle: (indicator, period) => `${indicator}, ${period}`,
  legendScale: "Light colour: lower value. Dark colour: higher value.",
  direction: {
    higher_worse: "For this figure, a higher value means more living-condition challenges.",
    higher_better: "For this figure, a higher value means better living conditions.",
    neutral: "",
  },
  thisArea: "This area (thick outline)",
  thisAreaLabel: "this area",
  noMap: "There is no map for this level yet. The values are in the list below.",
  noValues: "There are no figures for this level.",
  loadFailed: "Could not load the map.",
  showList: "Show the values as a list",
  listCaption: (indicator, period, title) => `${indicator} ${period}: ${title}`,
  area: "Area",
  value: "Value",
  attribution: "Map data:",
  hint: "Choose an area on the map (Tab and Enter, or click) to open it.",
};

const TEXTS: Record<Lang, MapText> = { nb, nn, en };

export function mapText(lang: Lang): MapText {
  return TEXTS[lang];
}
