import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bootstrapPeriods, BOOTSTRAP_YEARS, SEGREGATION_REPLICATES } from "../../worker/jobs/groupings";
import { quantile, selectQuantile } from "../../worker/stats/segregation/bootstrap";
import { dissimilarityKernel } from "../../worker/stats/segregation/dissimilarity";
import { exposureKernel } from "../../worker/stats/segregation/exposure";
import { computeIndices, prepare, type Row } from "../../worker/stats/segregation/index";
import { combine } from "../../worker/stats/segregation/kernel";
import { mutualKernel } from "../../worker/stats/segregation/mutual";
import { binomial, logFactorial, type Random, seededRandom } from "../../worker/stats/segregation/random";
import { segregationSeries, type GroupCounts } from "../../worker/stats/segregation/series";
import { twoGroupKernel } from "../../worker/stats/segregation/two-groups";

/**
 * The shortcuts that keep a national recompute's bootstrap inside its time budget must serve
 * the same numbers as the plain methods they replace: quantiles by selection, not by sorting;
 * the two-group kernel fused, not combined; q^n by exp(n·log1p(−p)), not Math.pow.
 */

/** Two-group tables as the recompute builds them: units with a group and a rest count, some zero. */
const twoGroupRows = fc
  .array(fc.tuple(fc.nat(400), fc.nat(2000)), { minLength: 2, maxLength: 40 })
  .filter((cells) => cells.reduce((s, [a]) => s + a, 0) > 0 && cells.reduce((s, [, b]) => s + b, 0) > 0)
  .map((cells): Row[] => cells.flatMap(([a, b], u) => [
    { unit: `u${u}`, group: "group", n: a },
    { unit: `u${u}`, group: "rest", n: b },
  ]));

describe("quantiles by selection", () => {
  it("equal R's type 7 quantiles of the sorted values, ties and all", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(0, 0.25, 0.5)), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0.025, 0.975, 0.5, 0, 1, 0.1),
        (values, q) => {
          const sorted = Float64Array.from(values).sort();
          expect(selectQuantile(Float64Array.from(values), q)).toBe(quantile(sorted, q));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("equal them for a thousand replicates, the size every served interval has", () => {
    const rng = seededRandom(9);
    for (let run = 0; run < 50; run++) {
      const values = Float64Array.from({ length: SEGREGATION_REPLICATES }, () => Math.round(rng.uniform() * 500) / 1000);
      const sorted = values.slice().sort();
      for (const q of [0.025, 0.975]) expect(selectQuantile(values, q)).toBe(quantile(sorted, q));
    }
  });
});

describe("the fused two-group kernel", () => {
  it("gives the slots and numbers, to the last bit, of the mutual, dissimilarity and exposure kernels combined", () => {
    const draw = new Float64Array(80);
    fc.assert(
      fc.property(twoGroupRows, fc.integer({ min: 1, max: 1000 }), (rows, seed) => {
        const table = prepare(rows, { unit: "unit", group: "group", weight: "n" });
        const fused = twoGroupKernel(table);
        const plain = combine([mutualKernel(table), dissimilarityKernel(table), exposureKernel(table)]);
        expect(fused.slots).toEqual(plain.slots);
        // On the table's own counts and on counts with empty cells and units, as replicates have.
        const rng = seededRandom(seed);
        const sparse = draw.subarray(0, table.counts.length);
        table.counts.forEach((x, i) => (sparse[i] = rng.uniform() < 0.3 ? 0 : Math.round(x * 2 * rng.uniform())));
        for (const counts of [table.counts, sparse]) {
          const a = new Float64Array(fused.slots.length);
          const b = new Float64Array(plain.slots.length);
          fused.compute(counts, a, 0);
          plain.compute(counts, b, 0);
          expect([...a].map(String)).toEqual([...b].map(String));
          // A replicate's faster path (whole counts, k log k from a table) agrees to rounding.
          const c = new Float64Array(fused.slots.length);
          fused.replicate!(counts, c, 0);
          c.forEach((x, k) => (Number.isNaN(a[k]!) ? expect(x).toBeNaN() : expect(Math.abs(x - a[k]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(a[k]!)))));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("serves the same estimates as the combined kernels, and intervals the same to rounding", () => {
    fc.assert(
      fc.property(twoGroupRows, (rows) => {
        const table = prepare(rows, { unit: "unit", group: "group", weight: "n" });
        const bootstrap = { replicates: 200, seed: 7 };
        const fused = computeIndices(table, ["mutual", "dissimilarity", "exposure"], { bootstrap });
        // The same measures asked for in another order take the combined kernels.
        const plain = computeIndices(table, ["mutual", "exposure", "dissimilarity"], { bootstrap });
        const key = (e: (typeof fused.estimates)[number]) => `${e.stat}|${e.group}|${e.to}`;
        const other = new Map(plain.estimates.map((e) => [key(e), e]));
        expect(new Set(fused.estimates.map(key))).toEqual(new Set(other.keys()));
        for (const e of fused.estimates) {
          const o = other.get(key(e))!;
          // The point estimate to the bit; the replicates' statistics to rounding (faster replicate kernel).
          expect(e.est).toBe(o.est);
          for (const f of ["se", "lower", "upper", "bias"] as const) expect(Math.abs(e[f]! - o[f]!), f).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 40 },
    );
  });
});

/** Binomial inversion as first published (Math.pow for q^n), for comparison. */
function inversionWithPow(rng: Random, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  const first = Math.pow(q, n);
  for (;;) {
    let r = first;
    let u = rng.uniform();
    let x = 0;
    while (u > r && x < n) {
      u -= r;
      x++;
      r *= a / x - s;
    }
    if (u <= r) return x;
  }
}

describe("binomial draws by inversion", () => {
  it.each([
    [50_000, 5 / 50_000],
    [50_000, 9.5 / 50_000],
    [300, 0.03],
    [12, 0.4],
    [40, 0.9],
    [5_000_000, 1.8e-6],
  ])("binomial(%s, %s) draws what inversion with Math.pow draws, draw for draw", (n, p) => {
    const a = seededRandom(21);
    const b = seededRandom(21);
    const q = Math.min(p, 1 - p);
    let differ = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = inversionWithPow(b, n, q);
      if (binomial(a, n, p) !== (p > 0.5 ? n - x : x)) differ++;
    }
    expect(differ).toBe(0);
  });

  // Sum and rolling hash of 200,000 draws (seed 17) by inversion as first published (Math.pow):
  // published intervals of small cells can be reproduced. (BTRS replaced BTPE for n·p ≥ 10 in
  // ENGINE_VERSION 12; its draws are checked against the exact distribution in segregation-random.)
  it.each([
    [50_000, 5 / 50_000, 1001113, 1409612035],
    [40, 0.9, 7198883, 980596405],
  ])("binomial(%s, %s) draws the numbers first published", (n, p, sum, hash) => {
    const rng = seededRandom(17);
    let h = 0;
    let total = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = binomial(rng, n, p);
      total += x;
      h = (Math.imul(h, 31) + x) | 0;
    }
    expect([total, h]).toEqual([sum, hash]);
  });
});

describe("log-factorials for BTRS's exact test", () => {
  it("equal the sum of logs, across the table's edge and far beyond it", () => {
    let sum = 0;
    for (let k = 1; k <= 20_000; k++) {
      sum += Math.log(k);
      expect(Math.abs(logFactorial(k) - sum), `${k}`).toBeLessThan(1e-12 * Math.max(1, sum));
    }
    expect(logFactorial(0)).toBe(0);
  });
});

describe("which years get intervals", () => {
  it("the two a change is judged between: the latest and the first of the window before it", () => {
    const years = Array.from({ length: 15 }, (_, i) => 2010 + i);
    expect(BOOTSTRAP_YEARS).toBe(6);
    expect([...bootstrapPeriods(years)]).toEqual([2019, 2024]);
    // Gaps count in published years, as the page's change does.
    expect([...bootstrapPeriods([2010, 2012, 2014, 2016, 2018, 2020, 2022])]).toEqual([2012, 2022]);
    expect([...bootstrapPeriods([2021, 2022, 2023])]).toEqual([2021, 2023]);
    expect([...bootstrapPeriods([2024])]).toEqual([2024]);
    expect([...bootstrapPeriods([])]).toEqual([]);
  });

  it("leave a year's interval as it was when every year of the window was bootstrapped", () => {
    const units: GroupCounts[] = Array.from({ length: 25 }, (_, u) => ({
      code: `u${u}`,
      stratum: null,
      counts: new Map([2019, 2020, 2021, 2022, 2023, 2024].map((y) => [y, [20 + ((u * 7 + y) % 60), 150 + ((u * 13 + y) % 200)]])),
    }));
    const series = (periods: number[]) =>
      segregationSeries(units, { groups: ["group", "rest"], rest: "rest", minUnits: 5, bootstrap: { periods: new Set(periods), replicates: SEGREGATION_REPLICATES, seed: (p) => p } });
    const all = series([2019, 2020, 2021, 2022, 2023, 2024]);
    const two = series([...bootstrapPeriods([2019, 2020, 2021, 2022, 2023, 2024])]);
    for (const [i, y] of two.entries()) {
      if (y.period === 2019 || y.period === 2024) expect(y).toEqual(all[i]);
      else {
        expect({ ...y, D: y.D!.value, M: y.M!.value }).toEqual({ ...all[i]!, D: all[i]!.D!.value, M: all[i]!.M!.value, H: y.H, isolation: y.isolation, exposure: y.exposure });
        expect([y.D!.low, y.M!.high, y.H!.low, y.isolation!.low, y.exposure!.high]).toEqual([null, null, null, null, null]);
      }
    }
  });
});
