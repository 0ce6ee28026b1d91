import { describe, expect, it } from "vitest";
import { NORWEGIAN_RULE_SET, SWEDISH_RULE_SET } from "../../db/rulesets";
import { type ClassifyArea, evaluate } from "../../worker/stats/classify";
import { coverageOf, explainCoverage } from "../../worker/stats/coverage";
import { parseRuleSet } from "../../worker/stats/ruleset-schema";

const v = (value: number) => ({ value, status: null });
const hidden = { value: null, status: ":" as const };
const area = (code: string, level: ClassifyArea["level"], values: ClassifyArea["values"]): ClassifyArea => ({ code, level, region: "0301", values });

const norway = parseRuleSet(NORWEGIAN_RULE_SET);
const national = { low_income_persistent: 10, children_low_income: 12, not_in_work: 20, basic_education: 15, social_assistance: 4, crowded_housing: 8 };

function covered(areas: ClassifyArea[], nationalValues: Record<string, number> = national) {
  const results = evaluate(norway, areas, { period: 2024, national: nationalValues, regional: new Map([["0301", { median_income: 500_000 }]]) });
  return explainCoverage(norway, coverageOf(norway, areas, results), ["grunnkrets", "bydel"]);
}

describe("explainCoverage", () => {
  it("names the criteria whose indicator no area of the level has, and says the rule set cannot be evaluated with fewer than minMet left", () => {
    const [grunnkrets, bydel] = covered([
      area("A", "grunnkrets", { population: v(500), low_income_persistent: v(30), not_in_work: v(40) }),
      area("B", "grunnkrets", { population: v(300), low_income_persistent: hidden }),
    ]);
    expect(grunnkrets).toMatchObject({ level: "grunnkrets", areas: true, evaluable: false, suppressed: [], noReference: [] });
    expect(grunnkrets!.missing.map((g) => g.criterion)).toEqual(["child_poverty", "basic_schooling", "social_assistance", "crowding", "low_median_income"]);
    // No bydel at all: nothing to evaluate, every criterion and the population limit missing.
    expect(bydel).toMatchObject({ level: "bydel", areas: false, evaluable: false });
    expect(bydel!.missing).toHaveLength(1 + 7);
    expect(bydel!.missing[0]).toEqual({ criterion: null, indicator: "population" });
  });

  it("is evaluable once minMet criteria can be evaluated somewhere, listing the rest", () => {
    const [grunnkrets] = covered([
      area("A", "grunnkrets", { population: v(500), low_income_persistent: v(30) }),
      area("B", "grunnkrets", { population: v(500), not_in_work: v(40), basic_education: v(10) }),
    ]);
    expect(grunnkrets).toMatchObject({ evaluable: true });
    expect(grunnkrets!.missing.map((g) => g.criterion)).toEqual(["child_poverty", "social_assistance", "crowding", "low_median_income"]);
  });

  it("tells suppressed-only and reference-less criteria apart from absent ones", () => {
    const [grunnkrets] = covered(
      [area("A", "grunnkrets", { population: v(500), low_income_persistent: v(30), not_in_work: hidden, basic_education: v(20) })],
      // Norway's basic education figure is missing: the relative threshold has nothing to multiply.
      { ...national, basic_education: Number.NaN },
    );
    expect(grunnkrets!.suppressed).toEqual([{ criterion: "not_in_work", indicator: "not_in_work" }]);
    expect(grunnkrets!.noReference).toEqual([{ criterion: "basic_schooling", indicator: "basic_education" }]);
    expect(grunnkrets!.missing.map((g) => g.criterion)).not.toContain("basic_schooling");
  });

  it("says a population limit without population figures makes the rule set unevaluable", () => {
    const areas = [1, 2, 3].map((i) => area(`A${i}`, "grunnkrets", { low_income_persistent: v(30), not_in_work: v(40), basic_education: v(30) }));
    const [grunnkrets] = covered(areas);
    expect(grunnkrets).toMatchObject({ evaluable: false });
    expect(grunnkrets!.missing[0]).toEqual({ criterion: null, indicator: "population" });
  });

  it("for a scale rule set, lists the index's indicators that are missing and says whether the index was computed", () => {
    const swedish = parseRuleSet(SWEDISH_RULE_SET);
    const areas: ClassifyArea[] = [{ code: "A", level: "grunnkrets", values: { population: v(500), low_income_persistent: v(20) }, index: { index: null, reason: "too_few_indicators" } as never }];
    const results = evaluate(swedish, areas, { period: 2024, national: {} });
    const [grunnkrets] = explainCoverage(swedish, coverageOf(swedish, areas, results), ["grunnkrets"]);
    expect(grunnkrets).toMatchObject({ evaluable: false, noReference: [] });
    expect(grunnkrets!.missing.map((g) => g.indicator)).toEqual(["basic_education", "not_in_work"]);
    const computed: ClassifyArea[] = [{ ...areas[0]!, index: { index: 0.5, reason: null } }];
    const [ok] = explainCoverage(swedish, coverageOf(swedish, computed, evaluate(swedish, computed, { period: 2024, national: {} })), ["grunnkrets"]);
    expect(ok).toMatchObject({ evaluable: true });
  });

  it("with nothing stored, the rule set's levels have no areas and every criterion is missing", () => {
    const [grunnkrets] = explainCoverage(norway, null, ["grunnkrets"]);
    expect(grunnkrets).toMatchObject({ areas: false, evaluable: false, suppressed: [], noReference: [] });
    expect(grunnkrets!.missing).toHaveLength(8);
  });
});
