import { z } from "zod";
import { DIRECTIONS, UNITS } from "./schema";

/**
 * Indicators the monitor computes from imported ones, as data. Every import that changes an
 * input recomputes them (worker/jobs/derive.ts) on the codes and periods as published, before
 * harmonisation: a ratio keeps its numerator and denominator, so the recompute harmonises the
 * counts across reforms and applies Wilson intervals and disclosure control as for any share.
 *
 * - `ratio`: inputs [numerator, denominator], value = numerator / denominator × scale;
 * - `difference`: inputs [minuend, subtrahend], value = (minuend − subtrahend) × scale, a
 *   value only (a gap between two rates has no counts of its own).
 *
 * The declaration's finest level and period span come from the inputs (the coarser finest
 * level; the inputs must agree on the span), and so does its source text.
 */

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "must be lower_snake_case");

export const derivedDefinitionSchema = z.object({
  id,
  kind: z.enum(["ratio", "difference"]),
  inputs: z.tuple([id, id]),
  scale: z.number().positive(),
  indicator: z.object({
    nameNb: z.string().min(1),
    nameNn: z.string().min(1),
    nameEn: z.string().min(1),
    unit: z.enum(UNITS),
    direction: z.enum(DIRECTIONS),
    definitionNb: z.string().min(1),
    definitionEn: z.string().min(1),
    sortOrder: z.number().int(),
  }),
});
export type DerivedDefinition = z.infer<typeof derivedDefinitionSchema>;

/** The source every derived observation names: the method here, the inputs' licences added when derived. */
export const DERIVED_SOURCE = {
  id: "derived",
  name: "Områdemonitoren: beregnet fra importerte tall (andel = antall / folkemengde × 100; forskjell = innvandrere − resten, i prosentpoeng)",
  publisher: "Områdemonitoren (computed from the sources of its inputs)",
  url: null,
  // Below every publisher: a figure a publisher gives for the same cell is the official one.
  priority: 0,
} as const;

const ratio = (id: string, numerator: string, denominator: string, indicator: DerivedDefinition["indicator"]): DerivedDefinition => ({
  id,
  kind: "ratio",
  inputs: [numerator, denominator],
  scale: 100,
  indicator,
});

/** A gap in percentage points: the rate among immigrants minus the rate among everyone else. */
const gap = (id: string, immigrants: string, rest: string, indicator: Omit<DerivedDefinition["indicator"], "unit">): DerivedDefinition => ({
  id,
  kind: "difference",
  inputs: [immigrants, rest],
  scale: 1,
  indicator: { ...indicator, unit: "points" },
});

export const DERIVED: readonly DerivedDefinition[] = z.array(derivedDefinitionSchema).parse([
  ratio("share_0_17", "population_0_17", "population", {
    nameNb: "Barn 0–17 år, andel",
    nameNn: "Born 0–17 år, del",
    nameEn: "Children aged 0–17, share",
    unit: "percent",
    direction: "neutral",
    definitionNb: "Andel av de bosatte som er 0–17 år: antall bosatte 0–17 år delt på folkemengden, samme område og år.",
    definitionEn: "Share of residents aged 0–17: the number of residents aged 0–17 divided by the population, same area and year.",
    sortOrder: 11,
  }),
  ratio("share_67plus", "population_67plus", "population", {
    nameNb: "Personer 67 år og over, andel",
    nameNn: "Personar 67 år og over, del",
    nameEn: "Persons aged 67 and over, share",
    unit: "percent",
    direction: "neutral",
    definitionNb: "Andel av de bosatte som er 67 år og over: antall bosatte 67 år og over delt på folkemengden, samme område og år.",
    definitionEn: "Share of residents aged 67 and over: the number of residents aged 67 and over divided by the population, same area and year.",
    sortOrder: 12,
  }),
  ratio("immigrants", "immigrants_count", "population", {
    nameNb: "Innvandrere (første generasjon)",
    nameNn: "Innvandrarar (første generasjon)",
    nameEn: "Immigrants (first generation)",
    unit: "percent",
    direction: "neutral",
    definitionNb:
      "Andel av de bosatte som er innvandrere: født i utlandet av to utenlandsfødte foreldre. Norskfødte med innvandrerforeldre er ikke med (det er ikke «innvandrerbakgrunn»). Antall innvandrere (IMDi/SSB) delt på folkemengden.",
    definitionEn:
      "Share of residents who are immigrants: born abroad to two foreign-born parents. Norwegian-born children of immigrants are not included (this is not 'immigrant background'). The number of immigrants (IMDi/SSB) divided by the population.",
    sortOrder: 20,
  }),
  gap("low_income_persistent_gap", "low_income_persistent_immigrants", "low_income_persistent_rest", {
    nameNb: "Vedvarende lavinntekt, forskjell mellom innvandrere og resten",
    nameNn: "Vedvarande låginntekt, skilnad mellom innvandrarar og resten",
    nameEn: "Persistent low income, gap between immigrants and the rest",
    direction: "higher_worse",
    definitionNb:
      "Andelen med vedvarende lavinntekt blant innvandrere minus andelen blant resten av befolkningen, i prosentpoeng. Et positivt tall betyr at innvandrere er overrepresentert.",
    definitionEn:
      "The share with persistent low income among immigrants minus the share among the rest of the population, in percentage points. A positive figure means immigrants are overrepresented.",
    sortOrder: 53,
  }),
  gap("employment_rate_gap", "employment_rate_immigrants", "employment_rate_rest", {
    nameNb: "Sysselsetting, forskjell mellom innvandrere og resten",
    nameNn: "Sysselsetjing, skilnad mellom innvandrarar og resten",
    nameEn: "Employment rate, gap between immigrants and the rest",
    direction: "higher_better",
    definitionNb:
      "Sysselsettingsandelen blant innvandrere minus andelen blant resten av befolkningen, i prosentpoeng. Et negativt tall betyr at en mindre andel av innvandrerne er i arbeid.",
    definitionEn:
      "The employment rate among immigrants minus the rate among the rest of the population, in percentage points. A negative figure means a smaller share of immigrants are in work.",
    sortOrder: 63,
  }),
  gap("not_in_work_education_gap", "not_in_work_education_immigrants", "not_in_work_education_rest", {
    nameNb: "Utenfor arbeid og utdanning, forskjell mellom innvandrere og resten",
    nameNn: "Utanfor arbeid og utdanning, skilnad mellom innvandrarar og resten",
    nameEn: "Neither in work nor in education, gap between immigrants and the rest",
    direction: "higher_worse",
    definitionNb:
      "Andelen som verken er i arbeid eller utdanning blant innvandrere minus andelen blant resten av befolkningen, i prosentpoeng. Et positivt tall betyr at innvandrere er overrepresentert.",
    definitionEn:
      "The share neither in work nor in education among immigrants minus the share among the rest of the population, in percentage points. A positive figure means immigrants are overrepresented.",
    sortOrder: 73,
  }),
]);

/** Every indicator some derived indicator reads. */
export const DERIVED_INPUTS: ReadonlySet<string> = new Set(DERIVED.flatMap((d) => d.inputs));
