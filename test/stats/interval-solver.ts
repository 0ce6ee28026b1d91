import type { Indicator } from "../../db/schema";
import { DECIMALS } from "../../worker/stats/precision";
import { rateScale } from "../../worker/stats/intervals";

/**
 * What an attacker does with a served share: enumerate every numerator/denominator pair (x, n)
 * with n up to a bound, keep those whose served figure (value and interval, as the serving code
 * would give them for x of n) is exactly the one seen. One pair left = the counts are recovered.
 * The serving code is a black box here (`serve`), so the solver knows the method only as an
 * attacker who read the method page does: by running it.
 */
export interface Served {
  value: number;
  low?: number;
  high?: number;
}

export type Serve = (x: number, n: number) => Served | null;

export interface SolveOptions {
  /** Largest denominator tried. */
  maxDenominator: number;
  /** Stop once this many pairs fit (2 answers "is it unique?"); Infinity lists them all. */
  stopAfter?: number;
  /** Smallest denominator tried (shares below the disclosure threshold are never served). */
  minDenominator?: number;
}

const same = (a: Served, b: Served) => a.value === b.value && a.low === b.low && a.high === b.high;

/** Every (x, n) with n ≤ the bound that serves exactly `seen`, up to `stopAfter` of them. */
export function solve(seen: Served, unit: Indicator["unit"], serve: Serve, opts: SolveOptions): { x: number; n: number }[] {
  const scale = rateScale(unit);
  if (scale === null) throw new Error(`solve: ${unit} is not a rate`);
  const stopAfter = opts.stopAfter ?? Number.POSITIVE_INFINITY;
  const found: { x: number; n: number }[] = [];
  // Only numerators whose share lies within half a last decimal of the value can round to it;
  // one more on each side keeps the serving code the judge, not this arithmetic.
  const slack = 0.5 * 10 ** -DECIMALS[unit] / scale;
  for (let n = opts.minDenominator ?? 1; n <= opts.maxDenominator; n++) {
    const from = Math.max(0, Math.floor(((seen.value / scale) - slack) * n) - 1);
    const to = Math.min(n, Math.ceil(((seen.value / scale) + slack) * n) + 1);
    for (let x = from; x <= to; x++) {
      const s = serve(x, n);
      if (s && same(s, seen)) {
        found.push({ x, n });
        if (found.length >= stopAfter) return found;
      }
    }
  }
  return found;
}
