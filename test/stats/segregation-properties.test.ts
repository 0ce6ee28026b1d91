import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { long } from "../fixtures/segregation/tables";
import { computeIndices, pick, prepare, type Row, type SegregationResult, type StatName } from "../../worker/stats/segregation/index";

const cols = { unit: "unit", group: "group", weight: "n" };
const EPS = 1e-12;

/** Tables of 2–8 units × 2–5 groups with zero cells, rows and columns; at least one person. */
const table = (groups = fc.integer({ min: 2, max: 5 })) =>
  fc
    .tuple(fc.integer({ min: 2, max: 8 }), groups)
    .chain(([U, G]) =>
      fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })), { minLength: G, maxLength: G }), {
        minLength: U,
        maxLength: U,
      }),
    )
    .filter((m) => m.flat().some((x) => x > 0));

/** The same table with strata: unit u belongs to stratum s[u]. */
const stratified = table().chain((m) =>
  fc.tuple(fc.constant(m), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: m.length, maxLength: m.length })),
);

const all = (rows: Row[], within?: string) =>
  computeIndices(prepare(rows, { ...cols, within }), ["mutual", "exposure"]);
const two = (rows: Row[]) => computeIndices(prepare(rows, cols), ["mutual", "dissimilarity", "exposure"]);
const value = (r: SegregationResult, stat: StatName) => pick(r, stat)!.est;
const present = (m: number[][]) => ({
  units: m.filter((row) => row.some((x) => x > 0)).length,
  groups: m[0]!.filter((_, g) => m.some((row) => row[g]! > 0)).length,
});

describe("invariants (fast-check)", () => {
  it("D and H lie in [0, 1]; M ≥ 0", () => {
    fc.assert(
      fc.property(table(fc.constant(2)), (m) => {
        const r = two(long(m));
        expect(value(r, "D")).toBeGreaterThanOrEqual(0);
        expect(value(r, "D")).toBeLessThanOrEqual(1 + EPS);
        expect(value(r, "H")).toBeGreaterThanOrEqual(0);
        expect(value(r, "H")).toBeLessThanOrEqual(1 + EPS);
        expect(value(r, "M")).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("M ≤ ln(#groups) and ≤ ln(#units); H ∈ [0, 1]; exposures of a group sum to 1", () => {
    fc.assert(
      fc.property(table(), (m) => {
        const r = all(long(m));
        const { units, groups } = present(m);
        expect(value(r, "M")).toBeGreaterThanOrEqual(-EPS);
        expect(value(r, "M")).toBeLessThanOrEqual(Math.log(groups) + EPS);
        expect(value(r, "M")).toBeLessThanOrEqual(Math.log(units) + EPS);
        expect(value(r, "H")).toBeGreaterThanOrEqual(-EPS);
        expect(value(r, "H")).toBeLessThanOrEqual(1 + EPS);
        for (const g of r.groups) {
          const sum = r.estimates.filter((e) => e.group === g && (e.stat === "isolation" || e.stat === "exposure")).reduce((s, e) => s + e.est, 0);
          expect(sum).toBeCloseTo(1, 10);
        }
      }),
    );
  });

  it("between + within = total, for M and H; stratum shares sum to 1", () => {
    fc.assert(
      fc.property(stratified, ([m, strata]) => {
        const rows = long(m).map((row) => ({ ...row, s: `s${strata[Number(String(row.unit).slice(1)) - 1]}` }));
        const r = all(rows, "s");
        expect(value(r, "M_between") + value(r, "M_within")).toBeCloseTo(value(r, "M"), 10);
        expect(value(r, "H_between") + value(r, "H_within")).toBeCloseTo(value(r, "H"), 10);
        expect(r.estimates.filter((e) => e.stat === "p").reduce((s, e) => s + e.est, 0)).toBeCloseTo(1, 12);
        expect(value(r, "M_within")).toBeGreaterThanOrEqual(-EPS);
        expect(value(r, "M_between")).toBeGreaterThanOrEqual(-EPS);
      }),
    );
  });

  it("no index depends on the order of the rows, units or groups", () => {
    fc.assert(
      fc.property(
        table().chain((m) => fc.tuple(fc.constant(long(m)), fc.shuffledSubarray(long(m), { minLength: m.length * m[0]!.length }))),
        ([rows, shuffled]) => {
          const a = byKey(allFamilies(rows));
          const b = byKey(allFamilies(shuffled));
          expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
          for (const [key, v] of a) expect(b.get(key)).toBeCloseTo(v, 12);
        },
      ),
    );
  });

  it("renaming groups so they sort the other way round changes nothing but the labels", () => {
    fc.assert(
      fc.property(table(fc.constant(2)), (m) => {
        const a = two(long(m, ["a", "b"]));
        const b = two(long(m, ["z", "y"]));
        for (const stat of ["M", "H", "entropy", "D"] as const) expect(value(b, stat)).toBeCloseTo(value(a, stat), 12);
        const renamed = new Map([["a", "z"], ["b", "y"]]);
        for (const e of a.estimates) {
          const twin = pick(b, e.stat, { group: renamed.get(e.group!), to: renamed.get(e.to!) });
          expect(twin!.est).toBeCloseTo(e.est, 12);
        }
      }),
    );
  });

  it("scaling every count by a constant leaves M, H and D unchanged", () => {
    fc.assert(
      fc.property(table(fc.constant(2)), fc.double({ min: 0.01, max: 1000, noNaN: true }), (m, c) => {
        const a = two(long(m));
        const b = two(long(m.map((row) => row.map((x) => x * c))));
        for (const stat of ["M", "H", "D"] as const) expect(value(b, stat)).toBeCloseTo(value(a, stat), 10);
      }),
    );
  });
});

/** Every family that applies (D only with two groups). */
function allFamilies(rows: Row[]) {
  const groups = new Set(rows.map((r) => r.group)).size;
  return computeIndices(
    prepare(rows, cols),
    groups === 2 ? ["mutual", "dissimilarity", "exposure", "locationQuotients"] : ["mutual", "exposure", "locationQuotients"],
  );
}

const byKey = (r: SegregationResult) =>
  new Map(r.estimates.map((e) => [[e.stat, e.group, e.to, e.unit, e.stratum].join("|"), e.est]));
