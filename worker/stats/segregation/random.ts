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
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!;
  // Two sfc32 steps per uniform, unrolled: the high word first, as before.
  for (let i = 0; i < out.length; i++) {
    const hi = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + hi) | 0;
    const lo = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + lo) | 0;
    out[i] = ((hi >>> 5) * 67108864 + (lo >>> 6)) / 9007199254740992;
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
}

export function seededRandom(seed: number): Random {
  return new BlockRandom(seededState(seed));
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

/** Below this mean the binomial is drawn by inversion, from it by BTRS (valid for n·p ≥ 10). */
export const INVERSION_MEAN = 10;

/** Binomial(n, p), exact. */
export function binomial(rng: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const q = p > 0.5 ? 1 - p : p;
  const x = n * q < INVERSION_MEAN ? inversion(rng, n, q, q / (1 - q), Math.log1p(-q)) : btrs(rng, n, q, NaN);
  return p > 0.5 ? n - x : x;
}

/**
 * Binomial(n, p) for p ≤ ½ and small n·p by walking the distribution function. `s` = p / (1 − p)
 * and `log1mp` = log(1 − p) depend on p alone: a multinomial works them out once per cell.
 */
function inversion(rng: Random, n: number, p: number, s: number, log1mp: number): number {
  const a = (n + 1) * s;
  // q^n as exp(n·log1p(−p)): V8's Math.pow costs more than the rest of a draw (~60 ns), and
  // the two differ by a few ulps, which moves a draw only when u falls within them of a bound.
  const first = Math.exp(n * log1mp);
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

/** log k! for k < 256, summed once. */
const LOG_FACTORIAL = (() => {
  const t = new Float64Array(256);
  for (let k = 1; k < 256; k++) t[k] = t[k - 1]! + Math.log(k);
  return t;
})();
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log k! to double precision: the table below 256, above it Stirling's series to 1/x⁷ (x = k + 1, error < 1e-20). */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL[k]!;
  if (k < STIRLING_TABLE_SIZE) return logFactorialValues()[k]!;
  return stirling(k);
}

export function stirling(k: number): number {
  const x = k + 1;
  const x2 = x * x;
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + (1 / 12 - (1 / 360 - (1 / 1260 - 1 / (1680 * x2)) / x2) / x2) / x;
}

/**
 * log k! for k < 2¹⁷ in one table, worked out once (~2 ms, 1 MB) when a bootstrap first needs
 * one: LOG_FACTORIAL's sums below 256, Stirling's values from there. The exact test of a BTRS
 * draw asks for log (n − k)! with n up to the parent's population, which for every kommune but
 * the largest lies below this, and a lookup costs a fraction of the series' logarithm and four
 * divisions. The same numbers as `logFactorial` computed them before, to the bit.
 */
export const STIRLING_TABLE_SIZE = 1 << 17;
let logFactorialTable: Float64Array | null = null;

export function logFactorialValues(): Float64Array {
  if (logFactorialTable) return logFactorialTable;
  const t = new Float64Array(STIRLING_TABLE_SIZE);
  t.set(LOG_FACTORIAL);
  for (let k = 256; k < STIRLING_TABLE_SIZE; k++) t[k] = stirling(k);
  return (logFactorialTable = t);
}

/**
 * Binomial(n, p) for p ≤ ½ and n·p ≥ 10 by BTRS (Hörmann 1993, "The generation of binomial
 * random variates", J. Statist. Comput. Simul. 46): transformed rejection with a squeeze that
 * accepts most draws from two uniforms and a few operations; the rest are accepted or rejected
 * by the exact log-ratio of the binomial probabilities (log-factorials). Exact like the BTPE it
 * replaced (ENGINE_VERSION 12), at about two thirds of its cost for the cell sizes of a
 * grunnkrets table, where a national recompute spends most of its segregation time.
 */
function btrs(rng: Random, n: number, p: number, logOdds: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  // What only the exact test needs, computed the first time a draw gets that far.
  let h = NaN;
  let alpha = 0;
  let lpq = 0;
  let m = 0;
  for (;;) {
    const u = rng.uniform() - 0.5;
    let v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || k > n) continue;
    if (Number.isNaN(h)) {
      alpha = (2.83 + 5.1 / b) * spq;
      // log(p / q), from the caller when it has it (a multinomial's cell, once per table).
      lpq = Number.isNaN(logOdds) ? Math.log(p / q) : logOdds;
      m = Math.floor((n + 1) * p);
      h = logFactorial(m) + logFactorial(n - m);
    }
    v = (v * alpha) / (a / (us * us) + b);
    if (Math.log(v) <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

/**
 * What a multinomial's conditional binomials need of each cell that does not depend on how many
 * individuals are left: the cell's probability given the cells before it (w / rest, with `rest`
 * reduced exactly as the draw reduces it) and the quantities the samplers derive from it alone.
 * A bootstrap draws the same table a thousand times; working these out once per table saves a
 * division and, for most cells, a logarithm per draw, with the same numbers as before.
 */
export interface MultinomialPlan {
  /** 0: empty cell; 1: takes all that is left; 2: binomial with p ≤ ½; 3: with p > ½ (drawn as n − Binomial(n, 1 − p)); 4: p underflowed to 0, takes none. */
  kind: Uint8Array;
  /** min(p, 1 − p), as `binomial` computes it. */
  q: Float64Array;
  /** q / (1 − q) and log(1 − q) for inversion; log(q / (1 − q)) for BTRS, computed when a draw first needs it (NaN until then). */
  odds: Float64Array;
  log1mq: Float64Array;
  logOdds: Float64Array;
}

export function multinomialPlan(weights: Float64Array): MultinomialPlan {
  const C = weights.length;
  const plan: MultinomialPlan = {
    kind: new Uint8Array(C),
    q: new Float64Array(C),
    odds: new Float64Array(C),
    log1mq: new Float64Array(C),
    logOdds: new Float64Array(C).fill(NaN),
  };
  let rest = 0;
  for (let i = 0; i < C; i++) rest += weights[i]!;
  for (let i = 0; i < C; i++) {
    const w = weights[i]!;
    if (!(w > 0)) continue;
    const p = w / rest;
    // As binomial() decides: all that is left, or none (w / rest underflowed) without a draw.
    if (w >= rest || p >= 1) plan.kind[i] = 1;
    else if (p <= 0) plan.kind[i] = 4;
    else {
      {
        const q = p > 0.5 ? 1 - p : p;
        plan.kind[i] = p > 0.5 ? 3 : 2;
        plan.q[i] = q;
        plan.odds[i] = q / (1 - q);
        plan.log1mq[i] = Math.log1p(-q);
      }
    }
    rest -= w;
  }
  return plan;
}

/**
 * Multinomial: `trials` individuals spread over cells with probabilities proportional to
 * `weights`, written to `out` (one conditional binomial per cell, as R's rmultinom).
 */
export function multinomial(rng: Random, trials: number, weights: Float64Array, out: Float64Array): void {
  drawMultinomial(rng, trials, multinomialPlan(weights), out);
}

/** The same draws as `multinomial` of the plan's weights, from the plan. */
export function drawMultinomial(rng: Random, trials: number, plan: MultinomialPlan, out: Float64Array): void {
  const { kind, q, odds, log1mq, logOdds } = plan;
  let n = trials;
  let last = -1;
  for (let i = 0; i < kind.length; i++) {
    const k = kind[i]!;
    if (k === 0 || n === 0) {
      out[i] = 0;
      continue;
    }
    last = i;
    let x: number;
    if (k === 1) x = n;
    else if (k === 4) x = 0;
    else {
      const p = q[i]!;
      if (n * p < INVERSION_MEAN) x = inversion(rng, n, p, odds[i]!, log1mq[i]!);
      else {
        let lo = logOdds[i]!;
        if (Number.isNaN(lo)) logOdds[i] = lo = Math.log(p / (1 - p));
        x = btrs(rng, n, p, lo);
      }
      if (k === 3) x = n - x;
    }
    out[i] = x;
    n -= x;
  }
  // Rounding in `rest` (fractional weights) can leave a few individuals unplaced.
  if (n > 0 && last >= 0) out[last]! += n;
}

/** The sfc32 state a seed starts from (after the warm-up): `seededRandom`'s and `MultinomialLanes`'s. */
export function seededState(seed: number): Int32Array {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  const mix = splitmix32((seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32) | 0, 0x27d4eb2d));
  const state = Int32Array.of(mix(), mix(), mix(), mix());
  fillUniforms(state, new Float64Array(6)); // sfc32's warm-up: 12 words discarded
  return state;
}
