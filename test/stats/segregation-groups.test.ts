import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unitGroupCounts, type GroupSpec, type Published } from "../../worker/stats/segregation/groups";
import { segregationSeries, type GroupCounts } from "../../worker/stats/segregation/series";

const count = (value: number): Published => ({ value, numerator: null, denominator: null });
const hidden: Published = { value: null, numerator: null, denominator: null };
const regions: GroupSpec = { kind: "counts", groups: ["imm_a", "imm_b", "imm_c"], rest: { total: "population", minus: ["immigrants_count"] } };
const read = (cells: Record<string, Published>) => (id: string) => cells[id];

describe("unitGroupCounts: one unit's groups from what it publishes", () => {
  it("takes the region counts and the rest as population minus all immigrants", () => {
    expect(unitGroupCounts(regions, read({ imm_a: count(30), imm_b: count(12), imm_c: count(8), immigrants_count: count(50), population: count(1000) }))).toEqual([30, 12, 8, 950]);
  });

  it("counts a hidden group as nobody, never as the total minus the shown groups", () => {
    // immigrants_count − 30 − 8 would give imm_b's hidden 3 away: those people are left out instead.
    expect(unitGroupCounts(regions, read({ imm_a: count(30), imm_b: hidden, imm_c: count(8), immigrants_count: count(41), population: count(1000) }))).toEqual([30, 0, 8, 959]);
  });

  it("leaves the unit out when the rest cannot be had: a part of it hidden, or more immigrants than residents", () => {
    expect(unitGroupCounts(regions, read({ imm_a: count(30), immigrants_count: hidden, population: count(1000) }))).toBeNull();
    expect(unitGroupCounts(regions, read({ imm_a: count(30), immigrants_count: count(30) }))).toBeNull();
    expect(unitGroupCounts(regions, read({ imm_a: count(30), immigrants_count: count(1200), population: count(1000) }))).toBeNull();
  });

  it("leaves the unit out of a year in which it publishes none of the groups", () => {
    expect(unitGroupCounts(regions, read({ immigrants_count: count(30), population: count(1000) }))).toBeNull();
  });

  it("gives a share's numerator and the rest of its denominator, and nothing for a hidden share", () => {
    const share: GroupSpec = { kind: "share", indicator: "low_income" };
    expect(unitGroupCounts(share, read({ low_income: { value: 12.5, numerator: 25, denominator: 200 } }))).toEqual([25, 175]);
    expect(unitGroupCounts(share, read({ low_income: hidden }))).toBeNull();
    expect(unitGroupCounts(share, read({}))).toBeNull();
  });

  it("takes the groups alone when the grouping has no rest", () => {
    const western: GroupSpec = { kind: "counts", groups: ["nonwestern", "western"], rest: null };
    expect(unitGroupCounts(western, read({ nonwestern: hidden, western: count(44) }))).toEqual([0, 44]);
  });
});

const unit = (code: string, counts: number[], stratum: string | null = null, period = 2020): GroupCounts => ({ code, stratum, counts: new Map([[period, counts]]) });
const options = { groups: ["a", "b", "rest"], rest: "rest", minUnits: 2, bootstrap: null };

describe("segregationSeries with several groups", () => {
  it("matches a hand-computed three-group table", () => {
    // A: a 10, rest 10; B: b 10, rest 10. M = ½ ln 2 (each unit holds a group found nowhere else,
    // a quarter of everyone), E = 1.5 ln 2, so H = 1/3. Isolation of a: 10/10 × 10/20 = 0.5.
    const [y] = segregationSeries([unit("A", [10, 0, 10]), unit("B", [0, 10, 10])], options);
    expect(y!.M!.value).toBeCloseTo(0.5 * Math.LN2, 4);
    expect(y!.entropy).toBeCloseTo(1.5 * Math.LN2, 4);
    expect(y!.H!.value).toBeCloseTo(1 / 3, 4);
    expect(y!.D).toBeNull();
    expect(y!.isolation).toBeNull();
    expect(y!.groupShare).toBe(0.5);
    expect(y!.composition).toEqual([
      { group: "a", share: 0.25, isolation: 0.5 },
      { group: "b", share: 0.25, isolation: 0.5 },
      { group: "rest", share: 0.5, isolation: 0.5 },
    ]);
    expect(y!.decomposition).toBeNull();
  });

  it("serves shares by the cards' rule for percentages (0.1 %) and the population in whole persons", () => {
    // a: 1 of 3 = 0.33333…, b: 2 of 3; harmonised counts with fractions are resampled as people.
    const [y] = segregationSeries([unit("A", [1, 0, 1.4]), unit("B", [0, 2, 2.6])], options);
    expect(y!.population).toBe(7);
    expect(y!.groupShare).toBe(0.429);
    expect(y!.composition!.map((c) => c.share)).toEqual([0.143, 0.286, 0.571]);
  });

  it("gives D, isolation and exposure for two groups, the first group's", () => {
    // D = ½ (|30/40 − 10/60| + |10/40 − 50/60|) = 7/12.
    const [y] = segregationSeries([unit("A", [30, 10]), unit("B", [10, 50])], { groups: ["nonwestern", "western"], rest: null, minUnits: 2, bootstrap: null });
    expect(y!.D!.value).toBeCloseTo(7 / 12, 4);
    expect(y!.groupShare).toBe(0.4);
    // Isolation: 30/40 × 30/40 + 10/40 × 10/60.
    expect(y!.isolation!.value).toBeCloseTo(0.75 * 0.75 + 0.25 * (10 / 60), 4);
    expect(y!.composition).toBeNull();
  });

  it("skips a year with fewer units than asked for, and units without people", () => {
    expect(segregationSeries([unit("A", [10, 0, 10]), unit("B", [0, 0, 0])], options)).toEqual([]);
  });

  it("gives bootstrap intervals in the years asked for, reproducibly", () => {
    const units = [unit("A", [100, 20, 400]), unit("B", [20, 90, 500]), unit("C", [5, 5, 300])];
    const boot = { periods: new Set([2020]), replicates: 50, seed: () => 7 };
    const [y] = segregationSeries(units, { ...options, bootstrap: boot });
    expect(y!.M!.low!).toBeLessThanOrEqual(y!.M!.high!);
    expect(y!.H!.low).not.toBeNull();
    expect(segregationSeries(units, { ...options, bootstrap: boot })).toEqual([y]);
  });
});

/** 4–12 units in 1–4 strata, three groups plus the rest, some cells zero. */
const stratifiedUnits = fc
  .array(
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })), { minLength: 4, maxLength: 4 })),
    { minLength: 4, maxLength: 12 },
  )
  .filter((us) => us.filter(([, c]) => c.some((x) => x > 0)).length >= 2 && [0, 1, 2, 3].filter((g) => us.some(([, c]) => c[g]! > 0)).length >= 2);

describe("the decomposition (fast-check)", () => {
  it("adds up: M = M between + M within, and M within = Σ p·M over the strata", () => {
    fc.assert(
      fc.property(stratifiedUnits, (us) => {
        const units = us.map(([s, c], i) => unit(`u${i}`, c, `s${s}`));
        const [y] = segregationSeries(units, { groups: ["a", "b", "c", "rest"], rest: "rest", minUnits: 2, bootstrap: null });
        const d = y!.decomposition!;
        // Each figure is rounded to four decimals.
        const tolerance = 0.00006 * (d.strata.length + 2);
        expect(Math.abs(d.M_between + d.M_within - y!.M!.value)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(d.strata.reduce((s, x) => s + x.p * x.M, 0) - d.M_within)).toBeLessThanOrEqual(tolerance);
        expect(d.strata.reduce((s, x) => s + x.p, 0)).toBeCloseTo(1, 3);
      }),
    );
  });

  it("puts everything between the strata when each stratum is one unit", () => {
    const [y] = segregationSeries([unit("A", [10, 0, 0, 10], "s1"), unit("B", [0, 10, 5, 10], "s2"), unit("C", [3, 3, 3, 30], "s3")], { groups: ["a", "b", "c", "rest"], rest: "rest", minUnits: 2, bootstrap: null });
    expect(y!.decomposition!.M_within).toBe(0);
    expect(y!.decomposition!.M_between).toBeCloseTo(y!.M!.value, 4);
  });
});
