import { describe, expect, it } from "vitest";
import { SHIPPED_RULE_SETS } from "../../db/rulesets";
import { planRecompute, sharedIndicators, type PlanInputs } from "../../worker/jobs/plan";
import { ENGINE_VERSION, WHOLE_TABLES } from "../../worker/lib/manifest";
import { parseRuleSet } from "../../worker/stats/ruleset-schema";

const ruleSets = SHIPPED_RULE_SETS.map((rs) => parseRuleSet(rs));
const indicators = ["population", "low_income_persistent", "rental_share", "life_expectancy"];
const live = {
  engine: ENGINE_VERSION,
  tables: Object.fromEntries(WHOLE_TABLES.map((t) => [t, 3])) as Record<(typeof WHOLE_TABLES)[number], number>,
  series: indicators.map((id) => [id, 3] as [string, number]),
  ruleSets: Object.fromEntries(ruleSets.map((rs) => [rs.id, rs.version])),
};
const base: PlanInputs = { live, changes: [], indicators, ruleSets, force: false };
const obs = (indicatorId: string) => ({ target: "observations", indicatorId });

describe("planRecompute", () => {
  it("does nothing when nothing changed", () => {
    expect(planRecompute(base)).toBeNull();
  });

  it("rebuilds only the series of display-only indicators, in catalogue order", () => {
    expect(planRecompute({ ...base, changes: [obs("life_expectancy"), obs("rental_share"), obs("rental_share")] })).toEqual({ mode: "series", indicators: ["rental_share", "life_expectancy"] });
  });

  it("rebuilds everything, saying why, for shared indicators, other tables, rule sets, catalogue, engine, or on request", () => {
    expect(planRecompute({ ...base, changes: [obs("rental_share"), obs("low_income_persistent")] })).toEqual({ mode: "full", reason: "low_income_persistent feed indices or classifications" });
    expect(planRecompute({ ...base, changes: [{ target: "boundaries", indicatorId: null }] })).toEqual({ mode: "full", reason: "boundaries changed" });
    expect(planRecompute({ ...base, ruleSets: ruleSets.map((rs, i) => (i === 0 ? { ...rs, version: rs.version + 1 } : rs)) })).toEqual({ mode: "full", reason: "rule sets changed" });
    expect(planRecompute({ ...base, ruleSets: ruleSets.slice(1) })).toEqual({ mode: "full", reason: "rule sets changed" });
    expect(planRecompute({ ...base, indicators: [...indicators, "new_one"] })).toEqual({ mode: "full", reason: "indicator catalogue changed" });
    expect(planRecompute({ ...base, live: { ...live, engine: ENGINE_VERSION - 1 } })?.mode).toBe("full");
    expect(planRecompute({ ...base, live: null })?.mode).toBe("full");
    expect(planRecompute({ ...base, force: true })).toEqual({ mode: "full", reason: "asked for" });
  });

  it("counts population, the composite's, the rule sets' and the groupings' indicators as shared", () => {
    const shared = sharedIndicators(ruleSets);
    for (const id of ["population", "low_income_persistent", "immigrant_share", "basic_education", "crowded_housing"]) expect(shared.has(id), id).toBe(true);
    expect(shared.has("rental_share")).toBe(false);
  });
});
