import type { IndicatorInfo } from "../../../../worker/api/schemas.ts";
import type { Lang, Level } from "../../lib/i18n.ts";
import { OLD_AFTER_YEARS } from "../../components/card/age.ts";

type Unit = IndicatorInfo["unit"];
type Direction = IndicatorInfo["direction"];

interface Section {
  title: string;
  paragraphs: string[];
}

/** Words of the about/method page. Kept with the page: they load only when it opens. */
const nb = {
  title: "Om tallene og metoden",
  lead: "Områdemonitor viser levekår og befolkning i Norges fylker, kommuner, bydeler og grunnkretser over tid. Her står hvor tallene kommer fra, hva de betyr og hvordan de er regnet ut.",
  synthetic:
    "Tallene i denne utgaven er syntetiske demodata, laget av en tilfeldighetsgenerator. Fylker og kommuner har ekte navn og koder, men alle tall, og alle bydels- og grunnkretsnavn, er oppdiktet.",
  contents: "Innhold",
  what: {
    title: "Hva monitoren viser",
    paragraphs: [
      "For hvert område viser monitoren de siste tallene, utviklingen de siste fem årene og hvordan området ligger an sammenlignet med kommunen og hele landet.",
      "Tallene beskriver områder, ikke personene som bor der. Et område med mange levekårsutfordringer er også et sted der folk har hjemmet sitt, naboene sine og hverdagen sin.",
    ],
  } satisfies Section,
  sourcesTitle: "Kilder og definisjoner",
  sourcesLead: "Hvert tall har en definisjon, en enhet og en kilde. Listen kommer direkte fra tjenesten:",
  indicatorsFailed: "Klarte ikke å hente listen over tall.",
  unitLabel: "Enhet",
  finestLabel: "Finnes ned til",
  sourceLabel: "Kilde",
  tableLabel: "tabell",
  directionLabel: "Tolkning",
  units: { count: "antall personer", percent: "prosent", per1000: "per 1000 innbyggere", nok: "kroner", years: "år", points: "prosentpoeng (forskjell mellom to andeler)" } satisfies Record<Unit, string>,
  directions: {
    higher_worse: "en høyere verdi betyr flere levekårsutfordringer",
    higher_better: "en høyere verdi betyr bedre levekår",
    neutral: "beskriver befolkningen, uten bedre eller dårligere",
  } satisfies Record<Direction, string>,
  levels: { country: "landet", fylke: "fylke", kommune: "kommune", bydel: "bydel", grunnkrets: "grunnkrets" } satisfies Record<Level, string>,
  age: {
    title: "Hvor gamle tallene er, og hva som mangler",
    paragraphs: [
      "Hvert tall viser hvilket år eller hvilken periode det gjelder, og hvert tallkort og hver nedlasting sier når dataene sist ble oppdatert.",
      `Et tall regnes som gammelt når det er mer enn ${OLD_AFTER_YEARS} år eldre enn de nyeste tallene i monitoren. Da får det merket «Gammelt tall: fra …». Vi måler mot de nyeste tallene, ikke mot kalenderen, slik at merket sier noe om tallet og ikke om dagens dato.`,
      "Når det bare finnes ett tall, viser vi ingen utvikling: ett tall kan ikke si om noe stiger eller synker.",
      "Åpen statistikk stopper ved kommuner og bydelene i de største byene. Tall for grunnkretser lager SSB på bestilling, så for mange grunnkretser finnes det få eller ingen tall. Sidene sier hvilke tall som mangler, og listen over levekårsutfordringer sier når et regelsett ikke kan vurderes fordi tallene det bygger på mangler.",
    ],
  } satisfies Section,
  datesLine: (data: string | null, figures: string) => (data ? `Data sist oppdatert ${data}. Tallene beregnet ${figures}.` : `Tallene beregnet ${figures}.`),
  trends: {
    title: "Utvikling og usikkerhet",
    paragraphs: [
      "Utviklingen måles over de siste fem årene med tall. Vi kaller den «stigende» eller «synkende» bare når endringen er større enn usikkerheten: for andeler brukes en test av forskjellen mellom to andeler med 95 % sikkerhet, for beløp og andre tall en endring på mer enn 3 %. Ellers står det «ingen klar endring».",
      "Små områder har få innbyggere, så tallene deres svinger mer fra år til år. Derfor er det vanligere at små områder får «ingen klar endring», selv når tallet har flyttet seg.",
    ],
  } satisfies Section,
  disclosure: {
    title: "Personvern: skjerming av små tall",
    paragraphs: [
      "Ingen skal kunne kjennes igjen i tallene. Et antall under 5 personer vises ikke, og en andel eller rate vises ikke når den bygger på færre enn 20 personer.",
      "Der et skjermet tall kunne regnes ut ved å trekke de andre områdene fra totalen, skjermes også et annet tall (sekundærskjerming). Tellere og nevnere vises aldri.",
      "Skjermet betyr ikke null. Tallene beholder symbolene fra Statistisk sentralbyrå:",
    ],
  } satisfies Section,
  symbols: { ":": "skjermet (for få personer)", "..": "mangler (tallet finnes ikke for perioden)", ".": "ikke relevant for området" },
  symbolCaption: "Symboler for tall som ikke vises",
  symbolHeader: "Symbol",
  meaningHeader: "Betydning",
  indices: {
    title: "Indekser og klassifiseringer",
    paragraphs: [
      "Segregeringsindeksene måler hvor ujevnt grupper er fordelt på områdene i en kommune, et fylke eller hele landet: ulikhetsindeksen D (andelen som måtte flytte for en jevn fordeling, for to grupper), Theils entropiindeks H og den gjensidige informasjonsindeksen M, som kan deles opp i en del mellom og en del innenfor større områder. Grupper kan være innvandrere etter verdensdel for landbakgrunn. Alle vises med konfidensintervaller. Skjermede tall regnes aldri ut av totalen: de personene holdes utenfor.",
      "Levekårsindeksen slår sammen flere tall: hvert tall standardiseres mot landsfordelingen (z-verdier), og gjennomsnittet gir en statusindeks. En dynamikkindeks gjør det samme med endringen over fem år.",
      "Klassifiseringene er regelsett som ligger som data, ikke i programkoden: hvert område vises med hvert kriterium, verdien, terskelen og om kriteriet er oppfylt. Standardregelsettet bruker bare sosioøkonomiske kriterier. Opprinnelse vises og måles, men brukes aldri til å klassifisere et område.",
      "Segregasjonsindeksene for hele landet, hvert fylke og hver kommune står på sidene om bostedssegregasjon (/segregasjon/0), og områdene som oppfyller et regelsett på siden Levekårsutfordringer (/levekar).",
    ],
  } satisfies Section,
  licence: {
    title: "Lisens og gjenbruk",
    paragraphs: [
      "Tallene kan brukes fritt etter lisensen Creative Commons Navngivelse 4.0 (CC BY 4.0). Oppgi «Områdemonitor» og kilden som står ved hvert tall. Kartgrunnlaget har sin egen kreditering under kartene.",
    ],
  } satisfies Section,
  licenceLink: "Les lisensen CC BY 4.0",
  borderline: {
    title: "Avgjørelser på grensen",
    paragraphs: [
      "Klassifiseringene avgjøres med full presisjon, ikke med tallene slik de vises med én desimal: en andel med tellinger sammenlignes som antall delt på antall, og et kriterium som krever «minst» terskelen, er oppfylt når verdien er lik eller over den. Tallene som vises, er fortsatt de publiserte.",
      "Et kriterium er «på grensen» når terskelen ligger innenfor usikkerheten i verdien: for andeler med tellinger 95 %-intervallet (Wilson), for andre tall (beløp, antall, andeler uten tellinger) en halv enhet av siste publiserte siffer. En verdi som er nøyaktig lik terskelen, er alltid på grensen. Et område er på grensen når resultatet kunne blitt et annet om kriteriene på grensen hadde falt ut motsatt; da står det ved området.",
    ],
  } satisfies Section,
  data: {
    title: "Åpne data og API",
    paragraphs: [
      "Alle tall kan lastes ned som CSV eller JSON-stat2, og hele tjenesten har et åpent programmeringsgrensesnitt (API).",
    ],
  } satisfies Section,
  docsLink: "API-dokumentasjon",
  openapiLink: "OpenAPI-beskrivelse (JSON)",
  examplesTitle: "Eksempler på nedlasting",
  examples: {
    csv: "Folkemengde i Oslos bydeler, CSV med kilde og lisens",
    jsonstat: "Alle tall for Tromsø, JSON-stat2",
    range: "Vedvarende lavinntekt i Oslo og Bergen 2018–2024, CSV",
  },
};

export type AboutText = typeof nb;

const nn: AboutText = {
  title: "Om tala og metoden",
  lead: "Områdemonitor viser levekår og befolkning i fylka, kommunane, bydelane og grunnkrinsane i Noreg over tid. Her står det kvar tala kjem frå, kva dei tyder og korleis dei er rekna ut.",
  synthetic:
    "Tala i denne utgåva er syntetiske demodata, laga av ein tilfeldigheitsgenerator. Fylke og kommunar har ekte namn og kodar, men alle tal, og alle namn på bydelar og grunnkrinsar, er oppdikta.",
  contents: "Innhald",
  what: {
    title: "Kva monitoren viser",
    paragraphs: [
      "For kvart område viser monitoren dei siste tala, utviklinga dei siste fem åra og korleis området ligg an samanlikna med kommunen og heile landet.",
      "Tala skildrar område, ikkje personane som bur der. Eit område med mange levekårsutfordringar er òg ein stad der folk har heimen sin, naboane sine og kvardagen sin.",
    ],
  },
  sourcesTitle: "Kjelder og definisjonar",
  sourcesLead: "Kvart tal har ein definisjon, ei eining og ei kjelde. Lista kjem direkte frå tenesta:",
  indicatorsFailed: "Klarte ikkje å hente lista over tal.",
  unitLabel: "Eining",
  finestLabel: "Finst ned til",
  sourceLabel: "Kjelde",
  tableLabel: "tabell",
  directionLabel: "Tolking",
  units: { count: "tal på personar", percent: "prosent", per1000: "per 1000 innbyggjarar", nok: "kroner", years: "år", points: "prosentpoeng (skilnad mellom to delar)" },
  directions: {
    higher_worse: "ein høgare verdi tyder fleire levekårsutfordringar",
    higher_better: "ein høgare verdi tyder betre levekår",
    neutral: "skildrar befolkninga, utan betre eller dårlegare",
  },
  levels: { country: "landet", fylke: "fylke", kommune: "kommune", bydel: "bydel", grunnkrets: "grunnkrins" },
  age: {
    title: "Kor gamle tala er, og kva som manglar",
    paragraphs: [
      "Kvart tal viser kva år eller periode det gjeld, og kvart talkort og kvar nedlasting seier når dataa sist vart oppdaterte.",
      `Eit tal blir rekna som gammalt når det er meir enn ${OLD_AFTER_YEARS} år eldre enn dei nyaste tala i monitoren. Då får det merket «Gammalt tal: frå …». Vi måler mot dei nyaste tala, ikkje mot kalenderen, slik at merket seier noko om talet og ikkje om dagens dato.`,
      "Når det berre finst eitt tal, viser vi inga utvikling: eitt tal kan ikkje seie om noko stig eller søkk.",
      "Open statistikk stoppar ved kommunar og bydelane i dei største byane. Tal for grunnkrinsar lagar SSB på bestilling, så for mange grunnkrinsar finst det få eller ingen tal. Sidene seier kva tal som manglar, og lista over levekårsutfordringar seier når eit regelsett ikkje kan vurderast fordi tala det byggjer på manglar.",
    ],
  },
  datesLine: (data, figures) => (data ? `Data sist oppdatert ${data}. Tala rekna ut ${figures}.` : `Tala rekna ut ${figures}.`),
  trends: {
    title: "Utvikling og uvisse",
    paragraphs: [
      "Utviklinga blir målt over dei siste fem åra med tal. Vi kallar ho «stigande» eller «søkkande» berre når endringa er større enn uvissa: for delar blir det brukt ein test av skilnaden mellom to delar med 95 % visse, for beløp og andre tal ei endring på meir enn 3 %. Elles står det «inga klar endring».",
      "Små område har få innbyggjarar, så tala deira svingar meir frå år til år. Difor er det vanlegare at små område får «inga klar endring», sjølv når talet har flytta seg.",
    ],
  },
  disclosure: {
    title: "Personvern: skjerming av små tal",
    paragraphs: [
      "Ingen skal kunne kjennast att i tala. Eit tal på under 5 personar blir ikkje vist, og ein del eller rate blir ikkje vist når han byggjer på færre enn 20 personar.",
      "Der eit skjerma tal kunne reknast ut ved å trekkje dei andre områda frå totalen, blir òg eit anna tal skjerma (sekundærskjerming). Teljarar og nemnarar blir aldri viste.",
      "Skjerma tyder ikkje null. Tala held på symbola frå Statistisk sentralbyrå:",
    ],
  },
  symbols: { ":": "skjerma (for få personar)", "..": "manglar (talet finst ikkje for perioden)", ".": "ikkje relevant for området" },
  symbolCaption: "Symbol for tal som ikkje blir viste",
  symbolHeader: "Symbol",
  meaningHeader: "Tyding",
  indices: {
    title: "Indeksar og klassifiseringar",
    paragraphs: [
      "Segregeringsindeksane måler kor ujamt grupper er fordelte på områda i ein kommune, eit fylke eller heile landet: ulikskapsindeksen D (delen som måtte flytte for ei jamn fordeling, for to grupper), Theils entropiindeks H og den gjensidige informasjonsindeksen M, som kan delast i ein del mellom og ein del innanfor større område. Grupper kan vere innvandrarar etter verdsdel for landbakgrunn. Alle blir viste med konfidensintervall. Skjerma tal blir aldri rekna ut frå totalen: dei personane blir haldne utanfor.",
      "Levekårsindeksen slår saman fleire tal: kvart tal blir standardisert mot landsfordelinga (z-verdiar), og gjennomsnittet gir ein statusindeks. Ein dynamikkindeks gjer det same med endringa over fem år.",
      "Klassifiseringane er regelsett som ligg som data, ikkje i programkoden: kvart område blir vist med kvart kriterium, verdien, terskelen og om kriteriet er oppfylt. Standardregelsettet brukar berre sosioøkonomiske kriterium. Opphav blir vist og målt, men blir aldri brukt til å klassifisere eit område.",
      "Segregasjonsindeksane for heile landet, kvart fylke og kvar kommune står på sidene om bustadsegregasjon (/segregasjon/0), og områda som oppfyller eit regelsett på sida Levekårsutfordringar (/levekar).",
    ],
  },
  licence: {
    title: "Lisens og gjenbruk",
    paragraphs: [
      "Tala kan brukast fritt etter lisensen Creative Commons Namngjeving 4.0 (CC BY 4.0). Oppgi «Områdemonitor» og kjelda som står ved kvart tal. Kartgrunnlaget har si eiga kreditering under karta.",
    ],
  },
  licenceLink: "Les lisensen CC BY 4.0",
  borderline: {
    title: "Avgjerder på grensa",
    paragraphs: [
      "Klassifiseringane blir avgjorde med full presisjon, ikkje med tala slik dei blir viste med éin desimal: ein del med teljingar blir samanlikna som tal delt på tal, og eit kriterium som krev «minst» terskelen, er oppfylt når verdien er lik eller over han. Tala som blir viste, er framleis dei publiserte.",
      "Eit kriterium er «på grensa» når terskelen ligg innanfor uvissa i verdien: for delar med teljingar 95 %-intervallet (Wilson), for andre tal (beløp, tal på personar, delar utan teljingar) ein halv eining av siste publiserte siffer. Ein verdi som er nøyaktig lik terskelen, er alltid på grensa. Eit område er på grensa når resultatet kunne blitt eit anna om kriteria på grensa hadde falle ut motsett; då står det ved området.",
    ],
  } satisfies Section,
  data: {
    title: "Opne data og API",
    paragraphs: ["Alle tal kan lastast ned som CSV eller JSON-stat2, og heile tenesta har eit ope programmeringsgrensesnitt (API)."],
  },
  docsLink: "API-dokumentasjon",
  openapiLink: "OpenAPI-skildring (JSON)",
  examplesTitle: "Døme på nedlasting",
  examples: {
    csv: "Folkemengd i bydelane i Oslo, CSV med kjelde og lisens",
    jsonstat: "Alle tal for Tromsø, JSON-stat2",
    range: "Vedvarande låginntekt i Oslo og Bergen 2018–2024, CSV",
  },
};

const en: AboutText = {
  title: "About the figures and the method",
  lead: "Area monitor shows living conditions and population in Norway's counties, municipalities, city districts and basic statistical units over time. This page says where the figures come from, what they mean and how they are computed.",
  synthetic:
    "The figures in this edition are synthetic demo data, made by a random generator. Counties and municipalities have their real names and codes, but every figure, and every city district and basic unit name, is invented.",
  contents: "Contents",
  what: {
    title: "What the monitor shows",
    paragraphs: [
      "For each area the monitor shows the latest figures, the trend over the last five years and how the area compares with its municipality and the whole country.",
      "The figures describe areas, not the people who live there. An area with many living-condition challenges is also a place where people have their homes, their neighbours and their everyday lives.",
    ],
  },
  sourcesTitle: "Sources and definitions",
  sourcesLead: "Every figure has a definition, a unit and a source. The list comes straight from the service:",
  indicatorsFailed: "Could not load the list of figures.",
  unitLabel: "Unit",
  finestLabel: "Available down to",
  sourceLabel: "Source",
  tableLabel: "table",
  directionLabel: "Reading",
  units: { count: "number of people", percent: "percent", per1000: "per 1,000 residents", nok: "Norwegian kroner", years: "years", points: "percentage points (a difference between two shares)" },
  directions: {
    higher_worse: "a higher value means more living-condition challenges",
    higher_better: "a higher value means better living conditions",
    neutral: "describes the population, with no better or worse",
  },
  levels: { country: "country", fylke: "county", kommune: "municipality", bydel: "city district", grunnkrets: "basic statistical unit" },
  age: {
    title: "How old the figures are, and what is missing",
    paragraphs: [
      "Every figure shows the year or period it is for, and every card and download says when the data were last updated.",
      `A figure counts as old when it is more than ${OLD_AFTER_YEARS} years older than the newest figures in the monitor. It is then marked “Old figure: from …”. We measure against the newest figures, not the calendar, so the mark says something about the figure rather than about today's date.`,
      "Where there is only one figure, no trend is shown: one figure cannot tell whether something is rising or falling.",
      "Open statistics stop at municipalities and the districts of the largest cities. Figures for basic statistical units are produced by Statistics Norway (SSB) to order, so many units have few or no figures. The pages say which figures are missing, and the list of living-condition challenges says when a rule set cannot be evaluated because the figures it rests on are missing.",
    ],
  },
  datesLine: (data, figures) => (data ? `Data last updated ${data}. Figures computed ${figures}.` : `Figures computed ${figures}.`),
  trends: {
    title: "Trends and uncertainty",
    paragraphs: [
      "The trend is measured over the last five years with figures. We call it “rising” or “falling” only when the change is larger than its uncertainty: for shares, a test of the difference between two proportions at 95 %; for amounts and other figures, a change of more than 3 %. Otherwise it says “no clear change”.",
      "Small areas have few residents, so their figures vary more from year to year. That is why small areas more often show “no clear change”, even when the figure has moved.",
    ],
  },
  disclosure: {
    title: "Privacy: suppressing small numbers",
    paragraphs: [
      "Nobody should be recognisable in the figures. A count below 5 people is not shown, and a share or rate is not shown when it rests on fewer than 20 people.",
      "Where a suppressed figure could be worked out by subtracting the other areas from the total, another figure is suppressed too (complementary suppression). Numerators and denominators are never shown.",
      "Suppressed does not mean zero. The figures keep Statistics Norway's symbols:",
    ],
  },
  symbols: { ":": "suppressed (too few people)", "..": "missing (no figure for the period)", ".": "not applicable to the area" },
  symbolCaption: "Symbols for figures that are not shown",
  symbolHeader: "Symbol",
  meaningHeader: "Meaning",
  indices: {
    title: "Indices and classifications",
    paragraphs: [
      "The segregation indices measure how unevenly groups are spread over the areas of a municipality, a county or the whole country: the dissimilarity index D (the share who would have to move for an even spread, for two groups), Theil's entropy index H and the mutual information index M, which splits into a part between and a part within larger areas. Groups can be immigrants by world region of origin. All are shown with confidence intervals. Suppressed figures are never worked out from the total: those people are left out.",
      "The living-conditions index combines several figures: each is standardised against the national distribution (z-scores), and their mean gives a status index. A dynamics index does the same with the change over five years.",
      "Classifications are rule sets stored as data, not in the program code: each area is shown with every criterion, its value, the threshold and whether it is met. The default rule set uses socioeconomic criteria only. Origin is shown and measured, but never used to classify an area.",
      "The segregation indices of the whole country, every county and every municipality are on the residential segregation pages (/segregasjon/0), and the areas meeting a rule set on the Living-condition challenges page (/levekar).",
    ],
  },
  licence: {
    title: "Licence and reuse",
    paragraphs: [
      "The figures may be used freely under the Creative Commons Attribution 4.0 licence (CC BY 4.0). Credit “Area monitor” (Områdemonitor) and the source named with each figure. The map data has its own credit under the maps.",
    ],
  },
  licenceLink: "Read the CC BY 4.0 licence",
  borderline: {
    title: "Decisions on the threshold",
    paragraphs: [
      "Classifications are decided at full precision, not on the figures as shown to one decimal: a share with counts is compared as count divided by count, and a criterion that asks for \"at least\" the threshold holds when the value equals or exceeds it. The figures shown are still the published ones.",
      "A criterion is \"on the threshold\" when the threshold lies within the value's uncertainty: for shares with counts their 95 % interval (Wilson), for other figures (amounts, counts, shares without counts) half a unit of the last published digit. A value exactly equal to the threshold is always on the threshold. An area is on the threshold when its result could have been different had its criteria on the threshold fallen the other way; the area then says so.",
    ],
  } satisfies Section,
  data: {
    title: "Open data and API",
    paragraphs: ["Every figure can be downloaded as CSV or JSON-stat2, and the whole service has an open application programming interface (API)."],
  },
  docsLink: "API documentation",
  openapiLink: "OpenAPI description (JSON)",
  examplesTitle: "Download examples",
  examples: {
    csv: "Population of Oslo's city districts, CSV with source and licence",
    jsonstat: "All figures for Tromsø, JSON-stat2",
    range: "Persistent low income in Oslo and Bergen 2018–2024, CSV",
  },
};

const TEXTS: Record<Lang, AboutText> = { nb, nn, en };

export function aboutText(lang: Lang): AboutText {
  return TEXTS[lang];
}
