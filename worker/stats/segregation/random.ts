/**
 * Seeded random numbers for the bootstrap: the same seed gives the same replicates on every
 * machine. sfc32 (Doty-Humphrey's small fast counting generator) seeded through splitmix32,
 * and exact binomial and multinomial samplers fast enough to resample millions of people.
 */
export interface Random {
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Fills `out` with uniforms from sfc32 state [a, b, c, d], two words each: 27 bits of one and 26
 * of the next, 53 in all. The state lives in locals while a block fills: a national bootstrap
 * draws ~10⁹ words, and a call or a closure variable per word costs several times the arithmetic.
 */
function fillUniforms(state: Int32Array, out: Float64Array): void {
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, hi = 0;
  for (let i = 0; i < 2 * out.length; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    if (i & 1) out[i >> 1] = ((hi >>> 5) * 67108864 + ((t >>> 0) >>> 6)) / 9007199254740992;
    else hi = t >>> 0;
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
}

export function seededRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  const mix = splitmix32((seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32) | 0, 0x27d4eb2d));
  const state = Int32Array.of(mix(), mix(), mix(), mix());
  fillUniforms(state, new Float64Array(6)); // sfc32's warm-up: 12 words discarded
  return new BlockRandom(state);
}

/**
 * Uniforms handed out from a block refilled 2,048 at a time. A class rather than a closure: V8
 * inlines the method into the samplers' loops, and a national bootstrap asks for ~10⁹ uniforms.
 */
class BlockRandom implements Random {
  private readonly block = new Float64Array(2048);
  private at = 2048;
  constructor(private readonly state: Int32Array) {}
  uniform(): number {
    if (this.at === 2048) {
      fillUniforms(this.state, this.block);
      this.at = 0;
    }
    return this.block[this.at++]!;
  }
}

/** At or below this mean the binomial is drawn by inversion (as numpy does), above by BTPE. */
const INVERSION_MEAN = 30;

/** Binomial(n, p), exact. */
export function binomial(rng: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const q = p > 0.5 ? 1 - p : p;
  const x = n * q <= INVERSION_MEAN ? inversion(rng, n, q) : btpe(rng, n, q);
  return p > 0.5 ? n - x : x;
}

/** Binomial(n, p) for p ≤ ½ and small n·p by walking the distribution function. */
function inversion(rng: Random, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  // q^n as exp(n·log1p(−p)): V8's Math.pow costs more than the rest of a draw (~60 ns), and
  // the two differ by a few ulps, which moves a draw only when u falls within them of a bound.
  const first = Math.exp(n * Math.log1p(-p));
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
    // Rounding left probability mass beyond n: draw again.
  }
}

/**
 * 1/12k − 1/360k³ + …, the Stirling series correction of log Γ(k) (13860 = 166320 / 12). The
 * exact test adds those of m! and (n − m)! and subtracts those of y! and (n − y)!, as log f(y)/f(m)
 * requires; numpy's legacy code adds all four and writes 13680.
 */
const stirling = (k: number) => {
  const k2 = k * k;
  return (13860 - (462 - (132 - (99 - 140 / k2) / k2) / k2) / k2) / k / 166320;
};

/**
 * Binomial(n, p) for p ≤ ½ and n·p > 30 by BTPE (Kachitvichyanukul & Schmeiser 1988,
 * "Binomial random variate generation", CACM 31(2)): rejection from a triangle, two
 * parallelograms and two exponential tails around the mode, with squeezes, so a draw costs a
 * few uniforms whatever n is.
 */
function btpe(rng: Random, n: number, p: number): number {
  const q = 1 - p;
  const npq = n * p * q;
  const fm = n * p + p;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(npq) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * p);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;

  for (;;) {
    const u = rng.uniform() * p4;
    let v = rng.uniform();
    let y: number;
    if (u <= p1) return Math.floor(xm - p1 * v + u); // triangle: accepted at once
    if (u <= p2) {
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      y = Math.floor(xl + Math.log(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      y = Math.floor(xr - Math.log(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }

    const k = Math.abs(y - m);
    if (k <= 20 || k >= npq / 2 - 1) {
      // Explicit ratio f(y) / f(m) by the recurrence.
      const s = p / q;
      const b = s * (n + 1);
      let f = 1;
      if (k <= 40) {
        // The same product as Π (b/i − s), as Π (b − s·i) / Π i: one division instead of k,
        // which were most of a draw's time; the two differ by a few ulps (no overflow: k ≤ 40).
        let num = 1;
        let den = 1;
        if (m < y) for (let i = m + 1; i <= y; i++) (num *= b - s * i), (den *= i);
        else for (let i = y + 1; i <= m; i++) (num *= i), (den *= b - s * i);
        f = num / den;
      } else if (m < y) for (let i = m + 1; i <= y; i++) f *= b / i - s;
      else if (m > y) for (let i = y + 1; i <= m; i++) f /= b / i - s;
      if (v <= f) return y;
      continue;
    }
    // Squeeze on log f(y) / f(m), then the exact comparison with Stirling's formula.
    const rho = (k / npq) * ((k * (k / 3 + 0.625) + 1 / 6) / npq + 0.5);
    const t = (-k * k) / (2 * npq);
    const A = Math.log(v);
    if (A < t - rho) return y;
    if (A > t + rho) continue;
    const x1 = y + 1;
    const f1 = m + 1;
    const z = n + 1 - m;
    const w = n - y + 1;
    const bound =
      xm * Math.log(f1 / x1) +
      (n - m + 0.5) * Math.log(z / w) +
      (y - m) * Math.log((w * p) / (x1 * q)) +
      stirling(f1) +
      stirling(z) -
      stirling(x1) -
      stirling(w);
    if (A <= bound) return y;
  }
}

/**
 * Multinomial: `trials` individuals spread over cells with probabilities proportional to
 * `weights`, written to `out` (one conditional binomial per cell, as R's rmultinom).
 */
export function multinomial(rng: Random, trials: number, weights: Float64Array, out: Float64Array): void {
  let rest = 0;
  for (let i = 0; i < weights.length; i++) rest += weights[i]!;
  let n = trials;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!(w > 0) || n === 0) {
      out[i] = 0;
      continue;
    }
    last = i;
    const x = w >= rest ? n : binomial(rng, n, w / rest);
    out[i] = x;
    n -= x;
    rest -= w;
  }
  // Rounding in `rest` (fractional weights) can leave a few individuals unplaced.
  if (n > 0 && last >= 0) out[last]! += n;
}
