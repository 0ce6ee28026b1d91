import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_INITIATIVES } from "../../db/initiatives";
import { PLANTED_INITIATIVE } from "../../db/demo/geography";
import type { IndicatorFollowUp, InitiativeDetail, InitiativeList } from "../../worker/api/initiatives";
import { ADMIN, get, recomputeNow } from "./fixtures";
import { seedDemo } from "./demo-seed";

beforeAll(async () => {
  await seedDemo();
  await recomputeNow();
}, 240_000);

const detail = async (id: string) => {
  const res = await get(`/api/v1/initiatives/${id}`);
  expect(res.status).toBe(200);
  return { res, body: (await res.json()) as InitiativeDetail };
};
const estimated = (body: InitiativeDetail, indicator: string) => {
  const f = body.followUp.find((x) => x.indicator.id === indicator);
  if (!f || f.status !== "estimated") throw new Error(`${indicator}: not estimated`);
  return f as Extract<IndicatorFollowUp, { status: "estimated" }>;
};

describe("the synthetic initiatives on the demo", () => {
  it("are seeded, marked synthetic, and no documented example is seeded on invented areas", async () => {
    const body = (await (await get("/api/v1/initiatives")).json()) as InitiativeList;
    expect(body.initiatives.map((i) => i.id).sort()).toEqual(DEMO_INITIATIVES.map((i) => i.id).sort());
    expect(body.initiatives.every((i) => i.synthetic && !i.example)).toBe(true);
  });

  it("the registry's planted initiative is the one the demo generator plants", () => {
    const planted = DEMO_INITIATIVES.find((i) => i.id === "demo-nabolagsloftet")!;
    expect(planted.areas).toEqual([...PLANTED_INITIATIVE.bydeler]);
    expect(planted.startYear).toBe(PLANTED_INITIATIVE.from);
  });

  it("finds the planted fall in persistent low income: the interval lies below zero", async () => {
    const { body } = await detail("demo-nabolagsloftet");
    const f = estimated(body, "low_income_persistent");
    expect(f.windows).toEqual({ before: [2013, 2017], after: [2018, 2024] });
    expect(f.interval.high).toBeLessThan(0);
    expect(f.estimate).toBeLessThan(0);
    expect(f.reading.en.finding).toMatch(/developed lower/);
    expect(f.reading.nb.limits.join(" ")).toMatch(/parallelle trender/);
  });

  it("compares with bydeler outside every initiative, chosen among the same level", async () => {
    const { body } = await detail("demo-nabolagsloftet");
    const f = estimated(body, "low_income_persistent");
    const inInitiatives = new Set(DEMO_INITIATIVES.flatMap((i) => i.areas));
    expect(f.comparison.length).toBeGreaterThanOrEqual(3);
    expect(f.comparison.length).toBeLessThanOrEqual(6);
    for (const c of f.comparison) {
      expect(c.level).toBe("bydel");
      expect(inInitiatives.has(c.code)).toBe(false);
    }
    expect(body.method.pool).toBe("country");
  });

  it("rests on the served values: each area's mean before the start is the mean of its card's points", async () => {
    const { body } = await detail("demo-nabolagsloftet");
    const f = estimated(body, "low_income_persistent");
    for (const a of [...f.treated, ...f.comparison]) {
      const s = (await (await get(`/api/v1/areas/${a.code}/series?indicators=low_income_persistent`)).json()) as { series: { points: { period: number; value: number | null }[] }[] };
      const before = s.series[0]!.points.filter((p) => p.period >= 2013 && p.period <= 2017 && p.value !== null).map((p) => p.value!);
      expect(a.before).toBeCloseTo(before.reduce((x, y) => x + y, 0) / before.length, 1);
    }
    // Served at the unit's decimals (percent: one).
    for (const x of [f.estimate, f.interval.low, f.interval.high, ...f.years.flatMap((y) => [y.treated ?? 0, y.comparison ?? 0])]) expect(Math.round(x * 10) / 10).toBe(x);
  });

  it("compares grunnkretser within their kommune", async () => {
    const { body } = await detail("demo-tromso-nabolag");
    expect(body.method.pool).toBe("kommune");
    const f = body.followUp.find((x) => x.status === "estimated") as Extract<IndicatorFollowUp, { status: "estimated" }>;
    expect(f.comparison.every((c) => c.code.startsWith("5501") && c.level === "grunnkrets")).toBe(true);
  });

  it("is computed once per snapshot and registry state: the ETag answers 304, and a registry edit changes it", async () => {
    const { res, body } = await detail("demo-hvitveisvollen");
    const etag = res.headers.get("ETag")!;
    expect(etag).toMatch(/^"v\d+-[0-9a-f]+-r\d+"$/);
    expect((await get("/api/v1/initiatives/demo-hvitveisvollen", { "If-None-Match": etag })).status).toBe(304);
    expect((await detail("demo-hvitveisvollen")).body).toEqual(body);
    const put = await exports.default.fetch(
      new Request("http://localhost/api/admin/initiatives/demo-extra", {
        method: "PUT",
        headers: { ...ADMIN, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "Ekstra", kommune: "4601", areas: ["460162"], startYear: 2015, endYear: null, url: "https://example.org/x", synthetic: true }),
      }),
    );
    expect(put.status).toBe(201);
    const after = await detail("demo-hvitveisvollen");
    expect(after.res.headers.get("ETag")).not.toBe(etag);
    // The new initiative's bydel has left the comparison pool.
    expect(after.body.followUp.every((f) => f.status !== "estimated" || f.comparison.every((c) => c.code !== "460162"))).toBe(true);
    expect(after.body.method.candidates).toBe(body.method.candidates - 1);
  });
});
