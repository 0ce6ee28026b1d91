import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SeriesPoint } from "../../worker/stats/cards";
import { changeGraph } from "../../worker/stats/change-graph";
import type { HarmoniseObservation } from "../../worker/stats/harmonise";
import { protectSeries } from "../../worker/stats/protect";
import { discloseTable, hierarchyRelations } from "../../worker/stats/suppression";

// A kommune K (decided earlier, so fixed) over two bydeler, each over two grunnkretser.
const AREAS = [
  { code: "K", parentCode: null },
  { code: "K1", parentCode: "K" },
  { code: "K2", parentCode: "K" },
  { code: "K1a", parentCode: "K1" },
  { code: "K1b", parentCode: "K1" },
  { code: "K2a", parentCode: "K2" },
  { code: "K2b", parentCode: "K2" },
];
const OWN = AREAS.slice(1).map((a) => a.code);
const PERIODS = [2022, 2023, 2024];
const UNITS = ["count", "percent", "nok"] as const;

// Small counts on purpose: about half the tables have a confidential cell.
const cell = fc.record({
  present: fc.boolean(),
  numerator: fc.integer({ min: 0, max: 40 }),
  denominator: fc.integer({ min: 1, max: 80 }),
  status: fc.constantFrom(null, null, null, ":" as const, ".." as const),
});

describe("protectSeries", () => {
  it("serves exactly what disclosing each year's table over the hierarchy gives", () => {
    fc.assert(
      fc.property(fc.constantFrom(...UNITS), fc.array(cell, { minLength: OWN.length * PERIODS.length, maxLength: OWN.length * PERIODS.length }), fc.array(fc.option(cell, { nil: null }), { minLength: 3, maxLength: 3 }), (unit, cells, kommune) => {
        const observations: HarmoniseObservation[] = [];
        OWN.forEach((code, i) =>
          PERIODS.forEach((period, k) => {
            const c = cells[i * PERIODS.length + k]!;
            if (!c.present) return;
            const value = c.status ? null : unit === "percent" ? (100 * c.numerator) / Math.max(c.numerator, c.denominator) : c.numerator;
            observations.push({ areaCode: code, period, value, numerator: unit === "percent" ? c.numerator : null, denominator: unit === "percent" ? Math.max(c.numerator, c.denominator) : null, status: c.status });
          }),
        );
        // The kommune as published at the stage above: a value, or hidden.
        const fixedPoints: SeriesPoint[] = PERIODS.flatMap((period, k) => {
          const c = kommune[k];
          if (!c) return [];
          const hidden = c.status !== null;
          return [{ period, value: hidden ? null : c.numerator * 4, status: hidden ? ":" : null, estimated: false, counts: hidden ? null : { numerator: c.numerator * 4, denominator: unit === "percent" ? c.denominator * 4 : null } }];
        });
        const relations = hierarchyRelations(AREAS);
        const fixed = new Map([["K", fixedPoints]]);
        const { series } = protectSeries({ unit, observations, graph: changeGraph([]), codes: OWN, relations, fixed });

        for (const period of PERIODS) {
          const rows = observations.filter((o) => o.period === period).map((o) => ({ code: o.areaCode, value: o.value, numerator: o.numerator, denominator: o.denominator, status: o.status }));
          const k = fixedPoints.find((p) => p.period === period);
          if (k) rows.push({ code: "K", value: k.value, numerator: k.counts?.numerator ?? null, denominator: k.counts?.denominator ?? null, status: k.status });
          if (rows.every((r) => r.code === "K")) continue;
          const { values } = discloseTable({ unit, rows, relations, locked: ["K"] });
          for (const code of OWN) {
            const got = series.get(code)!.find((p) => p.period === period);
            const want = values.get(code);
            if (!observations.some((o) => o.areaCode === code && o.period === period)) {
              expect(got).toBeUndefined();
              continue;
            }
            expect({ value: got!.value, status: got!.status }).toEqual({ value: want!.value, status: want!.status });
            // Counts travel only with shown values.
            expect(got!.counts === null).toBe(got!.status !== null);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
