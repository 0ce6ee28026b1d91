import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DANISH_RULE_SET, NORWEGIAN_RULE_SET, SWEDISH_RULE_SET } from "../../db/rulesets";
import { packBucket, unpackBucket, unpackClassification, type StoredClassification } from "../../worker/stats/classification-store";
import { evaluate, INELIGIBLE, NOT_EVALUABLE, type Classification, type ClassifyArea, type CriterionResult } from "../../worker/stats/classify";
import { indicatorsOf, parseRuleSet } from "../../worker/stats/ruleset-schema";

// Shown values sometimes come with a wide uncertainty, so borderline criteria (and areas) occur.
const served = fc.oneof(
  fc.record({ value: fc.double({ min: 0, max: 1_000_000, noNaN: true }), status: fc.constant(null) }),
  fc
    .tuple(fc.double({ min: 0, max: 1_000_000, noNaN: true }), fc.double({ min: 0, max: 500_000, noNaN: true }))
    .map(([value, half]) => ({ value, status: null, decision: { value, lower: value - half, upper: value + half, basis: "wilson" as const } })),
  fc.record({ value: fc.constant(null), status: fc.constantFrom(":" as const, ".." as const, "." as const) }),
  fc.constant(undefined),
);

describe("stored classifications", () => {
  for (const definition of [DANISH_RULE_SET, NORWEGIAN_RULE_SET, SWEDISH_RULE_SET]) {
    const rs = parseRuleSet(definition);
    it(`unpack(pack(result)) is the result again: ${rs.id}`, () => {
      const ids = indicatorsOf(rs);
      const area = fc.record({
        values: fc.tuple(...ids.map(() => served)).map((vals) => Object.fromEntries(ids.map((id, i) => [id, vals[i]]))),
        level: fc.constantFrom("kommune" as const, "bydel" as const, "grunnkrets" as const),
        // + 0: JSON has no negative zero, which is not what this tests.
        index: fc.option(fc.record({ index: fc.double({ min: -4, max: 4, noNaN: true }).map((x) => x + 0), reason: fc.constant(null) }), { nil: null }),
      });
      fc.assert(
        fc.property(area, fc.option(fc.double({ min: 1, max: 1_000_000, noNaN: true }), { nil: null }), (a, reference) => {
          const input: ClassifyArea = { code: "03010101", region: "0301", ...a, index: rs.kind === "scale" ? a.index : undefined };
          const references = Object.fromEntries(ids.map((id) => [id, reference]));
          const [result] = evaluate(rs, [input], { period: 2024, national: references, regional: new Map([["0301", references]]) });
          const [code, level, stored] = unpackBucket(JSON.parse(JSON.stringify(packBucket([{ result: result!, name: "Grønland" }]))))[0]!;
          expect([code, level]).toEqual([result!.code, result!.level]);
          expect(unpackClassification(stored, result!, rs)).toEqual({ ...result, name: "Grønland" });
        }),
        { numRuns: 300 },
      );
    });
  }

  it("a bucket keeps each distinct threshold once and gives every result back", () => {
    const rs = parseRuleSet(DANISH_RULE_SET);
    const ids = indicatorsOf(rs);
    const regions = ["0301", "0301", "4601", "5001"];
    const areas: ClassifyArea[] = regions.map((region, i) => ({ code: `${region}010${i}`, level: "grunnkrets", region, values: Object.fromEntries(ids.map((id, k) => [id, { value: 10 * (i + k) + 1, status: null }])) }));
    const national = Object.fromEntries(ids.map((id, k) => [id, 7.3 + k]));
    const regional = new Map(["0301", "4601", "5001"].map((r, j) => [r, Object.fromEntries(ids.map((id, k) => [id, 100.1 * (j + 1) + k]))]));
    const results = evaluate(rs, areas, { period: 2024, national, regional });
    const bucket = JSON.parse(JSON.stringify(packBucket(results.map((result) => ({ result, name: result.code })))));
    const thresholds = results.flatMap((r) => [...r.criteria, ...r.tiers.flatMap((t) => t.criteria)].map((c) => c.threshold)).filter((t) => t !== null);
    expect([...bucket.th].sort()).toEqual([...new Set(thresholds)].sort());
    expect(unpackBucket(bucket).map(([code, level, stored]) => unpackClassification(stored, { code, level, period: 2024 }, rs))).toEqual(results.map((r) => ({ ...r, name: r.code })));
  });

  it("still reads buckets written in the first form, with the version and reasons in every result", () => {
    const rs = parseRuleSet(DANISH_RULE_SET);
    const ids = indicatorsOf(rs);
    const areas: ClassifyArea[] = [0, 1, 2].map((i) => ({
      code: `0301010${i}`,
      level: "grunnkrets",
      region: "0301",
      // ids[0] is the population; the first area's next indicator is suppressed, so a criterion carries a reason.
      values: Object.fromEntries(ids.map((id, k) => [id, k === 0 ? { value: 5000, status: null } : i === 0 && k === 1 ? { value: null, status: ":" } : { value: 10 * (i + k) + 1, status: null }])),
    }));
    const references = Object.fromEntries(ids.map((id, k) => [id, 7.3 + k]));
    const results = evaluate(rs, areas, { period: 2024, national: references, regional: new Map([["0301", references]]) });
    const th: number[] = [];
    const position = (x: number | null) => (x === null ? null : th.includes(x) ? th.indexOf(x) : th.push(x) - 1);
    // The first form: every result an object with its version, criteria [value, threshold position, met, reason].
    const criterion = (c: CriterionResult): StoredClassification["c"][number] => [c.value, position(c.threshold), c.met ? 1 : 0, c.reason];
    const firstForm = (r: Classification): StoredClassification => ({
      v: r.ruleSet.version,
      o: r.outcome,
      p: r.eligibility.population,
      r: r.eligibility.reasons,
      c: r.criteria.map(criterion),
      t: r.tiers.map((t) => [t.outcome, t.criteria.map(criterion)]),
      s: r.scale ? [r.scale.index, r.scale.type, r.scale.reason] : null,
      name: r.code,
    });
    const first = JSON.parse(JSON.stringify({ th, a: results.map((r) => [r.code, r.level, firstForm(r)]) }));
    const now = JSON.parse(JSON.stringify(packBucket(results.map((result) => ({ result, name: result.code })))));
    expect(now.f).toBe(3);
    expect(JSON.stringify(now).length).toBeLessThan(JSON.stringify(first).length * 0.8);
    expect(unpackBucket(first)).toEqual(unpackBucket(now));
    expect(unpackBucket(now).some(([, , s]) => [...s.c, ...s.t.flatMap(([, cs]) => cs)].some((c) => c[3] === "suppressed"))).toBe(true);
    // The second form: the same tuples with reasons as words.
    const words = (c: unknown[]) => (c.length === 4 ? [...c.slice(0, 3), NOT_EVALUABLE[c[3] as number]] : c);
    type Row = [string, number, string, number, number | null, unknown[][], number[]?, [number, unknown[][]][]?, unknown?];
    const second = {
      ...now,
      f: 2,
      a: (now.a as Row[]).map(([code, level, name, o, p, c, r, t, ...rest]) => [code, level, name, o, p, c.map(words), ...(r ? [r.map((x) => INELIGIBLE[x])] : []), ...(t ? [t.map(([to, cs]) => [to, cs.map(words)])] : []), ...rest]),
    };
    expect(JSON.stringify(second)).toContain('"suppressed"');
    expect(unpackBucket(JSON.parse(JSON.stringify(second)))).toEqual(unpackBucket(now));
  });

  it("stores reasons as positions, not words", () => {
    const rs = parseRuleSet(NORWEGIAN_RULE_SET);
    const [result] = evaluate(rs, [{ code: "03010101", level: "grunnkrets", region: null, values: {} }], { period: 2024, national: {} });
    const text = JSON.stringify(packBucket([{ result: result!, name: "x" }]));
    for (const word of [...NOT_EVALUABLE, ...INELIGIBLE]) expect(text).not.toContain(`"${word}"`);
    const [, , stored] = unpackBucket(JSON.parse(text))[0]!;
    expect(unpackClassification(stored, result!, rs)).toEqual({ ...result, name: "x" });
    expect(result!.criteria.every((c) => c.reason === "missing")).toBe(true);
  });

  it("refuses to explain a result with another version of its rule set", () => {
    const rs = parseRuleSet(DANISH_RULE_SET);
    const [result] = evaluate(rs, [{ code: "x", level: "bydel", region: null, values: {} }], { period: 2024, national: {} });
    const stored = unpackBucket(packBucket([{ result: result!, name: "x" }]))[0]![2];
    expect(() => unpackClassification(stored, result!, { ...rs, version: rs.version + 1 })).toThrow(/version/);
  });
});
