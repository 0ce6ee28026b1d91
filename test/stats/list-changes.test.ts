import { describe, expect, it } from "vitest";
import type { Classification, CriterionResult } from "../../worker/stats/classify";
import { listChanges } from "../../worker/stats/list-changes";

type Result = Pick<Classification, "code" | "met" | "outcome" | "eligibility" | "criteria" | "tiers">;

const crit = (id: string, met: boolean, value: number | null = met ? 20 : 5, reason: CriterionResult["reason"] = null): CriterionResult => ({
  id,
  value: reason ? null : value,
  threshold: 10,
  met,
  borderline: false,
  reason,
});

function result(code: string, met: boolean, criteria: CriterionResult[], extra: Partial<Result> = {}): Result {
  return { code, met, outcome: met ? "met" : "not_met", eligibility: { population: 800, reasons: [] }, criteria, tiers: [], ...extra };
}

describe("listChanges", () => {
  it("lists an area met this year and not last year as entered, with the criteria that flipped and no others", () => {
    const before = [result("a", false, [crit("income", true), crit("work", false), crit("school", false)])];
    const now = [result("a", true, [crit("income", true), crit("work", true, 12), crit("school", true, 11)])];
    const { entered, left } = listChanges(now, before);
    expect(left).toEqual([]);
    expect(entered).toHaveLength(1);
    expect(entered[0]!.code).toBe("a");
    expect(entered[0]!.flipped.map((f) => f.id)).toEqual(["work", "school"]);
    expect(entered[0]!.flipped[0]).toEqual({ id: "work", tier: null, before: { met: false, value: 5, threshold: 10, reason: null }, after: { met: true, value: 12, threshold: 10, reason: null } });
    expect(entered[0]!.before).toEqual({ outcome: "not_met", eligibility: { population: 800, reasons: [] } });
  });

  it("lists an area met last year and not this year as left; areas met both years or neither are not listed", () => {
    const before = [result("a", true, [crit("x", true)]), result("b", true, [crit("x", true)]), result("c", false, [crit("x", false)])];
    const now = [result("a", true, [crit("x", true)]), result("b", false, [crit("x", false)]), result("c", false, [crit("x", false)])];
    const { entered, left } = listChanges(now, before);
    expect(entered).toEqual([]);
    expect(left.map((x) => x.code)).toEqual(["b"]);
    expect(left[0]!.flipped).toEqual([{ id: "x", tier: null, before: { met: true, value: 20, threshold: 10, reason: null }, after: { met: false, value: 5, threshold: 10, reason: null } }]);
  });

  it("treats an area without a result last year as entered with every criterion new, and one without a result now as left", () => {
    const { entered, left } = listChanges([result("new", true, [crit("x", true)])], [result("gone", true, [crit("x", true)])]);
    expect(entered).toMatchObject([{ code: "new", before: null, flipped: [{ id: "x", before: null, after: { met: true } }] }]);
    expect(left).toMatchObject([{ code: "gone", after: null, flipped: [{ id: "x", before: { met: true }, after: null }] }]);
  });

  it("counts a criterion that became impossible to evaluate as flipped, and says when eligibility changed", () => {
    const before = [result("a", true, [crit("x", true), crit("y", true)])];
    const now = [
      result("a", false, [crit("x", false, null, "suppressed"), crit("y", true)], { outcome: "not_eligible", eligibility: { population: 120, reasons: ["population_below_min"] } }),
    ];
    const [change] = listChanges(now, before).left;
    expect(change!.flipped.map((f) => [f.id, f.after?.reason])).toEqual([["x", "suppressed"]]);
    expect(change!.eligibilityChanged).toBe(true);
    expect(change!.after).toEqual({ outcome: "not_eligible", eligibility: { population: 120, reasons: ["population_below_min"] } });
  });

  it("names a tier's criterion with its tier, apart from a main criterion with the same id", () => {
    const tier = (met: boolean) => [{ id: "hard", outcome: met ? ("met" as const) : ("not_met" as const), met, borderline: false, criteria: [crit("x", met)] }];
    const before = [result("a", false, [crit("x", true)], { tiers: tier(false) })];
    const now = [result("a", true, [crit("x", true)], { tiers: tier(true) })];
    expect(listChanges(now, before).entered[0]!.flipped).toMatchObject([{ id: "x", tier: "hard", before: { met: false }, after: { met: true } }]);
  });

  it("gives entered and left in code order whatever order the results come in", () => {
    const before = ["d", "b"].map((c) => result(c, true, [crit("x", true)]));
    const now = ["c", "a", "b"].map((c) => result(c, c !== "b", [crit("x", c !== "b")]));
    const { entered, left } = listChanges(now, before);
    expect(entered.map((x) => x.code)).toEqual(["a", "c"]);
    expect(left.map((x) => x.code)).toEqual(["b", "d"]);
  });
});
