import type { RuleSetInput } from "../../worker/stats/ruleset-schema";

const national = (factor: number) => ({ kind: "relative" as const, to: "national" as const, factor });

/**
 * The monitor's default: a Norwegian proposal on socioeconomic criteria only. Residents' origin
 * is shown as an indicator and measured by the segregation indices, but never used to classify
 * an area (test/stats/rulesets.test.ts fails if it ever is). Thresholds are relative to the
 * national value, so they follow the country's level over time.
 */
export const NORWEGIAN_RULE_SET = {
  id: "norway_default",
  version: 1,
  kind: "criteria",
  name: { nb: "Norsk forslag (sosioøkonomiske kriterier)", en: "Norwegian proposal (socioeconomic criteria)" },
  description: {
    nb:
      "Monitorens standard: et område med minst 200 bosatte er markert når minst tre av sju sosioøkonomiske kriterier holder, " +
      "de fleste som et multiplum av landsnivået samme år. Beboernes opprinnelse vises som indikator og måles med segregeringsindeksene, " +
      "men er aldri et kriterium. Nivået «høy konsentrasjon» krever minst fem av de sju.",
    en:
      "The monitor's default: an area with at least 200 residents is marked when at least three of seven socioeconomic criteria hold, " +
      "most of them as a multiple of the national value in the same year. Residents' origin is shown as an indicator and measured by the segregation indices, " +
      "but is never a criterion. The 'high concentration' tier needs at least five of the seven.",
  },
  levels: ["grunnkrets", "bydel"],
  population: { indicator: "population", min: 200 },
  regionalLevel: "kommune",
  minMet: 3,
  criteria: [
    {
      id: "persistent_low_income",
      indicator: "low_income_persistent",
      comparison: ">=",
      threshold: national(2),
      label: { nb: "Vedvarende lavinntekt minst 2 × landsnivået", en: "Persistent low income at least 2 × the national level" },
    },
    {
      id: "child_poverty",
      indicator: "children_low_income",
      comparison: ">=",
      threshold: national(2),
      label: { nb: "Barn i lavinntektshusholdninger minst 2 × landsnivået", en: "Children in low-income households at least 2 × the national level" },
    },
    {
      id: "not_in_work",
      indicator: "not_in_work",
      comparison: ">=",
      threshold: national(1.5),
      label: { nb: "Utenfor arbeid minst 1,5 × landsnivået", en: "Not in work at least 1.5 × the national level" },
    },
    {
      id: "basic_schooling",
      indicator: "basic_education",
      comparison: ">=",
      threshold: national(1.5),
      label: { nb: "Bare grunnskole minst 1,5 × landsnivået", en: "Compulsory schooling only at least 1.5 × the national level" },
    },
    {
      id: "social_assistance",
      indicator: "social_assistance",
      comparison: ">=",
      threshold: national(2),
      label: { nb: "Sosialhjelp minst 2 × landsnivået", en: "Social assistance at least 2 × the national level" },
    },
    {
      id: "crowding",
      indicator: "crowded_housing",
      comparison: ">=",
      threshold: national(2),
      label: { nb: "Trangboddhet minst 2 × landsnivået", en: "Crowded housing at least 2 × the national level" },
    },
    {
      id: "low_median_income",
      indicator: "median_income",
      comparison: "<",
      threshold: { kind: "relative", to: "regional", factor: 0.7 },
      label: { nb: "Medianinntekt under 70 % av kommunens", en: "Median income below 70 % of the municipality's" },
      note: {
        nb: "Sammenlignes med kommunen fordi inntekts- og boutgiftsnivå varierer mye mellom kommuner.",
        en: "Compared with the municipality because income and housing-cost levels vary widely between municipalities.",
      },
    },
  ],
  tiers: [
    {
      id: "high_concentration",
      minMet: 5,
      label: { nb: "Høy konsentrasjon", en: "High concentration" },
      description: {
        nb: "Minst fem av de sju kriteriene holder.",
        en: "At least five of the seven criteria hold.",
      },
    },
  ],
} satisfies RuleSetInput;
