import { describe, expect, it } from "vitest";
import { SEGREGATION_REPLICATES } from "../../worker/jobs/groupings";
import { segregationSeries, type GroupCounts } from "../../worker/stats/segregation/series";

/**
 * A kommune-sized table: 30 grunnkretser of 100–400 residents, a group share from 5 to 35 %,
 * so the bootstrap distributions are wide enough that four decimals show their spread.
 */
function table(): GroupCounts[] {
  let s = 12345;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: 30 }, (_, i) => {
    const pop = Math.round(100 + 300 * rnd());
    const group = Math.round(pop * (0.05 + 0.3 * rnd()));
    return { code: `u${i}`, stratum: null, counts: new Map([[2024, [group, pop - group]]]) };
  });
}

const boundsWith = (seed: number, replicates: number) =>
  segregationSeries(table(), { groups: ["group", "rest"], rest: "rest", minUnits: 5, bootstrap: { periods: new Set([2024]), replicates, seed: () => seed } })[0]!;

const sd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

describe("segregation bootstrap", () => {
  it(`serves bounds that another seed reproduces: with ${SEGREGATION_REPLICATES} replicates D's and M's bounds vary by under a tenth of the interval's half-width`, () => {
    const spread = (replicates: number) => {
      const runs = Array.from({ length: 20 }, (_, i) => boundsWith(i + 1, replicates));
      return Object.fromEntries(
        (["D", "M"] as const).map((index) => {
          const halfWidth = (runs[0]![index]!.high! - runs[0]![index]!.low!) / 2;
          expect(halfWidth).toBeGreaterThan(0.003);
          // Every seed's interval holds the estimate.
          for (const r of runs) expect(r[index]!.low! <= r[index]!.value && r[index]!.value <= r[index]!.high!).toBe(true);
          return [index, Math.max(sd(runs.map((r) => r[index]!.low!)), sd(runs.map((r) => r[index]!.high!))) / halfWidth];
        }),
      );
    };
    // Twenty seeds' bounds: standard deviations of about 0.05 half-widths with 1,000 replicates, 0.16–0.17 with 100.
    const many = spread(SEGREGATION_REPLICATES);
    const few = spread(100);
    for (const index of ["D", "M"]) {
      expect(many[index], index).toBeLessThan(0.1);
      expect(few[index], index).toBeGreaterThan(many[index]!);
    }
    expect(SEGREGATION_REPLICATES).toBeGreaterThanOrEqual(1000);
  });
});
