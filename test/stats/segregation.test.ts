import { describe, expect, it } from "vitest";
import { long } from "../fixtures/segregation/tables";
import {
  computeIndices,
  dissimilarity,
  exposure,
  locationQuotients,
  mutual,
  pick,
  prepare,
  type Row,
  SegregationInputError,
  type SegregationResult,
  type Slot,
  type StatName,
} from "../../worker/stats/segregation/index";

const cols = { unit: "unit", group: "group", weight: "n" };
const est = (r: SegregationResult, stat: StatName, where: Omit<Slot, "stat"> = {}) => {
  const e = pick(r, stat, where);
  if (!e) throw new Error(`no estimate ${stat} ${JSON.stringify(where)}`);
  return e.est;
};

// Elbers' tests/testthat/test_dissimilarity.R and the `dissimilarity` examples ("Example where
// D and H deviate"): units are rows, the two groups columns.
const EVEN = [[100, 100], [100, 100], [100, 100]];
const M1 = [[100, 0], [60, 40], [40, 60], [0, 100]];
const M2 = [[80, 20], [80, 20], [20, 80], [20, 80]];
const APART = [[100, 0], [100, 0], [0, 100], [0, 100]];
// 2 × 2 by hand: A has 30 x and 10 y, B the reverse; T = 80, every margin ½.
const SMALL = [[30, 10], [10, 30]];

describe("hand-computed cases", () => {
  it.each([
    ["even spread", EVEN, 0],
    ["Elbers m1", M1, 0.6],
    ["Elbers m2", M2, 0.6],
    ["complete separation", APART, 1],
    ["2 × 2", SMALL, 0.5], // ½(|30/40 − 10/40| + |10/40 − 30/40|)
  ])("D of %s is %s", (_, matrix, d) => {
    expect(est(dissimilarity(long(matrix), cols), "D")).toBeCloseTo(d, 12);
  });

  it.each([
    ["even spread", EVEN, 0, 0],
    // p_ug / (p_u p_g): 100 → 2, 60 → 1.2, 40 → 0.8, twice over.
    ["Elbers m1", M1, 0.5 * Math.log(2) + 0.3 * Math.log(1.2) + 0.2 * Math.log(0.8), NaN],
    ["Elbers m2", M2, 0.8 * Math.log(1.6) + 0.2 * Math.log(0.4), NaN],
    ["complete separation", APART, Math.log(2), 1],
    ["2 × 2", SMALL, 0.75 * Math.log(1.5) + 0.25 * Math.log(0.5), NaN],
  ])("M and H of %s", (_, matrix, m, h) => {
    const r = mutual(long(matrix), cols);
    expect(est(r, "M")).toBeCloseTo(m, 12);
    // Equal groups everywhere: E = ln 2, so H = M / ln 2 unless given.
    expect(est(r, "H")).toBeCloseTo(Number.isNaN(h) ? m / Math.log(2) : h, 12);
    expect(est(r, "entropy")).toBeCloseTo(Math.log(2), 12);
  });

  it("D and H disagree where they should: m1 and m2 share D = 0.6 but not H", () => {
    const h1 = est(mutual(long(M1), cols), "H");
    const h2 = est(mutual(long(M2), cols), "H");
    expect(h1).toBeGreaterThan(h2 + 0.1);
  });

  it("isolation and exposure of m1 and the 2 × 2 table", () => {
    const r = exposure(long(M1), cols);
    // g1: (100/200)(100/100) + (60/200)(60/100) + (40/200)(40/100) = 0.5 + 0.18 + 0.08
    expect(est(r, "isolation", { group: "g1" })).toBeCloseTo(0.76, 12);
    expect(est(r, "exposure", { group: "g1", to: "g2" })).toBeCloseTo(0.24, 12);
    const s = exposure(long(SMALL, ["x", "y"]), cols);
    expect(est(s, "isolation", { group: "x" })).toBeCloseTo(0.75 * 0.75 + 0.25 * 0.25, 12);
    expect(est(s, "exposure", { group: "x", to: "y" })).toBeCloseTo(2 * 0.75 * 0.25, 12);
  });

  it("location quotients of m1", () => {
    const r = locationQuotients(long(M1), cols);
    expect(est(r, "lq", { unit: "u1", group: "g1" })).toBeCloseTo(2, 12); // 100 % of u1 vs 50 % overall
    expect(est(r, "lq", { unit: "u1", group: "g2" })).toBe(0);
    expect(est(r, "lq", { unit: "u2", group: "g1" })).toBeCloseTo(1.2, 12);
    expect(est(r, "lq", { unit: "u3", group: "g2" })).toBeCloseTo(1.2, 12);
    expect(r.estimates).toHaveLength(8);
  });

  it("three groups in two units by hand", () => {
    // u1: 20 a, 20 b, 0 c; u2: 0 a, 20 b, 40 c. T = 100.
    const r = computeIndices(prepare(long([[20, 20, 0], [0, 20, 40]], ["a", "b", "c"]), cols), ["mutual", "exposure"]);
    const m = 0.2 * Math.log(0.2 / (0.4 * 0.2)) + 0.2 * Math.log(0.2 / (0.4 * 0.4)) + 0.2 * Math.log(0.2 / (0.6 * 0.4)) + 0.4 * Math.log(0.4 / (0.6 * 0.4));
    const e = -(0.2 * Math.log(0.2) + 0.4 * Math.log(0.4) + 0.4 * Math.log(0.4));
    expect(est(r, "M")).toBeCloseTo(m, 12);
    expect(est(r, "entropy")).toBeCloseTo(e, 12);
    expect(est(r, "H")).toBeCloseTo(m / e, 12);
    expect(est(r, "isolation", { group: "a" })).toBeCloseTo(0.5, 12); // all a live in u1, half of it a
    expect(est(r, "exposure", { group: "b", to: "c" })).toBeCloseTo(0.5 * (40 / 60), 12);
    expect(est(r, "exposure", { group: "c", to: "a" })).toBe(0);
  });
});

/** Entropy in nats of a list of counts. */
const ent = (xs: number[]) => {
  const t = xs.reduce((a, b) => a + b, 0);
  return -xs.filter((x) => x > 0).reduce((s, x) => s + (x / t) * Math.log(x / t), 0);
};

describe("cross-checks by alternative formulas", () => {
  const matrix = [[12, 0, 7], [3, 30, 1], [25, 5, 5], [0, 9, 40], [6, 6, 6]];
  const rows = long(matrix);

  it("M equals the entropy difference E(units) + E(groups) − E(units × groups), and H × E", () => {
    const r = mutual(rows, cols);
    const byGroup = matrix[0]!.map((_, g) => matrix.reduce((s, row) => s + row[g]!, 0));
    const byUnit = matrix.map((row) => row.reduce((a, b) => a + b, 0));
    expect(est(r, "M")).toBeCloseTo(ent(byUnit) + ent(byGroup) - ent(matrix.flat()), 12);
    expect(est(r, "H") * est(r, "entropy")).toBeCloseTo(est(r, "M"), 12);
    expect(est(r, "entropy")).toBeCloseTo(ent(byGroup), 12);
  });

  it("D equals the largest gap over all subsets of units (the max form)", () => {
    const two = matrix.map((row) => [row[0]!, row[1]! + row[2]!]);
    const A = two.reduce((s, r) => s + r[0]!, 0);
    const B = two.reduce((s, r) => s + r[1]!, 0);
    let best = 0;
    for (let mask = 0; mask < 1 << two.length; mask++) {
      let gap = 0;
      two.forEach((r, u) => mask & (1 << u) && (gap += r[0]! / A - r[1]! / B));
      best = Math.max(best, gap);
    }
    expect(est(dissimilarity(long(two), cols), "D")).toBeCloseTo(best, 12);
  });

  it("exposures of a group sum to one, and xPy = yPx · Y / X (Elbers' test_exposure_isolation.R)", () => {
    const r = exposure(rows, cols);
    const total = (g: string) => rows.filter((row) => row.group === g).reduce((s, row) => s + (row.n as number), 0);
    for (const g of ["g1", "g2", "g3"]) {
      const others = ["g1", "g2", "g3"].filter((h) => h !== g);
      expect(est(r, "isolation", { group: g }) + others.reduce((s, h) => s + est(r, "exposure", { group: g, to: h }), 0)).toBeCloseTo(1, 12);
      for (const h of others) {
        expect(est(r, "exposure", { group: h, to: g })).toBeCloseTo((est(r, "exposure", { group: g, to: h }) * total(g)) / total(h), 12);
      }
    }
  });

  it("location quotients average to one over the population of each group's units", () => {
    const r = locationQuotients(rows, cols);
    const T = matrix.flat().reduce((a, b) => a + b, 0);
    for (const g of ["g1", "g2", "g3"]) {
      const mean = matrix.reduce((s, row, u) => s + (row.reduce((a, b) => a + b, 0) / T) * est(r, "lq", { unit: `u${u + 1}`, group: g }), 0);
      expect(mean).toBeCloseTo(1, 12);
    }
  });

  it("within = Σ p_s M_s of each stratum on its own, between = M over strata (Elbers' test_mutual_total.R)", () => {
    // Elbers' test_data: units 1–4 nested in supergroups 12 and 34, groups a and b.
    const data = [40, 20, 5, 1, 20, 40, 60, 80].map((n, i) => ({
      group: i < 4 ? "a" : "b",
      unit: String((i % 4) + 1),
      supergroup: i % 4 < 2 ? "12" : "34",
      n,
    }));
    const r = mutual(data, { ...cols, within: "supergroup" });
    const total = est(mutual(data, cols), "M");
    const between = est(mutual(data, { ...cols, unit: "supergroup" }), "M");
    const part = (s: string) => data.filter((d) => d.supergroup === s);
    const share = (s: string) => part(s).reduce((t, d) => t + d.n, 0) / data.reduce((t, d) => t + d.n, 0);
    const within = share("12") * est(mutual(part("12"), cols), "M") + share("34") * est(mutual(part("34"), cols), "M");
    expect(est(r, "M")).toBeCloseTo(total, 12);
    expect(est(r, "M_between")).toBeCloseTo(between, 12);
    expect(est(r, "M_within")).toBeCloseTo(within, 12);
    expect(est(r, "M_between") + est(r, "M_within")).toBeCloseTo(total, 12);
    expect(est(r, "p", { stratum: "12" })).toBeCloseTo(share("12"), 12);
    // H's decomposition carries the entropy ratio (Elbers' vignette).
    const hWithin = ["12", "34"].reduce((s, k) => s + est(r, "H", { stratum: k }) * est(r, "p", { stratum: k }) * est(r, "ent_ratio", { stratum: k }), 0);
    expect(est(r, "H_within")).toBeCloseTo(hWithin, 12);
    expect(est(r, "H_between") + est(r, "H_within")).toBeCloseTo(est(r, "H"), 12);
  });
});

describe("edge cases", () => {
  const errorOf = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return err as SegregationInputError;
    }
    throw new Error("no error");
  };

  it.each([
    ["no rows", [], cols, /no rows/],
    ["a single unit", [{ unit: "a", group: "x", n: 1 }, { unit: "a", group: "y", n: 2 }], cols, /unit column "unit" is constant/],
    ["a single group", [{ unit: "a", group: "x", n: 1 }, { unit: "b", group: "x", n: 2 }], cols, /group column "group" is constant/],
    ["an unknown column", long(SMALL), { ...cols, weight: "count" }, /unknown weight column "count" \(columns: unit, group, n\)/],
    ["one column in two roles", long(SMALL), { ...cols, group: "unit" }, /cannot be both unit and group/],
    ["no population at all", long([[0, 0], [0, 0]]), cols, /sums to zero/],
  ])("rejects %s", (_, rows, columns, message) => {
    expect(() => mutual(rows as Row[], columns)).toThrow(message);
    expect(() => exposure(rows as Row[], columns)).toThrow(message);
  });

  it.each([
    ["a negative count", -3, /row 3, column "n": negative count -3/],
    ["a non-numeric count", "12a", /row 3, column "n": "12a" is not a number/],
    ["a suppressed count", ":", /row 3, column "n": ":" is not a number/],
    ["an empty count", "", /row 3, column "n": "" is not a number/],
  ])("names the row and column of %s", (_, bad, message) => {
    const rows = long(SMALL).map((r, i) => (i === 2 ? { ...r, n: bad } : r));
    const err = errorOf(() => mutual(rows, cols));
    expect(err).toBeInstanceOf(SegregationInputError);
    expect(err.message).toMatch(message);
    expect([err.row, err.column]).toEqual([2, "n"]);
  });

  it("names the row of an empty unit", () => {
    const rows = long(SMALL).map((r, i) => (i === 1 ? { ...r, unit: " " } : r));
    expect(() => mutual(rows, cols)).toThrow(/row 2, column "unit": empty or invalid value " "/);
  });

  it("requires exactly two groups for D, naming the column", () => {
    expect(() => dissimilarity(long([[1, 2, 3], [3, 2, 1]]), cols)).toThrow(/column "group" has 3 \(g1, g2, g3\)/);
  });

  it("drops units with zero population and reports them", () => {
    const withEmpty = long([[30, 10], [0, 0], [10, 30]]);
    const r = computeIndices(prepare(withEmpty, cols), ["mutual", "dissimilarity", "exposure"]);
    const without = computeIndices(prepare(long(SMALL), cols), ["mutual", "dissimilarity", "exposure"]);
    expect(r.dropped).toEqual({ units: ["u2"], groups: [] });
    expect(r.units).toBe(2);
    expect(r.estimates.map((e) => e.est)).toEqual(without.estimates.map((e) => e.est));
  });

  it("drops a group absent everywhere: Elbers' 'max bound' case gives M = ln 2, H = 1", () => {
    // test_mutual_total.R: n = 40, 0, 0, 0 / 0, 0, 0, 40 over groups 1–4; groups 2 and 3 are empty.
    const r = mutual(long([[40, 0, 0, 0], [0, 0, 0, 40]]), cols);
    expect(r.dropped.groups).toEqual(["g2", "g3"]);
    expect(r.groups).toEqual(["g1", "g4"]);
    expect(est(r, "M")).toBeCloseTo(Math.log(2), 12);
    expect(est(r, "H")).toBeCloseTo(1, 12);
  });

  it("with only one group left, every index is defined: M = H = E = D = 0, isolation 1", () => {
    const r = computeIndices(prepare(long([[40, 0], [25, 0], [0, 0]]), cols), ["mutual", "dissimilarity", "exposure", "locationQuotients"]);
    expect(r.dropped).toEqual({ units: ["u3"], groups: ["g2"] });
    for (const e of r.estimates) expect(Number.isFinite(e.est)).toBe(true);
    expect([est(r, "M"), est(r, "H"), est(r, "entropy"), est(r, "D")]).toEqual([0, 0, 0, 0]);
    expect(est(r, "isolation", { group: "g1" })).toBeCloseTo(1, 12);
    expect(pick(r, "exposure", { group: "g1", to: "g2" })).toBeUndefined();
    expect(est(r, "lq", { unit: "u1", group: "g1" })).toBe(1);
  });

  it("a stratum without one group: H and D there are 0, and that group's isolation there is left out", () => {
    const rows = [
      ...long([[10, 0], [5, 0]]).map((r) => ({ ...r, s: "only-g1" })),
      ...long([[10, 30], [30, 10]]).map((r) => ({ ...r, unit: `v${r.unit}`, s: "mixed" })),
    ];
    const r = computeIndices(prepare(rows, { ...cols, within: "s" }), ["mutual", "dissimilarity", "exposure"]);
    expect(est(r, "H", { stratum: "only-g1" })).toBe(0);
    expect(est(r, "D", { stratum: "only-g1" })).toBe(0);
    expect(est(r, "isolation", { group: "g1", stratum: "only-g1" })).toBe(1);
    expect(pick(r, "isolation", { group: "g2", stratum: "only-g1" })).toBeUndefined();
    expect(est(r, "D", { stratum: "mixed" })).toBeCloseTo(0.5, 12);
    for (const e of r.estimates) expect(Number.isFinite(e.est)).toBe(true);
  });

  it("counts rows without a weight column and adds up duplicate rows", () => {
    const people = [
      ...Array.from({ length: 3 }, () => ({ unit: "A", group: "x" })),
      { unit: "A", group: "y" },
      { unit: "B", group: "x" },
      ...Array.from({ length: 3 }, () => ({ unit: "B", group: "y" })),
    ];
    const counted = mutual(people, { unit: "unit", group: "group" });
    const weighted = mutual(long([[3, 1], [1, 3]], ["x", "y"]).map((r) => ({ ...r, unit: r.unit === "u1" ? "A" : "B" })), cols);
    expect(counted.population).toBe(8);
    expect(est(counted, "M")).toBeCloseTo(est(weighted, "M"), 14);
  });

  it("takes numbers written as text, as a CSV gives them", () => {
    const text = long(SMALL).map((r) => ({ ...r, n: ` ${r.n}` }));
    expect(est(mutual(text, cols), "M")).toBeCloseTo(est(mutual(long(SMALL), cols), "M"), 14);
  });

  it("a single stratum puts everything within", () => {
    const r = mutual(long(M1).map((row) => ({ ...row, s: "one" })), { ...cols, within: "s" });
    expect(est(r, "M_between")).toBe(0);
    expect(est(r, "M_within")).toBeCloseTo(est(r, "M"), 14);
  });
});

describe("bootstrap", () => {
  const rows = long([[30, 10], [10, 30], [20, 25], [5, 40]]);
  const boot = (seed: number, replicates = 200) => mutual(rows, { ...cols, bootstrap: { replicates, seed } });

  it("is deterministic for a seed and differs between seeds", () => {
    expect(boot(7)).toEqual(boot(7));
    expect(pick(boot(7), "M")!.se).not.toBe(pick(boot(8), "M")!.se);
    expect(boot(7).bootstrap).toEqual({ replicates: 200, seed: 7, level: 0.95 });
  });

  it("keeps the estimate itself and adds se, interval and bias", () => {
    const plain = mutual(rows, cols);
    const r = boot(1);
    for (const stat of ["M", "H", "entropy"] as const) {
      const e = pick(r, stat)!;
      expect(e.est).toBe(est(plain, stat));
      expect(e.se).toBeGreaterThan(0);
      // The interval brackets the bias-corrected estimate.
      expect(e.lower!).toBeLessThan(e.est - e.bias!);
      expect(e.upper!).toBeGreaterThan(e.est - e.bias!);
    }
  });

  it("finds the known upward bias of M under independence, (U − 1)(G − 1) / 2N", () => {
    // 10 units with identical composition (M = 0), 2 groups, N = 2000: the bias is 9 / 4000.
    const even = long(Array.from({ length: 10 }, () => [100, 100]));
    const e = pick(mutual(even, { ...cols, bootstrap: { replicates: 1000, seed: 3 } }), "M")!;
    expect(e.est).toBe(0);
    expect(e.bias).toBeGreaterThan(0.002);
    expect(e.bias).toBeLessThan(0.0025);
    // M·2N is χ² with 9 degrees of freedom: sd √18 / 4000.
    expect(e.se).toBeGreaterThan(0.9 * (Math.sqrt(18) / 4000));
    expect(e.se).toBeLessThan(1.1 * (Math.sqrt(18) / 4000));
  });

  it("resamples fractional (harmonised) counts as whole people", () => {
    const r = mutual(long([[30.4, 10.2], [10.1, 29.8]]), { ...cols, bootstrap: { replicates: 50, seed: 1 } });
    expect(pick(r, "M")!.se).toBeGreaterThan(0);
  });

  it("refuses more replicates × estimates than it can keep in memory", () => {
    const wide = long(Array.from({ length: 500 }, (_, u) => [u + 1, 10]));
    const options = { ...cols, bootstrap: { replicates: 5000, seed: 1 } };
    expect(() => locationQuotients(wide, options)).toThrow(/5000 replicates of 1000 estimates are too many/);
  });

  it.each([
    [{ replicates: 0, seed: 1 }, /replicates must be a whole number/],
    [{ replicates: 2.5, seed: 1 }, /replicates must be a whole number/],
    [{ replicates: 10, seed: 0.5 }, /seed must be a whole number/],
    [{ replicates: 10, seed: 1, level: 1 }, /level must lie between 0 and 1/],
  ])("rejects bad options %j", (bootstrap, message) => {
    expect(() => mutual(rows, { ...cols, bootstrap })).toThrow(message);
  });
});
