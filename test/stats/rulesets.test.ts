import { describe, expect, it } from "vitest";
import { INDICATOR_DEFS } from "../../db/demo/indicators";
import { generateDemo } from "../../db/demo/dataset";
import { DANISH_RULE_SET, DEFAULT_RULE_SET_ID, NORWEGIAN_RULE_SET, SHIPPED_RULE_SETS, SWEDISH_RULE_SET } from "../../db/rulesets";
import { type ClassifyArea, evaluate } from "../../worker/stats/classify";
import { indicatorsOf, parseRuleSet, type RuleSet } from "../../worker/stats/ruleset-schema";

/**
 * Indicators about residents' origin, recognised from the catalogue itself (id or definition),
 * so that a new origin indicator added later is caught without editing this test.
 */
const ORIGIN = /immigra|norwegian_born|innvandr|born abroad|born in norway to|country group|landgruppe|non.?western|origin|background/i;
const originIndicators = new Set(
  INDICATOR_DEFS.filter((d) => ORIGIN.test(d.id) || ORIGIN.test(d.definitionEn) || ORIGIN.test(d.nameEn)).map((d) => d.id),
);
const originCriteria = (rs: RuleSet) => indicatorsOf(rs).filter((id) => originIndicators.has(id) || ORIGIN.test(id));

describe("shipped rule sets", () => {
  const parsed = SHIPPED_RULE_SETS.map((rs) => parseRuleSet(rs));

  it("are valid definitions, version 1, with distinct ids", () => {
    expect(parsed.map((r) => [r.id, r.version, r.kind])).toEqual([
      ["norway_default", 1, "criteria"],
      ["denmark_style", 1, "criteria"],
      ["sweden_style", 1, "scale"],
    ]);
  });

  it("only read indicators that exist in the catalogue", () => {
    const known = new Set(INDICATOR_DEFS.map((d) => d.id));
    for (const rs of parsed) expect(indicatorsOf(rs).filter((id) => !known.has(id)), rs.id).toEqual([]);
  });

  it("recognise the catalogue's origin indicators (the guard below is not vacuous)", () => {
    expect([...originIndicators].sort()).toEqual([
      "immigrant_share",
      "immigrant_share_group1",
      "immigrant_share_group2",
      "immigrants",
      "norwegian_born_immigrant_parents",
    ]);
    const withOrigin = parseRuleSet({
      ...NORWEGIAN_RULE_SET,
      criteria: [...NORWEGIAN_RULE_SET.criteria, { ...NORWEGIAN_RULE_SET.criteria[0], id: "origin", indicator: "immigrant_share" }],
    });
    expect(originCriteria(withOrigin)).toEqual(["immigrant_share"]);
  });

  it("the default rule set never classifies an area by its residents' origin", () => {
    const def = parsed.find((r) => r.id === DEFAULT_RULE_SET_ID)!;
    expect(def.id).toBe("norway_default");
    expect(originCriteria(def)).toEqual([]);
    expect(def.contested).toBe(false);
  });

  it("keep the Danish origin tier, marked contested, and explain every substituted indicator", () => {
    const dk = parseRuleSet(DANISH_RULE_SET);
    if (dk.kind !== "criteria") throw new Error("expected criteria");
    expect(dk.population.min).toBe(1000);
    expect(dk.minMet).toBe(2);
    expect(dk.criteria.map((c) => [c.indicator, c.comparison, c.threshold])).toEqual([
      ["not_in_work", ">", { kind: "absolute", value: 40 }],
      ["crime_per_1000", ">=", { kind: "relative", to: "national", factor: 3 }],
      ["basic_education", ">", { kind: "absolute", value: 60 }],
      ["median_income", "<", { kind: "relative", to: "regional", factor: 0.55 }],
    ]);
    expect(dk.criteria.filter((c) => c.note).map((c) => c.id)).toEqual(["outside_work_education", "convictions", "low_income"]);
    expect(originCriteria({ ...dk, tiers: [] })).toEqual([]);
    const [tier] = dk.tiers;
    expect(tier).toMatchObject({ id: "parallel_society", contested: true });
    expect(tier!.criteria).toEqual([expect.objectContaining({ indicator: "immigrant_share_group2", comparison: ">", contested: true })]);
  });

  it("give the Swedish scale five types tiling the index, the two with challenges flagged", () => {
    const se = parseRuleSet(SWEDISH_RULE_SET);
    if (se.kind !== "scale") throw new Error("expected scale");
    expect(se.types.map((t) => [t.id, t.min ?? null, t.max ?? null, t.flagged])).toEqual([
      ["type_5", null, -2, false],
      ["type_4", -2, -1, false],
      ["type_3", -1, 1, false],
      ["type_2", 1, 2, true],
      ["type_1", 2, null, true],
    ]);
    expect(originCriteria(se)).toEqual([]);
  });
});

describe("shipped rule sets on the synthetic demo data", () => {
  const demo = generateDemo({ scale: "demo" });
  const year = 2024;
  const values = new Map<string, Record<string, { value: number | null; status: null | "." | ".." | ":" }>>();
  for (const o of demo.observations) {
    if (o.period !== year) continue;
    const record = values.get(o.areaCode) ?? {};
    record[o.indicatorId] = { value: o.value ?? null, status: o.status ?? null };
    values.set(o.areaCode, record);
  }
  const byCode = new Map(demo.areas.map((a) => [a.code, a]));
  const kommuneOf = (code: string): string | null => {
    let a = byCode.get(code);
    while (a && a.level !== "kommune") a = a.parentCode ? byCode.get(a.parentCode) : undefined;
    return a?.code ?? null;
  };
  const numbers = (code: string) =>
    Object.fromEntries(Object.entries(values.get(code) ?? {}).map(([k, v]) => [k, v.status ? null : v.value]));
  const areas: ClassifyArea[] = demo.areas
    .filter((a) => a.level === "bydel" || a.level === "grunnkrets")
    .map((a) => ({ code: a.code, level: a.level, region: kommuneOf(a.code), values: values.get(a.code) ?? {} }));
  const regional = new Map([...new Set(areas.map((a) => a.region!))].map((k) => [k, numbers(k)]));
  const context = { period: year, national: numbers("0"), regional };

  it("the default explains every area with all seven criteria, and flags a minority of them", () => {
    const results = evaluate(NORWEGIAN_RULE_SET, areas, context);
    expect(results).toHaveLength(areas.length);
    for (const r of results) expect(r.criteria).toHaveLength(7);
    const met = results.filter((r) => r.met).length;
    expect(met).toBeGreaterThan(0);
    expect(met).toBeLessThan(areas.length / 4);
    // The tiny grunnkretser publish suppressed values: never met on a suppressed criterion.
    const suppressed = results.flatMap((r) => r.criteria).filter((c) => c.reason === "suppressed");
    expect(suppressed.length).toBeGreaterThan(0);
    for (const c of suppressed) expect([c.value, c.met]).toEqual([null, false]);
  });

  it("the Danish set cannot evaluate convictions below kommune level, and says so", () => {
    const results = evaluate(DANISH_RULE_SET, areas, { ...context, regional: new Map() });
    const threshold = 3 * context.national.crime_per_1000!;
    for (const r of results) expect(r.criteria[1]).toEqual({ id: "convictions", value: null, threshold: expect.closeTo(threshold, 3), met: false, borderline: false, reason: "missing" });
  });
});
