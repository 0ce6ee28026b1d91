import { describe, expect, it } from "vitest";
import type { Observation } from "../../db/schema";
import { buildCard } from "../../worker/stats/cards";

const obs = (period: number, numerator: number | null, denominator: number | null, status: Observation["status"] = null): Observation => ({
  areaCode: "x", indicatorId: "low_income", period, numerator, denominator, status, sourceId: null,
  value: numerator !== null && denominator ? Math.round((1000 * numerator) / denominator) / 10 : null,
});
const ind = { id: "low_income", unit: "percent" as const };

describe("buildCard", () => {
  it("takes the latest shown value, the value five years before and the comparisons of the same year", () => {
    const own = [2018, 2019, 2020, 2021, 2022, 2023, 2024].map((y) => obs(y, 100 + (y - 2018) * 20, 1000));
    const card = buildCard(ind, own, [obs(2024, 50, 1000)], [obs(2023, 10, 100), obs(2024, 11, 100)])!;
    expect(card.latest).toEqual({ period: 2024, value: 22, status: null });
    expect(card.change5y).toEqual({ from: 2019, to: 2024, delta: 10 });
    expect(card.municipality).toEqual({ period: 2024, value: 5, status: null });
    expect(card.norway).toEqual({ period: 2024, value: 11, status: null });
    expect(card.trend).toBe("rising");
  });

  it("gives no change when the base year is suppressed, and never a number for it", () => {
    const card = buildCard(ind, [obs(2019, 3, 50), obs(2024, 30, 50)], undefined, undefined)!;
    expect(card.series[0]).toEqual({ period: 2019, value: null, status: ":" });
    expect(card.change5y).toEqual({ from: 2019, to: 2024, delta: null });
    expect(card.trend).toBe("unknown");
  });

  it("returns no card for an indicator without observations", () => {
    expect(buildCard(ind, [], undefined, undefined)).toBeNull();
  });
});
