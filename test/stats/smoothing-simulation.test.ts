import { describe, expect, it } from "vitest";
import { binomial, seededRandom, type Random } from "../../worker/stats/segregation/random";
import { changeTest } from "../../worker/stats/change";
import { fitSpread, shrinkRates } from "../../worker/stats/shrinkage";

/**
 * The smoothing on simulated countries where the truth is known: parents (kommuner) with their
 * own rates, 8–15 children each (grunnkretser) whose true rates scatter around the parent's,
 * and register counts drawn from the true rates. The prior's spread is fitted on all children
 * of the country, each around its own parent, as the recompute does (jobs/steps/smoothing.ts).
 */
const open = { minCount: 0, minDenominator: 0 };

function normal(rng: Random): number {
  // Box-Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
}

interface Child {
  code: string;
  truth: number;
  x: number;
  n: number;
}

function country(seed: number, spread: number) {
  const rng = seededRandom(seed);
  const parents: { code: string; x: number; n: number; children: Child[] }[] = [];
  for (let p = 0; p < 80; p++) {
    const rate = 0.02 + 0.1 * rng.uniform();
    const logit = Math.log(rate / (1 - rate));
    const children: Child[] = [];
    const count = 8 + Math.floor(8 * rng.uniform());
    for (let c = 0; c < count; c++) {
      const truth = 1 / (1 + Math.exp(-(logit + spread * normal(rng))));
      const n = 80 + Math.floor(4000 * rng.uniform() ** 2);
      children.push({ code: `${p}-${c}`, truth, n, x: binomial(rng, n, truth) });
    }
    parents.push({ code: String(p), x: children.reduce((s, c) => s + c.x, 0), n: children.reduce((s, c) => s + c.n, 0), children });
  }
  return parents;
}

function smoothCountry(parents: ReturnType<typeof country>) {
  const fit = fitSpread(parents.flatMap((p) => p.children.map((c) => ({ x: c.x, n: c.n, mean: p.x / p.n, parentN: p.n }))))!;
  const out = parents.map((p) => {
    const { areas } = shrinkRates({
      areas: p.children.map((c) => ({ code: c.code, value: (100 * c.x) / c.n, numerator: c.x, denominator: c.n, status: null })),
      unit: "percent",
      parent: { numerator: p.x, denominator: p.n },
      spread: fit.spread,
      rules: open,
    });
    return p.children.map((c, i) => ({ ...c, raw: areas[i]!.raw!, shrunk: areas[i]!.shrunk! }));
  });
  return { fit, siblings: out };
}

const mse = (rows: { truth: number; v: number }[]) => rows.reduce((s, r) => s + (r.v - 100 * r.truth) ** 2, 0) / rows.length;

describe("smoothing on simulated countries (seeded)", () => {
  it.each([
    [1, 0.35],
    [2, 0.15],
    [3, 0.6],
  ])("seed %i, spread %s on the logit scale: smoothed estimates are closer to the truth than the raw ones", (seed, spread) => {
    const { fit, siblings } = smoothCountry(country(seed, spread));
    const all = siblings.flat();
    const raw = mse(all.map((c) => ({ truth: c.truth, v: c.raw })));
    const smoothed = mse(all.map((c) => ({ truth: c.truth, v: c.shrunk })));
    expect(fit.spread).toBeGreaterThan(fit.floor);
    expect(smoothed).toBeLessThan(raw);
  });

  it("never makes distinguishable siblings identical: clearly different raw rates keep different served values", () => {
    for (const [seed, spread] of [[4, 0.35], [5, 0.1]] as const) {
      const { siblings } = smoothCountry(country(seed, spread));
      let pairs = 0;
      for (const kids of siblings) {
        for (let i = 0; i < kids.length; i++) {
          for (let j = i + 1; j < kids.length; j++) {
            const a = kids[i]!;
            const b = kids[j]!;
            const share = (c: Child) => ({ value: (100 * c.x) / c.n, numerator: c.x, denominator: c.n, status: null });
            if (changeTest(share(a), share(b)).direction === "no_clear_change") continue;
            pairs++;
            // As served: three decimals.
            expect(Math.round(a.shrunk * 1000)).not.toBe(Math.round(b.shrunk * 1000));
          }
        }
      }
      expect(pairs).toBeGreaterThan(100);
    }
  });

  it("keeps every area's own data even in a country where areas differ by chance alone (the spread's floor)", () => {
    const { fit, siblings } = smoothCountry(country(6, 0));
    expect(fit.spread).toBeGreaterThan(0);
    for (const kids of siblings) expect(new Set(kids.map((k) => Math.round(k.shrunk * 1000))).size).toBeGreaterThan(1);
  });
});

describe("the 030169 case: nine grunnkretser, 2,221–5,018 residents, raw 3.8–4.4 %", () => {
  const sizes = [2221, 2650, 3010, 3300, 3700, 4100, 4400, 4800, 5018];
  const rates = [0.038, 0.044, 0.04, 0.042, 0.039, 0.043, 0.041, 0.04, 0.0435];
  const areas = sizes.map((n, i) => {
    const x = Math.round(n * rates[i]!);
    return { code: `030169${String(i + 1).padStart(2, "0")}`, value: (100 * x) / n, numerator: x, denominator: n, status: null };
  });
  const parent = { numerator: areas.reduce((s, a) => s + a.numerator, 0), denominator: areas.reduce((s, a) => s + a.denominator, 0) };

  it("no longer serves every sibling the kommune's rate when the siblings alone fit the prior", () => {
    const { prior, areas: out } = shrinkRates({ areas, unit: "percent", parent });
    expect(prior!.fittedOn).toBe("siblings");
    const served = out.map((o) => Math.round(o.shrunk! * 1000) / 1000);
    expect(new Set(served).size).toBe(9);
    for (const o of out) expect(o.weight!).toBeGreaterThan(0.25);
  });

  it("keeps them close to their own rates under a national fit of grunnkrets spread", () => {
    // ψ as a national fit of a simulated country gives it (true spread 0.35² on the log-odds scale).
    const { fit } = smoothCountry(country(1, 0.35));
    const { areas: out } = shrinkRates({ areas, unit: "percent", parent, spread: fit.spread });
    for (const [i, o] of out.entries()) {
      expect(o.weight!).toBeGreaterThan(0.8);
      expect(Math.abs(o.shrunk! - o.raw!)).toBeLessThan(Math.abs(o.raw! - (100 * parent.numerator) / parent.denominator));
      expect(o.raw).toBeCloseTo(areas[i]!.value, 12);
    }
  });
});
