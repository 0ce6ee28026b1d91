import { describe, expect, it } from "vitest";
import type { Card } from "../../worker/api/schemas";
import { largestClearChanges, pickKeyIndicators } from "../../worker/stats/overview";

const ind = (id: string, unit: "percent" | "count" | "per1000" = "percent") => ({ id, unit, direction: "neutral" as const, periodSpan: 1 });

describe("pickKeyIndicators", () => {
  it("offers the key figures with data, newest period first, never counts, at most five", () => {
    const catalogue = [ind("population", "count"), ind("share_67plus"), ind("low_income_persistent"), ind("immigrants"), ind("crime_per_1000", "per1000"), ind("share_0_17"), ind("unemployment"), ind("something_else")];
    const newest = { population: 2026, share_67plus: 2024, low_income_persistent: 2013, immigrants: 2022, crime_per_1000: 2017, share_0_17: 2024, something_else: 2025 };
    // unemployment has no data; population is a count; something_else is not a key figure.
    expect(pickKeyIndicators(catalogue, newest).map((i) => i.id)).toEqual(["share_0_17", "share_67plus", "immigrants", "crime_per_1000", "low_income_persistent"]);
  });
});

describe("largestClearChanges", () => {
  const card = (delta: number | null, trend: Card["trend"], from = 10, to = 10 + (delta ?? 0)): Card => ({
    indicator: "x",
    unit: "percent",
    periodSpan: 1,
    latest: { period: 2024, periodLabel: "2024", value: to, status: null },
    series: [
      { period: 2019, periodLabel: "2019", value: from, status: null },
      { period: 2024, periodLabel: "2024", value: to, status: null },
    ],
    municipality: null,
    norway: null,
    change5y: { from: 2019, to: 2024, delta, fromLabel: "2019", toLabel: "2024" },
    trend,
  });
  it("lists only changes the card calls clear, largest first whichever their sign", () => {
    const cards: Record<string, Card> = { a: card(1, "rising"), b: card(-5, "falling"), c: card(9, "stable"), d: card(3, "rising"), e: card(-2, "unknown"), f: card(null, "not_comparable") };
    const kommuner = Object.keys(cards).map((code) => ({ code, level: "kommune" as const, name: code.toUpperCase() }));
    const out = largestClearChanges(kommuner, (code) => cards[code]);
    expect(out.map((k) => [k.code, k.delta, k.trend])).toEqual([["b", -5, "falling"], ["d", 3, "rising"], ["a", 1, "rising"]]);
    expect(out[0]).toMatchObject({ from: { period: 2019, value: 10 }, to: { period: 2024, value: 5 } });
  });
});
