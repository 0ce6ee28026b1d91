import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AreaBody, ChildrenResponse, SegregationBody } from "../../worker/api/schemas";
import { DEFAULT_COMPOSITE } from "../../worker/stats/composite";
import { seedDemo } from "./demo-seed";
import { get, recomputeNow } from "./fixtures";

/**
 * Derived figures against an attacker who holds every served figure (issue #16, item 3): the
 * composite index and the location quotients, fetched over HTTP from the real worker on the
 * synthetic demo, are put through the reconstructions an independent recomputation used, and
 * must give back no hidden cell and no exact count. The attacker's arithmetic is written out
 * here, independently of worker/stats.
 */

type Area = { code: string; level: string; parent: string | null };
let current: Area[] = [];

beforeAll(async () => {
  await seedDemo();
  await recomputeNow();
  const rows = await env.DB.prepare("SELECT code, level, parent_code AS parent FROM areas WHERE valid_to IS NULL ORDER BY code").all<Area>();
  current = rows.results;
}, 300_000);

const json = async <T>(path: string): Promise<T> => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

/** What an attacker reads off the maps: every child's served value of one indicator in one year. */
async function served(parents: string[], indicator: string, period: number): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  for (const parent of parents) {
    const res = await get(`/api/v1/areas/${parent}/children?indicator=${indicator}&period=${period}`);
    if (res.status !== 200) continue;
    for (const c of ((await res.json()) as ChildrenResponse).children) out.set(c.code, c.value);
  }
  return out;
}

/** The raw figure as imported, which the attacker tries to recover. */
async function raw(code: string, indicator: string, period: number) {
  return env.DB.prepare("SELECT value, numerator, denominator, status FROM observations WHERE area_code = ? AND indicator_id = ? AND period = ?")
    .bind(code, indicator, period)
    .first<{ value: number | null; numerator: number | null; denominator: number | null; status: string | null }>();
}

const meanSd = (xs: number[]) => {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) };
};

describe("composite index against reconstruction", () => {
  it("every served grunnkrets status index is the index of the shown values alone, so no hidden input can be solved from it; too few shown values give no index", async () => {
    const grunnkretser = current.filter((a) => a.level === "grunnkrets");
    const frames = new Map<string, AreaBody["composite"]>();
    for (const g of grunnkretser) frames.set(g.code, (await json<AreaBody>(`/api/v1/areas/${g.code}`)).composite ?? null);
    const periods = [...frames.values()].filter((c) => c?.status.index != null).map((c) => c!.period);
    const period = Math.max(...periods);
    const parents = [...new Set(grunnkretser.map((g) => g.parent!))];
    const ids = DEFAULT_COMPOSITE.status;
    const values = new Map<string, Map<string, number | null>>();
    for (const id of ids) values.set(id, await served(parents, id, period));

    // The attacker's reference distributions: the shown values of every grunnkrets.
    const z = new Map<string, (number | null)[]>();
    const refs = ids.map((id) => meanSd([...values.get(id)!.values()].filter((v): v is number => v !== null)));
    for (const g of grunnkretser) z.set(g.code, ids.map((id, k) => { const v = values.get(id)!.get(g.code); return v == null ? null : (v - refs[k]!.mean) / refs[k]!.sd; }));
    const minStatus = Math.ceil((2 * ids.length) / 3);
    const scores = new Map<string, number>();
    for (const [code, zs] of z) {
      const shown = zs.filter((x): x is number => x !== null);
      if (shown.length >= minStatus) scores.set(code, shown.reduce((s, x) => s + x, 0) / shown.length);
    }
    const level = meanSd([...scores.values()]);

    let checked = 0;
    let allHidden = 0;
    const mismatched: string[] = [];
    for (const g of grunnkretser) {
      const frame = frames.get(g.code);
      const indexed = frame?.period === period && frame.status.index !== null;
      const shownCount = z.get(g.code)!.filter((x) => x !== null).length;
      if (shownCount === 0 && ids.every((id) => values.get(id)!.has(g.code))) allHidden++;
      if (shownCount < minStatus) {
        // Nothing (or too little) shown: no index that year, whatever the hidden values were.
        expect(indexed, `${g.code} has ${shownCount} shown status values`).toBe(false);
        continue;
      }
      if (!indexed) continue;
      checked++;
      const expected = (scores.get(g.code)! - level.mean) / level.sd;
      // Served with two decimals (half a hundredth), from values the maps may show rounded to
      // one decimal (at most ~0.02 on the index); one hidden input more or less moves it by far more.
      if (Math.abs(frame!.status.index! - expected) > 0.03) mismatched.push(`${g.code}: served ${frame!.status.index}, shown values give ${expected.toFixed(4)}`);
    }
    expect(checked).toBeGreaterThan(50);
    expect(mismatched).toEqual([]);
    // The demo has grunnkretser whose status values are all hidden, and they get no index.
    expect(allHidden).toBeGreaterThan(0);
  }, 240_000);

  it("serves indices with at most two decimals", async () => {
    for (const code of current.filter((a) => a.level === "kommune").map((a) => a.code).slice(0, 40)) {
      const c = (await json<AreaBody>(`/api/v1/areas/${code}`)).composite;
      for (const x of [c?.status.index, c?.dynamics.index]) if (x != null) expect(Math.round(x * 100) / 100, code).toBe(x);
    }
  }, 120_000);
});

type Seg = SegregationBody & { snapshot: number };

/**
 * LQ · parent share · population = the unit's group count, up to the LQ's rounding. The rule
 * of how many decimals a quotient gets is public (worker/stats/segregation/served.ts), so the
 * attacker applies it too; a count is recovered when exactly one whole number fits, and it is
 * the true one.
 */
function recovered(lq: number, share: number, population: number, truth: number): boolean {
  const decimals = (share * population) / 100 >= 2 ? 2 : 1;
  const half = 0.5 * 10 ** -decimals;
  const lo = Math.ceil((lq - half) * share * population - 1e-9);
  const hi = Math.floor((lq + half) * share * population + 1e-9);
  return lo === hi && lo === truth;
}

describe("location quotients against reconstruction", () => {
  it("LQ × the parent's share × population gives back no exact group count, for grunnkretser and kommuner of any size", async () => {
    const parents = ["0", ...current.filter((a) => a.level === "kommune").map((a) => a.code)];
    let tried = 0;
    const exact: string[] = [];
    for (const parent of parents) {
      const res = await get(`/api/v1/segregation/${parent}?grouping=immigrant`);
      if (res.status !== 200) continue;
      const body = (await res.json()) as Seg;
      const lqs = body.locationQuotients;
      if (!lqs) continue;
      const entry = body.series.find((s) => s.period === lqs.period)!;
      for (const u of lqs.units) {
        if (u.lq === null) continue;
        const truth = await raw(u.code, "immigrant_share", lqs.period);
        if (!truth || truth.numerator === null || truth.denominator === null) continue;
        tried++;
        if (recovered(u.lq, entry.groupShare, truth.denominator, truth.numerator)) exact.push(`${parent}/${u.code}: ${truth.numerator} of ${truth.denominator}`);
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(exact).toEqual([]);
  }, 240_000);
});

describe("segregation levels read the same protected counts", () => {
  it("a grunnkrets cell the cards hide (complementary suppression) is left out of its kommune's index, as hidden kommune cells are out of Norway's", async () => {
    const grunnkretser = current.filter((a) => a.level === "grunnkrets");
    const kommuner = current.filter((a) => a.level === "kommune");
    const norway = await json<Seg>("/api/v1/segregation/0?grouping=immigrant");
    const period = norway.series[norway.series.length - 1]!.period;
    const shownKommuner = await served(current.filter((a) => a.level === "fylke").map((a) => a.code), "immigrant_share", period);
    expect(norway.series.at(-1)!.units).toBe([...shownKommuner.values()].filter((v) => v !== null).length);

    let hiddenByUs = 0;
    for (const k of kommuner) {
      const res = await get(`/api/v1/segregation/${k.code}?grouping=immigrant&from=${period}&to=${period}`);
      if (res.status !== 200) continue;
      const entry = ((await res.json()) as Seg).series[0];
      if (!entry) continue;
      const mine = grunnkretser.filter((g) => g.code.startsWith(k.code));
      const maps = await served([...new Set(mine.map((g) => g.parent!))], "immigrant_share", period);
      const shown = mine.filter((g) => maps.get(g.code) != null);
      for (const g of mine) {
        if (maps.get(g.code) != null) continue;
        const r = await raw(g.code, "immigrant_share", period);
        // Published and above every threshold, hidden only to protect a neighbour.
        if (r && r.status === null && r.numerator !== null && r.numerator >= 5 && r.denominator !== null && r.denominator >= 20) hiddenByUs++;
      }
      expect(entry.units, k.code).toBe(shown.length);
    }
    expect(hiddenByUs).toBeGreaterThan(0);
  }, 240_000);
});
