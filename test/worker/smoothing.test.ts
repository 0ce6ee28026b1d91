import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AreaBody } from "../../worker/api/schemas";
import { loadContext } from "../../worker/jobs/context";
import { pooledKey, pooledSpread } from "../../worker/jobs/steps/smoothing";
import { makeDb } from "../../worker/lib/create-app";
import { fitSpread } from "../../worker/stats/shrinkage";
import { get, observationRows, recomputeNow, seed } from "./fixtures";

beforeAll(async () => {
  await seed();
  await recomputeNow();
});

describe("the smoothing prior's national fit", () => {
  it("is made by SQLite from every grunnkrets of the country, each around its own published parent, exactly as fitSpread makes it", async () => {
    const ctx = await loadContext(makeDb(env.DB), { mode: "full", reason: "test" });
    const fits = await pooledSpread(makeDb(env.DB), ctx);
    const rows = observationRows().filter((r) => r.indicatorId === "low_income_persistent" && r.period === 2024);
    const of = (code: string) => rows.find((r) => r.areaCode === code)!;
    // The fixture's grunnkretser in 2024: three under the bydel Gamle Oslo, one under Tromsø.
    const units = [
      ["03010101", "030101"],
      ["03010102", "030101"],
      ["03010103", "030101"],
      ["55010101", "5501"],
    ].map(([child, parent]) => ({ x: of(child!).numerator!, n: of(child!).denominator!, mean: of(parent!).numerator! / of(parent!).denominator!, parentN: of(parent!).denominator! }));
    const expected = fitSpread(units)!;
    expect(fits.get(pooledKey("low_income_persistent", "grunnkrets"))).toBeCloseTo(expected.spread, 10);
    expect(expected.spread).toBeGreaterThan(0);
    // Counts and amounts are not smoothed.
    expect(fits.has(pooledKey("population", "grunnkrets"))).toBe(false);
  });

  it("gives a shown grunnkrets a smoothed value between its raw rate and its parent's", async () => {
    const body = (await (await get("/api/v1/areas/03010101")).json()) as AreaBody;
    const card = body.cards.find((c) => c.indicator === "low_income_persistent")!;
    const raw = card.latest!.value!;
    const parent = (await (await get("/api/v1/areas/030101")).json()) as AreaBody;
    const parentValue = parent.cards.find((c) => c.indicator === "low_income_persistent")!.latest!.value!;
    expect(card.smoothed).not.toBeNull();
    expect(card.smoothed!.weight).toBeGreaterThan(0);
    expect(card.smoothed!.value).toBeGreaterThanOrEqual(Math.min(raw, parentValue) - 0.05);
    expect(card.smoothed!.value).toBeLessThanOrEqual(Math.max(raw, parentValue) + 0.05);
  });
});
