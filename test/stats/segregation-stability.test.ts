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

describe("segregation bootstrap", () => {
  it(`serves bounds that another seed reproduces: ${SEGREGATION_REPLICATES} replicates move D's and M's bounds by under 0.22 of the interval's half-width`, () => {
    const seeds = [1, 2, 3, 4, 5, 6];
    const runs = seeds.map((seed) => boundsWith(seed, SEGREGATION_REPLICATES));
    for (const index of ["D", "M"] as const) {
      const lows = runs.map((r) => r[index]!.low!);
      const highs = runs.map((r) => r[index]!.high!);
      const halfWidth = (runs[0]![index]!.high! - runs[0]![index]!.low!) / 2;
      expect(halfWidth).toBeGreaterThan(0.003);
      // Six seeds' bounds spread over 0.24–0.37 half-widths with 100 replicates, 0.09–0.18 with 1,000.
      expect(Math.max(...lows) - Math.min(...lows), `${index} lower`).toBeLessThan(0.22 * halfWidth);
      expect(Math.max(...highs) - Math.min(...highs), `${index} upper`).toBeLessThan(0.22 * halfWidth);
      // Every seed's interval holds the estimate.
      for (const r of runs) expect(r[index]!.low! <= r[index]!.value && r[index]!.value <= r[index]!.high!).toBe(true);
    }
    expect(SEGREGATION_REPLICATES).toBeGreaterThanOrEqual(1000);
  });
});
