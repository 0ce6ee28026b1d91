import { describe, expect, it } from "vitest";
import { isOld, OLD_AFTER_YEARS, tooShortForTrend } from "../../web/src/components/card/age";
import { buildCard } from "../../worker/stats/cards";

const newest = { newestPeriod: 2024 };

describe("isOld: a figure more than three years before the newest period is old", () => {
  it.each([
    [2024, false],
    [2021, false],
    [2020, true],
    [2013, true],
  ])("%i next to 2024 → %s", (period, old) => {
    expect(OLD_AFTER_YEARS).toBe(3);
    expect(isOld({ period }, newest)).toBe(old);
  });

  it("is never old without a point or without a newest period to measure against", () => {
    expect(isOld(null, newest)).toBe(false);
    expect(isOld({ period: 2013 }, null)).toBe(false);
    expect(isOld({ period: 2013 }, { newestPeriod: null })).toBe(false);
  });
});

describe("a single figure has no trend", () => {
  const point = (period: number, value: number | null) => ({ period, value, status: value === null ? (".." as const) : null, estimated: false, counts: null });

  it("counts shown values only: one value among missing years is still one", () => {
    expect(tooShortForTrend([{ value: 12 }])).toBe(true);
    expect(tooShortForTrend([{ value: null }, { value: 12 }, { value: null }])).toBe(true);
    expect(tooShortForTrend([{ value: 10 }, { value: 12 }])).toBe(false);
    expect(tooShortForTrend([])).toBe(true);
  });

  it("buildCard gives a single point no trend word and no change", () => {
    const card = buildCard({ id: "crime_per_1000", unit: "per1000" }, [point(2013, 71.2)], undefined, undefined)!;
    expect(card).toMatchObject({ trend: "unknown", change5y: null, latest: { period: 2013, value: 71.2 } });
    // A missing year five years before gives no change either.
    const gappy = buildCard({ id: "crime_per_1000", unit: "per1000" }, [point(2008, null), point(2013, 71.2)], undefined, undefined)!;
    expect(gappy.trend).toBe("unknown");
    expect(gappy.change5y?.delta ?? null).toBeNull();
  });
});
