import { describe, expect, it } from "vitest";
import { LQ_MIN_SPAN, servedQuotient } from "../../worker/stats/segregation/served";

/** The whole numbers of people a served quotient leaves possible, given the public rounding rule. */
function candidates(lq: number, share: number, size: number): number[] {
  const decimals = (share * size) / 100 >= LQ_MIN_SPAN ? 2 : 1;
  const half = 0.5 * 10 ** -decimals;
  const out: number[] = [];
  for (let x = Math.ceil((lq - half) * share * size - 1e-9); x <= Math.floor((lq + half) * share * size + 1e-9); x++) out.push(x);
  return out;
}

describe("served location quotients", () => {
  it.each([
    // group, size, parent share → served
    [300, 1000, 0.2, 1.5], // 2 decimals: a step of 0.01 is 2 people
    [30, 100, 0.2, 1.5], // 1 decimal: a step of 0.01 would be 0.2 people, of 0.1 two
    [3, 50, 0.2, null], // even a step of 0.1 is one person: not served
    [0, 5000, 0.1, 0],
  ])("%s of %s against a parent share of %s → %s", (group, size, share, lq) => {
    expect(servedQuotient(group, size, share)).toBe(lq);
  });

  it("never pins a count: at least two whole numbers of people fit every served quotient, and the true one is among them", () => {
    let s = 99;
    const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
    let served = 0;
    const pinned: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const size = Math.round(20 + 5000 * rnd() ** 2);
      const share = 0.01 + 0.5 * rnd();
      const group = Math.round(size * Math.min(1, share * 3 * rnd()));
      const lq = servedQuotient(group, size, share);
      if (lq === null) continue;
      served++;
      const fit = candidates(lq, share, size);
      if (fit.length < 2 || !fit.includes(group)) pinned.push(`${group}/${size} at ${share}: ${fit.join(", ")}`);
    }
    expect(pinned).toEqual([]);
    expect(served).toBeGreaterThan(3500);
  });
});
