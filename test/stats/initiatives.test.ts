import { describe, expect, it } from "vitest";
import {
  bootstrapInterval,
  differenceInDifferences,
  followUp,
  matchNeighbours,
  readingOf,
  registryFileSchema,
  summarise,
  type AreaSeries,
} from "../../worker/stats/initiatives";
import { seededRandom } from "../../worker/stats/segregation/random";

/** A series from a first year and its values (null: no figure). */
const series = (code: string, from: number, values: (number | null)[]): AreaSeries => ({ code, points: values.map((value, i) => ({ period: from + i, value })) });
/** Values with a given mean and slope over five years centred on the middle one. */
const line = (mean: number, slope: number) => [-2, -1, 0, 1, 2].map((t) => mean + slope * t);

describe("difference in differences, by hand", () => {
  // Start 2007, end 2008: before 2005–2006 (of a 2-year window), after 2007–2008.
  //        before      after      change
  // A      10, 12 →11  15, 17 →16   5      treated mean change 4
  // B      20, 20 →20  22, 24 →23   3
  // C      11, 11 →11  12, 14 →13   2      comparison mean change 1.5
  // D      19, 21 →20  21, 21 →21   1
  // estimate 4 − 1.5 = 2.5; group means: treated 15.5 → 19.5, comparison 15.5 → 17.
  const treated = [series("A", 2005, [10, 12, 15, 17]), series("B", 2005, [20, 20, 22, 24])];
  const candidates = [series("C", 2005, [11, 11, 12, 14]), series("D", 2005, [19, 21, 21, 21])];
  const result = followUp({ treated, candidates, startYear: 2007, endYear: 2008 }, { preYears: 2, k: 2 });

  it("is the treated areas' mean change minus the comparison areas' mean change", () => {
    expect(result.status).toBe("estimated");
    if (result.status !== "estimated") return;
    expect(result.windows).toEqual({ before: [2005, 2006], after: [2007, 2008] });
    expect(result.treated.map((t) => t.change)).toEqual([5, 3]);
    expect(result.comparison.map((c) => c.change)).toEqual([2, 1]);
    expect(result.treatedChange).toBe(4);
    expect(result.comparisonChange).toBe(1.5);
    expect(result.estimate).toBe(2.5);
  });

  it("equals the 2×2 table of group means when every area has every year", () => {
    if (result.status !== "estimated") throw new Error("not estimated");
    const m = result.means;
    expect(m).toEqual({ treatedBefore: 15.5, treatedAfter: 19.5, comparisonBefore: 15.5, comparisonAfter: 17 });
    expect(m.treatedAfter - m.treatedBefore - (m.comparisonAfter - m.comparisonBefore)).toBe(result.estimate);
    expect(differenceInDifferences([5, 3], [2, 1])).toBe(2.5);
  });

  it("gives the yearly group means behind the chart", () => {
    if (result.status !== "estimated") throw new Error("not estimated");
    expect(result.years).toEqual([
      { period: 2005, treated: 15, comparison: 15 },
      { period: 2006, treated: 16, comparison: 16 },
      { period: 2007, treated: 18.5, comparison: 16.5 },
      { period: 2008, treated: 20.5, comparison: 17.5 },
    ]);
  });

  it("names the years of the windows that have figures", () => {
    const late = followUp({ treated: [series("A", 2004, [1, 2, 3, 4, 5])], candidates: [series("C", 2004, [1, 1, 1, 1, 1])], startYear: 2007, endYear: null });
    expect(late).toMatchObject({ status: "estimated", windows: { before: [2004, 2006], after: [2007, 2008] } });
  });

  it("leaves out the years after the end year, and averages the years an area has", () => {
    const gappy = summarise(series("G", 2005, [10, null, 14, 18, 100]), { before: [2005, 2006], after: [2007, 2008] });
    expect(gappy).toEqual({ code: "G", preMean: 10, preSlope: null, postMean: 16, change: 6 });
  });
});

describe("matching on level and trend before the start", () => {
  // Treated T: mean 10, slope 1 over 2011–2015 (start 2016).
  const T = summarise(series("T", 2011, [...line(10, 1), 20]), { before: [2011, 2015], after: [2016, 2016] })!;
  const pool = [
    ["C1", 10, 1], // identical
    ["C2", 10.5, 1.1], // close
    ["C3", 30, 1], // level far off
    ["C4", 10, -4], // trend far off
    ["C5", 12, 1.5], // third nearest
  ].map(([code, m, s]) => summarise(series(code as string, 2011, [...line(m as number, s as number), 0]), { before: [2011, 2015], after: [2016, 2016] })!);

  it("measures the level as the mean and the trend as the least-squares slope", () => {
    expect(T.preMean).toBeCloseTo(10, 12);
    expect(T.preSlope).toBeCloseTo(1, 12);
  });

  it("picks the k nearest candidates on the standardised level and trend", () => {
    const { neighbours, comparison, matchedOn } = matchNeighbours([T], pool, 2);
    expect(matchedOn).toBe("level_and_trend");
    expect(neighbours[0]!.neighbours.map((n) => n.code)).toEqual(["C1", "C2"]);
    expect(neighbours[0]!.neighbours[0]!.distance).toBe(0);
    expect(comparison.map((c) => c.code)).toEqual(["C1", "C2"]);
    expect(matchNeighbours([T], pool, 3).comparison.map((c) => c.code)).toEqual(["C1", "C2", "C5"]);
  });

  it("takes the union of every treated area's neighbours, each once", () => {
    const U = { ...T, code: "U", preMean: 29, preSlope: 1 };
    const { comparison, neighbours } = matchNeighbours([T, U], pool, 1);
    expect(neighbours.map((n) => n.neighbours[0]!.code)).toEqual(["C1", "C3"]);
    expect(comparison.map((c) => c.code).sort()).toEqual(["C1", "C3"]);
    expect(matchNeighbours([T, { ...T, code: "T2" }], pool, 1).comparison.map((c) => c.code)).toEqual(["C1"]);
  });

  it("matches on level alone when a treated area has a single year before the start", () => {
    const single = { ...T, preSlope: null };
    const { matchedOn, neighbours } = matchNeighbours([single], pool, 3);
    expect(matchedOn).toBe("level");
    // C1 and C4 share the level 10 (tie broken by code), then C2 at 10.5.
    expect(neighbours[0]!.neighbours.map((n) => n.code)).toEqual(["C1", "C4", "C2"]);
  });
});

describe("the bootstrap interval", () => {
  it("collapses onto the estimate when every area changed alike", () => {
    const ci = bootstrapInterval([3, 3, 3], [1, 1, 1, 1], { replicates: 1000, seed: 1, level: 0.95 });
    expect(ci.low).toBeCloseTo(2, 12);
    expect(ci.high).toBeCloseTo(2, 12);
  });

  it("is the same for the same seed and differs for another", () => {
    const t = [5, 3, 4.5, 2], c = [2, 1, 0.5, 1.8, 2.2];
    const a = bootstrapInterval(t, c, { replicates: 1000, seed: 7, level: 0.95 });
    expect(bootstrapInterval(t, c, { replicates: 1000, seed: 7, level: 0.95 })).toEqual(a);
    expect(bootstrapInterval(t, c, { replicates: 1000, seed: 8, level: 0.95 })).not.toEqual(a);
    expect(a.low).toBeLessThan(differenceInDifferences(t, c));
    expect(a.high).toBeGreaterThan(differenceInDifferences(t, c));
  });

  it("refuses fewer than 100 replicates or a level outside (0, 1)", () => {
    expect(() => bootstrapInterval([1], [1], { replicates: 10, seed: 1, level: 0.95 })).toThrow(/replicates/);
    expect(() => bootstrapInterval([1], [1], { replicates: 1000, seed: 1, level: 1 })).toThrow(/level/);
  });
});

describe("when no estimate can be made", () => {
  it("says there are no figures before the start", () => {
    const r = followUp({ treated: [series("A", 2004, [1, 2, 3])], candidates: [series("C", 2004, [1, 2, 3])], startYear: 1997, endYear: 2006 });
    expect(r).toMatchObject({ status: "not_estimable", reason: "no_figures_before" });
  });
  it("says there are no figures after the start", () => {
    const r = followUp({ treated: [series("A", 2004, [1, 2, 3])], candidates: [series("C", 2004, [1, 2, 3])], startYear: 2010, endYear: null });
    expect(r).toMatchObject({ status: "not_estimable", reason: "no_figures_after" });
  });
  it("says no comparison area has figures in both windows", () => {
    const r = followUp({ treated: [series("A", 2004, [1, 2, 3, 4])], candidates: [series("C", 2004, [null, null, 3, 4])], startYear: 2006, endYear: null });
    expect(r).toMatchObject({ status: "not_estimable", reason: "no_comparison" });
  });
});

/** Simulated panels: areas with their own level and trend, yearly noise, and an effect from the start in the treated ones. */
function simulate(seed: number, effect: number) {
  const rng = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
  const from = 2010, to = 2024, start = 2018;
  const area = (code: string, treated: boolean) => {
    // Treated areas start worse off (as areas chosen for an initiative do), but share the trends' spread.
    const level = (treated ? 25 : 18) + 4 * normal();
    const trend = 0.3 * normal();
    return series(code, from, Array.from({ length: to - from + 1 }, (_, i) => level + trend * i + 0.8 * normal() + (treated && from + i >= start ? effect : 0)));
  };
  const treated = Array.from({ length: 6 }, (_, i) => area(`T${i}`, true));
  const candidates = Array.from({ length: 40 }, (_, i) => area(`C${String(i).padStart(2, "0")}`, false));
  return followUp({ treated, candidates, startYear: start, endYear: null }, { replicates: 1000, seed });
}

describe("simulations", () => {
  it("recovers a planted effect of −3 within its interval, which excludes zero", () => {
    const r = simulate(11, -3);
    if (r.status !== "estimated") throw new Error("not estimated");
    expect(r.interval.low).toBeLessThanOrEqual(-3);
    expect(r.interval.high).toBeGreaterThanOrEqual(-3);
    expect(r.interval.high).toBeLessThan(0);
  });

  it("covers a planted effect in most of 100 simulated runs (and finds it in nearly all)", () => {
    let covered = 0, found = 0;
    for (let s = 1; s <= 100; s++) {
      const r = simulate(1000 + s, -3);
      if (r.status !== "estimated") throw new Error("not estimated");
      if (r.interval.low <= -3 && r.interval.high >= -3) covered++;
      if (r.interval.high < 0) found++;
    }
    // Measured with these seeds: 93 of 100 cover −3 and 98 of 100 exclude zero.
    expect(covered).toBeGreaterThanOrEqual(88);
    expect(found).toBeGreaterThanOrEqual(95);
  });

  it("finds no effect in placebo areas: the interval covers zero in most of 200 runs", () => {
    let covers = 0;
    for (let s = 1; s <= 200; s++) {
      const r = simulate(5000 + s, 0);
      if (r.status !== "estimated") throw new Error("not estimated");
      if (r.interval.low <= 0 && r.interval.high >= 0) covers++;
    }
    // Measured with these seeds: 195 of 200 (97.5 %); 95 % intervals should cover zero in about 95 %.
    expect(covers / 200).toBeGreaterThanOrEqual(0.9);
  });
});

describe("the reading", () => {
  const base = { unit: "percent" as const, treatedChange: -2.4, comparisonChange: -0.4, estimate: -2, low: -3.1, high: -0.9, level: 0.95, treatedAreas: 4, comparisonAreas: 9, before: [2002, 2006] as [number, number], after: [2007, 2024] as [number, number] };

  it("states the estimate and interval in each language's numbers and units", () => {
    expect(readingOf(base, "en").finding).toContain("−2.0 percentage points (95 % interval −3.1 percentage points to −0.9 percentage points)".replace(/−/g, "-"));
    expect(readingOf(base, "nb").finding).toMatch(/−2,0 prosentpoeng/);
    expect(readingOf(base, "nn").finding).toMatch(/samanlikningsområda/);
  });

  it("says 'no clear difference' when the interval covers zero, and the direction when it does not", () => {
    expect(readingOf(base, "en").finding).toMatch(/developed lower/);
    expect(readingOf({ ...base, estimate: 2, low: 0.9, high: 3.1 }, "en").finding).toMatch(/developed higher/);
    expect(readingOf({ ...base, low: -3.1, high: 0.2 }, "en").finding).toMatch(/no clear difference/);
  });

  it("always says what the comparison cannot show: cause, parallel trends, moves and spillovers, other policies, small numbers", () => {
    for (const lang of ["nb", "nn", "en"] as const) {
      const { limits } = readingOf({ ...base, treatedAreas: 1 }, lang);
      expect(limits).toHaveLength(5);
    }
    const en = readingOf({ ...base, treatedAreas: 1 }, "en").limits.join(" ");
    expect(en).toMatch(/not proof of an effect/);
    expect(en).toMatch(/parallel trends/);
    expect(en).toMatch(/neighbouring areas/);
    expect(en).toMatch(/Other policies/);
    expect(en).toMatch(/With one area in the initiative/);
  });
});

describe("the registry file schema", () => {
  const ok = { id: "test-initiative", name: "Test", kommune: "0301", areas: ["030110"], startYear: 2007, endYear: null, url: "https://example.org/x", example: true };

  it("accepts a well-formed entry and fills the defaults", () => {
    expect(registryFileSchema.parse([ok])[0]).toMatchObject({ synthetic: false, note: null });
  });

  it("names the field that is wrong", () => {
    const issues = (v: unknown) => registryFileSchema.safeParse([v]).error!.issues.map((i) => i.path.join("."));
    expect(issues({ ...ok, endYear: 2001 })).toEqual(["0.endYear"]);
    expect(issues({ ...ok, areas: ["460101"] })).toEqual(["0.areas"]);
    expect(issues({ ...ok, url: "javascript:alert(1)" })).toEqual(["0.url"]);
    expect(issues({ ...ok, id: "Not An Id" })).toEqual(["0.id"]);
    expect(issues({ ...ok, synthetic: true })).toEqual(["0.synthetic"]);
    expect(issues({ ...ok, extra: 1 })).toEqual(["0"]);
  });

  it("refuses a repeated id", () => {
    expect(registryFileSchema.safeParse([ok, ok]).error!.issues[0]!.message).toMatch(/repeats id/);
  });
});
