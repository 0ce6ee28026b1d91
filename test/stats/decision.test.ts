import { describe, expect, it } from "vitest";
import { NORWEGIAN_RULE_SET } from "../../db/rulesets";
import { inputsFromResults } from "../../worker/queries/analysis";
import { type ClassifyArea, evaluate, preview } from "../../worker/stats/classify";
import { decide, decisionValue, precisionOnly } from "../../worker/stats/decision";
import { parseRuleSet } from "../../worker/stats/ruleset-schema";
import { wilson } from "../../worker/stats/intervals";

/** A published share: the value as SSB rounds it to one decimal, with its counts. */
const share = (numerator: number, denominator: number) => ({
  value: Math.round((numerator / denominator) * 1000) / 10,
  status: null,
  counts: { numerator, denominator },
});

describe("decisionValue: what a classification compares", () => {
  it("decides a share with counts on numerator ÷ denominator, not on the rounded value, with its Wilson interval", () => {
    const d = decisionValue(share(716, 10_000), "percent")!;
    expect(share(716, 10_000).value).toBe(7.2);
    expect(d.value).toBeCloseTo(7.16, 12);
    const ci = wilson(716, 10_000)!;
    expect(d).toMatchObject({ basis: "wilson", lower: expect.closeTo(ci.lower * 100, 12), upper: expect.closeTo(ci.upper * 100, 12) });
  });

  it("keeps the published value, known to half its last digit, when there are no counts or they do not reproduce it", () => {
    expect(decisionValue({ value: 7.2, status: null }, "percent")).toEqual({ value: 7.2, lower: expect.closeTo(7.15, 12), upper: expect.closeTo(7.25, 12), basis: "precision" });
    // Counts on another base (8.0 %, published 7.2): they are not this value's counts.
    expect(decisionValue({ value: 7.2, status: null, counts: { numerator: 8, denominator: 100 } }, "percent")!.value).toBe(7.2);
    expect(decisionValue({ value: 412_345, status: null }, "nok")).toEqual({ value: 412_345, lower: 412_344.5, upper: 412_345.5, basis: "precision" });
  });

  it("never decides on a value that is not shown", () => {
    expect(decisionValue({ value: null, status: ":" }, "percent")).toBeNull();
    expect(decisionValue({ value: 7.2, status: ":", counts: { numerator: 3, denominator: 40 } }, "percent")).toBeNull();
    expect(decisionValue(undefined, "percent")).toBeNull();
    expect(decisionValue(share(3_612, 100_000), "percent")!.value).toBeCloseTo(3.612, 12);
  });
});

describe("decide: met by the rule set's operator at full precision, borderline within the uncertainty", () => {
  it("a tie exactly at the threshold is borderline; it meets >= and <= but not > or <", () => {
    const tie = decisionValue(share(72, 1000), "percent")!;
    expect(tie.value).toBeCloseTo(7.2, 12);
    expect(decide(tie, ">=", tie.value)).toEqual({ met: true, borderline: true });
    expect(decide(tie, ">", tie.value)).toEqual({ met: false, borderline: true });
    expect(decide(tie, "<=", tie.value)).toEqual({ met: true, borderline: true });
    expect(decide(tie, "<", tie.value)).toEqual({ met: false, borderline: true });
    // Even a value known only to its precision: a tie cannot be told apart.
    expect(decide(precisionOnly(300_000, "nok"), "<", 300_000)).toEqual({ met: false, borderline: true });
  });

  it("a value just above the threshold with a wide interval is met but borderline", () => {
    // 8 of 100: 8.0 % ≥ 7.2 %, but its 95 % interval runs from about 4 % to 15 %.
    expect(decide(decisionValue(share(8, 100), "percent")!, ">=", 7.2)).toEqual({ met: true, borderline: true });
  });

  it("a value far from the threshold is not borderline", () => {
    expect(decide(decisionValue(share(300, 1000), "percent")!, ">=", 7.2)).toEqual({ met: true, borderline: false });
    expect(decide(decisionValue(share(10, 1000), "percent")!, ">=", 7.2)).toEqual({ met: false, borderline: false });
    expect(decide(precisionOnly(299_000, "nok"), "<", 300_000)).toEqual({ met: true, borderline: false });
  });

  it("a value half a digit away from a threshold it only knows to its precision is borderline; a digit away is not", () => {
    expect(decide(precisionOnly(7.25, "percent"), ">=", 7.2).borderline).toBe(true);
    expect(decide(precisionOnly(7.3, "percent"), ">=", 7.2)).toEqual({ met: true, borderline: false });
  });
});

const SOCIAL = "social_assistance";
// The country: 3.6 % on social assistance as published, 3.6 exactly from the counts; threshold 2 × = 7.2.
const NATIONAL = { low_income_persistent: 10, children_low_income: 10, not_in_work: 20, basic_education: 20, [SOCIAL]: decisionValue(share(36_000, 1_000_000), "percent")!.value, crowded_housing: 10 };
const UNITS = { population: "count", low_income_persistent: "percent", children_low_income: "percent", not_in_work: "percent", basic_education: "percent", [SOCIAL]: "percent", crowded_housing: "percent", median_income: "nok" } as const;

/** A grunnkrets with the Norwegian rule set's indicators as the recompute passes them. */
function area(code: string, own: Record<string, { value: number; status: null; counts?: { numerator: number; denominator: number } }>): ClassifyArea {
  const values: ClassifyArea["values"] = Object.fromEntries(
    Object.entries({ population: { value: 2000, status: null }, median_income: { value: 500_000, status: null }, ...own }).map(([id, p]) => [
      id,
      { value: p.value, status: p.status, decision: decisionValue(p, UNITS[id as keyof typeof UNITS]) },
    ]),
  );
  return { code, level: "grunnkrets", region: "0301", values };
}

describe("evaluate: classification at full precision, with borderline criteria and outcomes", () => {
  const context = { period: 2024, national: NATIONAL, regional: new Map([["0301", { median_income: 500_000 }]]) };
  const clear = { value: 40, status: null } as const; // far above 2 × 10 and 1.5 × 20
  const low = { value: 1, status: null } as const;

  it("a share published as 7.2 against a threshold of 7.2 is not met when its counts give 7.16 (rounding would have met it)", () => {
    // 7.16 % of 100 million: so many people that 7.2 lies outside its interval (about 7.155–7.165).
    const [r] = evaluate(NORWEGIAN_RULE_SET, [area("03016108", { low_income_persistent: clear, children_low_income: clear, not_in_work: low, basic_education: low, crowded_housing: low, [SOCIAL]: share(7_160_000, 100_000_000) })], context);
    const social = r!.criteria.find((c) => c.id === "social_assistance")!;
    // The served value is the published one; the threshold is 2 × the country's full-precision 3.6.
    expect(social).toMatchObject({ value: 7.2, threshold: expect.closeTo(7.2, 12), met: false, borderline: false });
    // Two criteria hold, three are needed: not met, and not borderline.
    expect(r).toMatchObject({ outcome: "not_met", metCount: 2, borderline: false, borderlineCriteria: [] });
  });

  it("a tie at the threshold is borderline, not silently met; the area is borderline when its outcome depends on it", () => {
    const [r] = evaluate(NORWEGIAN_RULE_SET, [area("03016108", { low_income_persistent: clear, children_low_income: clear, not_in_work: low, basic_education: low, crowded_housing: low, [SOCIAL]: share(144, 2000) })], context);
    expect(r!.criteria.find((c) => c.id === "social_assistance")).toMatchObject({ value: 7.2, met: true, borderline: true });
    expect(r).toMatchObject({ outcome: "met", metCount: 3, borderline: true, borderlineCriteria: ["social_assistance"] });
  });

  it("names a borderline criterion but does not call the area borderline when its outcome stands either way", () => {
    const [r] = evaluate(NORWEGIAN_RULE_SET, [area("03016109", { low_income_persistent: clear, children_low_income: clear, not_in_work: clear, basic_education: clear, crowded_housing: low, [SOCIAL]: share(144, 2000) })], context);
    expect(r).toMatchObject({ outcome: "met", metCount: 5, borderline: false, borderlineCriteria: ["social_assistance"] });
    // The tier needs five of seven: four hold clearly and the fifth is borderline, so the tier depends on it.
    expect(r!.tiers[0]).toMatchObject({ id: "high_concentration", outcome: "met", borderline: true });
  });

  it("an area far from every threshold is not borderline", () => {
    const [r] = evaluate(NORWEGIAN_RULE_SET, [area("03016110", { low_income_persistent: clear, children_low_income: clear, not_in_work: clear, basic_education: low, crowded_housing: low, [SOCIAL]: share(20, 2000) })], context);
    expect(r).toMatchObject({ outcome: "met", borderline: false, borderlineCriteria: [] });
    expect(r!.criteria.every((c) => !c.borderline)).toBe(true);
  });

  it("without a decision, a served value is borderline within its unit's precision (a what-if on stored values)", () => {
    const values: ClassifyArea["values"] = { population: { value: 2000, status: null }, median_income: { value: 349_999.8, status: null } };
    const [r] = evaluate(NORWEGIAN_RULE_SET, [{ code: "03016111", level: "grunnkrets", region: "0301", values }], { ...context, units: UNITS });
    // 0.7 × 500,000 = 350,000: 349,999.8 is below it, but within half a krone.
    expect(r!.criteria.find((c) => c.id === "low_median_income")).toMatchObject({ met: true, borderline: true });
  });
});

describe("served criterion values", () => {
  it("serves a harmonised value by its unit's rounding rule and decides on the unrounded one", () => {
    const context = { period: 2024, national: NATIONAL, regional: new Map([["0301", { median_income: 500_000 }]]) };
    // A harmonised amount (population-weighted mean of a merge) just below the threshold 350,000.
    const values: ClassifyArea["values"] = { population: { value: 2000, status: null }, median_income: { value: 349_999.6, status: null } };
    const [r] = evaluate(NORWEGIAN_RULE_SET, [{ code: "03016112", level: "grunnkrets", region: "0301", values }], { ...context, units: UNITS });
    const income = r!.criteria.find((c) => c.id === "low_median_income")!;
    // Served whole, it ties the threshold; decided unrounded, it is below (met), within half a krone (borderline).
    expect(income.value).toBe(350_000);
    expect(income).toMatchObject({ met: true, borderline: true });
  });
});

describe("preview (what-if) on stored results", () => {
  const context = { period: 2024, national: NATIONAL, regional: new Map([["0301", { median_income: 500_000 }]]) };
  const clear = { value: 40, status: null } as const;
  const low = { value: 1, status: null } as const;
  // Published 7.2 (counts give 7.16) against 7.2: not met at full precision, although the served values tie.
  const stored = evaluate(NORWEGIAN_RULE_SET, [area("03016108", { low_income_persistent: clear, children_low_income: clear, not_in_work: low, basic_education: low, crowded_housing: low, [SOCIAL]: share(716, 10_000) })], context);

  it("keeps the stored full-precision decision of every criterion whose threshold it does not change", () => {
    expect(stored[0]!.criteria.find((c) => c.id === SOCIAL)).toMatchObject({ value: 7.2, met: false, borderline: true });
    const { areas, national, regional } = inputsFromResults(parseRuleSet(NORWEGIAN_RULE_SET), stored);
    const same = preview(NORWEGIAN_RULE_SET, {}, areas, { period: 2024, national, regional, units: UNITS });
    expect(same.results.map(({ preview: _, ...r }) => r)).toEqual(stored.map(({ preview: _, ...r }) => r));
    // Another criterion's threshold changed: the social-assistance decision still stands.
    const other = preview(NORWEGIAN_RULE_SET, { criteria: { crowding: { threshold: national_(1.5) } } }, areas, { period: 2024, national, regional, units: UNITS });
    expect(other.results[0]!.criteria.find((c) => c.id === SOCIAL)).toMatchObject({ met: false, borderline: true });
  });

  it("decides a changed threshold on the served value, borderline within its precision", () => {
    const { areas, national, regional } = inputsFromResults(parseRuleSet(NORWEGIAN_RULE_SET), stored);
    // 2.0 × 3.6 → 1.9 × 3.6 = 6.84: the served 7.2 is clearly above it.
    const looser = preview(NORWEGIAN_RULE_SET, { criteria: { social_assistance: { threshold: national_(1.9) } } }, areas, { period: 2024, national, regional, units: UNITS });
    expect(looser.results[0]!.criteria.find((c) => c.id === SOCIAL)).toMatchObject({ threshold: 6.84, met: true, borderline: false });
    expect(looser.results[0]).toMatchObject({ outcome: "met", borderline: false });
  });
});

function national_(factor: number) {
  return { kind: "relative" as const, to: "national" as const, factor };
}
