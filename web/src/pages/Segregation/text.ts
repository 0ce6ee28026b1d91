import type { Lang, Level } from "../../lib/i18n.ts";

/** The groupings the API measures (worker/jobs/groupings.ts); the switch offers these. */
export const GROUPINGS = ["immigrant", "low_income", "education"] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** The levels segregation is measured over (never the country itself). */
export type UnitLevel = Exclude<Level, "country">;

export const INDICES = ["D", "H", "M"] as const;
export type IndexId = (typeof INDICES)[number];

interface IndexWords {
  name: string;
  /** What the index measures, and what 0 and the top of its range mean. */
  explain: string;
}

/** Words of the segregation view. Kept with the page: they load only when it opens. */
const nb = {
  crumb: "Bostedssegregasjon",
  title: (name: string) => `Bostedssegregasjon i ${name}`,
  lead: (units: string) => `Hvor jevnt ulike grupper bor fordelt på ${units}, år for år.`,
  /** "130 grunnkretser": a number of areas of one level. */
  count: (n: number, level: UnitLevel) => `${n} ${{ fylke: "fylker", kommune: "kommuner", bydel: "bydeler", grunnkrets: "grunnkretser" }[level]}`,
  basis: (units: string, synthetic: boolean) =>
    `Indeksene er regnet ut fra antall personer i hver av ${units} i ${synthetic ? "de syntetiske demodataene" : "dataene"}.`,
  intervals: (from: number, to: number, replicates: number, all: boolean) =>
    `${all ? "Hvert tall" : `Tallene for ${from}–${to}`} vises med et 95 % konfidensintervall, anslått ved å trekke tallene på nytt ${replicates} ganger (bootstrap)` +
    (all ? "." : "; for tidligere år vises bare anslaget."),
  changeRule: "En endring regnes bare som en endring når intervallene for de to årene ikke overlapper.",
  whole: { country: "hele landet", other: "hele kommunen" },
  groupingLegend: "Gruppe som måles",
  groupings: {
    immigrant: "Innvandrerbakgrunn",
    low_income: "Vedvarende lavinntekt",
    education: "Bare grunnskole",
  } satisfies Record<Grouping, string>,
  groupingHelp: {
    immigrant: "Innvandrere og norskfødte med innvandrerforeldre, mot resten av befolkningen.",
    low_income: "Personer i husholdninger med vedvarende lavinntekt, mot resten.",
    education: "Voksne som bare har grunnskole, mot resten.",
  } satisfies Record<Grouping, string>,
  factsTitle: (year: number) => `Nøkkeltall ${year}`,
  unitsLabel: "Områder",
  groupShareLabel: "Andel i gruppen",
  isolationLabel: "Isolasjon",
  isolationExplain: "gruppens gjennomsnittlige andel i områdene der medlemmene bor",
  exposureLabel: "Eksponering",
  exposureExplain: "gjennomsnittlig andel andre i de samme områdene",
  explainTitle: "Hva indeksene betyr",
  indices: {
    D: {
      name: "Ulikhetsindeksen D",
      explain:
        "Andelen av gruppen som måtte flytte til et annet område for at gruppen skulle bli jevnt fordelt. 0 betyr at gruppen utgjør like stor andel i alle områdene; 1 betyr at gruppen og resten aldri bor i samme område.",
    },
    H: {
      name: "Theils entropiindeks H",
      explain:
        "Hvor mye mindre blandet områdene er enn helheten, målt mot hvor blandet helheten er. 0 betyr at hvert område er like blandet som helheten; 1 betyr at hvert område bare har én av gruppene.",
    },
    M: {
      name: "Gjensidig informasjon M",
      explain:
        "Det samme som H, men ikke delt på hvor blandet helheten er, så den kan deles i en del mellom og en del innenfor større områder. 0 betyr ingen segregasjon; den høyeste mulige verdien er blandingen i helheten (entropien), som nås når hvert område bare har én av gruppene.",
    },
  } satisfies Record<IndexId, IndexWords>,
  entropyNote: (value: string, year: number) => `Blandingen (entropien) i ${year} er ${value}: så høy kan M bli.`,
  chartsTitle: "Indeksene over tid",
  chartLabel: (name: string, first: number, last: number) => `${name}, ${first}–${last}`,
  chartSummary: (name: string, first: string, firstYear: number, last: string, lastYear: number) =>
    `${name} var ${first} i ${firstYear} og ${last} i ${lastYear}.`,
  change: {
    rising: (from: number, to: number) => `Klar økning fra ${from} til ${to}: intervallene overlapper ikke.`,
    falling: (from: number, to: number) => `Klar nedgang fra ${from} til ${to}: intervallene overlapper ikke.`,
    stable: (from: number, to: number) => `Ingen klar endring fra ${from} til ${to}: intervallene overlapper.`,
    unknown: (_from: number, _to: number) => "For få år med intervaller til å si noe om endring.",
  },
  bandLegend: "Skyggen viser 95 % konfidensintervall.",
  tableCaption: (name: string, area: string) => `${name}, ${area}, per år`,
  year: "År",
  value: "Verdi",
  interval: "95 % intervall",
  noValue: "Ingen verdi",
  decompTitle: (within: string) => `Mellom og innenfor ${within}`,
  decompText: (year: number, total: string, between: string, betweenShare: string, within: string, withinShare: string, level: string) =>
    `Av den samlede segregasjonen M = ${total} i ${year} ligger ${between} (${betweenShare}) mellom ${level} og ${within} (${withinShare}) innenfor dem.`,
  decompMeaning: (within: string, units: string, withinOne: string) =>
    `Delen mellom ${within} viser hvor ulike de er hverandre. Delen innenfor viser hvor ulike ${units} i samme ${withinOne} er.`,
  decompNone: (units: string) =>
    `M kan deles i en del mellom og en del innenfor bydeler der en kommune har bydeler. Her er det ingen slik inndeling, så hele M er forskjeller mellom ${units}.`,
  decompShowTable: "Vis oppdelingen for hvert år",
  decompCaption: (within: string) => `M delt mellom og innenfor ${within}, per år`,
  between: "Mellom",
  withinCol: "Innenfor",
  lqTitle: "Gruppens andel i hvert område",
  lqExplain: (whole: string) =>
    `Lokaliseringskvotienten er gruppens andel i et område delt på andelen i ${whole}: 1 betyr samme andel, 2 dobbelt så stor, 0,5 halvparten. Områdene står i kodeorden.`,
  lqShow: (units: string) => `Vis kvotienten for ${units}`,
  lqCaption: (units: string, year: number) => `Lokaliseringskvotient for ${units}, ${year}`,
  lqArea: "Område",
  lqValue: "Kvotient",
  noIndices: (name: string) =>
    `Det finnes ingen segregasjonsindekser for ${name}. De regnes ut for kommuner og for hele landet, og krever minst fem delområder med tall.`,
  loadFailed: "Kunne ikke hente segregasjonsindeksene.",
  methodLink: "Mer om metoden",
};

export type SegregationText = typeof nb;

const nn: SegregationText = {
  crumb: "Bustadsegregasjon",
  title: (name) => `Bustadsegregasjon i ${name}`,
  lead: (units) => `Kor jamt ulike grupper bur fordelte på ${units}, år for år.`,
  count: (n, level) => `${n} ${{ fylke: "fylke", kommune: "kommunar", bydel: "bydelar", grunnkrets: "grunnkrinsar" }[level]}`,
  basis: (units, synthetic) => `Indeksane er rekna ut frå talet på personar i kvar av ${units} i ${synthetic ? "dei syntetiske demodataa" : "dataa"}.`,
  intervals: (from, to, replicates, all) =>
    `${all ? "Kvart tal" : `Tala for ${from}–${to}`} blir viste med eit 95 % konfidensintervall, anslått ved å trekkje tala på nytt ${replicates} gonger (bootstrap)` +
    (all ? "." : "; for tidlegare år blir berre anslaget vist."),
  changeRule: "Ei endring blir berre rekna som ei endring når intervalla for dei to åra ikkje overlappar.",
  whole: { country: "heile landet", other: "heile kommunen" },
  groupingLegend: "Gruppe som blir målt",
  groupings: { immigrant: "Innvandrarbakgrunn", low_income: "Vedvarande låginntekt", education: "Berre grunnskule" },
  groupingHelp: {
    immigrant: "Innvandrarar og norskfødde med innvandrarforeldre, mot resten av befolkninga.",
    low_income: "Personar i hushald med vedvarande låginntekt, mot resten.",
    education: "Vaksne som berre har grunnskule, mot resten.",
  },
  factsTitle: (year) => `Nøkkeltal ${year}`,
  unitsLabel: "Område",
  groupShareLabel: "Del i gruppa",
  isolationLabel: "Isolasjon",
  isolationExplain: "den gjennomsnittlege delen av gruppa i områda der medlemene bur",
  exposureLabel: "Eksponering",
  exposureExplain: "gjennomsnittleg del andre i dei same områda",
  explainTitle: "Kva indeksane tyder",
  indices: {
    D: {
      name: "Ulikskapsindeksen D",
      explain:
        "Delen av gruppa som måtte flytte til eit anna område for at gruppa skulle bli jamt fordelt. 0 tyder at gruppa utgjer like stor del i alle områda; 1 tyder at gruppa og resten aldri bur i same område.",
    },
    H: {
      name: "Theils entropiindeks H",
      explain:
        "Kor mykje mindre blanda områda er enn heilskapen, målt mot kor blanda heilskapen er. 0 tyder at kvart område er like blanda som heilskapen; 1 tyder at kvart område berre har éi av gruppene.",
    },
    M: {
      name: "Gjensidig informasjon M",
      explain:
        "Det same som H, men ikkje delt på kor blanda heilskapen er, så han kan delast i ein del mellom og ein del innanfor større område. 0 tyder ingen segregasjon; den høgaste moglege verdien er blandinga i heilskapen (entropien), som blir nådd når kvart område berre har éi av gruppene.",
    },
  },
  entropyNote: (value, year) => `Blandinga (entropien) i ${year} er ${value}: så høg kan M bli.`,
  chartsTitle: "Indeksane over tid",
  chartLabel: (name, first, last) => `${name}, ${first}–${last}`,
  chartSummary: (name, first, firstYear, last, lastYear) => `${name} var ${first} i ${firstYear} og ${last} i ${lastYear}.`,
  change: {
    rising: (from, to) => `Klar auke frå ${from} til ${to}: intervalla overlappar ikkje.`,
    falling: (from, to) => `Klar nedgang frå ${from} til ${to}: intervalla overlappar ikkje.`,
    stable: (from, to) => `Inga klar endring frå ${from} til ${to}: intervalla overlappar.`,
    unknown: () => "For få år med intervall til å seie noko om endring.",
  },
  bandLegend: "Skuggen viser 95 % konfidensintervall.",
  tableCaption: (name, area) => `${name}, ${area}, per år`,
  year: "År",
  value: "Verdi",
  interval: "95 % intervall",
  noValue: "Ingen verdi",
  decompTitle: (within) => `Mellom og innanfor ${within}`,
  decompText: (year, total, between, betweenShare, within, withinShare, level) =>
    `Av den samla segregasjonen M = ${total} i ${year} ligg ${between} (${betweenShare}) mellom ${level} og ${within} (${withinShare}) innanfor dei.`,
  decompMeaning: (within, units, withinOne) =>
    `Delen mellom ${within} viser kor ulike dei er kvarandre. Delen innanfor viser kor ulike ${units} i same ${withinOne} er.`,
  decompNone: (units) =>
    `M kan delast i ein del mellom og ein del innanfor bydelar der ein kommune har bydelar. Her er det inga slik inndeling, så heile M er skilnader mellom ${units}.`,
  decompShowTable: "Vis oppdelinga for kvart år",
  decompCaption: (within) => `M delt mellom og innanfor ${within}, per år`,
  between: "Mellom",
  withinCol: "Innanfor",
  lqTitle: "Delen av gruppa i kvart område",
  lqExplain: (whole) =>
    `Lokaliseringskvotienten er delen av gruppa i eit område delt på delen i ${whole}: 1 tyder same del, 2 dobbelt så stor, 0,5 halvparten. Områda står i kodeorden.`,
  lqShow: (units) => `Vis kvotienten for ${units}`,
  lqCaption: (units, year) => `Lokaliseringskvotient for ${units}, ${year}`,
  lqArea: "Område",
  lqValue: "Kvotient",
  noIndices: (name) =>
    `Det finst ingen segregasjonsindeksar for ${name}. Dei blir rekna ut for kommunar og for heile landet, og krev minst fem delområde med tal.`,
  loadFailed: "Kunne ikkje hente segregasjonsindeksane.",
  methodLink: "Meir om metoden",
};

const en: SegregationText = {
  crumb: "Residential segregation",
  title: (name) => `Residential segregation in ${name}`,
  lead: (units) => `How evenly different groups are spread over ${units}, year by year.`,
  count: (n, level) =>
    `${n} ${{ fylke: "counties", kommune: "municipalities", bydel: "city districts", grunnkrets: "basic statistical units" }[level]}`,
  basis: (units, synthetic) => `The indices are computed from the number of people in each of ${units} in ${synthetic ? "the synthetic demo data" : "the data"}.`,
  intervals: (from, to, replicates, all) =>
    `${all ? "Every figure is" : `The figures for ${from}–${to} are`} shown with a 95 % confidence interval, estimated by redrawing the counts ${replicates} times (bootstrap)` +
    (all ? "." : "; for earlier years only the estimate is shown."),
  changeRule: "A change only counts as a change when the intervals of the two years do not overlap.",
  whole: { country: "the whole country", other: "the whole municipality" },
  groupingLegend: "Group measured",
  groupings: { immigrant: "Immigrant background", low_income: "Persistent low income", education: "Compulsory schooling only" },
  groupingHelp: {
    immigrant: "Immigrants and Norwegian-born to immigrant parents, against the rest of the population.",
    low_income: "People in households with persistent low income, against the rest.",
    education: "Adults with compulsory schooling only, against the rest.",
  },
  factsTitle: (year) => `Key figures ${year}`,
  unitsLabel: "Areas",
  groupShareLabel: "Share in the group",
  isolationLabel: "Isolation",
  isolationExplain: "the group's average share in the areas where its members live",
  exposureLabel: "Exposure",
  exposureExplain: "the average share of others in the same areas",
  explainTitle: "What the indices mean",
  indices: {
    D: {
      name: "Dissimilarity index D",
      explain:
        "The share of the group that would have to move to another area for the group to be spread evenly. 0 means the group makes up the same share of every area; 1 means the group and the rest never live in the same area.",
    },
    H: {
      name: "Theil's entropy index H",
      explain:
        "How much less mixed the areas are than the whole, measured against how mixed the whole is. 0 means every area is as mixed as the whole; 1 means every area has only one of the groups.",
    },
    M: {
      name: "Mutual information M",
      explain:
        "The same as H, but not divided by how mixed the whole is, so it can be split into a part between and a part within larger areas. 0 means no segregation; its highest possible value is the mix of the whole (its entropy), reached when every area has only one of the groups.",
    },
  },
  entropyNote: (value, year) => `The mix (entropy) in ${year} is ${value}: that is how high M can go.`,
  chartsTitle: "The indices over time",
  chartLabel: (name, first, last) => `${name}, ${first}–${last}`,
  chartSummary: (name, first, firstYear, last, lastYear) => `${name} was ${first} in ${firstYear} and ${last} in ${lastYear}.`,
  change: {
    rising: (from, to) => `A clear rise from ${from} to ${to}: the intervals do not overlap.`,
    falling: (from, to) => `A clear fall from ${from} to ${to}: the intervals do not overlap.`,
    stable: (from, to) => `No clear change from ${from} to ${to}: the intervals overlap.`,
    unknown: () => "Too few years with intervals to say anything about change.",
  },
  bandLegend: "The shading shows the 95 % confidence interval.",
  tableCaption: (name, area) => `${name}, ${area}, by year`,
  year: "Year",
  value: "Value",
  interval: "95 % interval",
  noValue: "No value",
  decompTitle: (within) => `Between and within ${within}`,
  decompText: (year, total, between, betweenShare, within, withinShare, level) =>
    `Of the total segregation M = ${total} in ${year}, ${between} (${betweenShare}) lies between ${level} and ${within} (${withinShare}) within them.`,
  decompMeaning: (within, units, withinOne) =>
    `The part between ${within} shows how different they are from each other. The part within shows how different the ${units} in the same ${withinOne} are.`,
  decompNone: (units) =>
    `M can be split into a part between and a part within city districts where a municipality has them. There is no such division here, so all of M is differences between ${units}.`,
  decompShowTable: "Show the split for every year",
  decompCaption: (within) => `M split between and within ${within}, by year`,
  between: "Between",
  withinCol: "Within",
  lqTitle: "The group's share in each area",
  lqExplain: (whole) =>
    `The location quotient is the group's share in an area divided by its share in ${whole}: 1 means the same share, 2 twice as large, 0.5 half. The areas are in code order.`,
  lqShow: (units) => `Show the quotient for the ${units}`,
  lqCaption: (units, year) => `Location quotient of the ${units}, ${year}`,
  lqArea: "Area",
  lqValue: "Quotient",
  noIndices: (name) =>
    `There are no segregation indices for ${name}. They are computed for municipalities and for the whole country, and need at least five sub-areas with figures.`,
  loadFailed: "Could not load the segregation indices.",
  methodLink: "More about the method",
};

const TEXTS: Record<Lang, SegregationText> = { nb, nn, en };

export function segregationText(lang: Lang): SegregationText {
  return TEXTS[lang];
}
