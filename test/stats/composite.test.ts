import { describe, expect, it } from "vitest";
import { compositeAreaSchema, compositeIndex, type CompositeRow } from "../../worker/stats/composite";

const row = (areaCode: string, indicatorId: string, period: number, value: number | null, status: CompositeRow["status"] = null): CompositeRow => ({
  areaCode, indicatorId, period, value, status,
});
const series = (indicatorId: string, period: number, values: Record<string, number>) =>
  Object.entries(values).map(([code, v]) => row(code, indicatorId, period, v));

const directions = { x: "higher_worse", y: "higher_better", n: "neutral", population: "neutral" } as const;

// x (higher is worse): 10, 20, 30, 40 → mean 25, sample sd √(500/3); z = −3c, −c, c, 3c with c = 5/√(500/3).
// y (higher is better): 400, 100, 300, 200 → oriented z = −3c, 3c, −c, c.
// Status scores (mean of the two): A −3c, B c, C 0, D 2c; mean 0, sd c·√(14/3).
// So the status index is −3, 1, 0, 2 divided by √(14/3).
const ROWS = [
  ...series("x", 2024, { A: 10, B: 20, C: 30, D: 40 }),
  ...series("y", 2024, { A: 400, B: 100, C: 300, D: 200 }),
  ...series("n", 2024, { A: 1, B: 2, C: 3, D: 4 }),
  // Five years earlier x was 10, 25, 30, 35: changes 0, −5, 0, +5 → z 0, −√1.5, 0, √1.5.
  ...series("x", 2019, { A: 10, B: 25, C: 30, D: 35 }),
];
const c = 5 / Math.sqrt(500 / 3);
const k = Math.sqrt(14 / 3);

describe("compositeIndex", () => {
  const result = compositeIndex({ period: 2024, rows: ROWS, directions, config: { status: ["x", "y", "n"], dynamics: ["x"] } });
  const area = (code: string) => result.areas.find((a) => a.code === code)!;

  it("standardises each indicator against the level's distribution, oriented so that positive = disadvantage", () => {
    expect(result.reference.status).toEqual([
      { indicator: "x", mean: 25, sd: expect.closeTo(Math.sqrt(500 / 3), 9), n: 4 },
      { indicator: "y", mean: 250, sd: expect.closeTo(10 * Math.sqrt(500 / 3), 9), n: 4 },
    ]);
    expect(area("A").indicators).toEqual([
      { indicator: "x", value: 10, z: expect.closeTo(-3 * c, 9), missing: null },
      { indicator: "y", value: 400, z: expect.closeTo(-3 * c, 9), missing: null },
    ]);
    expect(area("B").indicators[1]!.z).toBeCloseTo(3 * c, 9);
  });

  it("leaves neutral and unknown indicators out and says so, once", () => {
    expect(result.excluded).toEqual([{ indicator: "n", reason: "neutral" }]);
    const r = compositeIndex({ period: 2024, rows: ROWS, directions, config: { status: ["x", "n", "nope"] } });
    expect(r.excluded).toEqual([{ indicator: "n", reason: "neutral" }, { indicator: "nope", reason: "unknown_indicator" }]);
    expect(r.areas[0]!.indicators.map((i) => i.indicator)).toEqual(["x"]);
  });

  it("averages the z-scores into a status score and standardises it again into the index", () => {
    expect(area("A").status).toMatchObject({ score: expect.closeTo(-3 * c, 9), index: expect.closeTo(-3 / k, 9), used: 2, required: 2, reason: null });
    expect(area("B").status.index).toBeCloseTo(1 / k, 9);
    expect(area("C").status.index).toBeCloseTo(0, 9);
    expect(area("D").status.index).toBeCloseTo(2 / k, 9);
  });

  it("classes status at −1, +1 and +1.5 SD by default", () => {
    // −1.39, 0.46, 0, 0.93
    expect(result.areas.map((a) => a.status.class)).toEqual(["high", "medium", "medium", "medium"]);
    const custom = compositeIndex({ period: 2024, rows: ROWS, directions, config: { status: ["x", "y"], statusBands: [-1, 0.2, 0.5] } });
    expect(custom.areas.map((a) => a.status.class)).toEqual(["high", "low", "medium", "very_low"]);
  });

  it("builds the dynamics index from each indicator's change over the window", () => {
    expect(result.reference.dynamics).toEqual([{ indicator: "x", mean: 0, sd: expect.closeTo(Math.sqrt(50 / 3), 9), n: 4 }]);
    expect(area("B").changes).toEqual([{ indicator: "x", change: -5, z: expect.closeTo(-Math.sqrt(1.5), 9), missing: null }]);
    expect(result.areas.map((a) => a.dynamics.from)).toEqual([2019, 2019, 2019, 2019]);
    // Changes 0, −5, 0, +5: B improved (positive), D worsened (negative).
    expect(result.areas.map((a) => a.dynamics.class)).toEqual(["stable", "positive", "stable", "negative"]);
    expect(area("D").dynamics.index).toBeCloseTo(Math.sqrt(1.5), 9);
  });

  it("produces results that match the stored schema", () => {
    for (const a of result.areas) expect(compositeAreaSchema.parse(a)).toEqual(a);
  });

  it("computes the index from the available indicators when enough exist, else null with the reason", () => {
    const rows = [
      ...series("x", 2024, { A: 10, B: 20, C: 30, D: 40 }),
      ...series("y", 2024, { A: 400, B: 100, C: 300 }),
      row("D", "y", 2024, null, ":"),
      ...series("w", 2024, { A: 1, B: 2, C: 4, D: 3 }),
      row("E", "x", 2024, null, ".."),
      row("E", "y", 2024, null, "."),
      row("E", "w", 2024, 5),
    ];
    const r = compositeIndex({ period: 2024, rows, directions: { ...directions, w: "higher_worse" }, config: { status: ["x", "y", "w"], minStatus: 2 } });
    const d = r.areas.find((a) => a.code === "D")!;
    expect(d.status).toMatchObject({ used: 2, required: 2, reason: null });
    expect(d.indicators.find((i) => i.indicator === "y")).toEqual({ indicator: "y", value: null, z: null, missing: "suppressed" });
    const e = r.areas.find((a) => a.code === "E")!;
    expect(e.status).toEqual({ score: null, index: null, used: 1, required: 2, reason: "too_few_indicators", class: null });
    expect(e.indicators.map((i) => i.missing)).toEqual(["missing", "not_applicable", null]);
  });

  it("has no dynamics for an area without the base year", () => {
    const r = compositeIndex({ period: 2024, rows: [...ROWS, ...series("x", 2024, { E: 50 })], directions, config: { status: ["x"] } });
    const e = r.areas.find((a) => a.code === "E")!;
    expect(e.changes).toEqual([{ indicator: "x", change: null, z: null, missing: "missing" }]);
    expect(e.dynamics).toMatchObject({ index: null, class: null, reason: "too_few_indicators" });
  });

  it("takes small areas out of the reference distribution and gives them no index", () => {
    const pop = [...series("population", 2024, { A: 2000, B: 2000, C: 2000, D: 2000, E: 150 })];
    const rows = [...ROWS, ...pop, ...series("x", 2024, { E: 95 }), ...series("y", 2024, { E: 10 }), row("F", "x", 2024, 20)];
    const r = compositeIndex({ period: 2024, rows, directions, config: { status: ["x", "y"], minPopulation: 300 } });
    // The reference is that of A–D alone, so their indices are unchanged.
    expect(r.reference.status[0]).toMatchObject({ mean: 25, n: 4 });
    expect(r.areas.find((a) => a.code === "A")!.status.index).toBeCloseTo(-3 / k, 9);
    expect(r.areas.find((a) => a.code === "E")!.status).toMatchObject({ index: null, reason: "small_population" });
    expect(r.areas.find((a) => a.code === "F")!.status).toMatchObject({ index: null, reason: "population_unknown" });
  });

  it("gives no z-scores for an indicator without variation", () => {
    const rows = [...series("x", 2024, { A: 5, B: 5, C: 5 }), ...series("y", 2024, { A: 1, B: 2, C: 3 })];
    const r = compositeIndex({ period: 2024, rows, directions, config: { status: ["x", "y"], minStatus: 1 } });
    expect(r.reference.status.map((s) => s.indicator)).toEqual(["y"]);
    expect(r.areas[0]!.indicators[0]).toEqual({ indicator: "x", value: 5, z: null, missing: "no_variation" });
    expect(r.areas[0]!.status.used).toBe(1);
  });

  it("rejects a configuration with nothing to standardise, and invalid settings by field", () => {
    expect(() => compositeIndex({ period: 2024, rows: ROWS, directions, config: { status: ["n", "unknown"] } })).toThrow(/no status indicator has a direction/);
    expect(() => compositeIndex({ period: 2024, rows: ROWS, directions, config: { status: ["x"], minStatus: 2 } })).toThrow(/minStatus/);
    expect(() => compositeIndex({ period: 2024, rows: ROWS, directions, config: { status: ["x"], statusBands: [1, 0, 2] } })).toThrow(/statusBands[\s\S]*ascending/);
  });

  it("does not depend on the order of the rows", () => {
    const shuffled = compositeIndex({ period: 2024, rows: [...ROWS].reverse(), directions, config: { status: ["x", "y", "n"], dynamics: ["x"] } });
    expect(shuffled).toEqual(result);
  });
});
