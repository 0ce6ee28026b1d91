import { describe, expect, it } from "vitest";
import { generateDemo } from "../../db/demo/dataset";
import { type AreaChangeRow, changeGraph, reestablishments, sourceCodes, sourcesAt } from "../../worker/stats/change-graph";
import { harmonise, type HarmoniseObservation, harmonisedPointSchema } from "../../worker/stats/harmonise";

// The real Klass chain: five kommuner merged into 1507 Ålesund in 2020, split into 1508 Ålesund
// and 1580 Haram in 2024 (weights = the successors' population shares, as in the demo data).
const ALESUND: AreaChangeRow[] = [
  ...["1504", "1523", "1529", "1534", "1546"].map((oldCode) => ({ oldCode, newCode: "1507", changedOn: "2020-01-01", weight: 1 })),
  { oldCode: "1507", newCode: "1508", changedOn: "2024-01-01", weight: 0.8621 },
  { oldCode: "1507", newCode: "1580", changedOn: "2024-01-01", weight: 0.1379 },
];
const MERGE: AreaChangeRow[] = [
  { oldCode: "A", newCode: "C", changedOn: "2020-01-01", weight: 1 },
  { oldCode: "B", newCode: "C", changedOn: "2020-01-01", weight: 1 },
];

const count = (areaCode: string, period: number, value: number): HarmoniseObservation => ({
  areaCode, period, value, numerator: null, denominator: null, status: null,
});
const rate = (areaCode: string, period: number, numerator: number, denominator: number, scale = 100): HarmoniseObservation => ({
  areaCode, period, value: (scale * numerator) / denominator, numerator, denominator, status: null,
});
const amount = (areaCode: string, period: number, value: number) => count(areaCode, period, value);
const hidden = (areaCode: string, period: number, status: ":" | ".." | "."): HarmoniseObservation => ({
  areaCode, period, value: null, numerator: null, denominator: null, status,
});

const find = (points: ReturnType<typeof harmonise>, code: string, period: number) =>
  points.find((p) => p.areaCode === code && p.period === period);

describe("sourcesAt / sourceCodes", () => {
  const graph = changeGraph(ALESUND);

  it("walks a merge followed by a split back to the five pre-2020 kommuner", () => {
    expect(sourcesAt(graph, "1508", 2015)).toEqual(
      ["1504", "1523", "1529", "1534", "1546"].map((code) => ({ code, weight: 0.8621, split: true, aliases: [] })),
    );
    expect(sourcesAt(graph, "1580", 2021)).toEqual([{ code: "1507", weight: 0.1379, split: true, aliases: [] }]);
    expect(sourcesAt(graph, "1508", 2024)).toEqual([{ code: "1508", weight: 1, split: false, aliases: [] }]);
  });

  it("lists every code a job must load to harmonise a set of current codes", () => {
    expect(sourceCodes(graph, ["1580"])).toEqual(["1504", "1507", "1523", "1529", "1534", "1546", "1580"]);
    expect(sourceCodes(graph, ["0301"])).toEqual(["0301"]);
  });

  it("rejects splits whose weights do not add up to 1, naming the change", () => {
    const bad = [
      { oldCode: "5012", newCode: "5055", changedOn: "2020-01-01", weight: 1 },
      { oldCode: "5012", newCode: "5056", changedOn: "2020-01-01", weight: 1 },
    ];
    expect(() => changeGraph(bad)).toThrow(/5012 on 2020-01-01: weights of its successors sum to 2, not 1/);
    expect(() => changeGraph([{ oldCode: "X", newCode: "Y", changedOn: "2020-01-01", weight: 0 }])).toThrow(/X → Y on 2020-01-01: weight must be in \(0, 1\]/);
  });
});

// The real Klass rows for Trondheim and Klæbu, and for Bærum: 1601 became 5001 and 1662 became
// 5030 in 2018, 5030 merged into 5001 in 2020 (Klass lists no 5001 → 5001 row), 0219 Bærum
// became 3024 in 2020 and 3201 in 2024.
const TRONDHEIM: AreaChangeRow[] = [
  { oldCode: "1601", newCode: "5001", changedOn: "2018-01-01", weight: 1 },
  { oldCode: "1662", newCode: "5030", changedOn: "2018-01-01", weight: 1 },
  { oldCode: "5030", newCode: "5001", changedOn: "2020-01-01", weight: 1 },
];
const BAERUM: AreaChangeRow[] = [
  { oldCode: "0219", newCode: "3024", changedOn: "2020-01-01", weight: 1 },
  { oldCode: "3024", newCode: "3201", changedOn: "2024-01-01", weight: 1 },
];

describe("codes of later vintages and merges Klass lists only by their absorbed units", () => {
  it("keeps the absorbing kommune's own earlier territory when Klass has no row for it (5001 took in Klæbu in 2020)", () => {
    expect(sourcesAt(changeGraph(TRONDHEIM), "5001", 2016).map((s) => s.code)).toEqual(["1601", "1662"]);
    expect(sourcesAt(changeGraph(TRONDHEIM), "5001", 2019).map((s) => s.code)).toEqual(["5001", "5030"]);
  });

  it("adds Trondheim and Klæbu up whichever vintage of codes the publisher used", () => {
    // IMDi: Trondheim under 1601 until 2019, Klæbu under its 2018 code 5030 back to 2006.
    const imdi = [count("1601", 2010, 14723), count("5030", 2010, 235), count("1601", 2019, 26078), count("5030", 2019, 518)];
    const fromImdi = harmonise({ unit: "count", observations: imdi, changes: TRONDHEIM, currentCodes: ["5001"] });
    expect(find(fromImdi, "5001", 2010)).toMatchObject({ value: 14723 + 235, estimated: false });
    expect(find(fromImdi, "5001", 2019)).toMatchObject({ value: 26078 + 518 });
    // SSB's 2015–2018 export on the 2018 region list: 5001 already stands for 1601's territory.
    const ssb = [count("5001", 2016, 190464), count("5030", 2016, 6067), count("5001", 2019, 199039), count("5030", 2019, 6076)];
    const fromSsb = harmonise({ unit: "count", observations: ssb, changes: TRONDHEIM, currentCodes: ["5001"] });
    expect(find(fromSsb, "5001", 2016)).toMatchObject({ value: 190464 + 6067 });
    expect(find(fromSsb, "5001", 2019)).toMatchObject({ value: 199039 + 6076 });
  });

  it("takes a figure on today's code for today's territory when the old units cannot all be found (FHI's 5001 for 2010)", () => {
    const points = harmonise({ unit: "count", observations: [count("5001", 2010, 176737)], changes: TRONDHEIM, currentCodes: ["5001"] });
    expect(find(points, "5001", 2010)).toMatchObject({ value: 176737 });
  });

  it("reads a renumbered kommune's earlier years under its later code (IMDi files Bærum under 3024 back to 2006)", () => {
    const points = harmonise({ unit: "count", observations: [count("3024", 2010, 14192), count("0219", 2015, 16000)], changes: BAERUM, currentCodes: ["3201"] });
    expect(find(points, "3201", 2010)).toMatchObject({ value: 14192, estimated: false });
    expect(find(points, "3201", 2015)).toMatchObject({ value: 16000 });
  });
});

// The kommuner's names as Klass gives them: 1580 Haram re-establishes 1534 Haram.
const NAMES = new Map([
  ["1504", "Ålesund"], ["1523", "Ørskog"], ["1529", "Skodje"], ["1534", "Haram"], ["1546", "Sandøy"],
  ["1507", "Ålesund"], ["1508", "Ålesund"], ["1580", "Haram"],
]);

describe("a split that re-establishes a merged kommune keeps its identity", () => {
  const graph = changeGraph(ALESUND, NAMES);

  it("recognises 1580 Haram as old 1534 Haram, and 1508 Ålesund as the other four, not as old 1504 Ålesund alone", () => {
    expect(graph.identities).toEqual(
      new Map([
        ["1580@2024-01-01", { from: "1507", mergedOn: "2020-01-01", codes: ["1534"] }],
        ["1508@2024-01-01", { from: "1507", mergedOn: "2020-01-01", codes: ["1504", "1523", "1529", "1546"] }],
      ]),
    );
    expect(sourcesAt(graph, "1580", 2019)).toEqual([{ code: "1534", weight: 1, split: false, aliases: [] }]);
    expect(sourcesAt(graph, "1508", 2019).map((s) => [s.code, s.weight, s.split])).toEqual([
      ["1504", 1, false], ["1523", 1, false], ["1529", 1, false], ["1546", 1, false],
    ]);
    // 2020–2023 old Ålesund existed as one: Haram's share of it is an estimate still.
    expect(sourcesAt(graph, "1580", 2020)).toEqual([{ code: "1507", weight: 0.1379, split: true, aliases: [] }]);
  });

  it("gives Haram's 2019 base 1534's own immigrant share, observed, instead of old Ålesund's 18.2 % by population weight", () => {
    const obs = [
      rate("1504", 2019, 8000, 40000), rate("1523", 2019, 300, 2000), rate("1529", 2019, 500, 4000), rate("1534", 2019, 1242, 9000), rate("1546", 2019, 100, 1000),
      rate("1507", 2021, 12000, 67000),
      rate("1580", 2024, 1339, 9300),
    ];
    const points = harmonise({ unit: "percent", observations: obs, changes: graph, currentCodes: ["1508", "1580"] });
    expect(find(points, "1580", 2019)).toEqual({
      areaCode: "1580", period: 2019, value: 13.8, numerator: 1242, denominator: 9000, status: null, estimated: false, sources: [{ code: "1534", weight: 1 }], from: [null],
    });
    // Ålesund before 2020: the four other kommuner summed exactly, no estimate either.
    expect(find(points, "1508", 2019)).toMatchObject({ numerator: 8900, denominator: 47000, estimated: false });
    expect(find(points, "1508", 2019)!.split).toBeUndefined();
    // 2021: a share of 1507, marked as a split's estimate so no trend reads it as observed.
    expect(find(points, "1580", 2021)).toMatchObject({ estimated: true, split: true });
    expect(find(points, "1580", 2021)!.value).toBeCloseTo((100 * 12000) / 67000, 9);
    for (const p of points) expect(harmonisedPointSchema.parse(p)).toEqual(p);
  });

  it("lets the old kommuner's observations outrank FHI's flat halves re-coded to 1580, and loads 1534 for it", () => {
    const ssb = (code: string, value: number) => ({ ...count(code, 2019, value), sourceId: "ssb" });
    const obs = [ssb("1504", 40000), ssb("1523", 2000), ssb("1529", 4000), ssb("1534", 9000), ssb("1546", 1000), { ...count("1580", 2019, 28000), sourceId: "fhi" }];
    const points = harmonise({ unit: "count", observations: obs, changes: graph, currentCodes: ["1580"], priorities: new Map([["ssb", 100], ["fhi", 40]]) });
    expect(find(points, "1580", 2019)).toMatchObject({ value: 9000, estimated: false, from: ["ssb"] });
    expect(sourceCodes(graph, ["1580"])).toContain("1534");
  });

  it("re-establishes by code as well, the leftover successor taking the rest (A + B → C, C → A + D)", () => {
    const changes: AreaChangeRow[] = [...MERGE, { oldCode: "C", newCode: "A", changedOn: "2024-01-01", weight: 0.3 }, { oldCode: "C", newCode: "D", changedOn: "2024-01-01", weight: 0.7 }];
    expect(changeGraph(changes).identities).toEqual(
      new Map([
        ["A@2024-01-01", { from: "C", mergedOn: "2020-01-01", codes: ["A"] }],
        ["D@2024-01-01", { from: "C", mergedOn: "2020-01-01", codes: ["B"] }],
      ]),
    );
    const points = harmonise({ unit: "count", observations: [count("A", 2019, 30), count("B", 2019, 70)], changes, currentCodes: ["A", "D"] });
    expect(points.map((p) => [p.areaCode, p.value, p.estimated])).toEqual([["A", 30, false], ["D", 70, false]]);
  });

  it("guesses no identity where the split does not account for the merged units (Snillfjord in three, Tysfjord in two, two leftovers)", () => {
    const snillfjord: AreaChangeRow[] = [
      { oldCode: "5012", newCode: "5055", changedOn: "2020-01-01", weight: 0.5 },
      { oldCode: "5012", newCode: "5056", changedOn: "2020-01-01", weight: 0.25 },
      { oldCode: "5012", newCode: "5059", changedOn: "2020-01-01", weight: 0.25 },
    ];
    const names = new Map([["5012", "Snillfjord"], ["5055", "Heim"], ["5056", "Hitra"], ["5059", "Orkland"], ["1850", "Tysfjord"], ["1806", "Narvik"], ["1875", "Hamarøy"]]);
    expect(changeGraph(snillfjord, names).identities!.size).toBe(0);
    // Three merged, split in three with one name back: two successors left, which of them has what is unknown.
    const three: AreaChangeRow[] = [
      ...["P", "Q", "R"].map((oldCode) => ({ oldCode, newCode: "X", changedOn: "2020-01-01", weight: 1 })),
      ...[["P", 0.2], ["S", 0.4], ["T", 0.4]].map(([newCode, weight]) => ({ oldCode: "X", newCode: newCode as string, changedOn: "2024-01-01", weight: weight as number })),
    ];
    expect(reestablishments(changeGraph(three).incoming, changeGraph(three).outgoing).size).toBe(0);
    // Without names only a code can tell; the Ålesund chain then keeps its population weights.
    expect(changeGraph(ALESUND).identities!.size).toBe(0);
    // A part of a unit merged (weight below 1) is not the whole unit coming back.
    const partial: AreaChangeRow[] = [
      { oldCode: "A", newCode: "C", changedOn: "2020-01-01", weight: 0.5 }, { oldCode: "A", newCode: "E", changedOn: "2020-01-01", weight: 0.5 },
      { oldCode: "B", newCode: "C", changedOn: "2020-01-01", weight: 1 },
      { oldCode: "C", newCode: "A", changedOn: "2024-01-01", weight: 0.3 }, { oldCode: "C", newCode: "D", changedOn: "2024-01-01", weight: 0.7 },
    ];
    expect(changeGraph(partial).identities!.size).toBe(0);
  });

  it("matches a multilingual name by any of its parts, ignoring case", () => {
    const changes: AreaChangeRow[] = [
      ...["0001", "0002"].map((oldCode) => ({ oldCode, newCode: "0003", changedOn: "2020-01-01", weight: 1 })),
      { oldCode: "0003", newCode: "0004", changedOn: "2024-01-01", weight: 0.5 }, { oldCode: "0003", newCode: "0005", changedOn: "2024-01-01", weight: 0.5 },
    ];
    const names = new Map([["0001", "Kåfjord"], ["0002", "Nordby"], ["0003", "Nordby"], ["0004", "Gáivuotna - KÅFJORD - Kaivuono"], ["0005", "Nordby"]]);
    expect(changeGraph(changes, names).identities!.get("0004@2024-01-01")).toMatchObject({ codes: ["0001"] });
    expect(changeGraph(changes, names).identities!.get("0005@2024-01-01")).toMatchObject({ codes: ["0002"] });
  });
});

describe("harmonise", () => {
  it("sums counts across a merge exactly, and distributes a split by weight, flagged estimated", () => {
    const obs = [
      count("1504", 2019, 40000), count("1523", 2019, 2000), count("1529", 2019, 4000), count("1534", 2019, 9000), count("1546", 2019, 1000),
      count("1507", 2021, 67000),
      count("1508", 2024, 58000), count("1580", 2024, 9300),
    ];
    const points = harmonise({ unit: "count", observations: obs, changes: ALESUND, currentCodes: ["1508", "1580"] });
    expect(points.map((p) => `${p.areaCode}/${p.period}`)).toEqual(["1508/2019", "1508/2021", "1508/2024", "1580/2019", "1580/2021", "1580/2024"]);
    // 56,000 residents before 2020, shared 86.21 / 13.79 %.
    expect(find(points, "1508", 2019)).toMatchObject({ value: 56000 * 0.8621, estimated: true, status: null });
    expect(find(points, "1580", 2019)!.value).toBeCloseTo(56000 * 0.1379, 6);
    expect(find(points, "1508", 2021)!.value! + find(points, "1580", 2021)!.value!).toBeCloseTo(67000, 6);
    expect(find(points, "1508", 2024)).toEqual({ areaCode: "1508", period: 2024, value: 58000, numerator: null, denominator: null, status: null, estimated: false, sources: [], from: [null] });
    expect(find(points, "1580", 2021)!.sources).toEqual([{ code: "1507", weight: 0.1379 }]);
    for (const p of points) expect(harmonisedPointSchema.parse(p)).toEqual(p);
  });

  it("recomputes a share from summed numerators and denominators, never the mean of the shares", () => {
    // A: 10 of 100 (10 %), B: 90 of 300 (30 %). Merged: 100 of 400 = 25 %, not (10 + 30) / 2 = 20 %.
    const points = harmonise({ unit: "percent", observations: [rate("A", 2019, 10, 100), rate("B", 2019, 90, 300)], changes: MERGE, currentCodes: ["C"] });
    expect(points).toEqual([
      {
        areaCode: "C", period: 2019, value: 25, numerator: 100, denominator: 400, status: null, estimated: false,
        sources: [{ code: "A", weight: 1 }, { code: "B", weight: 1 }], from: [null],
      },
    ]);
  });

  it("recomputes rates per 1000 on their own scale", () => {
    const points = harmonise({ unit: "per1000", observations: [rate("A", 2019, 30, 1000, 1000), rate("B", 2019, 10, 3000, 1000)], changes: MERGE, currentCodes: ["C"] });
    expect(points[0]!.value).toBeCloseTo(10, 12);
  });

  it("keeps a share unchanged through a split (both counts scale by the weight), flagged estimated", () => {
    const points = harmonise({ unit: "percent", observations: [rate("1507", 2022, 5000, 66000)], changes: ALESUND, currentCodes: ["1508", "1580"] });
    for (const p of points) {
      expect(p.value).toBeCloseTo((100 * 5000) / 66000, 10);
      expect(p.estimated).toBe(true);
    }
    expect(find(points, "1580", 2022)!.denominator).toBeCloseTo(66000 * 0.1379, 6);
  });

  it("averages an amount across a merge by population, flagged estimated; without population it is not derivable", () => {
    const obs = [amount("A", 2019, 500000), amount("B", 2019, 600000)];
    const population = [count("A", 2019, 100), count("B", 2019, 300)];
    const [weighted] = harmonise({ unit: "nok", observations: obs, changes: MERGE, currentCodes: ["C"], population });
    expect(weighted).toMatchObject({ value: 575000, estimated: true, status: null });
    const [unweighted] = harmonise({ unit: "nok", observations: obs, changes: MERGE, currentCodes: ["C"] });
    expect(unweighted).toMatchObject({ value: null, status: ".." });
    const [partly] = harmonise({ unit: "years", observations: obs, changes: MERGE, currentCodes: ["C"], population: [population[0]!, hidden("B", 2019, ":")] });
    expect(partly).toMatchObject({ value: null, status: ".." });
  });

  it("averages rates without counts across a merge by population, flagged estimated (crime per 1 000)", () => {
    // A: 30 per 1 000 among 1 000 residents, B: 10 per 1 000 among 3 000. (30·1000 + 10·3000) / 4000 = 15.
    const noCounts = (code: string, value: number) => amount(code, 2017, value);
    const population = [count("A", 2017, 1000), count("B", 2017, 3000)];
    const [point] = harmonise({ unit: "per1000", observations: [noCounts("A", 30), noCounts("B", 10)], changes: MERGE, currentCodes: ["C"], population });
    expect(point).toMatchObject({ value: 15, numerator: null, denominator: null, status: null, estimated: true });
    // Only the part of a split unit that lies in the target weighs: half of A (500 residents).
    // (30·500 + 10·3000) / 3500 = 12.857…
    const half: AreaChangeRow[] = [
      { oldCode: "A", newCode: "C", changedOn: "2020-01-01", weight: 0.5 },
      { oldCode: "A", newCode: "D", changedOn: "2020-01-01", weight: 0.5 },
      { oldCode: "B", newCode: "C", changedOn: "2020-01-01", weight: 1 },
    ];
    const [split] = harmonise({ unit: "per1000", observations: [noCounts("A", 30), noCounts("B", 10)], changes: half, currentCodes: ["C"], population });
    expect(split!.value).toBeCloseTo(45000 / 3500, 12);
    expect(split!.estimated).toBe(true);
  });

  it("averages shares without counts by population from the nearest year with every unit's (IMDi 2013 low income, population from 2015)", () => {
    const lowIncome = [amount("A", 2013, 10), amount("B", 2013, 20)];
    // No population for 2013 or 2014; 2015 has both, 2016 only A: 2015 is used. (10·100 + 20·300) / 400 = 17.5.
    const population = [count("A", 2015, 100), count("B", 2015, 300), count("A", 2012, 999), count("A", 2016, 1)];
    const [point] = harmonise({ unit: "percent", observations: lowIncome, changes: MERGE, currentCodes: ["C"], population });
    expect(point).toMatchObject({ value: 17.5, status: null, estimated: true });
    // The earlier year wins a tie in distance: 2011 and 2015 are both two years from 2013.
    const tie = harmonise({ unit: "percent", observations: lowIncome, changes: MERGE, currentCodes: ["C"], population: [...population, count("A", 2011, 300), count("B", 2011, 100)] });
    expect(tie[0]!.value).toBeCloseTo((10 * 300 + 20 * 100) / 400, 12);
  });

  it("gives no mean without every unit's population within five years of the period", () => {
    const lowIncome = [amount("A", 2013, 10), amount("B", 2013, 20)];
    const tooLate = harmonise({ unit: "percent", observations: lowIncome, changes: MERGE, currentCodes: ["C"], population: [count("A", 2019, 100), count("B", 2019, 300)] });
    expect(tooLate[0]).toMatchObject({ value: null, status: ".." });
    const oneMissing = harmonise({ unit: "per1000", observations: lowIncome, changes: MERGE, currentCodes: ["C"], population: [count("A", 2013, 100)] });
    expect(oneMissing[0]).toMatchObject({ value: null, status: ".." });
    const none = harmonise({ unit: "per1000", observations: lowIncome, changes: MERGE, currentCodes: ["C"] });
    expect(none[0]).toMatchObject({ value: null, status: ".." });
  });

  it("still pools counts when a share comes with them, whatever the population", () => {
    const [point] = harmonise({ unit: "percent", observations: [rate("A", 2019, 10, 100), rate("B", 2019, 90, 300)], changes: MERGE, currentCodes: ["C"], population: [count("A", 2019, 1), count("B", 2019, 1)] });
    expect(point).toMatchObject({ value: 25, estimated: false });
  });

  it("keeps suppressed suppressed: a confidential or too-small component hides the merged value", () => {
    const confidential = harmonise({ unit: "percent", observations: [rate("A", 2019, 50, 100), hidden("B", 2019, ":")], changes: MERGE, currentCodes: ["C"] });
    expect(confidential[0]).toMatchObject({ value: null, numerator: null, denominator: null, status: ":" });
    // B's 3 of 50 would be suppressed if shown; C − A would reveal it.
    const small = harmonise({ unit: "percent", observations: [rate("A", 2019, 50, 100), rate("B", 2019, 3, 50)], changes: MERGE, currentCodes: ["C"] });
    expect(small[0]).toMatchObject({ value: null, status: ":" });
    const tinyCount = harmonise({ unit: "count", observations: [count("1507", 2021, 4)], changes: ALESUND, currentCodes: ["1508"] });
    expect(tinyCount[0]).toMatchObject({ value: null, status: ":" });
  });

  it("makes the merged value missing when a component is missing", () => {
    const absent = harmonise({ unit: "count", observations: [count("A", 2019, 50)], changes: MERGE, currentCodes: ["C"] });
    expect(absent[0]).toMatchObject({ value: null, status: ".." });
    const missing = harmonise({ unit: "count", observations: [count("A", 2019, 50), hidden("B", 2019, "..")], changes: MERGE, currentCodes: ["C"] });
    expect(missing[0]).toMatchObject({ value: null, status: ".." });
    const notApplicable = harmonise({ unit: "count", observations: [hidden("A", 2019, "."), hidden("B", 2019, ".")], changes: MERGE, currentCodes: ["C"] });
    expect(notApplicable[0]).toMatchObject({ value: null, status: "." });
  });

  it("lets a current code's own observation win when the code did not exist then (a back-calculated series)", () => {
    const obs = [count("A", 2019, 50), count("B", 2019, 70), count("C", 2019, 125)];
    const [point] = harmonise({ unit: "count", observations: obs, changes: MERGE, currentCodes: ["C"] });
    expect(point).toMatchObject({ value: 125, estimated: false, sources: [] });
  });

  describe("a series re-coded to today's boundaries against its old units' own figures", () => {
    // FHI re-codes split kommuner with flat shares (1508 and 1580 each half of old Ålesund);
    // SSB's own 07459 figures of the five old kommuner outrank it.
    const fhi = (code: string, value: number) => ({ ...count(code, 2019, value), sourceId: "fhi" });
    const ssb = (code: string, value: number) => ({ ...count(code, 2019, value), sourceId: "ssb" });
    const old = [ssb("1504", 40000), ssb("1523", 2000), ssb("1529", 4000), ssb("1534", 9000), ssb("1546", 1000)];
    const flat = [fhi("1508", 28000), fhi("1580", 28000)];
    const priorities = new Map([["ssb", 100], ["fhi", 40], ["imdi", 80]]);

    it("takes the old units when every one comes from a source of higher priority", () => {
      const points = harmonise({ unit: "count", observations: [...old, ...flat], changes: ALESUND, currentCodes: ["1508", "1580"], priorities });
      expect(find(points, "1580", 2019)!.value).toBeCloseTo(56000 * 0.1379, 6);
      expect(find(points, "1580", 2019)).toMatchObject({ estimated: true, from: ["ssb"] });
    });

    it("keeps the re-coded series when an old unit is missing, ranks no higher, or priorities are unknown", () => {
      const missing = harmonise({ unit: "count", observations: [...old.slice(1), ...flat], changes: ALESUND, currentCodes: ["1580"], priorities });
      expect(missing[0]).toMatchObject({ value: 28000, estimated: false, sources: [] });
      const equal = harmonise({ unit: "count", observations: [...old, ...flat], changes: ALESUND, currentCodes: ["1580"], priorities: new Map([["ssb", 40], ["fhi", 40]]) });
      expect(equal[0]!.value).toBe(28000);
      const unknown = harmonise({ unit: "count", observations: [...old, ...flat], changes: ALESUND, currentCodes: ["1580"] });
      expect(unknown[0]!.value).toBe(28000);
      const oneFromFhi = harmonise({ unit: "count", observations: [...old.slice(1), fhi("1504", 40000), ...flat], changes: ALESUND, currentCodes: ["1580"], priorities });
      expect(oneFromFhi[0]!.value).toBe(28000);
    });
  });

  it("treats a kept code's old-boundary observation as one component (1103 Stavanger absorbing Finnøy and Rennesøy)", () => {
    const stavanger: AreaChangeRow[] = ["1103", "1141", "1142"].map((oldCode) => ({ oldCode, newCode: "1103", changedOn: "2020-01-01", weight: 1 }));
    const obs = [count("1103", 2019, 133000), count("1141", 2019, 3200), count("1142", 2019, 4900), count("1103", 2020, 143500)];
    const points = harmonise({ unit: "count", observations: obs, changes: stavanger, currentCodes: ["1103"] });
    expect(find(points, "1103", 2019)).toMatchObject({ value: 141100, estimated: false });
    expect(find(points, "1103", 2019)!.sources.map((s) => s.code)).toEqual(["1103", "1141", "1142"]);
    expect(find(points, "1103", 2020)).toMatchObject({ value: 143500, sources: [] });
  });

  it("passes a renamed code's series through unchanged", () => {
    const rename = [{ oldCode: "1736", newCode: "1736", changedOn: "2011-01-01", weight: 1 }];
    const points = harmonise({ unit: "count", observations: [count("1736", 2010, 2100), count("1736", 2012, 2090)], changes: rename, currentCodes: ["1736"] });
    expect(points.map((p) => [p.period, p.value, p.sources.length])).toEqual([[2010, 2100, 0], [2012, 2090, 0]]);
  });

  it("produces no point for a period in which no unit of the territory has data", () => {
    const points = harmonise({ unit: "count", observations: [count("C", 2021, 10), count("Z", 2018, 5)], changes: MERGE, currentCodes: ["C"] });
    expect(points.map((p) => p.period)).toEqual([2021]);
  });

  it("rejects two observations of the same area and period", () => {
    expect(() => harmonise({ unit: "count", observations: [count("A", 2019, 1), count("A", 2019, 2)], changes: MERGE, currentCodes: ["C"] })).toThrow(
      /observations has two rows for A in 2019/,
    );
  });
});

describe("bydel codes that changed with their kommune's", () => {
  // Bergen's bydeler were 1201xx until 2019 and 4601xx since 2020 (the same districts);
  // Trondheim's 1601xx became 5001xx in 2018, and Trondheim took in Klæbu in 2020 (kept code
  // 5001, recorded 5001 → 5001 beside 5030 → 5001) and was renamed in 2023.
  const CHANGES: AreaChangeRow[] = [
    { oldCode: "1201", newCode: "4601", changedOn: "2020-01-01", weight: 1 },
    { oldCode: "120101", newCode: "460101", changedOn: "2020-01-01", weight: 1 },
    { oldCode: "120102", newCode: "460102", changedOn: "2020-01-01", weight: 1 },
    { oldCode: "1601", newCode: "5001", changedOn: "2018-01-01", weight: 1 },
    { oldCode: "1662", newCode: "5030", changedOn: "2018-01-01", weight: 1 },
    { oldCode: "5001", newCode: "5001", changedOn: "2020-01-01", weight: 1 },
    { oldCode: "5030", newCode: "5001", changedOn: "2020-01-01", weight: 1 },
    { oldCode: "5001", newCode: "5001", changedOn: "2023-01-01", weight: 1 },
    { oldCode: "160101", newCode: "500101", changedOn: "2018-01-01", weight: 1 },
  ];
  const graph = changeGraph(CHANGES);

  it("follows a six-digit code back through its renames", () => {
    expect(sourcesAt(graph, "460101", 2015)).toEqual([{ code: "120101", weight: 1, split: false, aliases: ["460101"] }]);
    expect(sourcesAt(graph, "500101", 2005)).toEqual([{ code: "160101", weight: 1, split: false, aliases: ["500101"] }]);
    expect(sourcesAt(graph, "500101", 2018)).toEqual([{ code: "500101", weight: 1, split: false, aliases: ["160101"] }]);
    expect(sourceCodes(graph, ["460101", "500101"])).toEqual(["120101", "160101", "460101", "500101"]);
  });

  it("serves one continuous series on today's codes, exact, while the kommune adds Klæbu", () => {
    const obs = [
      count("120101", 2015, 40000), count("120101", 2019, 41000), count("460101", 2020, 41500), count("460101", 2024, 42000),
      count("160101", 2005, 30000), count("160101", 2017, 33000), count("500101", 2018, 33500), count("500101", 2024, 35000),
      count("1601", 2017, 190000), count("1662", 2017, 6000), count("5001", 2019, 197000), count("5030", 2019, 6100), count("5001", 2024, 214000),
    ];
    const points = harmonise({ unit: "count", observations: obs, changes: graph, currentCodes: ["460101", "500101", "5001"] });
    const series = (code: string) => points.filter((p) => p.areaCode === code).map((p) => [p.period, p.value, p.estimated]);
    expect(series("460101")).toEqual([[2015, 40000, false], [2019, 41000, false], [2020, 41500, false], [2024, 42000, false]]);
    expect(series("500101")).toEqual([[2005, 30000, false], [2017, 33000, false], [2018, 33500, false], [2024, 35000, false]]);
    // The kommune adds Klæbu before 2020; its bydel is the same district throughout.
    expect(series("5001")).toEqual([[2017, 196000, false], [2019, 203100, false], [2024, 214000, false]]);
  });
});

describe("harmonise on the synthetic demo dataset", () => {
  const demo = generateDemo({ scale: "demo" });
  const kommuneRows = (indicator: string) =>
    demo.observations
      .filter((o) => o.indicatorId === indicator && /^\d{4}$/.test(o.areaCode))
      .map((o) => ({ areaCode: o.areaCode, period: o.period, value: o.value ?? null, numerator: o.numerator ?? null, denominator: o.denominator ?? null, status: o.status ?? null }));
  const current = demo.areas.filter((a) => a.level === "kommune" && !a.validTo).map((a) => a.code);
  const years = [...new Set(demo.observations.map((o) => o.period))].sort();

  it("gives the reform kommuner a full series, old Haram's own before 2020, estimated only while old Ålesund existed, and leaves the others as published", () => {
    const raw = kommuneRows("low_income_persistent");
    // The names the worker passes (areas.name_nb): 1580 Haram re-establishes 1534 Haram.
    const names = new Map(demo.areas.map((a) => [a.code, a.nameNb]));
    const graph = changeGraph(demo.changes.map((c) => ({ ...c, weight: c.weight ?? 1 })), names);
    const points = harmonise({ unit: "percent", observations: raw, changes: graph, currentCodes: current });
    for (const code of ["1508", "1580"]) {
      const series = points.filter((p) => p.areaCode === code);
      expect(series.map((p) => p.period)).toEqual(years);
      expect(series.filter((p) => p.estimated).map((p) => p.period)).toEqual(years.filter((y) => y >= 2020 && y < 2024));
      expect(series.every((p) => p.value !== null)).toBe(true);
    }
    // Before 2020 Haram is old Haram, and Ålesund the other four kommuner pooled.
    const own1534 = raw.find((o) => o.areaCode === "1534" && o.period === 2015)!;
    expect(find(points, "1580", 2015)).toMatchObject({ value: own1534.value, numerator: own1534.numerator, denominator: own1534.denominator, estimated: false });
    const old = raw.filter((o) => o.period === 2015 && ["1504", "1523", "1529", "1546"].includes(o.areaCode));
    const pooled = (100 * old.reduce((s, o) => s + o.numerator!, 0)) / old.reduce((s, o) => s + o.denominator!, 0);
    expect(find(points, "1508", 2015)!.value).toBeCloseTo(pooled, 9);
    const byKey = new Map(raw.map((o) => [`${o.areaCode}|${o.period}`, o]));
    for (const p of points.filter((p) => !["1508", "1580"].includes(p.areaCode))) {
      const o = byKey.get(`${p.areaCode}|${p.period}`)!;
      expect([p.value, p.status, p.estimated]).toEqual([o.value, o.status, false]);
    }
  });
});
