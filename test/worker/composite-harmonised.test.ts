import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { areaChanges, areas, indicators, observations, sources, type NewArea, type NewIndicator } from "../../db/schema";
import type { AreaBody } from "../../worker/api/schemas";
import { chunkForInsert } from "../../worker/lib/batch";
import { makeDb } from "../../worker/lib/create-app";
import { get, recomputeNow } from "./fixtures";

/**
 * The composite index reads the series the cards serve, harmonised to today's codes: Ålesund
 * (1507, 2020–2023) was split in 2024 into 1508 Ålesund and 1580 Haram, whose cards carry 2019
 * values estimated from 1507's. Their dynamics index (2019 → 2024) needs those values; read from
 * the observations as published, they have none for 2019.
 */
const area = (code: string, level: NewArea["level"], parentCode: string | null, nameNb: string, extra: Partial<NewArea> = {}): NewArea => ({
  code, level, parentCode, nameNb, validFrom: "2024-01-01", ...extra,
});

const AREAS: NewArea[] = [
  area("0", "country", null, "Norge"),
  area("15", "fylke", "0", "Møre og Romsdal"),
  area("1507", "kommune", "15", "Ålesund", { validFrom: "2020-01-01", validTo: "2023-12-31" }),
  area("1508", "kommune", "15", "Ålesund"),
  area("1580", "kommune", "15", "Haram"),
  area("46", "fylke", "0", "Vestland"),
  area("4601", "kommune", "46", "Bergen"),
  area("4602", "kommune", "46", "Kinn"),
  area("50", "fylke", "0", "Trøndelag"),
  area("5001", "kommune", "50", "Trondheim"),
  area("5006", "kommune", "50", "Steinkjer"),
];

const STATUS = ["social_assistance", "not_in_work", "basic_education", "crowded_housing"];
const indicator = (id: string, unit: NewIndicator["unit"], direction: NewIndicator["direction"]): NewIndicator => ({
  id, nameNb: id, nameEn: id, unit, direction, source: "Test", definitionNb: id, definitionEn: id, finestLevel: "kommune",
});
const INDICATORS = [indicator("population", "count", "neutral"), ...STATUS.map((id) => indicator(id, "percent", "higher_worse"))];

type Obs = typeof observations.$inferInsert;

function rows(): Obs[] {
  const out: Obs[] = [];
  const people: Record<string, number> = { "1507": 67000, "1508": 58000, "1580": 9300, "4601": 285000, "4602": 17000, "5001": 205000, "5006": 24000 };
  // Invented rates, different per kommune and indicator, each kommune's a little changed by 2024.
  const rate = (code: string, k: number, year: number) => 3 + ((Number(code) * (k + 3)) % 17) / 2 + (year === 2024 ? ((Number(code) + k) % 5) - 2 : 0);
  const add = (code: string, year: number) => {
    const population = people[code]!;
    out.push({ areaCode: code, indicatorId: "population", period: year, value: population, sourceId: "test" });
    STATUS.forEach((id, k) => {
      const numerator = Math.round((rate(code, k, year) / 100) * population);
      out.push({ areaCode: code, indicatorId: id, period: year, value: Math.round((1000 * numerator) / population) / 10, numerator, denominator: population, sourceId: "test" });
    });
  };
  for (const code of ["4601", "4602", "5001", "5006"]) for (const year of [2019, 2024]) add(code, year);
  // The old Ålesund for 2019, its successors from 2024 only.
  add("1507", 2019);
  add("1508", 2024);
  add("1580", 2024);
  return out;
}

beforeAll(async () => {
  const db = makeDb(env.DB);
  const statements = [
    ...chunkForInsert(AREAS, 11).map((r) => db.insert(areas).values(r)),
    db.insert(indicators).values(INDICATORS),
    db.insert(areaChanges).values([
      { oldCode: "1507", newCode: "1508", changedOn: "2024-01-01", weight: 0.86 },
      { oldCode: "1507", newCode: "1580", changedOn: "2024-01-01", weight: 0.14 },
    ]),
    ...chunkForInsert(rows(), 8).map((r) => db.insert(observations).values(r)),
    db.insert(sources).values([{ id: "test", name: "Test", publisher: "Test", licence: "CC BY 4.0", priority: 100 }]),
  ];
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  await recomputeNow();
});

describe("composite index on harmonised series", () => {
  it("gives 1508 and 1580, split from 1507 in 2024, a dynamics index from their cards' harmonised 2019 values", async () => {
    for (const code of ["1508", "1580"]) {
      const body = (await (await get(`/api/v1/areas/${code}`)).json()) as AreaBody;
      const card = body.cards.find((c) => c.indicator === "social_assistance")!;
      // The card has the estimated 2019 value the index reads.
      expect(card.series.find((p) => p.period === 2019)?.value, code).not.toBeNull();
      expect(body.composite, code).toMatchObject({ period: 2024, dynamics: { from: 2019, reason: null } });
      expect(body.composite!.status.index, code).not.toBeNull();
      expect(body.composite!.dynamics.index, code).not.toBeNull();
    }
    // The kommuner that were never split have one as well.
    const bergen = (await (await get("/api/v1/areas/4601")).json()) as AreaBody;
    expect(bergen.composite!.dynamics.index).not.toBeNull();
  });
});
