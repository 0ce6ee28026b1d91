import { describe, expect, it } from "vitest";
import { DANISH_RULE_SET, NORWEGIAN_RULE_SET, SWEDISH_RULE_SET } from "../../db/rulesets";
import { type ClassifyArea, classificationSchema, evaluate, indexConfig, preview } from "../../worker/stats/classify";
import { compositeIndex, type CompositeRow } from "../../worker/stats/composite";
import { parseRuleSet, RuleSetError, type RuleSetInput, type ScaleRuleSet } from "../../worker/stats/ruleset-schema";

const v = (value: number) => ({ value, status: null });
const hidden = (status: ":" | ".." | ".") => ({ value: null, status });

const DK_CONTEXT = {
  period: 2024,
  national: { crime_per_1000: 50 },
  regional: new Map([["15", { median_income: 600_000 }]]),
};
const dkArea = (code: string, values: ClassifyArea["values"], extra: Partial<ClassifyArea> = {}): ClassifyArea => ({
  code, level: "bydel", region: "15", values, ...extra,
});

describe("evaluate: a criteria rule set (Danish-style)", () => {
  const areas = [
    // 3 of 4: not in work 45 > 40, crime 160 ≥ 3 × 50, income 300,000 < 0.55 × 600,000.
    dkArea("A", { population: v(5000), not_in_work: v(45), crime_per_1000: v(160), basic_education: v(30), median_income: v(300_000), immigrant_share_group2: v(55) }),
    dkArea("B", { population: v(800), not_in_work: v(45), crime_per_1000: v(160), basic_education: v(70), median_income: v(300_000) }),
    // 1 met, crime suppressed, 2 not met: could still reach 2 of 4.
    dkArea("C", { population: v(2000), not_in_work: v(45), crime_per_1000: hidden(":"), basic_education: v(30), median_income: v(400_000) }),
    // None met, 1 not evaluable (no region), 3 clearly not: cannot reach 2 whatever it is.
    dkArea("D", { population: v(2000), not_in_work: v(30), basic_education: v(30), median_income: v(400_000), crime_per_1000: v(20) }, { region: null }),
    dkArea("E", { population: v(90_000), not_in_work: v(45), crime_per_1000: v(160) }, { level: "kommune" }),
    dkArea("F", { not_in_work: v(45), crime_per_1000: v(160) }),
  ];
  const results = evaluate(DANISH_RULE_SET, areas, DK_CONTEXT);
  const result = (code: string) => results.find((r) => r.code === code)!;

  it("explains every criterion with its value, the threshold actually applied and whether it is met", () => {
    const a = result("A");
    expect(a).toMatchObject({ outcome: "met", met: true, metCount: 3, notEvaluable: 0, minMet: 2, period: 2024, ruleSet: { id: "denmark_style", version: 1 } });
    // Thresholds resolved: 40 as is, 3 × the national 50, 60 as is, 0.55 × the region's 600,000.
    expect(a.criteria).toEqual([
      { id: "outside_work_education", value: 45, threshold: 40, met: true, borderline: false, reason: null },
      { id: "convictions", value: 160, threshold: 150, met: true, borderline: false, reason: null },
      { id: "basic_schooling", value: 30, threshold: 60, met: false, borderline: false, reason: null },
      { id: "low_income", value: 300_000, threshold: expect.closeTo(330_000, 6), met: true, borderline: false, reason: null },
    ]);
  });

  it("evaluates the contested tier on top, and marks it contested", () => {
    expect(result("A").tiers).toEqual([
      { id: "parallel_society", outcome: "met", met: true, borderline: false, criteria: [{ id: "non_western_background", value: 55, threshold: 50, met: true, borderline: false, reason: null }] },
    ]);
    expect(DANISH_RULE_SET.tiers[0]).toMatchObject({ id: "parallel_society", contested: true });
    // C's own outcome is undetermined and the tier's value is absent: undetermined, never met.
    expect(result("C").tiers[0]).toMatchObject({ outcome: "undetermined", met: false });
    expect(result("C").tiers[0]!.criteria[0]).toMatchObject({ value: null, reason: "missing", met: false });
  });

  it("reports an area below the population limit as not eligible, still listing its criteria", () => {
    expect(result("B")).toMatchObject({ outcome: "not_eligible", met: false, eligibility: { population: 800, reasons: ["population_below_min"] } });
    expect(result("B").criteria.filter((c) => c.met)).toHaveLength(4);
    expect(result("B").tiers[0]!.outcome).toBe("not_eligible");
  });

  it("never treats a suppressed value as 0 or as met: it is not evaluable, and the outcome undetermined when it could decide", () => {
    const c = result("C");
    expect(c.criteria[1]).toEqual({ id: "convictions", value: null, threshold: 150, met: false, borderline: false, reason: "suppressed" });
    expect(c).toMatchObject({ outcome: "undetermined", met: false, metCount: 1, notEvaluable: 1 });
  });

  it("is not met when the criteria that cannot be evaluated could not change the outcome", () => {
    const d = result("D");
    expect(d.criteria[3]).toEqual({ id: "low_income", value: 400_000, threshold: null, met: false, borderline: false, reason: "no_region" });
    expect(d).toMatchObject({ outcome: "not_met", metCount: 0, notEvaluable: 1 });
  });

  it("reports areas of other levels, and areas with unknown population, honestly", () => {
    expect(result("E")).toMatchObject({ outcome: "not_eligible", eligibility: { reasons: ["level"] } });
    expect(result("F")).toMatchObject({ outcome: "undetermined", eligibility: { population: null, reasons: ["population_unknown"] } });
  });

  it("says why a reference value is missing", () => {
    const [r] = evaluate(DANISH_RULE_SET, [areas[0]!], { period: 2024, national: {} });
    expect(r!.criteria[1]).toMatchObject({ threshold: null, met: false, reason: "reference_missing" });
    expect(r!.criteria[3]).toMatchObject({ threshold: null, met: false, reason: "reference_missing" });
  });

  it("produces results that match the stored schema", () => {
    for (const r of results) expect(classificationSchema.parse(r)).toEqual(r);
  });
});

describe("evaluate: the Norwegian default and its tier", () => {
  const national = { low_income_persistent: 10, children_low_income: 12, not_in_work: 20, basic_education: 15, social_assistance: 4, crowded_housing: 8 };
  const context = { period: 2023, national, regional: new Map([["0301", { median_income: 500_000 }]]) };
  const base = { population: v(900), low_income_persistent: v(19.9), children_low_income: v(24), not_in_work: v(30), basic_education: v(22.4), social_assistance: v(8), crowded_housing: v(10), median_income: v(360_000) };

  it("counts criteria at the national multiples: ≥ is inclusive, just below is not", () => {
    const [r] = evaluate(NORWEGIAN_RULE_SET, [{ code: "g", level: "grunnkrets", region: "0301", values: base }], context);
    // 19.9 < 20, 24 ≥ 24, 30 ≥ 30, 22.4 < 22.5, 8 ≥ 8, 10 < 16, 360,000 ≥ 350,000.
    expect(r!.criteria.map((c) => [c.id, c.threshold, c.met])).toEqual([
      ["persistent_low_income", 20, false],
      ["child_poverty", 24, true],
      ["not_in_work", 30, true],
      ["basic_schooling", expect.closeTo(22.5, 9), false],
      ["social_assistance", 8, true],
      ["crowding", 16, false],
      ["low_median_income", 350_000, false],
    ]);
    expect(r).toMatchObject({ outcome: "met", metCount: 3 });
    expect(r!.tiers[0]).toMatchObject({ id: "high_concentration", outcome: "not_met" });
  });

  it("reaches the high-concentration tier at five of seven", () => {
    const values = { ...base, low_income_persistent: v(21), median_income: v(300_000) };
    const [r] = evaluate(NORWEGIAN_RULE_SET, [{ code: "g", level: "grunnkrets", region: "0301", values }], context);
    expect(r).toMatchObject({ outcome: "met", metCount: 5 });
    expect(r!.tiers[0]).toMatchObject({ id: "high_concentration", outcome: "met" });
  });
});

describe("evaluate: a scale rule set (Swedish-style area types)", () => {
  const area = (code: string, index: number | null, reason: string | null = null): ClassifyArea => ({
    code, level: "grunnkrets", values: { population: v(1000) }, index: { index, reason: reason as never },
  });

  it("assigns the type whose range holds the index, lower bound inclusive, and flags types 1 and 2", () => {
    const results = evaluate(SWEDISH_RULE_SET, [area("a", 2.5), area("b", 1), area("c", 0), area("d", -1.5), area("e", -2), area("f", -2.01)], { period: 2024, national: {} });
    expect(results.map((r) => [r.code, r.scale!.type, r.met])).toEqual([
      ["a", "type_1", true],
      ["b", "type_2", true],
      ["c", "type_3", false],
      ["d", "type_4", false],
      ["e", "type_4", false],
      ["f", "type_5", false],
    ]);
    expect(results[0]).toMatchObject({ outcome: "met", criteria: [], metCount: null, scale: { index: 2.5, type: "type_1", reason: null } });
  });

  it("is undetermined without an index, passing on the reason", () => {
    const [r] = evaluate(SWEDISH_RULE_SET, [area("a", null, "too_few_indicators"), { code: "b", level: "grunnkrets", values: { population: v(500) } }], { period: 2024, national: {} });
    expect(r).toMatchObject({ outcome: "undetermined", met: false, scale: { index: null, reason: "too_few_indicators", type: null } });
  });

  it("takes its index from compositeIndex with the rule set's own indicators", () => {
    const rows: CompositeRow[] = [];
    const add = (code: string, li: number, be: number, nw: number) =>
      rows.push(
        { areaCode: code, indicatorId: "low_income_persistent", period: 2024, value: li, status: null },
        { areaCode: code, indicatorId: "basic_education", period: 2024, value: be, status: null },
        { areaCode: code, indicatorId: "not_in_work", period: 2024, value: nw, status: null },
      );
    // Nine identical areas and one far out on all three indicators.
    for (let i = 0; i < 9; i++) add(`g${i}`, 9, 15, 22);
    add("worst", 40, 45, 60);
    const rs = parseRuleSet(SWEDISH_RULE_SET) as ScaleRuleSet;
    const composite = compositeIndex({
      period: 2024,
      rows,
      directions: { low_income_persistent: "higher_worse", basic_education: "higher_worse", not_in_work: "higher_worse" },
      config: indexConfig(rs),
    });
    const areas = composite.areas.map((a): ClassifyArea => ({ code: a.code, level: "grunnkrets", values: { population: v(800) }, index: a.status }));
    const results = evaluate(rs, areas, { period: 2024, national: {} });
    const worst = results.find((r) => r.code === "worst")!;
    // One outlier among ten sits at (n − 1)/√n = 2.85 SD.
    expect(worst.scale).toMatchObject({ index: expect.closeTo(9 / Math.sqrt(10), 9), type: "type_1" });
    expect(results.filter((r) => r.met).map((r) => r.code)).toEqual(["worst"]);
  });
});

describe("preview (what-if thresholds)", () => {
  const areas = [dkArea("C", { population: v(2000), not_in_work: v(45), crime_per_1000: v(120), basic_education: v(30), median_income: v(400_000) })];

  it("evaluates with overridden thresholds, comparisons and limits, marked as a preview", () => {
    expect(evaluate(DANISH_RULE_SET, areas, DK_CONTEXT)[0]).toMatchObject({ outcome: "not_met", preview: false });
    const what = preview(DANISH_RULE_SET, { criteria: { convictions: { threshold: { kind: "relative", to: "national", factor: 2 } } } }, areas, DK_CONTEXT);
    expect(what.results[0]).toMatchObject({ outcome: "met", preview: true, metCount: 2 });
    expect(what.results[0]!.criteria[1]).toEqual({ id: "convictions", value: 120, threshold: 100, met: true, borderline: false, reason: null });
    // The rule set as applied comes back as the legend, with the override in place.
    expect(what.ruleSet.kind === "criteria" && what.ruleSet.criteria[1]!.threshold).toEqual({ kind: "relative", to: "national", factor: 2 });
    const strict = preview(DANISH_RULE_SET, { minMet: 1, population: { min: 5000 } }, areas, DK_CONTEXT);
    expect(strict.results[0]).toMatchObject({ outcome: "not_eligible", minMet: 1, eligibility: { reasons: ["population_below_min"] } });
    expect(strict.ruleSet.population).toEqual({ indicator: "population", min: 5000 });
    const flipped = preview(DANISH_RULE_SET, { criteria: { basic_schooling: { comparison: "<" } } }, areas, DK_CONTEXT);
    expect(flipped.results[0]!.criteria[2]).toMatchObject({ value: 30, threshold: 60, met: true });
  });

  it("overrides a tier's own criterion too", () => {
    const { results } = preview(DANISH_RULE_SET, { criteria: { non_western_background: { threshold: { kind: "absolute", value: 30 } } } }, areas, DK_CONTEXT);
    expect(results[0]!.tiers[0]!.criteria[0]).toMatchObject({ threshold: 30 });
  });

  it.each([
    [{ criteria: { nope: { comparison: ">" } } }, "criteria.nope", /has no criterion "nope"/],
    [{ criteria: { convictions: { threshold: { kind: "relative", to: "national", factor: -1 } } } }, "criteria.convictions.threshold.factor", /expected number to be >0/],
    [{ minMet: 9 }, "minMet", /at most the number of criteria \(4\)/],
    [{ thresholds: {} }, "", /Unrecognized key/],
  ])("rejects invalid overrides %j, naming %s", (overrides, path, message) => {
    try {
      preview(DANISH_RULE_SET, overrides, areas, DK_CONTEXT);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleSetError);
      const issue = (e as RuleSetError).issues[0]!;
      expect(issue.path).toBe(path);
      expect(issue.message).toMatch(message);
    }
  });

  it("refuses criteria overrides on a scale rule set", () => {
    expect(() => preview(SWEDISH_RULE_SET, { minMet: 2 }, [], { period: 2024, national: {} })).toThrow(/is a scale and has no criteria/);
  });
});

describe("parseRuleSet", () => {
  const issues = (json: unknown) => {
    try {
      parseRuleSet(json);
    } catch (e) {
      expect(e).toBeInstanceOf(RuleSetError);
      return (e as RuleSetError).issues;
    }
    throw new Error("expected a RuleSetError");
  };
  const dk = DANISH_RULE_SET as RuleSetInput & { kind: "criteria" };

  it.each([
    ["a missing English name", { ...dk, name: { nb: "x" } }, "name.en"],
    ["an unknown comparison", { ...dk, criteria: [{ ...dk.criteria[0]!, comparison: "=>" }, ...dk.criteria.slice(1)] }, "criteria[0].comparison"],
    ["a threshold without its kind", { ...dk, criteria: [{ ...dk.criteria[0]!, threshold: { value: 40 } }] }, "criteria[0].threshold.kind"],
    ["minMet above the number of criteria", { ...dk, minMet: 5 }, "minMet"],
    ["a duplicated criterion id", { ...dk, criteria: [dk.criteria[0]!, dk.criteria[0]!] }, "criteria"],
    ["an unknown level", { ...dk, levels: ["delbydel"] }, "levels[0]"],
    ["an unknown kind", { ...dk, kind: "ranking" }, "kind"],
    ["a gap between area types", { ...SWEDISH_RULE_SET, types: [SWEDISH_RULE_SET.types[0], { ...SWEDISH_RULE_SET.types[1], min: -2.5 }, ...SWEDISH_RULE_SET.types.slice(2)] }, "types[1].min"],
    ["a capital in an id", { ...dk, id: "Denmark" }, "id"],
  ])("names the field for %s", (_, json, path) => {
    expect(issues(json).map((i) => i.path)).toContain(path);
  });

  it("puts every issue into the error message", () => {
    expect(() => parseRuleSet({ ...dk, minMet: 0, version: 0 })).toThrow(/version: .*; minMet: |minMet: .*; version: /);
  });
});
