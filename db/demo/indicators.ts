/**
 * The demo's indicator catalogue: metadata as stored in `indicators`, plus the few parameters the
 * synthetic model needs. Metadata mirrors what SSB publishes; the numbers behind it are invented.
 */
import type { Level, NewIndicator } from "../schema";

export const SYNTHETIC_SOURCE =
  "Syntetiske demodata – ikke ekte statistikk / Synthetic demo data – not real statistics";

/** Population groups an indicator counts or divides by (see model.ts for how they are sized). */
export type Group =
  | "pop" | "children" | "youth" | "elderly" | "adults" | "age18_64" | "women18_64" | "men18_64"
  | "age30_59" | "inHouseholds" | "households" | "labourForce" | "youthLabourForce" | "cohort";

/**
 * How the synthetic value is made. `rate`: share of a group, logistic in the area's latent
 * deprivation (`dep`), immigrant-background (`imm`) and renting (`rent`) scores, urbanity and
 * time. `split`: a part of another indicator's numerator, so the parts add up exactly.
 */
export type Model =
  | { kind: "count"; group: Group }
  | {
      kind: "rate";
      den: Group;
      base: number;
      dep?: number;
      imm?: number;
      rent?: number;
      urban?: number;
      /** Logit change per year. */
      trend?: number;
      /** Multiplier on the business-cycle year effects (unemployment-like indicators). */
      cycle?: number;
    }
  | { kind: "split"; of: string; share: "immigrantsOnly" | "group1"; complement?: boolean }
  | { kind: "median_income" }
  | { kind: "life_expectancy" };

export type IndicatorDef = Omit<NewIndicator, "source" | "tableId" | "sortOrder" | "finestLevel"> & {
  finestLevel: Level;
  model: Model;
  /** First year with data (SSB series start at different years). */
  firstYear?: number;
  /** Part of the small demo; the national scale has all 30. */
  demo: boolean;
};

// Generic over the id so that IndicatorId below is a union of literals, not just string.
const d = <I extends string>(def: Omit<IndicatorDef, "demo"> & { id: I }) => ({ ...def, demo: true });
const n = <I extends string>(def: Omit<IndicatorDef, "demo"> & { id: I }) => ({ ...def, demo: false });

const DEFS = [
  d({
    id: "population", nameNb: "Folkemengde", nameNn: "Folkemengd", nameEn: "Population",
    unit: "count", direction: "neutral", finestLevel: "grunnkrets",
    definitionNb: "Antall bosatte personer per 1. januar.",
    definitionEn: "Number of residents on 1 January.",
    model: { kind: "count", group: "pop" },
  }),
  d({
    id: "immigrant_share",
    nameNb: "Innvandrere og norskfødte med innvandrerforeldre",
    nameNn: "Innvandrarar og norskfødde med innvandrarforeldre",
    nameEn: "Immigrants and Norwegian-born to immigrant parents",
    unit: "percent", direction: "neutral", finestLevel: "grunnkrets",
    definitionNb: "Andel av befolkningen som er innvandrere eller norskfødte med to innvandrerforeldre.",
    definitionEn: "Share of residents who are immigrants or were born in Norway to two immigrant parents.",
    model: { kind: "rate", den: "pop", base: 0.175, imm: 1 },
  }),
  d({
    id: "low_income_persistent", nameNb: "Vedvarende lavinntekt", nameNn: "Vedvarande låginntekt",
    nameEn: "Persistent low income", unit: "percent", direction: "higher_worse", finestLevel: "grunnkrets",
    definitionNb: "Andel personer i privathusholdninger med inntekt under 60 % av medianen (EU60) i snitt over tre år.",
    definitionEn: "Share of persons in private households whose income over three years averages below 60 % of the median (EU60).",
    model: { kind: "rate", den: "inHouseholds", base: 0.085, dep: 0.55, imm: 0.35, trend: 0.012 },
  }),
  d({
    id: "children_low_income", nameNb: "Barn i lavinntektshusholdninger", nameNn: "Born i låginntektshushald",
    nameEn: "Children in low-income households", unit: "percent", direction: "higher_worse",
    finestLevel: "grunnkrets",
    definitionNb: "Andel barn 0–17 år i husholdninger med vedvarende lavinntekt (EU60, tre år).",
    definitionEn: "Share of children aged 0–17 in households with persistent low income (EU60, three years).",
    model: { kind: "rate", den: "children", base: 0.105, dep: 0.6, imm: 0.45, trend: 0.025 },
  }),
  d({
    id: "unemployment", nameNb: "Registrert ledighet", nameNn: "Registrert arbeidsløyse",
    nameEn: "Registered unemployment", unit: "percent", direction: "higher_worse", finestLevel: "grunnkrets",
    definitionNb: "Helt ledige registrert hos NAV i prosent av arbeidsstyrken.",
    definitionEn: "Wholly unemployed persons registered with NAV as a percentage of the labour force.",
    model: { kind: "rate", den: "labourForce", base: 0.021, dep: 0.45, imm: 0.25, cycle: 1 },
  }),
  d({
    id: "not_in_work", nameNb: "Utenfor arbeid", nameNn: "Utanfor arbeid", nameEn: "Not in work",
    unit: "percent", direction: "higher_worse", finestLevel: "grunnkrets",
    definitionNb: "Andel personer 18–64 år som ikke er sysselsatt.",
    definitionEn: "Share of persons aged 18–64 who are not employed.",
    model: { kind: "rate", den: "age18_64", base: 0.22, dep: 0.35, imm: 0.15, trend: -0.008, cycle: 0.3 },
  }),
  d({
    id: "basic_education", nameNb: "Kun grunnskole", nameNn: "Berre grunnskule",
    nameEn: "Compulsory schooling only", unit: "percent", direction: "higher_worse", finestLevel: "grunnkrets",
    definitionNb: "Andel personer 30–59 år med grunnskole som høyeste fullførte utdanning.",
    definitionEn: "Share of persons aged 30–59 whose highest completed education is compulsory school.",
    model: { kind: "rate", den: "age30_59", base: 0.15, dep: 0.45, imm: 0.2, urban: -0.2, trend: -0.03 },
  }),
  d({
    id: "crowded_housing", nameNb: "Trangbodde", nameNn: "Trongbudde", nameEn: "Crowded housing",
    unit: "percent", direction: "higher_worse", finestLevel: "grunnkrets",
    definitionNb: "Andel personer i privathusholdninger som bor trangt (færre rom enn personer eller under 25 m² per person).",
    definitionEn: "Share of persons in private households living in crowded dwellings (fewer rooms than persons or under 25 m² per person).",
    model: { kind: "rate", den: "inHouseholds", base: 0.065, dep: 0.4, imm: 0.35, urban: 0.9, trend: 0.004 },
  }),
  d({
    id: "social_assistance", nameNb: "Mottakere av sosialhjelp", nameNn: "Mottakarar av sosialhjelp",
    nameEn: "Social assistance recipients", unit: "percent", direction: "higher_worse", finestLevel: "grunnkrets",
    definitionNb: "Andel personer 18 år og over som har mottatt økonomisk sosialhjelp i løpet av året.",
    definitionEn: "Share of persons aged 18 and over who received financial social assistance during the year.",
    model: { kind: "rate", den: "adults", base: 0.032, dep: 0.6, imm: 0.25, urban: 0.2, trend: -0.01 },
  }),
  d({
    id: "rental_share", nameNb: "Leide boliger", nameNn: "Leigde bustader", nameEn: "Rented dwellings",
    unit: "percent", direction: "neutral", finestLevel: "grunnkrets",
    definitionNb: "Andel husholdninger som leier boligen de bor i.",
    definitionEn: "Share of households renting their dwelling.",
    model: { kind: "rate", den: "households", base: 0.22, rent: 1 },
  }),
  d({
    id: "crime_per_1000", nameNb: "Anmeldte lovbrudd", nameNn: "Melde lovbrot", nameEn: "Reported offences",
    unit: "per1000", direction: "higher_worse", finestLevel: "kommune",
    definitionNb: "Anmeldte lovbrudd etter gjerningssted per 1000 innbyggere.",
    definitionEn: "Reported offences by place of offence per 1,000 residents.",
    model: { kind: "rate", den: "pop", base: 0.055, dep: 0.3, urban: 0.6, trend: -0.02 },
  }),
  d({
    id: "neet_youth", nameNb: "Unge utenfor arbeid og utdanning", nameNn: "Unge utanfor arbeid og utdanning",
    nameEn: "Young people not in employment, education or training", unit: "percent",
    direction: "higher_worse", finestLevel: "kommune", firstYear: 2016,
    definitionNb: "Andel personer 15–29 år som verken er i arbeid eller utdanning.",
    definitionEn: "Share of persons aged 15–29 who are neither employed nor in education or training.",
    model: { kind: "rate", den: "youth", base: 0.075, dep: 0.4, imm: 0.1, trend: -0.005, cycle: 0.3 },
  }),
  d({
    id: "median_income", nameNb: "Medianinntekt etter skatt", nameNn: "Medianinntekt etter skatt",
    nameEn: "Median household income after tax", unit: "nok", direction: "higher_better",
    finestLevel: "grunnkrets",
    definitionNb: "Medianinntekt etter skatt for husholdninger, i kroner.",
    definitionEn: "Median household income after tax, in NOK.",
    model: { kind: "median_income" },
  }),
  d({
    id: "life_expectancy", nameNb: "Forventet levealder", nameNn: "Forventa levealder",
    nameEn: "Life expectancy at birth", unit: "years", direction: "higher_better", finestLevel: "kommune",
    definitionNb: "Forventet levealder ved fødsel, begge kjønn.",
    definitionEn: "Life expectancy at birth, both sexes.",
    model: { kind: "life_expectancy" },
  }),
  // ---- national scale only: variants of the above, as SSB also publishes them ----
  n({
    id: "immigrants", nameNb: "Innvandrere", nameNn: "Innvandrarar", nameEn: "Immigrants",
    unit: "percent", direction: "neutral", finestLevel: "grunnkrets",
    definitionNb: "Andel av befolkningen som er innvandrere (født i utlandet av utenlandsfødte foreldre).",
    definitionEn: "Share of residents who are immigrants (born abroad to foreign-born parents).",
    model: { kind: "split", of: "immigrant_share", share: "immigrantsOnly" },
  }),
  n({
    id: "norwegian_born_immigrant_parents", nameNb: "Norskfødte med innvandrerforeldre",
    nameNn: "Norskfødde med innvandrarforeldre", nameEn: "Norwegian-born to immigrant parents",
    unit: "percent", direction: "neutral", finestLevel: "grunnkrets",
    definitionNb: "Andel av befolkningen som er født i Norge av to innvandrerforeldre.",
    definitionEn: "Share of residents born in Norway to two immigrant parents.",
    model: { kind: "split", of: "immigrant_share", share: "immigrantsOnly", complement: true },
  }),
  n({
    id: "immigrant_share_group1", nameNb: "Innvandrerbakgrunn, landgruppe 1",
    nameNn: "Innvandrarbakgrunn, landgruppe 1", nameEn: "Immigrant background, country group 1",
    unit: "percent", direction: "neutral", finestLevel: "grunnkrets",
    definitionNb: "Andel av befolkningen med innvandrerbakgrunn fra EU/EØS, Storbritannia, USA, Canada, Australia eller New Zealand.",
    definitionEn: "Share of residents with an immigrant background from the EU/EEA, the UK, the USA, Canada, Australia or New Zealand.",
    model: { kind: "split", of: "immigrant_share", share: "group1" },
  }),
  n({
    id: "immigrant_share_group2", nameNb: "Innvandrerbakgrunn, landgruppe 2",
    nameNn: "Innvandrarbakgrunn, landgruppe 2", nameEn: "Immigrant background, country group 2",
    unit: "percent", direction: "neutral", finestLevel: "grunnkrets",
    definitionNb: "Andel av befolkningen med innvandrerbakgrunn fra andre land enn landgruppe 1.",
    definitionEn: "Share of residents with an immigrant background from countries outside country group 1.",
    model: { kind: "split", of: "immigrant_share", share: "group1", complement: true },
  }),
  n({
    id: "unemployment_youth", nameNb: "Registrert ledighet 15–29 år", nameNn: "Registrert arbeidsløyse 15–29 år",
    nameEn: "Registered unemployment, ages 15–29", unit: "percent", direction: "higher_worse",
    finestLevel: "grunnkrets",
    definitionNb: "Helt ledige 15–29 år registrert hos NAV i prosent av arbeidsstyrken 15–29 år.",
    definitionEn: "Wholly unemployed persons aged 15–29 registered with NAV as a percentage of the labour force aged 15–29.",
    model: { kind: "rate", den: "youthLabourForce", base: 0.026, dep: 0.45, imm: 0.2, cycle: 1.2 },
  }),
  n({
    id: "not_in_work_women", nameNb: "Utenfor arbeid, kvinner", nameNn: "Utanfor arbeid, kvinner",
    nameEn: "Not in work, women", unit: "percent", direction: "higher_worse", finestLevel: "grunnkrets",
    definitionNb: "Andel kvinner 18–64 år som ikke er sysselsatt.",
    definitionEn: "Share of women aged 18–64 who are not employed.",
    model: { kind: "rate", den: "women18_64", base: 0.235, dep: 0.35, imm: 0.25, trend: -0.01, cycle: 0.3 },
  }),
  n({
    id: "not_in_work_men", nameNb: "Utenfor arbeid, menn", nameNn: "Utanfor arbeid, menn",
    nameEn: "Not in work, men", unit: "percent", direction: "higher_worse", finestLevel: "grunnkrets",
    definitionNb: "Andel menn 18–64 år som ikke er sysselsatt.",
    definitionEn: "Share of men aged 18–64 who are not employed.",
    model: { kind: "rate", den: "men18_64", base: 0.205, dep: 0.35, imm: 0.1, trend: -0.006, cycle: 0.3 },
  }),
  n({
    id: "disability_benefit", nameNb: "Mottakere av uføretrygd", nameNn: "Mottakarar av uføretrygd",
    nameEn: "Disability benefit recipients", unit: "percent", direction: "higher_worse",
    finestLevel: "grunnkrets",
    definitionNb: "Andel personer 18–64 år som mottar uføretrygd.",
    definitionEn: "Share of persons aged 18–64 receiving disability benefit.",
    model: { kind: "rate", den: "age18_64", base: 0.095, dep: 0.5, urban: -0.5, trend: 0.005 },
  }),
  n({
    id: "higher_education", nameNb: "Høyere utdanning", nameNn: "Høgare utdanning", nameEn: "Higher education",
    unit: "percent", direction: "higher_better", finestLevel: "grunnkrets",
    definitionNb: "Andel personer 30–59 år med universitets- eller høyskoleutdanning.",
    definitionEn: "Share of persons aged 30–59 with a university or college degree.",
    model: { kind: "rate", den: "age30_59", base: 0.46, dep: -0.6, urban: 0.8, trend: 0.03 },
  }),
  n({
    id: "low_income_elderly", nameNb: "Vedvarende lavinntekt, 67 år og over",
    nameNn: "Vedvarande låginntekt, 67 år og over", nameEn: "Persistent low income, aged 67 and over",
    unit: "percent", direction: "higher_worse", finestLevel: "grunnkrets",
    definitionNb: "Andel personer 67 år og over med vedvarende lavinntekt (EU60, tre år).",
    definitionEn: "Share of persons aged 67 and over with persistent low income (EU60, three years).",
    model: { kind: "rate", den: "elderly", base: 0.07, dep: 0.4, imm: 0.4, trend: -0.02 },
  }),
  n({
    id: "children_single_parent", nameNb: "Barn som bor med én forelder", nameNn: "Born som bur med éin forelder",
    nameEn: "Children living with one parent", unit: "percent", direction: "neutral", finestLevel: "grunnkrets",
    definitionNb: "Andel barn 0–17 år som bor sammen med bare én av foreldrene.",
    definitionEn: "Share of children aged 0–17 living with only one of their parents.",
    model: { kind: "rate", den: "children", base: 0.24, dep: 0.35, urban: 0.2 },
  }),
  n({
    id: "dropout_upper_secondary", nameNb: "Ikke fullført videregående", nameNn: "Ikkje fullført vidaregåande",
    nameEn: "Upper secondary not completed", unit: "percent", direction: "higher_worse", finestLevel: "kommune",
    definitionNb: "Andel elever som ikke har fullført videregående opplæring fem år etter start.",
    definitionEn: "Share of students who have not completed upper secondary education five years after starting.",
    model: { kind: "rate", den: "cohort", base: 0.19, dep: 0.35, imm: 0.1, trend: -0.03 },
  }),
  n({
    id: "crowded_children", nameNb: "Barn som bor trangt", nameNn: "Born som bur trongt",
    nameEn: "Children in crowded housing", unit: "percent", direction: "higher_worse", finestLevel: "grunnkrets",
    definitionNb: "Andel barn 0–17 år som bor i trangbodde husholdninger.",
    definitionEn: "Share of children aged 0–17 living in crowded households.",
    model: { kind: "rate", den: "children", base: 0.16, dep: 0.45, imm: 0.4, urban: 0.8 },
  }),
  n({
    id: "population_0_17", nameNb: "Barn 0–17 år", nameNn: "Born 0–17 år", nameEn: "Children aged 0–17",
    unit: "count", direction: "neutral", finestLevel: "grunnkrets",
    definitionNb: "Antall bosatte 0–17 år per 1. januar.",
    definitionEn: "Number of residents aged 0–17 on 1 January.",
    model: { kind: "count", group: "children" },
  }),
  n({
    id: "population_67plus", nameNb: "Personer 67 år og over", nameNn: "Personar 67 år og over",
    nameEn: "Persons aged 67 and over", unit: "count", direction: "neutral", finestLevel: "grunnkrets",
    definitionNb: "Antall bosatte 67 år og over per 1. januar.",
    definitionEn: "Number of residents aged 67 and over on 1 January.",
    model: { kind: "count", group: "elderly" },
  }),
  n({
    id: "housing_allowance", nameNb: "Husholdninger med bostøtte", nameNn: "Hushald med bustøtte",
    nameEn: "Households receiving housing allowance", unit: "percent", direction: "higher_worse",
    finestLevel: "grunnkrets",
    definitionNb: "Andel husholdninger som mottok bostøtte fra Husbanken i løpet av året.",
    definitionEn: "Share of households that received housing allowance from the State Housing Bank during the year.",
    model: { kind: "rate", den: "households", base: 0.035, dep: 0.6, imm: 0.2, trend: -0.03 },
  }),
] satisfies IndicatorDef[];

export type IndicatorId = (typeof DEFS)[number]["id"];

export const INDICATOR_DEFS: readonly IndicatorDef[] = DEFS;

/** All 30 indicator ids (national scale), in display order. */
export const INDICATOR_IDS = DEFS.map((def) => def.id) as readonly IndicatorId[];

/** The 14 indicators of the demo scale. */
export const DEMO_INDICATOR_IDS = DEFS.filter((def) => def.demo).map((def) => def.id) as readonly IndicatorId[];

export function indicatorDefs(scale: "demo" | "national"): IndicatorDef[] {
  return DEFS.filter((def) => scale === "national" || def.demo);
}

export function indicatorRows(defs: readonly IndicatorDef[]): NewIndicator[] {
  return defs.map(({ model: _model, firstYear: _firstYear, demo: _demo, ...meta }, i) => ({
    ...meta,
    source: SYNTHETIC_SOURCE,
    tableId: null,
    sortOrder: (i + 1) * 10,
  }));
}
