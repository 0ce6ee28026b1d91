import { describe, expect, it } from "vitest";
import { DERIVED, DERIVED_INPUTS, type DerivedDefinition } from "../../db/derived";
import { deriveObservations, strongerStatus, type InputObservation } from "../../worker/stats/derive";

const byId = (id: string) => DERIVED.find((d) => d.id === id)!;
const count = (value: number): InputObservation => ({ value, numerator: null, denominator: null, status: null });
const rate = (value: number, numerator: number | null = null, denominator: number | null = null): InputObservation => ({ value, numerator, denominator, status: null });
const hidden = (status: ":" | ".." | "."): InputObservation => ({ value: null, numerator: null, denominator: null, status });
const derive = (def: DerivedDefinition, inputs: Record<string, InputObservation>) => deriveObservations([def], new Map(Object.entries(inputs)));

describe("ratio: count / population × 100 with both counts kept", () => {
  const share = byId("share_0_17");

  it("divides the two counts of the same cell (hand-computed: 1 234 of 6 170 = 20 %)", () => {
    expect(derive(share, { population_0_17: count(1234), population: count(6170) })).toEqual([
      { indicatorId: "share_0_17", value: 20, numerator: 1234, denominator: 6170, status: null },
    ]);
  });

  it("gives no row when either count is absent from the cell", () => {
    expect(derive(share, { population: count(6170) })).toEqual([]);
    expect(derive(share, { population_0_17: count(1234) })).toEqual([]);
  });

  it("carries the stronger status of its inputs: : over .. over .", () => {
    const status = (a: InputObservation, b: InputObservation) => derive(share, { population_0_17: a, population: b })[0]!.status;
    expect(status(hidden(":"), count(100))).toBe(":");
    expect(status(count(10), hidden(".."))).toBe("..");
    expect(status(hidden("."), hidden(".."))).toBe("..");
    expect(status(hidden(".."), hidden(":"))).toBe(":");
    expect(status(hidden("."), count(100))).toBe(".");
    // A status never travels with a number.
    expect(derive(share, { population_0_17: hidden(":"), population: count(100) })[0]).toEqual({ indicatorId: "share_0_17", value: null, numerator: null, denominator: null, status: ":" });
  });

  it("says not applicable where nobody lives and missing where the count exceeds its population", () => {
    expect(derive(share, { population_0_17: count(0), population: count(0) })[0]!.status).toBe(".");
    expect(derive(share, { population_0_17: count(12), population: count(10) })[0]!.status).toBe("..");
  });

  it("keeps a small count: disclosure control is the recompute's, on the stored counts", () => {
    expect(derive(share, { population_0_17: count(3), population: count(15) })[0]).toMatchObject({ value: 20, numerator: 3, denominator: 15, status: null });
  });

  it("derives every definition whose inputs the cell has, and only those", () => {
    const out = deriveObservations(DERIVED, new Map([
      ["population", count(200)],
      ["population_0_17", count(50)],
      ["population_67plus", count(30)],
      ["immigrants_count", count(40)],
    ]));
    expect(out.map((o) => [o.indicatorId, o.value])).toEqual([
      ["share_0_17", 25],
      ["share_67plus", 15],
      ["immigrants", 20],
    ]);
  });
});

describe("difference: immigrants' rate minus the rest's, in percentage points", () => {
  const gap = byId("low_income_persistent_gap");

  it("subtracts the rest from the immigrants (hand-computed: 27.2 − 13.1 = 14.1 points, no float noise)", () => {
    expect(derive(gap, { low_income_persistent_immigrants: rate(27.2), low_income_persistent_rest: rate(13.1) })).toEqual([
      { indicatorId: "low_income_persistent_gap", value: 14.1, numerator: null, denominator: null, status: null },
    ]);
    expect(derive(byId("employment_rate_gap"), { employment_rate_immigrants: rate(61.5), employment_rate_rest: rate(69.8) })[0]!.value).toBe(-8.3);
  });

  it("is missing when one input is absent, and absent when both are", () => {
    expect(derive(gap, { low_income_persistent_immigrants: rate(27.2) })[0]).toMatchObject({ value: null, status: ".." });
    expect(derive(gap, {})).toEqual([]);
  });

  it("takes the stronger status of its inputs", () => {
    const status = (a: InputObservation, b: InputObservation) => derive(gap, { low_income_persistent_immigrants: a, low_income_persistent_rest: b })[0]!.status;
    expect(status(hidden(":"), rate(13.1))).toBe(":");
    expect(status(rate(27.2), hidden(".."))).toBe("..");
    expect(status(hidden(".."), hidden(":"))).toBe(":");
    expect(status(hidden("."), hidden("."))).toBe(".");
    expect(status(hidden("."), hidden(".."))).toBe("..");
  });

  it("hides the gap when an input would itself be hidden when shown (gap + the other rate would reveal it)", () => {
    // 3 of 12 immigrants: numerator below 5 and denominator below 20.
    expect(derive(gap, { low_income_persistent_immigrants: rate(25, 3, 12), low_income_persistent_rest: rate(13.1, 131, 1000) })[0]!.status).toBe(":");
    expect(derive(gap, { low_income_persistent_immigrants: rate(25, 30, 120), low_income_persistent_rest: rate(13.1, 131, 1000) })[0]).toMatchObject({ value: 11.9, status: null });
  });
});

describe("strongerStatus", () => {
  it("orders : above .. above . and null below all", () => {
    expect(strongerStatus(null, null)).toBeNull();
    expect(strongerStatus(null, ".")).toBe(".");
    expect(strongerStatus("..", ".")).toBe("..");
    expect(strongerStatus(".", ":")).toBe(":");
  });
});

describe("the definitions", () => {
  it("use the agreed indicator ids and units: shares in percent from counts, gaps in points", () => {
    expect(DERIVED.map((d) => [d.id, d.kind, d.inputs.join(" / "), d.indicator.unit])).toEqual([
      ["share_0_17", "ratio", "population_0_17 / population", "percent"],
      ["share_67plus", "ratio", "population_67plus / population", "percent"],
      ["immigrants", "ratio", "immigrants_count / population", "percent"],
      ["low_income_persistent_gap", "difference", "low_income_persistent_immigrants / low_income_persistent_rest", "points"],
      ["employment_rate_gap", "difference", "employment_rate_immigrants / employment_rate_rest", "points"],
      ["not_in_work_education_gap", "difference", "not_in_work_education_immigrants / not_in_work_education_rest", "points"],
    ]);
  });

  it("never feed one derived indicator into another (one pass derives everything)", () => {
    for (const d of DERIVED) expect(DERIVED_INPUTS.has(d.id), d.id).toBe(false);
  });

  it("name immigrants as first generation, never as immigrant background", () => {
    const immigrants = byId("immigrants").indicator;
    expect(immigrants.nameEn).toMatch(/first generation/);
    expect(immigrants.nameNb).toMatch(/første generasjon/);
  });
});
