import { describe, expect, it } from "vitest";
import { drawFromTables, multinomialTables, poissonTail } from "../../worker/stats/segregation/poissonized";
import { logFactorial, seededRandom } from "../../worker/stats/segregation/random";

/**
 * The bootstrap's multinomial sampler (Poissonization with alias tables) must be exact: its
 * draws are compared with the exact distributions by χ² goodness of fit, each cell's margin with
 * Binomial(N, p_i) and small tables' joint outcomes with the multinomial probabilities.
 */

/** χ² of observed counts against expected probabilities (keys in order), bins pooled to ≥ 20 expected draws. */
function chiSquare(seen: Map<number, number>, probability: Map<number, number>, draws: number): { chi2: number; df: number } {
  const keys = [...probability.keys()].sort((a, b) => a - b);
  const bins: { expected: number; observed: number }[] = [];
  let bin = { expected: 0, observed: 0 };
  let total = 0;
  for (const k of keys) {
    bin.expected += probability.get(k)! * draws;
    bin.observed += seen.get(k) ?? 0;
    total += seen.get(k) ?? 0;
    if (bin.expected >= 20) {
      bins.push(bin);
      bin = { expected: 0, observed: 0 };
    }
  }
  // A tail short of 20 joins the last bin.
  if (bins.length > 0) {
    bins[bins.length - 1]!.expected += bin.expected;
    bins[bins.length - 1]!.observed += bin.observed;
  }
  // Every draw must fall on a value the distribution gives probability to.
  expect(total).toBe(draws);
  const chi2 = bins.reduce((s, b) => s + (b.observed - b.expected) ** 2 / b.expected, 0);
  return { chi2, df: bins.length - 1 };
}

/** Binomial(n, p) probabilities that matter (> 1e-13), from log-factorials. */
function binomialPmf(n: number, p: number): Map<number, number> {
  const out = new Map<number, number>();
  const mode = Math.floor((n + 1) * p);
  const log = (k: number) => logFactorial(n) - logFactorial(k) - logFactorial(n - k) + (k > 0 ? k * Math.log(p) : 0) + (n - k > 0 ? (n - k) * Math.log1p(-p) : 0);
  for (let k = mode; k <= n; k++) {
    const f = Math.exp(log(k));
    if (f < 1e-13 && k > mode) break;
    out.set(k, f);
  }
  for (let k = mode - 1; k >= 0; k--) {
    const f = Math.exp(log(k));
    if (f < 1e-13) break;
    out.set(k, f);
  }
  return out;
}

/**
 * Below χ²'s upper 1-in-10,000 quantile: exact for 1 and 2 degrees of freedom, else Wilson and
 * Hilferty's approximation (z = 3.719). Seeds are fixed, so a pass is not luck that can run out.
 */
function fits({ chi2, df }: { chi2: number; df: number }): boolean {
  const z = 3.719;
  const limit = df === 1 ? 15.14 : df === 2 ? 18.42 : df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  return chi2 < limit;
}

describe("multinomial draws by Poissonization", () => {
  // Populations from the categorical alone (N small) to cells split into parts (μ > 4,000), cells
  // with p near 0 and near 1, fractional weights, and an empty cell.
  it.each([
    ["a handful of people", 5, [1, 2, 3]],
    ["fewer people than cells", 3, Array.from({ length: 40 }, (_, i) => 1 + (i % 7))],
    ["a grunnkrets table", 4000, [120, 380, 40, 260, 0, 900, 15, 2285]],
    ["a rare cell in a large population", 1_000_000, [1, 999_999]],
    ["a cell with nearly everyone", 20_000, [19_990, 6, 4]],
    ["cells of many parts", 2_000_000, [1_200_000, 600_000, 199_000, 1000]],
    ["fractional weights", 300, [10.5, 0.25, 120.75, 168.5]],
  ])("margins fit Binomial(N, p) (%s)", (_, trials, weights) => {
    const w = Float64Array.from(weights as number[]);
    const W = w.reduce((a, b) => a + b, 0);
    const tables = multinomialTables(trials as number, w);
    const rng = seededRandom(2024);
    const draws = 20_000;
    const seen = Array.from(w, () => new Map<number, number>());
    const out = new Float64Array(w.length);
    for (let r = 0; r < draws; r++) {
      drawFromTables(rng, tables, out);
      let sum = 0;
      out.forEach((x, i) => {
        sum += x;
        seen[i]!.set(x, (seen[i]!.get(x) ?? 0) + 1);
      });
      expect(sum).toBe(trials);
    }
    w.forEach((wi, i) => {
      if (wi === 0) {
        expect([...seen[i]!.keys()]).toEqual([0]);
        return;
      }
      const p = wi / W;
      const test = chiSquare(seen[i]!, binomialPmf(trials as number, p), draws);
      if (test.df > 0) expect(fits(test), `cell ${i}: χ² ${test.chi2.toFixed(1)} on ${test.df} df`).toBe(true);
    });
  });

  it.each([
    ["through the categorical alone", 6, [1, 2, 5]],
    ["through Poisson tables", 40, [3, 1, 6]],
  ])("joint outcomes fit the multinomial distribution (%s)", (_, trials, weights) => {
    const N = trials as number;
    const w = Float64Array.from(weights as number[]);
    const W = w.reduce((a, b) => a + b, 0);
    const p = [...w].map((x) => x / W);
    const tables = multinomialTables(N, w);
    const rng = seededRandom(77);
    const draws = 100_000;
    const key = (x: number, y: number) => x * (N + 1) + y;
    const seen = new Map<number, number>();
    const out = new Float64Array(3);
    for (let r = 0; r < draws; r++) {
      drawFromTables(rng, tables, out);
      const k = key(out[0]!, out[1]!);
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    const probability = new Map<number, number>();
    for (let x = 0; x <= N; x++) {
      for (let y = 0; x + y <= N; y++) {
        const z = N - x - y;
        probability.set(key(x, y), Math.exp(logFactorial(N) - logFactorial(x) - logFactorial(y) - logFactorial(z) + x * Math.log(p[0]!) + y * Math.log(p[1]!) + z * Math.log(p[2]!)));
      }
    }
    const test = chiSquare(seen, probability, draws);
    expect(test.df).toBeGreaterThan(10);
    expect(fits(test), `χ² ${test.chi2.toFixed(1)} on ${test.df} df`).toBe(true);
  });

  it.each([
    [2.5, 2, 5],
    [2.5, 0, 6],
    [300, 220, 390],
    [4000, 3700, 4300],
  ])("tail draws of Poisson(%s) outside [%s, %s] fit its probabilities there", (mu, lo, hi) => {
    const rng = seededRandom(9);
    const log = (k: number) => k * Math.log(mu) - mu - logFactorial(k);
    const probability = new Map<number, number>();
    let lower = 0;
    let upper = 0;
    for (let k = 0; k < hi + 20 * Math.sqrt(mu) + 40; k++) {
      if (k >= lo && k <= hi) continue;
      const f = Math.exp(log(k));
      probability.set(k, f);
      if (k < lo) lower += f;
      else upper += f;
    }
    for (const [k, f] of probability) probability.set(k, f / (lower + upper));
    const draws = 20_000;
    const seen = new Map<number, number>();
    for (let r = 0; r < draws; r++) {
      const x = poissonTail(rng, mu, lo, hi, lower / (lower + upper));
      seen.set(x, (seen.get(x) ?? 0) + 1);
    }
    const test = chiSquare(seen, probability, draws);
    expect(test.df).toBeGreaterThan(3);
    expect(fits(test), `χ² ${test.chi2.toFixed(1)} on ${test.df} df`).toBe(true);
  });

  it("repeats for a seed and refuses what cannot be drawn", () => {
    const w = Float64Array.from([5, 10, 85]);
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    const ra = seededRandom(1);
    const rb = seededRandom(1);
    const ta = multinomialTables(100, w);
    for (let r = 0; r < 100; r++) {
      drawFromTables(ra, ta, a);
      drawFromTables(rb, multinomialTables(100, w), b);
      expect([...a]).toEqual([...b]);
    }
    expect(() => multinomialTables(10, Float64Array.from([0, 0]))).toThrow(/positive weight/);
    expect(() => multinomialTables(2.5, w)).toThrow(/whole number/);
  });
});
