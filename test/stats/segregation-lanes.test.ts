import { describe, expect, it } from "vitest";
import { MultinomialLanes } from "../../worker/stats/segregation/lanes";
import { drawMultinomial, logFactorial, multinomialPlan, seededRandom } from "../../worker/stats/segregation/random";

/**
 * The bootstrap draws its multinomial replicates side by side (MultinomialLanes): every lane
 * must be an exact multinomial draw, whatever its position among the lanes. Draws are compared
 * with the exact distributions by χ² goodness of fit: each cell's margin with Binomial(N, p_i)
 * for every lane position, and small tables' joint outcomes with the multinomial probabilities.
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

/** `draws` replicates in blocks of `lanes`, each handed to `see` with its lane position. */
function replicates(seed: number, trials: number, weights: Float64Array, lanes: number, draws: number, see: (cells: Float64Array, lane: number) => void) {
  const plan = multinomialPlan(weights);
  const sampler = new MultinomialLanes(seed, lanes);
  const C = weights.length;
  const block = new Float64Array(lanes * C);
  const cells = new Float64Array(C);
  for (let first = 0; first < draws; first += lanes) {
    const count = Math.min(lanes, draws - first);
    sampler.draw(trials, plan, count, block);
    for (let r = 0; r < count; r++) {
      for (let i = 0; i < C; i++) cells[i] = block[i * count + r]!;
      see(cells, r);
    }
  }
}

describe("multinomial replicates drawn side by side", () => {
  // Tables from a handful of people to cells drawn by inversion (n·p < 10) and by BTRS (from
  // its lower limit to far beyond, with the exact test's log-factorials past their table),
  // cells with p near 0 and near 1 (drawn as complements), fractional weights, empty cells.
  it.each([
    ["a handful of people", 5, [1, 2, 3]],
    ["fewer people than cells", 3, Array.from({ length: 40 }, (_, i) => 1 + (i % 7))],
    ["a grunnkrets table", 4000, [120, 380, 40, 260, 0, 900, 15, 2285]],
    ["cells near BTRS's lower limit", 600, [12, 9, 15, 30, 20, 514]],
    ["a rare cell in a large population", 1_000_000, [1, 999_999]],
    ["a cell with nearly everyone", 20_000, [19_990, 6, 4]],
    ["a kommune as large as Oslo", 700_000, [80_000, 120_000, 60_000, 440_000]],
    ["fractional weights", 300, [10.5, 0.25, 120.75, 168.5]],
  ])("every lane's margins fit Binomial(N, p) (%s)", (_, trials, weights) => {
    const w = Float64Array.from(weights as number[]);
    const W = w.reduce((a, b) => a + b, 0);
    // Lanes in blocks of 7, so the first, a middle and the last lane position are each tested on their own.
    const lanes = 7;
    const draws = 70_000;
    const positions = [0, 3, 6];
    const seen = positions.map(() => Array.from(w, () => new Map<number, number>()));
    replicates(2024, trials as number, w, lanes, draws, (cells, lane) => {
      expect(cells.reduce((a, b) => a + b, 0)).toBe(trials);
      const at = positions.indexOf(lane);
      if (at < 0) return;
      cells.forEach((x, i) => seen[at]![i]!.set(x, (seen[at]![i]!.get(x) ?? 0) + 1));
    });
    for (const [at, lane] of positions.entries()) {
      w.forEach((wi, i) => {
        if (wi === 0) {
          expect([...seen[at]![i]!.keys()]).toEqual([0]);
          return;
        }
        const test = chiSquare(seen[at]![i]!, binomialPmf(trials as number, wi / W), draws / lanes);
        if (test.df > 0) expect(fits(test), `lane ${lane}, cell ${i}: χ² ${test.chi2.toFixed(1)} on ${test.df} df`).toBe(true);
      });
    }
  });

  it.each([
    ["by inversion", 6, [1, 2, 5]],
    ["by BTRS", 60, [25, 20, 15]],
  ])("joint outcomes fit the multinomial distribution (%s)", (_, trials, weights) => {
    const N = trials as number;
    const w = Float64Array.from(weights as number[]);
    const W = w.reduce((a, b) => a + b, 0);
    const p = [...w].map((x) => x / W);
    const key = (x: number, y: number) => x * (N + 1) + y;
    const seen = new Map<number, number>();
    const draws = 100_000;
    replicates(77, N, w, 50, draws, (cells) => {
      const k = key(cells[0]!, cells[1]!);
      seen.set(k, (seen.get(k) ?? 0) + 1);
    });
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

  it("lanes of one block are independent: two cells' counts in neighbouring lanes are uncorrelated", () => {
    const w = Float64Array.from([300, 700]);
    const xs: number[] = [];
    const ys: number[] = [];
    let previous = NaN;
    replicates(5, 1000, w, 50, 50_000, (cells, lane) => {
      if (lane % 2 === 1) {
        xs.push(previous);
        ys.push(cells[0]!);
      }
      previous = cells[0]!;
    });
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    const mx = mean(xs);
    const my = mean(ys);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < xs.length; i++) {
      sxy += (xs[i]! - mx) * (ys[i]! - my);
      sxx += (xs[i]! - mx) ** 2;
      syy += (ys[i]! - my) ** 2;
    }
    // Four standard errors of a correlation of zero.
    expect(Math.abs(sxy / Math.sqrt(sxx * syy))).toBeLessThan(4 / Math.sqrt(xs.length));
  });

  // MultinomialLanes writes the generator and both samplers into its loop (for speed): one lane
  // takes the uniforms in the one-replicate order, so it must give drawMultinomial's very draws.
  // A change to either copy alone fails here.
  it("one lane draws exactly what drawMultinomial draws from the same seed, inversion and BTRS, zero and underflowed cells", () => {
    const cases: [number, number[]][] = [[5, [1, 2, 3]], [700_000, [0.1, 0.3, 0.05, 0.55]], [40, [0, 1, 0, 2, 0.5]], [3_000, [1e-300, 1, 2]], [250, [3, 1]]];
    for (const [trials, w] of cases) {
      const plan = multinomialPlan(Float64Array.from(w));
      for (const seed of [1, 7, 12_345]) {
        const lane = new MultinomialLanes(seed, 1);
        const rng = seededRandom(seed);
        for (let rep = 0; rep < 20; rep++) {
          const a = new Float64Array(w.length);
          const b = new Float64Array(w.length);
          lane.draw(trials, plan, 1, a);
          drawMultinomial(rng, trials, plan, b);
          expect([...a], `${trials} over ${w.join(", ")}, seed ${seed}, replicate ${rep}`).toEqual([...b]);
        }
      }
    }
  });

  it("repeats for a seed and refuses a block larger than its lanes", () => {
    const w = Float64Array.from([5, 10, 85]);
    const a: number[] = [];
    const b: number[] = [];
    replicates(1, 100, w, 50, 200, (cells) => a.push(...cells));
    replicates(1, 100, w, 50, 200, (cells) => b.push(...cells));
    expect(a).toEqual(b);
    const c: number[] = [];
    replicates(2, 100, w, 50, 200, (cells) => c.push(...cells));
    expect(c).not.toEqual(a);
    expect(() => new MultinomialLanes(1, 4).draw(100, multinomialPlan(w), 5, new Float64Array(15))).toThrow(/between 1 and 4/);
    expect(() => new MultinomialLanes(1, 0)).toThrow(/positive whole number/);
  });
});
