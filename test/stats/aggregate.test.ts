import { describe, expect, it } from "vitest";
import { aggregateParents } from "../../worker/stats/aggregate";
import type { HarmonisedPoint } from "../../worker/stats/harmonise";
import { hierarchyRelations } from "../../worker/stats/suppression";

// Norway (0) = fylker 15 + 39; 15 = 1508 + 1580 (the two parts of old Ålesund), 39 = 3907 + 3909.
const RELATIONS = hierarchyRelations([
  { code: "0", parentCode: null },
  { code: "15", parentCode: "0" },
  { code: "39", parentCode: "0" },
  { code: "1508", parentCode: "15" },
  { code: "1580", parentCode: "15" },
  { code: "3907", parentCode: "39" },
  { code: "3909", parentCode: "39" },
]);

const point = (areaCode: string, period: number, value: number | null, extra: Partial<HarmonisedPoint> = {}): HarmonisedPoint => ({
  areaCode, period, value, numerator: null, denominator: null, status: value === null ? ".." : null, estimated: false, sources: [], from: ["ssb"], ...extra,
});
const share = (areaCode: string, period: number, numerator: number, denominator: number): HarmonisedPoint =>
  point(areaCode, period, (100 * numerator) / denominator, { numerator, denominator });
const ofAlesund = (code: string, weight: number) => ({ estimated: true, sources: ["1504", "1523"].map((c) => ({ code: c, weight })) });

const find = (points: HarmonisedPoint[], code: string, period: number) => points.find((p) => p.areaCode === code && p.period === period);

describe("aggregateParents", () => {
  it("adds up kommuner into fylker and fylker into Norway where no figure of their own exists", () => {
    const points = [point("1508", 2022, 60000), point("1580", 2022, 9000), point("3907", 2022, 65000), point("3909", 2022, 46000)];
    const { points: added, fed } = aggregateParents(points, RELATIONS, "count");
    expect(added.map((p) => [p.areaCode, p.value, p.status, p.estimated])).toEqual([
      ["15", 69000, null, false],
      ["39", 111000, null, false],
      ["0", 180000, null, false],
    ]);
    expect([...fed.get("0")!].sort()).toEqual(["15", "1508", "1580", "39", "3907", "3909"]);
  });

  it("keeps a parent's own published figure, and adds the fylke it lacks into Norway's missing years only", () => {
    // FHI gives Norway for 2015 (5 165 802) and fylke 39 for both years, not fylke 15.
    const points = [
      point("0", 2015, 5165802), point("39", 2015, 245000), point("39", 2016, 246000),
      point("1508", 2015, 58000), point("1580", 2015, 9000), point("1508", 2016, 58500), point("1580", 2016, 9100),
    ];
    const { points: added } = aggregateParents(points, RELATIONS, "count");
    expect(added.map((p) => `${p.areaCode}/${p.period}=${p.value}`)).toEqual(["15/2015=67000", "15/2016=67600", "0/2016=313600"]);
  });

  it("makes a parent missing, never an undercount, when a child has no figure (the kommuner absent from SSB's 2015 rows)", () => {
    // 3907 Sandefjord has no 2015 figure: its predecessors merged in 2017 are missing from the export.
    const points = [point("1508", 2015, 58000), point("1580", 2015, 9000), point("3909", 2015, 45000)];
    const { points: added, fed } = aggregateParents(points, RELATIONS, "count");
    expect(find(added, "15", 2015)).toMatchObject({ value: 67000, status: null });
    expect(find(added, "39", 2015)).toMatchObject({ value: null, status: ".." });
    expect(find(added, "0", 2015)).toMatchObject({ value: null, status: ".." });
    expect(fed.has("0")).toBe(false);
    // A child present but missing, or hidden at the source, does the same.
    const hidden = aggregateParents([point("3907", 2015, null), point("3909", 2015, 45000), point("1508", 2015, null, { status: ":" }), point("1580", 2015, 9000)], RELATIONS, "count");
    expect(hidden.points.map((p) => [p.areaCode, p.status])).toEqual([["15", ".."], ["39", ".."], ["0", ".."]]);
    // A parent none of whose children has a point gets none (fylke 39 here); Norway, with 15 missing, is missing.
    expect(aggregateParents([point("1508", 2015, 1000)], RELATIONS, "count").points.map((p) => [p.areaCode, p.status])).toEqual([["15", ".."], ["0", ".."]]);
  });

  it("is exact when a split's parts stay inside the parent, an estimate when one part is outside", () => {
    const inside = aggregateParents([point("1508", 2019, 48276, ofAlesund("1508", 0.8621)), point("1580", 2019, 7724, ofAlesund("1580", 0.1379))], RELATIONS, "count");
    expect(find(inside.points, "15", 2019)).toMatchObject({ value: 56000, estimated: false });
    expect([...inside.fed.get("15")!].sort()).toEqual(["1504", "1508", "1523", "1580"]);
    const mixed = aggregateParents([point("1508", 2019, 28000), point("1580", 2019, 7724, ofAlesund("1580", 0.1379))], RELATIONS, "count");
    expect(find(mixed.points, "15", 2019)).toMatchObject({ value: 35724, estimated: true, split: true });
    // Whole again inside the parent: no split's estimate left in it, so a trend may read it.
    expect(find(inside.points, "15", 2019)!.split).toBeUndefined();
  });

  it("pools shares from their counts and leaves rates without counts and amounts alone", () => {
    // 10 of 100 and 90 of 300: 25 %, not the mean 20 %.
    const pooled = aggregateParents([share("1508", 2013, 10, 100), share("1580", 2013, 90, 300)], RELATIONS, "percent");
    expect(find(pooled.points, "15", 2013)).toMatchObject({ value: 25, numerator: 100, denominator: 400, status: null });
    // Crime per 1 000 without counts: SSB's national rate counts offences with no kommune as scene.
    const rates = aggregateParents([point("1508", 2017, 40), point("1580", 2017, 30)], RELATIONS, "per1000");
    expect(rates.points).toEqual([]);
    // Children with no figure say nothing about counts: no figure either.
    expect(aggregateParents([point("1508", 2016, null), point("1580", 2016, null)], RELATIONS, "per1000").points).toEqual([]);
    // A share with counts beside a missing one: missing.
    expect(aggregateParents([share("1508", 2013, 10, 100), point("1580", 2013, null)], RELATIONS, "percent").points.map((p) => [p.areaCode, p.status])).toEqual([["15", ".."], ["0", ".."]]);
    // A share with counts beside one without: not additive either.
    expect(aggregateParents([share("1508", 2013, 10, 100), point("1580", 2013, 30)], RELATIONS, "percent").points).toEqual([]);
    expect(aggregateParents([point("1508", 2017, 500000), point("1580", 2017, 450000)], RELATIONS, "nok").points).toEqual([]);
  });

  it("leaves parents decided elsewhere alone", () => {
    const { points } = aggregateParents([point("1508", 2022, 60000), point("1580", 2022, 9000)], RELATIONS, "count", new Set(["15"]));
    expect(points).toEqual([]);
  });
});
