import type { RuleSetInput } from "../../worker/stats/ruleset-schema";

/**
 * Danish-style rule set, after the criteria for "vulnerable housing areas" (udsatte
 * boligområder) in the Danish Social Housing Act as amended in 2018/2021, mapped onto the
 * indicators this monitor has. Where our indicator is not the Danish one, the criterion's note
 * says what differs. Shipped for comparison, not as a recommendation.
 */
export const DANISH_RULE_SET = {
  id: "denmark_style",
  version: 1,
  kind: "criteria",
  name: { nb: "Dansk modell (utsatte boligområder)", en: "Danish model (vulnerable housing areas)" },
  description: {
    nb:
      "Etter de danske kriteriene for «udsatte boligområder»: minst 1 000 bosatte og minst to av fire sosioøkonomiske kriterier. " +
      "I Danmark gjelder reglene almene boligområder, ikke statistiske områder som grunnkretser og bydeler, og flere tall er snitt over to år; " +
      "her brukes ett års tall og nærmeste norske indikator (se merknadene). Nivået «parallellsamfunn» bygger på beboernes opprinnelse og er omstridt.",
    en:
      "After the Danish criteria for 'vulnerable housing areas': at least 1,000 residents and at least two of four socioeconomic criteria. " +
      "In Denmark the rules apply to social-housing estates, not to statistical areas such as grunnkretser and bydeler, and several figures are two-year averages; " +
      "here one year's figure and the nearest Norwegian indicator are used (see the notes). The 'parallel society' tier rests on residents' origin and is contested.",
  },
  levels: ["grunnkrets", "bydel"],
  population: { indicator: "population", min: 1000 },
  regionalLevel: "fylke",
  minMet: 2,
  criteria: [
    {
      id: "outside_work_education",
      indicator: "not_in_work",
      comparison: ">",
      threshold: { kind: "absolute", value: 40 },
      label: { nb: "Over 40 % av 18–64-åringene utenfor arbeid", en: "Over 40 % of 18–64-year-olds not in work" },
      note: {
        nb: "Det danske kriteriet er andelen 18–64 år utenfor både arbeid og utdanning. Nærmeste indikator er «utenfor arbeid» (18–64 år som ikke er sysselsatt), som også teller studenter, så andelen blir høyere enn etter det danske målet.",
        en: "The Danish criterion is the share of 18–64-year-olds outside both work and education. The nearest indicator is 'not in work' (18–64-year-olds not employed), which also counts students, so the share is higher than the Danish measure.",
      },
    },
    {
      id: "convictions",
      indicator: "crime_per_1000",
      comparison: ">=",
      threshold: { kind: "relative", to: "national", factor: 3 },
      label: { nb: "Lovbrudd minst 3 × landsnivået", en: "Offences at least 3 × the national rate" },
      note: {
        nb: "Det danske kriteriet er andelen beboere dømt for brudd på straffeloven, våpenloven eller narkotikalovgivningen. Nærmeste indikator er anmeldte lovbrudd per 1 000 innbyggere etter gjerningssted: den teller hvor lovbrudd skjer, ikke hvem som bor der, og finnes bare for kommuner, så for grunnkretser og bydeler kan kriteriet ikke vurderes.",
        en: "The Danish criterion is the share of residents convicted under the criminal code, the weapons or the drugs laws. The nearest indicator is reported offences per 1,000 residents by place of offence: it counts where offences happen, not who lives there, and exists for kommuner only, so for grunnkretser and bydeler the criterion cannot be evaluated.",
      },
    },
    {
      id: "basic_schooling",
      indicator: "basic_education",
      comparison: ">",
      threshold: { kind: "absolute", value: 60 },
      label: { nb: "Over 60 % av 30–59-åringene har bare grunnskole", en: "Over 60 % of 30–59-year-olds with compulsory schooling only" },
    },
    {
      id: "low_income",
      indicator: "median_income",
      comparison: "<",
      threshold: { kind: "relative", to: "regional", factor: 0.55 },
      label: { nb: "Inntekt under 55 % av regionens", en: "Income below 55 % of the region's" },
      note: {
        nb: "Det danske kriteriet er gjennomsnittlig bruttoinntekt for 15–64-åringer (uten dem under utdanning) under 55 % av snittet i regionen. Her brukes husholdningenes medianinntekt etter skatt mot fylkets verdi (fylket svarer best til en dansk region); målene er ulike, så grensen er ikke likeverdig.",
        en: "The Danish criterion is the average gross income of 15–64-year-olds (excluding those in education) below 55 % of the regional average. Here households' median income after tax is compared with the fylke's value (the fylke is closest to a Danish region); the measures differ, so the cut-off is not equivalent.",
      },
    },
  ],
  tiers: [
    {
      id: "parallel_society",
      label: { nb: "Parallellsamfunn (tidligere «ghetto»)", en: "Parallel society (formerly 'ghetto')" },
      description: {
        nb: "Dansk tilleggskriterium: over 50 % innvandrere og etterkommere fra ikke-vestlige land. Omstridt: kriteriet er utfordret som diskriminering på grunn av etnisk opprinnelse, og spørsmålet er forelagt EU-domstolen. Vises bare for sammenligning.",
        en: "Danish additional criterion: over 50 % immigrants and descendants from non-Western countries. Contested: it has been challenged as discrimination on grounds of ethnic origin, and the question was referred to the Court of Justice of the EU. Shown for comparison only.",
      },
      contested: true,
      criteria: [
        {
          id: "non_western_background",
          indicator: "immigrant_share_group2",
          comparison: ">",
          threshold: { kind: "absolute", value: 50 },
          contested: true,
          label: { nb: "Over 50 % med ikke-vestlig bakgrunn", en: "Over 50 % with a non-Western background" },
          note: {
            nb: "Nærmeste indikator er innvandrerbakgrunn fra landgruppe 2 (utenfor EU/EØS, Storbritannia, USA, Canada, Australia og New Zealand).",
            en: "The nearest indicator is immigrant background from country group 2 (outside the EU/EEA, the UK, the USA, Canada, Australia and New Zealand).",
          },
        },
      ],
    },
  ],
} satisfies RuleSetInput;
