import { beforeAll, describe, expect, it } from "vitest";
import type { AreaBody } from "../../worker/api/schemas";
import { AREAS, get, INDICATORS, observationRows, recomputeNow, seed } from "./fixtures";

beforeAll(async () => {
  await seed();
  await recomputeNow();
});

/** The disclosure rule restated independently of worker/stats, from DESIGN.md's defaults. */
function mustBeHidden(row: ReturnType<typeof observationRows>[number]) {
  const unit = INDICATORS.find((i) => i.id === row.indicatorId)!.unit;
  return (
    row.status === ":" ||
    (row.numerator != null && row.numerator < 5) ||
    (row.denominator != null && row.denominator < 20) ||
    (unit === "count" && row.value != null && row.value < 5)
  );
}

describe("disclosure control", () => {
  const hidden = observationRows().filter(mustBeHidden);

  it("the fixture really contains values that must be suppressed", () => {
    expect(new Set(hidden.map((r) => r.areaCode))).toEqual(new Set(["03010102", "55010101", "5610"]));
  });

  it("serves every suppressed value as null with status ':' in every card and series", async () => {
    for (const row of hidden) {
      const body = (await (await get(`/api/v1/areas/${row.areaCode}`)).json()) as AreaBody;
      const card = body.cards.find((c) => c.indicator === row.indicatorId)!;
      const point = card.series.find((p) => p.period === row.period)!;
      expect(point, `${row.areaCode} ${row.indicatorId} ${row.period}`).toEqual({ period: row.period, periodLabel: String(row.period), value: null, status: ":" });
    }
  });

  it("never shows a suppressed value through the latest value, comparison, change or trend", async () => {
    const body = (await (await get("/api/v1/areas/03010102")).json()) as AreaBody;
    for (const card of body.cards) {
      expect(card.latest?.value).toBeNull();
      expect(card.change5y?.delta ?? null).toBeNull();
      expect(card.trend).toBe("unknown");
    }
    // The raw share 3/40 = 7.5 % and the count 4 must not appear anywhere in the text.
    const text = JSON.stringify(body.cards);
    expect(text).not.toMatch(/7\.5|"value":4\b/);
  });

  it("never sends numerators or denominators, which would let a reader recompute hidden values", async () => {
    for (const area of AREAS) {
      const text = await (await get(`/api/v1/areas/${area.code}`)).text();
      expect(text).not.toMatch(/numerator|denominator/);
    }
  });

  it("keeps the source's own status symbols: missing stays '..', not 0", async () => {
    const body = (await (await get("/api/v1/areas/5610")).json()) as AreaBody;
    const series = body.cards.find((c) => c.indicator === "low_income_persistent")!.series;
    expect(series).toMatchObject([
      { period: 2022, value: 12, status: null },
      { period: 2023, value: null, status: ".." },
      { period: 2024, value: null, status: ":" },
    ]);
    // The latest shown value is the last real one, so the card is not empty.
    expect(body.cards.find((c) => c.indicator === "low_income_persistent")!.latest).toMatchObject({ period: 2022, value: 12, status: null });
  });
});
