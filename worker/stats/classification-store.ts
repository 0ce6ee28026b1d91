import { z } from "zod";
import { LEVELS, type Level } from "../../db/schema";
import { type Classification, type CriterionResult, decideCriteria, INELIGIBLE, NOT_EVALUABLE, OUTCOMES, settleFor } from "./classify";
import type { RuleSet } from "./ruleset-schema";

/**
 * A classification result as a bucket gives it back (and as the first form stored it): only
 * what varies between areas. Criterion ids come from the rule set version (criteria keep their
 * order), and met counts follow from the criteria; `unpackClassification` explains it again.
 */
/** A criterion's third element holds bits: 1 = met, 2 = borderline (results stored before borderline existed have only 0 or 1). */
const flagsSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
type FlagBits = z.infer<typeof flagsSchema>;
const flagsOf = (r: Pick<CriterionResult, "met" | "borderline">) => ((r.met ? 1 : 0) | (r.borderline ? 2 : 0)) as FlagBits;
const criterionSchema = z.tuple([z.number().nullable(), z.number().nullable(), flagsSchema, z.enum(NOT_EVALUABLE).nullable()]);
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
 * A bucket of results (`classification_results.body`), in code order. Everything a bucket's
 * results share is said once: the rule set version, and each distinct threshold (the same for
 * every area of a region, or of the country), which criteria give as a position in `th`.
 * Each result is a tuple, [code, level, name, outcome, population, criteria, reasons?, tiers?,
 * scale?], level and outcomes as positions in `LEVELS` and `OUTCOMES`, trailing empty parts left
 * out; a criterion [value, threshold, flags (met, borderline)] has a fourth element only when it could not be
 * evaluated. Nationally a snapshot holds ~650,000 results: as objects with keys, they were a
 * third of what a full recompute wrote.
 */
export interface StoredBucket {
  /**
   * Form 3: reasons (why not eligible, why a criterion could not be evaluated) as positions in
   * `INELIGIBLE` and `NOT_EVALUABLE`, not as words repeated in every result (a sixth of the
   * buckets). Form 2 had the words; form 1 has no `f`. Both are still read.
   */
  f: 3;
  v: number;
  th: number[];
  a: CompactResult<number>[];
}
interface StoredBucketV2 {
  f: 2;
  v: number;
  th: number[];
  a: CompactResult<string>[];
}

type CompactCriterion<R> = [number | null, number | null, FlagBits] | [number | null, number | null, FlagBits, R];
type CompactResult<R> = [
  code: string,
  level: number,
  name: string,
  outcome: number,
  population: number | null,
  criteria: CompactCriterion<R>[],
  reasons?: R[],
  tiers?: [number, CompactCriterion<R>[]][],
  scale?: NonNullable<StoredClassification["s"]>,
];

/** Form 1: [code, level, result] with the version and criterion reasons in every result. */
interface StoredBucketV1 {
  th: number[];
  a: [string, Level, StoredClassification][];
}

type Criterion = z.infer<typeof criterionSchema>;

export function packBucket(results: readonly { result: Classification; name: string }[]): StoredBucket {
  const th: number[] = [];
  const positions = new Map<number, number>();
  const position = (x: number | null) => {
    if (x === null) return null;
    let i = positions.get(x);
    if (i === undefined) positions.set(x, (i = th.push(x) - 1));
    return i;
  };
  const criterion = (r: CriterionResult): CompactCriterion<number> =>
    r.reason === null ? [r.value, position(r.threshold), flagsOf(r)] : [r.value, position(r.threshold), flagsOf(r), NOT_EVALUABLE.indexOf(r.reason)];
  const v = results[0]?.result.ruleSet.version ?? 0;
  const a = results.map(({ result: c, name }): CompactResult<number> => {
    if (c.ruleSet.version !== v) throw new Error(`packBucket: ${c.code} was classified with version ${c.ruleSet.version}, the bucket with ${v}`);
    const head = [c.code, LEVELS.indexOf(c.level), name, OUTCOMES.indexOf(c.outcome), c.eligibility.population, c.criteria.map(criterion)] as const;
    const reasons = c.eligibility.reasons.map((r) => INELIGIBLE.indexOf(r));
    const tiers = c.tiers.map((t): [number, CompactCriterion<number>[]] => [OUTCOMES.indexOf(t.outcome), t.criteria.map(criterion)]);
    // Trailing parts with nothing in them are left out.
    if (c.scale) return [...head, reasons, tiers, [c.scale.index, c.scale.type, c.scale.reason]];
    if (tiers.length > 0) return [...head, reasons, tiers];
    return reasons.length > 0 ? [...head, reasons] : [...head];
  });
  return { f: 3, v, th, a };
}

/** The bucket's results with their thresholds in place again (any form). */
export function unpackBucket(bucket: StoredBucket | StoredBucketV2 | StoredBucketV1): [string, Level, StoredClassification][] {
  const { th } = bucket;
  const criterion = ([v, i, met, reason]: Criterion | CompactCriterion<string | number>): Criterion => [
    v,
    i === null ? null : th[i]!,
    met,
    reason === undefined || reason === null ? null : typeof reason === "number" ? NOT_EVALUABLE[reason]! : (reason as NonNullable<Criterion[3]>),
  ];
  const ineligible = (r: string | number) => (typeof r === "number" ? INELIGIBLE[r]! : (r as StoredClassification["r"][number]));
  if (!("f" in bucket)) return bucket.a.map(([code, level, s]) => [code, level, { ...s, c: s.c.map(criterion), t: s.t.map(([o, cs]) => [o, cs.map(criterion)]) }]);
  return (bucket.a as CompactResult<string | number>[]).map(([code, level, name, o, p, c, r = [], t = [], s = null]) => [
    code,
    LEVELS[level]!,
    { v: bucket.v, o: OUTCOMES[o]!, p, r: r.map(ineligible), c: c.map(criterion), t: t.map(([to, cs]) => [OUTCOMES[to]!, cs.map(criterion)]), s, name },
  ]);
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
  const unpack = (ids: string[]) => (c: z.infer<typeof criterionSchema>, i: number): CriterionResult => ({
    id: ids[i]!,
    value: c[0],
    threshold: c[1],
    met: (c[2] & 1) === 1,
    borderline: (c[2] & 2) === 2,
    reason: c[3],
  });
  const criteria = stored.c.map(unpack(criteriaIds));
  const tierCriteria = stored.t.map(([, cs], i) => cs.map(unpack(tiers[i]!.criteria.map((c) => c.id))));
  const eligibility = { population: stored.p, reasons: stored.r };
  // The outcomes are as stored; whether they depend on a borderline criterion follows from the criteria.
  const decided = rs.kind === "criteria" ? decideCriteria(rs, settleFor(eligibility), criteria, tierCriteria) : null;
  return {
    ruleSet: { id: rs.id, version: rs.version },
    code: row.code,
    level: row.level,
    period: row.period,
    eligibility,
    preview: false,
    outcome: stored.o,
    met: stored.o === "met",
    borderline: decided?.borderline ?? false,
    borderlineCriteria: decided?.borderlineCriteria ?? [],
    metCount: decided?.metCount ?? null,
    notEvaluable: decided?.notEvaluable ?? null,
    minMet: rs.kind === "criteria" ? rs.minMet : null,
    criteria,
    tiers: stored.t.map(([outcome], i) => ({ id: tiers[i]!.id, outcome, met: outcome === "met", borderline: decided?.tiers[i]?.borderline ?? false, criteria: tierCriteria[i]! })),
    scale: stored.s ? { index: stored.s[0], type: stored.s[1], reason: stored.s[2] } : null,
    name: stored.name,
  };
}
