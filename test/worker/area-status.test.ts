import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULE_SET_ID, SHIPPED_RULE_SETS } from "../../db/rulesets";
import { areas, indicators, observations, sources, type NewArea, type NewIndicator } from "../../db/schema";
import type { AreaBody } from "../../worker/api/schemas";
import { chunkForInsert } from "../../worker/lib/batch";
import { makeDb } from "../../worker/lib/create-app";
import type { Classification } from "../../worker/stats/classify";
import { get, recomputeNow } from "./fixtures";

/**
 * What the area page's status block reads from GET /api/v1/areas/:code: every rule set's result,
 * the default composite index's interval and place among the level's areas, the level's
 * distribution, and (for a grunnkrets) its bydel as a comparison on its cards.
 *
 * Eight grunnkretser in two bydeler of one kommune, with two of the default index's indicators
 * (so both are needed: two thirds of two, rounded up), shares with counts in 2019 and 2024, and
 * a population figure in 2025 alone, a year in which no criterion can be evaluated.
 */
const area = (code: string, level: NewArea["level"], parentCode: string | null, nameNb: string): NewArea => ({
  code, level, parentCode, nameNb, validFrom: "2024-01-01",
});

const GRUNNKRETSER: { code: string; bydel: string; people: number; rates: [number, number] }[] = [
  { code: "03010101", bydel: "030101", people: 400, rates: [4, 12] },
  { code: "03010102", bydel: "030101", people: 4000, rates: [9, 20] },
  { code: "03010103", bydel: "030101", people: 900, rates: [3, 8] },
  { code: "03010104", bydel: "030101", people: 1200, rates: [6, 15] },
  { code: "03010201", bydel: "030102", people: 400, rates: [9.25, 20.25] },
  { code: "03010202", bydel: "030102", people: 700, rates: [2, 9] },
  { code: "03010203", bydel: "030102", people: 1500, rates: [5, 10] },
  { code: "03010204", bydel: "030102", people: 2600, rates: [7, 18] },
];

const AREAS: NewArea[] = [
  area("0", "country", null, "Norge"),
  area("03", "fylke", "0", "Oslo"),
  area("0301", "kommune", "03", "Oslo"),
  area("030101", "bydel", "0301", "Gamle Oslo"),
  area("030102", "bydel", "0301", "Grünerløkka"),
  ...GRUNNKRETSER.map((g) => area(g.code, "grunnkrets", g.bydel, `Krets ${g.code.slice(-3)}`)),
];

const IDS = ["social_assistance", "not_in_work"] as const;
const indicator = (id: string, unit: NewIndicator["unit"], direction: NewIndicator["direction"]): NewIndicator => ({
  id, nameNb: id, nameEn: id, unit, direction, source: "Test", definitionNb: id, definitionEn: id, finestLevel: "grunnkrets",
});
const INDICATORS = [indicator("population", "count", "neutral"), ...IDS.map((id) => indicator(id, "percent", "higher_worse"))];

type Obs = typeof observations.$inferInsert;
const shareRow = (areaCode: string, indicatorId: string, period: number, numerator: number, denominator: number): Obs => ({
  areaCode, indicatorId, period, numerator, denominator, value: Math.round((1000 * numerator) / denominator) / 10, sourceId: "test",
});

function rows(): Obs[] {
  const out: Obs[] = [];
  const totals = new Map<string, { people: number; counts: number[] }>();
  const add = (code: string, people: number, counts: number[]) => {
    const t = totals.get(code) ?? { people: 0, counts: IDS.map(() => 0) };
    t.people += people;
    counts.forEach((c, k) => (t.counts[k]! += c));
    totals.set(code, t);
  };
  for (const year of [2019, 2024]) {
    totals.clear();
    for (const g of GRUNNKRETSER) {
      out.push({ areaCode: g.code, indicatorId: "population", period: year, value: g.people, sourceId: "test" });
      // 2019 a little lower, different per area, so the dynamics index has changes to compare.
      const counts = g.rates.map((r, k) => Math.round(((r - (year === 2019 ? (k + Number(g.code.slice(-1))) % 3 : 0)) / 100) * g.people));
      IDS.forEach((id, k) => out.push(shareRow(g.code, id, year, counts[k]!, g.people)));
      for (const parent of [g.bydel, "0301"]) add(parent, g.people, counts);
    }
    // The country is the kommune and the rest of Norway, with lower shares.
    add("0", 5_000_000, [150_000, 500_000]);
    add("0", totals.get("0301")!.people, totals.get("0301")!.counts);
    for (const [code, t] of totals) {
      out.push({ areaCode: code, indicatorId: "population", period: year, value: t.people, sourceId: "test" });
      IDS.forEach((id, k) => out.push(shareRow(code, id, year, t.counts[k]!, t.people)));
    }
  }
  // A newer year with population alone: nothing in it can be classified.
  for (const g of GRUNNKRETSER) out.push({ areaCode: g.code, indicatorId: "population", period: 2025, value: g.people, sourceId: "test" });
  return out;
}

const body = async (code: string) => {
  const res = await get(`/api/v1/areas/${code}`);
  expect(res.status, code).toBe(200);
  return (await res.json()) as AreaBody;
};

beforeAll(async () => {
  const db = makeDb(env.DB);
  const statements = [
    ...chunkForInsert(AREAS, 11).map((r) => db.insert(areas).values(r)),
    db.insert(indicators).values(INDICATORS),
    db.insert(sources).values([{ id: "test", name: "Test", publisher: "Test", licence: "CC BY 4.0", priority: 100 }]),
    ...chunkForInsert(rows(), 8).map((r) => db.insert(observations).values(r)),
  ];
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  await recomputeNow();
}, 120_000);

describe("GET /api/v1/areas/:code: every rule set's result", () => {
  it("lists each shipped rule set once for a grunnkrets, the default first, each criterion with value, threshold and flags", async () => {
    const b = await body("03010102");
    const results = b.classifications as Classification[];
    expect(results.map((c) => c.ruleSet.id).sort()).toEqual(SHIPPED_RULE_SETS.map((r) => r.id).sort());
    expect(results[0]!.ruleSet.id).toBe(DEFAULT_RULE_SET_ID);
    // The default entry is the `classification` the frame had before.
    expect(b.classification).toEqual(results[0]);
    const social = results[0]!.criteria.find((c) => c.id === "social_assistance")!;
    expect(social.reason).toBeNull();
    expect(social.value).toBe(9);
    // 2 × the national share, and 9 % is well above it.
    expect(social.threshold).toBeGreaterThan(5);
    expect(social.threshold).toBeLessThan(7);
    expect(social.met).toBe(true);
    expect(typeof social.borderline).toBe("boolean");
  });

  it("shows the latest year in which a criterion could be evaluated, not a newer year with population alone", async () => {
    const b = await body("03010101");
    for (const c of b.classifications as Classification[]) {
      if (c.scale) continue;
      expect(c.period, c.ruleSet.id).toBe(2024);
    }
  });

  it("gives a kommune, which no shipped rule set evaluates, an empty list", async () => {
    expect((await body("0301")).classifications).toEqual([]);
  });
});

describe("GET /api/v1/areas/:code: the composite index's interval and place", () => {
  it("places each grunnkrets's status index among the other grunnkretser as the percent below it", async () => {
    const frames = await Promise.all(GRUNNKRETSER.map((g) => body(g.code)));
    const indices = frames.map((f) => f.composite!.status.index!);
    expect(new Set(indices).size).toBe(indices.length);
    frames.forEach((f, i) => {
      const others = indices.filter((_, j) => j !== i);
      const expected = Math.floor((100 * others.filter((x) => x < indices[i]!).length) / others.length);
      expect(f.composite!.status.position, f.area.code).toMatchObject({ percentBelow: expected, of: GRUNNKRETSER.length });
      expect(f.composite!.period).toBe(2024);
    });
  });

  it("gives each index an interval that holds it, and the interval's ends a place that brackets the index's", async () => {
    for (const g of GRUNNKRETSER) {
      const { status, dynamics } = (await body(g.code)).composite!;
      expect(status.index, g.code).not.toBeNull();
      // A dynamics index needs both years' figures, which protection may hide in 2019.
      for (const part of [status, dynamics].filter((p) => p.index !== null)) {
        expect(part.interval!.low, g.code).toBeLessThan(part.index!);
        expect(part.interval!.high, g.code).toBeGreaterThan(part.index!);
        expect(part.position!.low).toBeLessThanOrEqual(part.position!.percentBelow);
        expect(part.position!.high).toBeGreaterThanOrEqual(part.position!.percentBelow);
      }
    }
  });

  it("makes the interval narrower for a grunnkrets with ten times the residents and almost the same shares", async () => {
    const width = (b: AreaBody) => b.composite!.status.interval!.high - b.composite!.status.interval!.low;
    // 03010102: 4,000 residents at 9 % and 20 %; 03010201: 400 at 9.25 % and 20.25 %.
    expect(width(await body("03010102"))).toBeLessThan(width(await body("03010201")) / 2);
  });

  it("carries the level's distribution: how many grunnkretser have an index, and deciles from the lowest to the highest", async () => {
    const frames = await Promise.all(GRUNNKRETSER.map((g) => body(g.code)));
    const indices = frames.map((f) => f.composite!.status.index!).sort((a, b) => a - b);
    const dist = frames[0]!.composite!.distribution!;
    expect(dist.status.n).toBe(GRUNNKRETSER.length);
    expect(dist.status.deciles).toHaveLength(11);
    expect(dist.status.deciles[0]).toBeCloseTo(indices[0]!, 2);
    expect(dist.status.deciles[10]).toBeCloseTo(indices[indices.length - 1]!, 2);
    expect([...dist.status.deciles].sort((a, b) => a - b)).toEqual(dist.status.deciles);
    // The same for every area of the level.
    for (const f of frames) expect(f.composite!.distribution).toEqual(dist);
  });
});

describe("GET /api/v1/areas/:code: a grunnkrets is compared with its bydel", () => {
  it("names the bydel and puts the bydel's value of the same period on each card", async () => {
    const [krets, bydel] = [await body("03010201"), await body("030102")];
    expect(krets.bydel).toEqual({ code: "030102", level: "bydel", name: "Grünerløkka" });
    for (const id of IDS) {
      const card = krets.cards.find((c) => c.indicator === id)!;
      const own = bydel.cards.find((c) => c.indicator === id)!;
      expect(card.bydel, id).toEqual(own.latest);
      expect(card.bydel!.period).toBe(card.latest!.period);
    }
  });

  it("gives no bydel comparison to a bydel or a kommune", async () => {
    for (const code of ["030102", "0301"]) {
      const b = await body(code);
      expect(b.bydel ?? null, code).toBeNull();
      for (const card of b.cards) expect(card, `${code} ${card.indicator}`).not.toHaveProperty("bydel");
    }
  });
});
