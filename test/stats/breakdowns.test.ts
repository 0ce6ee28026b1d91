import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { protectBreakdowns, type Breakdown } from "../../worker/stats/breakdowns";
import type { SeriesByIndicator, SeriesPoint } from "../../worker/stats/cards";
import { determinedCells, type Relation } from "../../worker/stats/suppression";

const PARTS = ["a", "b", "c", "d"];
const BREAKDOWN: Breakdown = { total: "t", parts: PARTS };
const YEAR = 2022;

const point = (value: number | null, status: SeriesPoint["status"] = null): SeriesPoint[] => [{ period: YEAR, value, status, estimated: false, counts: status ? null : { numerator: value, denominator: null } }];

/** Area code → indicator → count, where null means suppressed. */
function seriesOf(table: Record<string, Record<string, number | null>>): Map<string, SeriesByIndicator> {
  return new Map(Object.entries(table).map(([code, byInd]) => [code, new Map(Object.entries(byInd).map(([ind, v]) => [ind, v === null ? point(null, ":") : point(v)]))]));
}

const hiddenOf = (series: Map<string, SeriesByIndicator>) =>
  [...series].flatMap(([code, s]) => [...s].filter(([, pts]) => pts[0]!.status === ":").map(([ind]) => `${ind}|${code}`)).sort();

/** The attacker's system: every indicator's hierarchy relation and every area's breakdown relation. */
function jointRelations(codes: string[], hierarchy: Relation[]): Relation[] {
  return [
    ...["t", ...PARTS].flatMap((ind) => hierarchy.map((r) => ({ total: `${ind}|${r.total}`, parts: r.parts.map((p) => `${ind}|${p}`) }))),
    ...codes.map((c) => ({ total: `t|${c}`, parts: PARTS.map((p) => `${p}|${c}`) })),
  ];
}

describe("suppression across a breakdown", () => {
  it("hides a second part when a kommune's total would give away its one hidden part", () => {
    // Total 120 shown, part d = 3 suppressed: without more, d = 120 − (50 + 40 + 27).
    const series = seriesOf({ k1: { t: 120, a: 50, b: 40, c: 27, d: null } });
    const { hidden } = protectBreakdowns({ series, relations: [], breakdowns: [BREAKDOWN] });
    expect(hidden).toBe(1);
    // The cheapest shown part goes: c (27).
    expect(hiddenOf(series)).toEqual(["c|k1", "d|k1"]);
  });

  it("leaves a table alone where the total is hidden too or nothing is suppressed", () => {
    const series = seriesOf({ k1: { t: null, a: 50, b: 40, c: 27, d: null }, k2: { t: 300, a: 100, b: 100, c: 50, d: 50 } });
    const before = hiddenOf(series);
    expect(protectBreakdowns({ series, relations: [], breakdowns: [BREAKDOWN] }).hidden).toBe(0);
    expect(hiddenOf(series)).toEqual(before);
  });

  it("never changes an area decided at an earlier stage, and protects its children against it", () => {
    // The kommune (fixed) shows everything; its two grunnkretser split each part. In g1 part d
    // is suppressed; the hierarchy pass already hid d in g2 (d|k = d|g1 + d|g2), but g1's own
    // breakdown relation still gives d|g1 = t|g1 − Σ shown parts.
    const fixed = seriesOf({ k: { t: 200, a: 80, b: 60, c: 40, d: 20 } });
    const series = seriesOf({ g1: { t: 100, a: 40, b: 30, c: 27, d: null }, g2: { t: 100, a: 40, b: 30, c: 13, d: null } });
    const hierarchy = [{ total: "k", parts: ["g1", "g2"] }];
    protectBreakdowns({ series, fixed, relations: hierarchy, breakdowns: [BREAKDOWN] });
    expect(hiddenOf(fixed)).toEqual([]);
    const unknown = new Set(hiddenOf(series));
    expect(unknown.has("d|g1") && unknown.has("d|g2")).toBe(true);
    expect(determinedCells(unknown, jointRelations(["k", "g1", "g2"], hierarchy))).toEqual([]);
  });

  it("leaves no suppressed cell determined by the joint relations, for any table of a kommune and its sub-areas", () => {
    const cell = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 400 }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 2, maxLength: 5 }), (rows) => {
        // Sub-areas g0…gn with parts a–d; a part under 5 is suppressed (primary), the hierarchy
        // pass is imitated by hiding the smallest other sub-area's part in the same column.
        const codes = rows.map((_, i) => `g${i}`);
        const table: Record<string, Record<string, number | null>> = {};
        rows.forEach((parts, i) => {
          table[codes[i]!] = { t: parts.reduce((s, x) => s + x, 0), ...Object.fromEntries(PARTS.map((p, j) => [p, parts[j]! < 5 ? null : parts[j]!])) };
        });
        PARTS.forEach((p, j) => {
          const hiddenRows = codes.filter((c) => table[c]![p] === null);
          if (hiddenRows.length !== 1) return;
          const other = codes.filter((c) => table[c]![p] !== null).sort((x, y) => rows[codes.indexOf(x)]![j]! - rows[codes.indexOf(y)]![j]!)[0];
          if (other) table[other]![p] = null;
        });
        const kommune = { t: rows.flat().reduce((s, x) => s + x, 0), ...Object.fromEntries(PARTS.map((p, j) => [p, rows.reduce((s, r) => s + r[j]!, 0)])) };
        const series = seriesOf(table);
        const fixed = seriesOf({ k: kommune });
        const hierarchy = [{ total: "k", parts: codes }];
        const { unresolved } = protectBreakdowns({ series, fixed, relations: hierarchy, breakdowns: [BREAKDOWN] });
        const unknown = new Set(hiddenOf(series));
        const determined = determinedCells(unknown, jointRelations(["k", ...codes], hierarchy));
        return unresolved === 0 && determined.length === 0;
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });
});
