/**
 * Quantiles of the normal, gamma and Student t distributions: what the interval models
 * (stats/intervals.ts) and the change tests (stats/change.ts) are built from.
 */

/** Acklam's rational approximation coefficients (central a/b, tails c/d). */
const ACKLAM = [
  [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239],
  [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572],
  [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783],
  [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416],
] as const;

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9),
 * so any confidence level can be asked for, not only 95 %.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const [a, b, c, d] = ACKLAM;
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

// Every card point asks for 95 %: its quantile is a constant, others are computed when asked.
const Z95 = normalQuantile(0.975);
export const zFor = (confidence: number) => {
  if (confidence === 0.95) return Z95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return normalQuantile(1 - (1 - confidence) / 2);
};

/** Lanczos (g = 7, n = 9) coefficients: ln Γ to ~15 significant digits for x > 0. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma: x must be positive, got ${x}`);
  // Below 0.5 the series loses accuracy: Γ(x) = Γ(x + 1) / x.
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const y = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) s += LANCZOS[i]! / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * Regularised lower incomplete gamma P(a, x): the probability that a Gamma(a, 1) variable is at
 * most x. Series below a + 1, Lentz's continued fraction for the upper tail above (Numerical
 * Recipes §6.2), each to machine precision.
 */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`regularizedGammaP: shape must be positive, got ${a}`);
  if (x <= 0) return 0;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let ap = a + 1; Math.abs(term) > Math.abs(sum) * 1e-16; ap++) {
      term *= x / ap;
      sum += term;
    }
    return Math.min(1, sum * front);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return Math.max(0, 1 - front * h);
}

/**
 * Quantile of Gamma(shape, 1): Newton's method on P(shape, x) from the Wilson-Hilferty start,
 * kept inside a bracket that every step narrows, to 12 significant digits.
 */
export function gammaQuantile(p: number, shape: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`gammaQuantile: p must be in (0, 1), got ${p}`);
  if (!(shape > 0)) throw new RangeError(`gammaQuantile: shape must be positive, got ${shape}`);
  const lgamma = logGamma(shape);
  const z = normalQuantile(p);
  const wh = shape * (1 - 1 / (9 * shape) + z / (3 * Math.sqrt(shape))) ** 3;
  // Near 0, P(a, x) ≈ x^a / Γ(a + 1).
  let x = shape >= 1 && wh > 0 ? wh : Math.exp((Math.log(p) + logGamma(shape + 1)) / shape);
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 200; i++) {
    const f = regularizedGammaP(shape, x) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((shape - 1) * Math.log(x) - x - lgamma);
    let next = x - f / density;
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : 2 * x;
    if (Math.abs(next - x) <= 1e-13 * next) return next;
    x = next;
  }
  return x;
}

/**
 * Student t quantile by the Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5): within 0.4 %
 * of the exact value from 3 degrees of freedom up (3.182 → 3.170 at 3, exact to 3 decimals
 * from 6), which is as far as the amounts' change test asks.
 */
export function tQuantile(p: number, df: number): number {
  if (!(df >= 1)) throw new RangeError(`tQuantile: df must be at least 1, got ${df}`);
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z2 + 1) * z / 4;
  const g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}
