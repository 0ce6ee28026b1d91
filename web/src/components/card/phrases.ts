import type { CardLang } from "./text";

type Phrase = { up: string; down: string };

/**
 * What a rising or falling figure means, in words a reader recognises ("a larger share of
 * residents with persistent low income", "lower employment"), for the indicators the monitor
 * ships. Shares are said as shares ("a larger share of …"), never as "more people": a share can
 * rise while the number of people falls. Indicators without a phrase here are said by their unit
 * ("a rising share"; text.ts `trendUp`/`trendDown`).
 */
export const TREND_PHRASES: Record<string, Record<CardLang, Phrase>> = {
  population: {
    nb: { up: "flere innbyggere", down: "færre innbyggere" },
    nn: { up: "fleire innbyggjarar", down: "færre innbyggjarar" },
    en: { up: "more residents", down: "fewer residents" },
  },
  population_0_17: {
    nb: { up: "flere barn (0–17 år)", down: "færre barn (0–17 år)" },
    nn: { up: "fleire born (0–17 år)", down: "færre born (0–17 år)" },
    en: { up: "more children (0–17)", down: "fewer children (0–17)" },
  },
  population_67plus: {
    nb: { up: "flere innbyggere som er 67 år og over", down: "færre innbyggere som er 67 år og over" },
    nn: { up: "fleire innbyggjarar som er 67 år og over", down: "færre innbyggjarar som er 67 år og over" },
    en: { up: "more residents aged 67 and over", down: "fewer residents aged 67 and over" },
  },
  share_0_17: {
    nb: { up: "større andel barn (0–17 år)", down: "mindre andel barn (0–17 år)" },
    nn: { up: "større del born (0–17 år)", down: "mindre del born (0–17 år)" },
    en: { up: "a larger share of children (0–17)", down: "a smaller share of children (0–17)" },
  },
  share_67plus: {
    nb: { up: "større andel som er 67 år og over", down: "mindre andel som er 67 år og over" },
    nn: { up: "større del som er 67 år og over", down: "mindre del som er 67 år og over" },
    en: { up: "a larger share aged 67 and over", down: "a smaller share aged 67 and over" },
  },
  immigrants_count: {
    nb: { up: "flere innvandrere", down: "færre innvandrere" },
    nn: { up: "fleire innvandrarar", down: "færre innvandrarar" },
    en: { up: "more immigrants", down: "fewer immigrants" },
  },
  immigrants: {
    nb: { up: "større andel innvandrere", down: "mindre andel innvandrere" },
    nn: { up: "større del innvandrarar", down: "mindre del innvandrarar" },
    en: { up: "a larger share of immigrants", down: "a smaller share of immigrants" },
  },
  crime_per_1000: {
    nb: { up: "flere anmeldte lovbrudd per 1000 innbyggere", down: "færre anmeldte lovbrudd per 1000 innbyggere" },
    nn: { up: "fleire melde lovbrot per 1000 innbyggjarar", down: "færre melde lovbrot per 1000 innbyggjarar" },
    en: { up: "more reported offences per 1,000 residents", down: "fewer reported offences per 1,000 residents" },
  },
  low_income_persistent: {
    nb: { up: "større andel beboere med vedvarende lavinntekt", down: "mindre andel beboere med vedvarende lavinntekt" },
    nn: { up: "større del bebuarar med vedvarande låginntekt", down: "mindre del bebuarar med vedvarande låginntekt" },
    en: { up: "a larger share of residents with persistent low income", down: "a smaller share of residents with persistent low income" },
  },
  low_income_persistent_immigrants: {
    nb: { up: "større andel innvandrere med vedvarende lavinntekt", down: "mindre andel innvandrere med vedvarende lavinntekt" },
    nn: { up: "større del innvandrarar med vedvarande låginntekt", down: "mindre del innvandrarar med vedvarande låginntekt" },
    en: { up: "a larger share of immigrants with persistent low income", down: "a smaller share of immigrants with persistent low income" },
  },
  employment_rate: {
    nb: { up: "høyere sysselsetting", down: "lavere sysselsetting" },
    nn: { up: "høgare sysselsetjing", down: "lågare sysselsetjing" },
    en: { up: "higher employment", down: "lower employment" },
  },
  employment_rate_immigrants: {
    nb: { up: "høyere sysselsetting blant innvandrere", down: "lavere sysselsetting blant innvandrere" },
    nn: { up: "høgare sysselsetjing blant innvandrarar", down: "lågare sysselsetjing blant innvandrarar" },
    en: { up: "higher employment among immigrants", down: "lower employment among immigrants" },
  },
  not_in_work_education: {
    nb: { up: "større andel utenfor arbeid og utdanning", down: "mindre andel utenfor arbeid og utdanning" },
    nn: { up: "større del utanfor arbeid og utdanning", down: "mindre del utanfor arbeid og utdanning" },
    en: { up: "a larger share neither in work nor in education", down: "a smaller share neither in work nor in education" },
  },
  unemployment: {
    nb: { up: "høyere ledighet", down: "lavere ledighet" },
    nn: { up: "høgare arbeidsløyse", down: "lågare arbeidsløyse" },
    en: { up: "higher unemployment", down: "lower unemployment" },
  },
  children_low_income: {
    nb: { up: "større andel barn i husholdninger med lavinntekt", down: "mindre andel barn i husholdninger med lavinntekt" },
    nn: { up: "større del born i hushald med låginntekt", down: "mindre del born i hushald med låginntekt" },
    en: { up: "a larger share of children in low-income households", down: "a smaller share of children in low-income households" },
  },
  median_income: {
    nb: { up: "høyere medianinntekt", down: "lavere medianinntekt" },
    nn: { up: "høgare medianinntekt", down: "lågare medianinntekt" },
    en: { up: "higher median income", down: "lower median income" },
  },
  life_expectancy: {
    nb: { up: "høyere forventet levealder", down: "lavere forventet levealder" },
    nn: { up: "høgare forventa levealder", down: "lågare forventa levealder" },
    en: { up: "longer life expectancy", down: "shorter life expectancy" },
  },
  higher_education: {
    nb: { up: "større andel med høyere utdanning", down: "mindre andel med høyere utdanning" },
    nn: { up: "større del med høgare utdanning", down: "mindre del med høgare utdanning" },
    en: { up: "a larger share with higher education", down: "a smaller share with higher education" },
  },
  social_assistance: {
    nb: { up: "større andel som mottar sosialhjelp", down: "mindre andel som mottar sosialhjelp" },
    nn: { up: "større del som får sosialhjelp", down: "mindre del som får sosialhjelp" },
    en: { up: "a larger share receiving social assistance", down: "a smaller share receiving social assistance" },
  },
  not_in_work: {
    nb: { up: "større andel utenfor arbeid", down: "mindre andel utenfor arbeid" },
    nn: { up: "større del utanfor arbeid", down: "mindre del utanfor arbeid" },
    en: { up: "a larger share not in work", down: "a smaller share not in work" },
  },
  basic_education: {
    nb: { up: "større andel med bare grunnskole", down: "mindre andel med bare grunnskole" },
    nn: { up: "større del med berre grunnskule", down: "mindre del med berre grunnskule" },
    en: { up: "a larger share with compulsory schooling only", down: "a smaller share with compulsory schooling only" },
  },
  crowded_housing: {
    nb: { up: "større andel som bor trangt", down: "mindre andel som bor trangt" },
    nn: { up: "større del som bur trongt", down: "mindre del som bur trongt" },
    en: { up: "a larger share in crowded housing", down: "a smaller share in crowded housing" },
  },
};
