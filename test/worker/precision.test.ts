import { beforeAll, describe, expect, it } from "vitest";
import type { AreaBody, Card, Point } from "../../worker/api/schemas";
import { bandEdges, DECIMALS, EXACT_FROM, PROTECTED_POPULATION, roundValue, servedInterval } from "../../worker/stats/precision";
import { rateScale } from "../../worker/stats/intervals";
import { solve, type Served } from "../stats/interval-solver";
import { seedDemo } from "./demo-seed";
import { get, recomputeNow } from "./fixtures";

/** Every area of the demo as served, walked from Norway down its children over HTTP. */
const bodies: AreaBody[] = [];

beforeAll(async () => {
  await seedDemo();
  await recomputeNow();
  const queue = ["0"];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const batch = queue.splice(0, 20);
    for (const body of await Promise.all(batch.map(async (code) => (await (await get(`/api/v1/areas/${code}`)).json()) as AreaBody))) {
      bodies.push(body);
      for (const child of body.children) if (!seen.has(child.code)) (seen.add(child.code), queue.push(child.code));
    }
  }
}, 600_000);

const pointsOf = (card: Card): Point[] => [...card.series, card.latest, card.municipality, card.norway].filter((p): p is Point => p !== null);
const decimalsOf = (x: number) => (Number.isInteger(x) ? 0 : String(x).split(".")[1]!.length);

/** What the cards serve for x of n, as the solver's black box. */
const serve = (unit: "percent" | "per1000") => (x: number, n: number): Served | null => {
  const value = roundValue((x / n) * rateScale(unit)!, unit);
  const ci = servedInterval(value, { numerator: x, denominator: n }, unit);
  return ci ? { value, low: ci.low, high: ci.high } : null;
};

describe("served precision of the demo, over HTTP", () => {
  it("walked the whole demo", () => {
    expect(bodies.length).toBeGreaterThan(700);
  });

  it("serves every value, bound and change at its unit's decimals, and no value outside its own interval", () => {
    const wrong: string[] = [];
    let intervals = 0;
    // Values split or merged across a reform (1580 Haram's from old Ålesund): served as 5.8734399947864055 before.
    let estimated = 0;
    for (const body of bodies) {
      for (const card of body.cards) {
        const d = DECIMALS[card.unit];
        const check = (what: string, x: number | null | undefined) => {
          if (x !== null && x !== undefined && decimalsOf(x) > d) wrong.push(`${body.area.code} ${card.indicator} ${what} ${x}`);
        };
        for (const p of pointsOf(card)) {
          check(`${p.period} value`, p.value);
          if (p.estimated && p.value !== null) estimated++;
          check(`${p.period} low`, p.low);
          check(`${p.period} high`, p.high);
          if (p.low !== undefined) {
            intervals++;
            if (!(p.value !== null && p.low <= p.value && p.value <= p.high!)) wrong.push(`${body.area.code} ${card.indicator} ${p.period}: ${p.value} outside [${p.low}, ${p.high}]`);
          }
        }
        check("change", card.change5y?.delta);
        check("smoothed", card.smoothed?.value);
      }
    }
    expect(intervals).toBeGreaterThan(10_000);
    expect(estimated).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });

  it(`recovers no exact count pair from any served share or rate of an area below ${PROTECTED_POPULATION} residents`, { timeout: 600_000 }, () => {
    // Distinct served figures: the solver's answer depends on nothing else.
    const figures = new Map<string, { unit: "percent" | "per1000"; seen: Served }>();
    let small = 0;
    for (const body of bodies) {
      const population = body.cards.find((c) => c.indicator === "population")?.latest?.value ?? null;
      if (population === null || population >= PROTECTED_POPULATION) continue;
      small++;
      for (const card of body.cards) {
        if (card.unit !== "percent" && card.unit !== "per1000") continue;
        for (const p of card.series) {
          if (p.value === null || p.low === undefined) continue;
          const seen = { value: p.value, low: p.low, high: p.high! };
          figures.set(`${card.unit}|${seen.value}|${seen.low}|${seen.high}`, { unit: card.unit, seen });
        }
      }
    }
    expect(small).toBeGreaterThan(500);
    expect(figures.size).toBeGreaterThan(1000);
    const recovered: string[] = [];
    for (const [key, { unit, seen }] of figures) {
      // As an attacker who read the method page: the bounds say which band the denominator lies
      // in, so the search starts at that band's lower edge (from 20 when none fits). Two pairs
      // found in part of the space prove the counts ambiguous; a full search would find more.
      const band = bandEdges(unit).find((e) => {
        const ci = servedInterval(seen.value, { numerator: 0, denominator: e }, unit);
        return ci?.low === seen.low && ci?.high === seen.high;
      });
      const found = solve(seen, unit, serve(unit), { minDenominator: band ?? 20, maxDenominator: EXACT_FROM - 1, stopAfter: 2 });
      if (found.length < 2) recovered.push(`${key}: ${JSON.stringify(found)}`);
    }
    expect(recovered).toEqual([]);
  });
});
