import type { Lang, Level } from "../../lib/i18n.ts";

/** The groupings the API measures (worker/jobs/groupings.ts); the switch offers those an area has. */
export const GROUPINGS = ["origin_region", "immigrant", "immigrants", "origin_western", "low_income", "education"] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** The groups of the groupings with several (the API's group ids). */
export const GROUPS = ["eu_eea_uk", "europe_other", "africa", "asia", "americas", "oceania", "other_unknown", "not_immigrant", "nonwestern", "western"] as const;
export type Group = (typeof GROUPS)[number];

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
  /** `years`: those with an interval (the two a change is judged between), ascending. */
  intervals: (years: readonly number[], replicates: number, all: boolean) =>
    `${all ? "Hvert tall" : `Tallene for ${listYears(years, "og")}`} vises med et 95 % konfidensintervall, anslått ved å trekke tallene på nytt ${replicates} ganger (bootstrap)` +
    (all ? "." : "; for de andre årene vises bare anslaget."),
  changeRule: "En endring regnes bare som en endring når intervallene for de to årene ikke overlapper.",
  whole: { country: "hele landet", fylke: "hele fylket", other: "hele kommunen" },
  groupingLegend: "Gruppe som måles",
  groupings: {
    origin_region: "Verdensdel for landbakgrunn",
    immigrant: "Innvandrerbakgrunn",
    immigrants: "Innvandrere",
    origin_western: "Vestlig og øvrig landbakgrunn",
    low_income: "Vedvarende lavinntekt",
    education: "Bare grunnskole",
  } satisfies Record<Grouping, string>,
  groupingHelp: {
    origin_region:
      "Innvandrere etter verdensdel for landbakgrunn (sju grupper), og resten av befolkningen som den åttende: hvor ulikt gruppene bor fordelt.",
    immigrant: "Innvandrere og norskfødte med innvandrerforeldre, mot resten av befolkningen.",
    immigrants: "Innvandrere (født i utlandet av to utenlandsfødte foreldre), mot resten av befolkningen. Norskfødte med innvandrerforeldre hører til resten.",
    origin_western: "Innvandrere med landbakgrunn utenfor Vest-Europa, Nord-Amerika, Australia og New Zealand, mot innvandrere fra disse landene. Bare innvandrere er med.",
    low_income: "Personer i husholdninger med vedvarende lavinntekt, mot resten.",
    education: "Voksne som bare har grunnskole, mot resten.",
  } satisfies Record<Grouping, string>,
  groups: {
    eu_eea_uk: "EU/EØS og Storbritannia",
    europe_other: "Europa ellers",
    africa: "Afrika",
    asia: "Asia (med Tyrkia)",
    americas: "Amerika",
    oceania: "Oseania",
    other_unknown: "Statsløse og ukjent",
    not_immigrant: "Ikke innvandrer",
    nonwestern: "Øvrig landbakgrunn",
    western: "Vestlig landbakgrunn",
  } satisfies Record<Group, string>,
  factsTitle: (year: number) => `Nøkkeltall ${year}`,
  unitsLabel: "Områder",
  groupShareLabel: "Andel i gruppen",
  shareLabel: {
    origin_region: "Andel innvandrere",
    immigrant: "Andel med innvandrerbakgrunn",
    immigrants: "Andel innvandrere",
    origin_western: "Andel med øvrig landbakgrunn, blant innvandrerne",
    low_income: "Andel med vedvarende lavinntekt",
    education: "Andel med bare grunnskole",
  } satisfies Record<Grouping, string>,
  compositionTitle: (year: number) => `Gruppene i ${year}`,
  compositionExplain:
    "Hver gruppes andel av befolkningen, og isolasjonen: gruppens gjennomsnittlige andel i områdene der medlemmene bor. Er isolasjonen mye høyere enn andelen, bor gruppen samlet.",
  compositionCaption: (year: number) => `Gruppenes andel og isolasjon, ${year}`,
  groupCol: "Gruppe",
  shareCol: "Andel",
  isolationCol: "Isolasjon",
  suppressedNote:
    "Skjermede tall (for få personer) er ikke regnet ut av totalen: de personene er holdt utenfor, så ingen skjult celle kan leses ut av indeksene.",
  strataTitle: (level: string) => `Segregasjonen innenfor hver av ${level}`,
  strataExplain: "Delen innenfor er summen over områdene av hvert områdes egen M, veid med områdets andel av befolkningen: vekt × M = bidrag.",
  strataCaption: (level: string, year: number) => `M innenfor ${level}, ${year}`,
  strataWeight: "Vekt",
  strataContribution: "Bidrag",
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
    `M kan deles i en del mellom og en del innenfor større områder: fylker for hele landet, bydeler der en kommune har bydeler. Her er det ingen slik inndeling, så hele M er forskjeller mellom ${units}.`,
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
    `Det finnes ingen segregasjonsindekser for ${name}. De regnes ut for hele landet og fylkene (over kommunene) og for kommuner (over grunnkretsene), og krever minst fem delområder med tall.`,
  noIndicesFor: (name: string, grouping: string) => `Det finnes ingen indekser for ${name} med gruppen «${grouping}». Velg en av gruppene over.`,
  loadFailed: "Kunne ikke hente segregasjonsindeksene.",
  methodLink: "Mer om metoden",
};

export type SegregationText = typeof nb;

/** "2019 og 2024", "2019, 2020 og 2024": years in a sentence. */
function listYears(years: readonly number[], and: string): string {
  return years.length < 2 ? years.join("") : `${years.slice(0, -1).join(", ")} ${and} ${years[years.length - 1]}`;
}

const nn: SegregationText = {
  crumb: "Bustadsegregasjon",
  title: (name) => `Bustadsegregasjon i ${name}`,
  lead: (units) => `Kor jamt ulike grupper bur fordelte på ${units}, år for år.`,
  count: (n, level) => `${n} ${{ fylke: "fylke", kommune: "kommunar", bydel: "bydelar", grunnkrets: "grunnkrinsar" }[level]}`,
  basis: (units, synthetic) => `Indeksane er rekna ut frå talet på personar i kvar av ${units} i ${synthetic ? "dei syntetiske demodataa" : "dataa"}.`,
  intervals: (years, replicates, all) =>
    `${all ? "Kvart tal" : `Tala for ${listYears(years, "og")}`} blir viste med eit 95 % konfidensintervall, anslått ved å trekkje tala på nytt ${replicates} gonger (bootstrap)` +
    (all ? "." : "; for dei andre åra blir berre anslaget vist."),
  changeRule: "Ei endring blir berre rekna som ei endring når intervalla for dei to åra ikkje overlappar.",
  whole: { country: "heile landet", fylke: "heile fylket", other: "heile kommunen" },
  groupingLegend: "Gruppe som blir målt",
  groupings: {
    origin_region: "Verdsdel for landbakgrunn",
    immigrant: "Innvandrarbakgrunn",
    immigrants: "Innvandrarar",
    origin_western: "Vestleg og anna landbakgrunn",
    low_income: "Vedvarande låginntekt",
    education: "Berre grunnskule",
  },
  groupingHelp: {
    origin_region: "Innvandrarar etter verdsdel for landbakgrunn (sju grupper), og resten av befolkninga som den åttande: kor ulikt gruppene bur fordelte.",
    immigrant: "Innvandrarar og norskfødde med innvandrarforeldre, mot resten av befolkninga.",
    immigrants: "Innvandrarar (fødde i utlandet av to utanlandsfødde foreldre), mot resten av befolkninga. Norskfødde med innvandrarforeldre høyrer til resten.",
    origin_western: "Innvandrarar med landbakgrunn utanfor Vest-Europa, Nord-Amerika, Australia og New Zealand, mot innvandrarar frå desse landa. Berre innvandrarar er med.",
    low_income: "Personar i hushald med vedvarande låginntekt, mot resten.",
    education: "Vaksne som berre har grunnskule, mot resten.",
  },
  groups: {
    eu_eea_uk: "EU/EØS og Storbritannia",
    europe_other: "Europa elles",
    africa: "Afrika",
    asia: "Asia (med Tyrkia)",
    americas: "Amerika",
    oceania: "Oseania",
    other_unknown: "Statslause og ukjend",
    not_immigrant: "Ikkje innvandrar",
    nonwestern: "Anna landbakgrunn",
    western: "Vestleg landbakgrunn",
  },
  factsTitle: (year) => `Nøkkeltal ${year}`,
  unitsLabel: "Område",
  groupShareLabel: "Del i gruppa",
  shareLabel: {
    origin_region: "Del innvandrarar",
    immigrant: "Del med innvandrarbakgrunn",
    immigrants: "Del innvandrarar",
    origin_western: "Del med anna landbakgrunn, blant innvandrarane",
    low_income: "Del med vedvarande låginntekt",
    education: "Del med berre grunnskule",
  },
  compositionTitle: (year) => `Gruppene i ${year}`,
  compositionExplain:
    "Kvar gruppe sin del av befolkninga, og isolasjonen: den gjennomsnittlege delen av gruppa i områda der medlemene bur. Er isolasjonen mykje høgare enn delen, bur gruppa samla.",
  compositionCaption: (year) => `Delen og isolasjonen til gruppene, ${year}`,
  groupCol: "Gruppe",
  shareCol: "Del",
  isolationCol: "Isolasjon",
  suppressedNote:
    "Skjerma tal (for få personar) er ikkje rekna ut frå totalen: dei personane er haldne utanfor, så inga skjult celle kan lesast ut av indeksane.",
  strataTitle: (level) => `Segregasjonen innanfor kvar av ${level}`,
  strataExplain: "Delen innanfor er summen over områda av M i kvart område, vege med delen av befolkninga som bur der: vekt × M = bidrag.",
  strataCaption: (level, year) => `M innanfor ${level}, ${year}`,
  strataWeight: "Vekt",
  strataContribution: "Bidrag",
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
    `M kan delast i ein del mellom og ein del innanfor større område: fylke for heile landet, bydelar der ein kommune har bydelar. Her er det inga slik inndeling, så heile M er skilnader mellom ${units}.`,
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
    `Det finst ingen segregasjonsindeksar for ${name}. Dei blir rekna ut for heile landet og fylka (over kommunane) og for kommunar (over grunnkrinsane), og krev minst fem delområde med tal.`,
  noIndicesFor: (name, grouping) => `Det finst ingen indeksar for ${name} med gruppa «${grouping}». Vel ei av gruppene over.`,
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
  intervals: (years, replicates, all) =>
    `${all ? "Every figure is" : `The figures for ${listYears(years, "and")} are`} shown with a 95 % confidence interval, estimated by redrawing the counts ${replicates} times (bootstrap)` +
    (all ? "." : "; for the other years only the estimate is shown."),
  changeRule: "A change only counts as a change when the intervals of the two years do not overlap.",
  whole: { country: "the whole country", fylke: "the whole county", other: "the whole municipality" },
  groupingLegend: "Group measured",
  groupings: {
    origin_region: "World region of origin",
    immigrant: "Immigrant background",
    immigrants: "Immigrants",
    origin_western: "Western and other origin",
    low_income: "Persistent low income",
    education: "Compulsory schooling only",
  },
  groupingHelp: {
    origin_region: "Immigrants by world region of origin (seven groups), and the rest of the population as the eighth: how differently the groups are spread.",
    immigrant: "Immigrants and Norwegian-born to immigrant parents, against the rest of the population.",
    immigrants: "Immigrants (born abroad to two foreign-born parents), against the rest of the population. Norwegian-born children of immigrants belong to the rest.",
    origin_western: "Immigrants from outside Western Europe, North America, Australia and New Zealand, against immigrants from those countries. Only immigrants are included.",
    low_income: "People in households with persistent low income, against the rest.",
    education: "Adults with compulsory schooling only, against the rest.",
  },
  groups: {
    eu_eea_uk: "EU/EEA and the UK",
    europe_other: "Rest of Europe",
    africa: "Africa",
    asia: "Asia (incl. Turkey)",
    americas: "The Americas",
    oceania: "Oceania",
    other_unknown: "Stateless and unknown",
    not_immigrant: "Not an immigrant",
    nonwestern: "Other origin",
    western: "Western origin",
  },
  factsTitle: (year) => `Key figures ${year}`,
  unitsLabel: "Areas",
  groupShareLabel: "Share in the group",
  shareLabel: {
    origin_region: "Share of immigrants",
    immigrant: "Share with immigrant background",
    immigrants: "Share of immigrants",
    origin_western: "Share of other origin, among immigrants",
    low_income: "Share with persistent low income",
    education: "Share with compulsory schooling only",
  },
  compositionTitle: (year) => `The groups in ${year}`,
  compositionExplain:
    "Each group's share of the population, and its isolation: the group's average share in the areas where its members live. Isolation far above the share means the group lives clustered.",
  compositionCaption: (year) => `The groups' shares and isolation, ${year}`,
  groupCol: "Group",
  shareCol: "Share",
  isolationCol: "Isolation",
  suppressedNote:
    "Suppressed figures (too few people) are not worked out from the total: those people are left out, so no hidden cell can be read from the indices.",
  strataTitle: (level) => `Segregation within each of the ${level}`,
  strataExplain: "The part within is the sum over the areas of each area's own M, weighted by its share of the population: weight × M = contribution.",
  strataCaption: (level, year) => `M within the ${level}, ${year}`,
  strataWeight: "Weight",
  strataContribution: "Contribution",
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
    `M can be split into a part between and a part within larger areas: counties for the whole country, city districts where a municipality has them. There is no such division here, so all of M is differences between ${units}.`,
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
    `There are no segregation indices for ${name}. They are computed for the whole country and the counties (over their municipalities) and for municipalities (over their basic statistical units), and need at least five sub-areas with figures.`,
  noIndicesFor: (name, grouping) => `There are no indices for ${name} with the group "${grouping}". Choose one of the groups above.`,
  loadFailed: "Could not load the segregation indices.",
  methodLink: "More about the method",
};

const TEXTS: Record<Lang, SegregationText> = { nb, nn, en };

export function segregationText(lang: Lang): SegregationText {
  return TEXTS[lang];
}
