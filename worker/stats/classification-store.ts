import { z } from "zod";
import type { Level } from "../../db/schema";
import { type Classification, type CriterionResult, INELIGIBLE, NOT_EVALUABLE, OUTCOMES } from "./classify";
import type { RuleSet } from "./ruleset-schema";

/**
 * How a classification result is stored: only what varies between areas, as tuples. Criterion
 * ids come from the rule set version (criteria keep their order), and met flags and counts
 * follow from the outcome and the criteria. Nationally this is ~630,000 results a snapshot, so the
 * verbose form would be most of what a recompute writes.
 */
const criterionSchema = z.tuple([z.number().nullable(), z.number().nullable(), z.union([z.literal(0), z.literal(1)]), z.enum(NOT_EVALUABLE).nullable()]);
export const storedClassificationSchema = z.object({
  /** Rule set version. */
  v: z.number().int(),
  o: z.enum(OUTCOMES),
  /** Population and, when not eligible, why. */
  p: z.number().nullable(),
  r: z.array(z.enum(INELIGIBLE)),
  c: z.array(criterionSchema),
  t: z.array(z.tuple([z.enum(OUTCOMES), z.array(criterionSchema)])),
  s: z.tuple([z.number().nullable(), z.string().nullable(), z.string().nullable()]).nullable(),
  name: z.string(),
});
export type StoredClassification = z.infer<typeof storedClassificationSchema>;
/**
 * A bucket of results (`classification_results.body`): [code, level, result] in code order,
 * each criterion's threshold given as its position in `th`. A threshold is the same for every
 * area of a region (or of the country), so a bucket holds a handful, where repeating them as
 * decimals was a fifth of its bytes.
 */
export interface StoredBucket {
  th: number[];
  a: [string, Level, StoredClassification][];
}

type Criterion = z.infer<typeof criterionSchema>;
const same = (x: number | null) => x;

export function packBucket(results: readonly { result: Classification; name: string }[]): StoredBucket {
  const th: number[] = [];
  const positions = new Map<number, number>();
  const position = (x: number | null) => {
    if (x === null) return null;
    let i = positions.get(x);
    if (i === undefined) positions.set(x, (i = th.push(x) - 1));
    return i;
  };
  return {
    th,
    a: results.map(({ result, name }) => [result.code, result.level, packClassification(result, name, position)]),
  };
}

/** The bucket's results with their thresholds in place again. */
export function unpackBucket({ th, a }: StoredBucket): [string, Level, StoredClassification][] {
  const value = ([v, i, met, reason]: Criterion): Criterion => [v, i === null ? null : th[i]!, met, reason];
  return a.map(([code, level, s]) => [code, level, { ...s, c: s.c.map(value), t: s.t.map(([o, cs]) => [o, cs.map(value)]) }]);
}

/** `threshold` maps each criterion's threshold as stored (a bucket stores its position in `th`). */
export function packClassification(c: Classification, name: string, threshold: (x: number | null) => number | null = same): StoredClassification {
  const packCriterion = (r: CriterionResult): Criterion => [r.value, threshold(r.threshold), r.met ? 1 : 0, r.reason];
  return {
    v: c.ruleSet.version,
    o: c.outcome,
    p: c.eligibility.population,
    r: c.eligibility.reasons,
    c: c.criteria.map(packCriterion),
    t: c.tiers.map((t) => [t.outcome, t.criteria.map(packCriterion)]),
    s: c.scale ? [c.scale.index, c.scale.type, c.scale.reason] : null,
    name,
  };
}

/** The full, explained result again; `rs` must be the version the result was computed with. */
export function unpackClassification(
  stored: StoredClassification,
  row: Pick<Classification, "code" | "level" | "period">,
  rs: RuleSet,
): Classification & { name: string } {
  if (stored.v !== rs.version) throw new Error(`classification of ${row.code} was computed with ${rs.id} version ${stored.v}, not ${rs.version}`);
  const criteriaIds = rs.kind === "criteria" ? rs.criteria.map((c) => c.id) : [];
  const tiers = rs.kind === "criteria" ? rs.tiers : [];
  const unpack = (ids: string[]) => (c: z.infer<typeof criterionSchema>, i: number): CriterionResult => ({ id: ids[i]!, value: c[0], threshold: c[1], met: c[2] === 1, reason: c[3] });
  const criteria = stored.c.map(unpack(criteriaIds));
  const isCriteria = rs.kind === "criteria";
  return {
    ruleSet: { id: rs.id, version: rs.version },
    code: row.code,
    level: row.level,
    period: row.period,
    eligibility: { population: stored.p, reasons: stored.r },
    preview: false,
    outcome: stored.o,
    met: stored.o === "met",
    metCount: isCriteria ? criteria.filter((c) => c.met).length : null,
    notEvaluable: isCriteria ? criteria.filter((c) => c.reason !== null).length : null,
    minMet: rs.kind === "criteria" ? rs.minMet : null,
    criteria,
    tiers: stored.t.map(([outcome, cs], i) => ({ id: tiers[i]!.id, outcome, met: outcome === "met", criteria: cs.map(unpack(tiers[i]!.criteria.map((c) => c.id))) })),
    scale: stored.s ? { index: stored.s[0], type: stored.s[1], reason: stored.s[2] } : null,
    name: stored.name,
  };
}
