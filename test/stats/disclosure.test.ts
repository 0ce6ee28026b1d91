import { describe, expect, it } from "vitest";
import { disclose, type RawValue } from "../../worker/stats/disclosure";

const raw = (value: number | null, numerator: number | null = null, denominator: number | null = null, status: RawValue["status"] = null): RawValue => ({
  value, numerator, denominator, status,
});

describe("disclose (primary suppression)", () => {
  it.each([
    ["a count of 4", raw(4), "count", { value: null, status: ":" }],
    ["a count of 5", raw(5), "count", { value: 5, status: null }],
    ["a share with numerator 4", raw(10, 4, 40), "percent", { value: null, status: ":" }],
    ["a share with denominator 19", raw(50, 9, 19), "percent", { value: null, status: ":" }],
    ["a share with 5 of 20", raw(25, 5, 20), "percent", { value: 25, status: null }],
    ["an amount (no counts)", raw(512000), "nok", { value: 512000, status: null }],
    ["a source-confidential cell", raw(null, null, null, ":"), "percent", { value: null, status: ":" }],
    ["a missing cell", raw(null, null, null, ".."), "percent", { value: null, status: ".." }],
    ["a null value without status", raw(null), "percent", { value: null, status: ".." }],
    ["a not-applicable cell that carries a number", raw(3, null, null, "."), "count", { value: null, status: "." }],
  ])("%s", (_, input, unit, expected) => {
    expect(disclose(input, unit)).toEqual(expected);
  });

  it("takes its thresholds from configuration", () => {
    expect(disclose(raw(12, 8, 100), "percent", { minCount: 10, minDenominator: 20 })).toEqual({ value: null, status: ":" });
  });
});
