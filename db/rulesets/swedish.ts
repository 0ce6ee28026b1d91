import type { RuleSetInput } from "../../worker/stats/ruleset-schema";

/**
 * Swedish-style area-type scale, after the five area types of Sweden's Delegation against
 * Segregation (Delmos) and Statistics Sweden: every area gets a type by how far a socioeconomic
 * index lies from the national mean. The index is this monitor's status index (composite.ts)
 * of three indicators; the cut-offs in standard deviations are our choice, not Delmos's.
 */
export const SWEDISH_RULE_SET = {
  id: "sweden_style",
  version: 1,
  kind: "scale",
  name: { nb: "Svensk modell (områdetyper)", en: "Swedish model (area types)" },
  description: {
    nb:
      "Etter de svenske områdetypene (Delmos og SCB): fem typer etter hvor langt en sosioøkonomisk indeks ligger fra landsgjennomsnittet. " +
      "Indeksen er gjennomsnittet av standardiserte verdier for vedvarende lavinntekt, bare grunnskole og utenfor arbeid, standardisert på nytt blant alle områder på samme nivå. " +
      "Type 1 og 2 regnes som områder med sosioøkonomiske utfordringer. Grensene (1 og 2 standardavvik) er valgt her, ikke hentet fra Delmos.",
    en:
      "After the Swedish area types (Delmos and Statistics Sweden): five types by how far a socioeconomic index lies from the national mean. " +
      "The index is the mean of standardised values of persistent low income, compulsory schooling only and not in work, standardised again across all areas of the same level. " +
      "Types 1 and 2 count as areas with socioeconomic challenges. The cut-offs (1 and 2 standard deviations) are chosen here, not taken from Delmos.",
  },
  levels: ["grunnkrets", "bydel"],
  population: { indicator: "population", min: 200 },
  index: {
    indicators: ["low_income_persistent", "basic_education", "not_in_work"],
    minIndicators: 3,
  },
  // Lowest index (fewest problems) first.
  types: [
    { id: "type_5", max: -2, label: { nb: "Type 5: svært gode sosioøkonomiske forhold", en: "Type 5: very good socioeconomic conditions" } },
    { id: "type_4", min: -2, max: -1, label: { nb: "Type 4: gode sosioøkonomiske forhold", en: "Type 4: good socioeconomic conditions" } },
    { id: "type_3", min: -1, max: 1, label: { nb: "Type 3: sosioøkonomisk blandet", en: "Type 3: socioeconomically mixed" } },
    { id: "type_2", min: 1, max: 2, flagged: true, label: { nb: "Type 2: sosioøkonomiske utfordringer", en: "Type 2: socioeconomic challenges" } },
    { id: "type_1", min: 2, flagged: true, label: { nb: "Type 1: store sosioøkonomiske utfordringer", en: "Type 1: major socioeconomic challenges" } },
  ],
} satisfies RuleSetInput;
