import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RawValue } from "../../worker/stats/disclosure";
import {
  complementarySuppression,
  determinedCells,
  discloseTable,
  hierarchyRelations,
  type Relation,
  type SuppressionCell,
} from "../../worker/stats/suppression";

const shown = (id: string, value: number): SuppressionCell => ({ id, value, state: "shown" });
const primary = (id: string, value: number | null): SuppressionCell => ({ id, value, state: "suppressed" });

describe("complementarySuppression: hand-computed tables", () => {
  it("hides the smallest sibling of a lone suppressed cell", () => {
    // K 100 = a 3 + b 40 + c 57: K − b − c would give a away.
    const r = complementarySuppression([shown("K", 100), primary("a", 3), shown("b", 40), shown("c", 57)], [{ total: "K", parts: ["a", "b", "c"] }]);
    expect(r).toEqual({ suppressed: ["a", "b"], complementary: ["b"], unresolved: [] });
  });

  it("protects a suppressed total whose parts are all shown (the sum would give it away)", () => {
    const r = complementarySuppression([primary("K", 30), shown("a", 10), shown("b", 20)], [{ total: "K", parts: ["a", "b"] }]);
    expect(r.complementary).toEqual(["a"]);
  });

  it("follows the chain through two levels: parent minus siblings, then the hidden bydel's own children", () => {
    // K 72 = B1 12 + B2 60;  B1 = g1 5 + g2 7;  B2 = g3 20 + g4 40.  B1 is confidential at source.
    const cells = [shown("K", 72), primary("B1", 12), shown("B2", 60), shown("g1", 5), shown("g2", 7), shown("g3", 20), shown("g4", 40)];
    const relations = [
      { total: "K", parts: ["B1", "B2"] },
      { total: "B1", parts: ["g1", "g2"] },
      { total: "B2", parts: ["g3", "g4"] },
    ];
    // K − B2 gives B1, so B2 goes; g1 + g2 gives B1, so g1 goes; B2 is now hidden but g3 + g4 gives it, so g3 goes.
    expect(complementarySuppression(cells, relations)).toEqual({ suppressed: ["B1", "B2", "g1", "g3"], complementary: ["B2", "g1", "g3"], unresolved: [] });
  });

  it("goes beyond 'two per relation' where aggregations overlap (checked by elimination)", () => {
    // T = a + b, U = a + c, V = b + c: with a, b, c hidden every relation has two unknowns,
    // yet a = (T + U − V) / 2. One total must go too.
    const relations = [
      { total: "T", parts: ["a", "b"] },
      { total: "U", parts: ["a", "c"] },
      { total: "V", parts: ["b", "c"] },
    ];
    expect(determinedCells(new Set(["a", "b", "c"]), relations)).toEqual(["a", "b", "c"]);
    const r = complementarySuppression([primary("a", 1), shown("b", 5), shown("c", 6), shown("T", 6), shown("U", 7), shown("V", 11)], relations);
    expect(r.complementary).toEqual(["b", "c", "T"]);
    expect(determinedCells(new Set(r.suppressed), relations)).toEqual([]);
  });

  it("does not count an unavailable cell as protection when it can itself be derived", () => {
    // K = m + s with m missing (not confidential) and s shown: m = K − s is known, so
    // m = x + y protects x only if y is hidden too.
    const cells: SuppressionCell[] = [shown("K", 80), { id: "m", value: null, state: "unavailable" }, shown("s", 30), primary("x", 2), shown("y", 48)];
    const relations = [{ total: "K", parts: ["m", "s"] }, { total: "m", parts: ["x", "y"] }];
    expect(complementarySuppression(cells, relations)).toEqual({ suppressed: ["x", "y"], complementary: ["y"], unresolved: [] });
  });

  it("prefers the smallest cell, then the lowest id, and never a locked one", () => {
    const cells = [shown("K", 100), primary("a", 2), shown("c", 20), shown("b", 20), { ...shown("d", 5), locked: true }, shown("e", 53)];
    const r = complementarySuppression(cells, [{ total: "K", parts: ["a", "b", "c", "d", "e"] }]);
    expect(r.complementary).toEqual(["b"]);
  });

  it("hides cells of unknown size last", () => {
    const r = complementarySuppression([shown("K", 100), primary("a", 2), { id: "b", value: null, state: "shown" }, shown("c", 98)], [{ total: "K", parts: ["a", "b", "c"] }]);
    expect(r.complementary).toEqual(["c"]);
  });

  it("reports a cell it cannot protect because only locked cells are left", () => {
    const r = complementarySuppression([{ ...shown("K", 10), locked: true }, primary("a", 3), { ...shown("b", 7), locked: true }], [{ total: "K", parts: ["a", "b"] }]);
    expect(r).toEqual({ suppressed: ["a"], complementary: [], unresolved: ["a"] });
  });

  it("rejects relations naming unknown cells and duplicate cells", () => {
    expect(() => complementarySuppression([shown("K", 1)], [{ total: "K", parts: ["zz"] }])).toThrow(/relation 0 \(total K\) names unknown cell "zz"/);
    expect(() => complementarySuppression([shown("K", 1), shown("K", 2)], [])).toThrow(/cell "K" appears twice/);
    // Both entry points check a relation's cells the same way, and say so without naming the other.
    const twice = [{ total: "K", parts: ["a", "a"] }];
    expect(() => complementarySuppression([shown("K", 2), primary("a", 1)], twice)).toThrow(/^suppression: relation 0 \(total K\) names a cell twice$/);
    expect(() => determinedCells(new Set(["a"]), [{ total: "K", parts: ["a", "a"] }])).toThrow(/^suppression: relation 0 \(total K\) names a cell twice$/);
  });
});

describe("hierarchyRelations", () => {
  it("makes one relation per listed parent with listed children", () => {
    const areas = [
      { code: "0301", parentCode: "03" },
      { code: "030101", parentCode: "0301" },
      { code: "03010102", parentCode: "030101" },
      { code: "03010101", parentCode: "030101" },
      { code: "030102", parentCode: "0301" },
    ];
    expect(hierarchyRelations(areas)).toEqual([
      { total: "0301", parts: ["030101", "030102"] },
      { total: "030101", parts: ["03010101", "03010102"] },
    ]);
  });
});

describe("discloseTable", () => {
  const relations = [{ total: "K", parts: ["a", "b", "c"] }];
  const raw = (code: string, value: number | null, numerator: number | null = null, denominator: number | null = null, status: RawValue["status"] = null) => ({
    code, value, numerator, denominator, status,
  });

  it("suppresses counts primarily and complementarily, and says which", () => {
    const { values, complementary } = discloseTable({ unit: "count", rows: [raw("K", 100), raw("a", 3), raw("b", 40), raw("c", 57)], relations });
    expect(Object.fromEntries(values)).toEqual({
      K: { value: 100, status: null, suppression: null },
      a: { value: null, status: ":", suppression: "primary" },
      b: { value: null, status: ":", suppression: "complementary" },
      c: { value: 57, status: null, suppression: null },
    });
    expect(complementary).toEqual(["b"]);
  });

  it("protects a share through its counts: the sibling with the smallest denominator goes", () => {
    const rows = [raw("K", 20, 100, 500), raw("a", 10, 4, 40), raw("b", 20, 30, 150), raw("c", 21.2, 66, 310)];
    const { values } = discloseTable({ unit: "percent", rows, relations });
    expect(values.get("a")).toEqual({ value: null, status: ":", suppression: "primary" });
    expect(values.get("b")).toEqual({ value: null, status: ":", suppression: "complementary" });
    expect(values.get("c")!.value).toBe(21.2);
  });

  it("treats an area without a row as unavailable, which protects a lone suppressed sibling", () => {
    const { values, complementary } = discloseTable({ unit: "count", rows: [raw("K", 100), raw("a", 3), raw("b", 40)], relations });
    expect(complementary).toEqual([]);
    expect(values.get("b")!.value).toBe(40);
  });

  it("leaves gaps in percentage points to primary suppression: a gap does not add up over areas", () => {
    const { values, complementary } = discloseTable({ unit: "points", rows: [raw("K", 9.5), raw("a", null, null, null, ":"), raw("b", 12.1), raw("c", -3.4)], relations });
    expect(complementary).toEqual([]);
    expect(Object.fromEntries([...values].map(([k, v]) => [k, v.value]))).toEqual({ K: 9.5, a: null, b: 12.1, c: -3.4 });
  });

  it("keeps missing and not-applicable symbols, and leaves non-additive amounts to primary suppression", () => {
    const { values } = discloseTable({ unit: "nok", rows: [raw("K", 500000), raw("a", null, null, null, ":"), raw("b", 400000), raw("c", null, null, null, "..")], relations });
    expect(Object.fromEntries([...values].map(([k, v]) => [k, v.status]))).toEqual({ K: null, a: ":", b: null, c: ".." });
  });

  it("never newly suppresses a locked cell decided at an earlier stage", () => {
    const { values, unresolved } = discloseTable({ unit: "count", rows: [raw("K", 100), raw("a", 3), raw("b", 40), raw("c", 57)], relations, locked: ["b"] });
    expect(values.get("b")!.value).toBe(40);
    expect(values.get("c")).toMatchObject({ status: ":", suppression: "complementary" });
    expect(unresolved).toEqual([]);
  });
});

// ---- Property: after suppression no confidential cell is determined by what is published ----

/** Exact rationals, so the check shares neither arithmetic nor criterion with the module. */
type Q = { n: bigint; d: bigint };
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const q = (n: bigint, d = 1n): Q => {
  const g = gcd(n, d) || 1n;
  const s = d < 0n ? -1n : 1n;
  return { n: (s * n) / g, d: (s * d) / g };
};
const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);

function rank(rows: Q[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c]!.n !== 0n);
    if (p === -1) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = r + 1; i < m.length; i++) {
      const f = div(m[i]![c]!, m[r]![c]!);
      if (f.n === 0n) continue;
      m[i] = m[i]!.map((v, k) => sub(v, mul(f, m[r]![k]!)));
    }
    r++;
  }
  return r;
}

/** x is determined iff adding the row e_x does not raise the rank of the relations over the unknowns. */
function exactlyDetermined(hidden: Set<string>, relations: Relation[], x: string): boolean {
  const unknowns = [...hidden].sort();
  const row = (coef: (id: string) => bigint) => unknowns.map((id) => q(coef(id)));
  const a = relations.map((r) => row((id) => (id === r.total ? 1n : r.parts.includes(id) ? -1n : 0n)));
  return rank([...a, row((id) => (id === x ? 1n : 0n))]) === rank(a);
}

const tableArb = fc.record({
  bydeler: fc.array(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
  flat: fc.boolean(),
  confidentialTotals: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  overlap: fc.option(fc.array(fc.boolean(), { minLength: 24, maxLength: 24 })),
  unavailableLeaf: fc.option(fc.nat()),
});

type Table = typeof tableArb extends fc.Arbitrary<infer T> ? T : never;

function build(t: Table) {
  const cells: SuppressionCell[] = [];
  const relations: Relation[] = [];
  const leaves: { id: string; value: number }[] = [];
  const bydelIds: string[] = [];
  t.bydeler.forEach((kids, b) => {
    const ids = kids.map((value, g) => {
      const id = `g${b}_${g}`;
      leaves.push({ id, value });
      return id;
    });
    if (!t.flat) {
      const id = `B${b}`;
      bydelIds.push(id);
      const total = kids.reduce((s, v) => s + v, 0);
      cells.push({ id, value: total, state: total < 5 || t.confidentialTotals[b + 1] ? "suppressed" : "shown" });
      relations.push({ total: id, parts: ids });
    }
  });
  const unavailable = t.unavailableLeaf === null ? null : leaves[t.unavailableLeaf % leaves.length]!.id;
  for (const leaf of leaves) {
    cells.push({ id: leaf.id, value: leaf.value, state: leaf.id === unavailable ? "unavailable" : leaf.value < 5 ? "suppressed" : "shown" });
  }
  const k = leaves.reduce((s, l) => s + l.value, 0);
  cells.push({ id: "K", value: k, state: k < 5 || t.confidentialTotals[0] ? "suppressed" : "shown" });
  relations.push({ total: "K", parts: t.flat ? leaves.map((l) => l.id) : bydelIds });
  // A second, overlapping aggregation (e.g. a zone cutting across bydeler) breaks the tree.
  const zone = t.overlap ? leaves.filter((_, i) => t.overlap![i % t.overlap!.length]) : [];
  if (zone.length >= 2) {
    const value = zone.reduce((s, l) => s + l.value, 0);
    cells.push({ id: "Z", value, state: value < 5 ? "suppressed" : "shown" });
    relations.push({ total: "Z", parts: zone.map((l) => l.id) });
  }
  return { cells, relations };
}

describe("complementarySuppression: properties", () => {
  it("leaves no confidential cell recoverable from the published cells, through any chain of relations", () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const { cells, relations } = build(t);
        const result = complementarySuppression(cells, relations);
        const hidden = new Set([...result.suppressed, ...cells.filter((c) => c.state === "unavailable").map((c) => c.id)]);
        // Primary cells stay hidden; only shown cells are added; nothing is left unprotected.
        for (const c of cells) if (c.state === "suppressed") expect(result.suppressed).toContain(c.id);
        for (const id of result.complementary) expect(cells.find((c) => c.id === id)!.state).toBe("shown");
        expect(result.unresolved).toEqual([]);
        // No relation has a confidential cell as its only unknown …
        for (const r of relations) {
          const unknown = [r.total, ...r.parts].filter((id) => hidden.has(id));
          if (unknown.length === 1) expect(result.suppressed).not.toContain(unknown[0]);
        }
        // … and, exactly, no confidential cell is determined by the whole linear system.
        for (const id of result.suppressed) expect(exactlyDetermined(hidden, relations, id), id).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("suppresses nothing extra when nothing is confidential, and is deterministic", () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const { cells, relations } = build(t);
        const first = complementarySuppression(cells, relations);
        expect(complementarySuppression(cells, relations)).toEqual(first);
        const open = cells.map((c) => ({ ...c, state: c.state === "suppressed" ? ("shown" as const) : c.state }));
        expect(complementarySuppression(open, relations).suppressed).toEqual([]);
      }),
    );
  });
});
