import { BLOCK, type BlockRandom, logFactorial, type Random } from "./random";

/**
 * Multinomial draws by Poissonization, exact: a bootstrap draws the same table a thousand times,
 * and this way every random number a replicate needs comes from tables built once per table.
 *
 * Cells X_i ~ Poisson(λ·p_i), independent, have a sum S ~ Poisson(λ), and given S = s the vector
 * is Multinomial(s, p). A replicate whose S exceeds the population N is drawn again (that depends
 * on S alone, so what is kept is still Multinomial(s, p) given s); the N − s individuals missing
 * are added one by one, each in cell i with probability p_i, and Multinomial(s, p) plus an
 * independent Multinomial(N − s, p) is Multinomial(N, p). λ a little below N trades the added
 * individuals against redrawn replicates (`chooseLambda`).
 *
 * A Poisson(μ) cell is drawn from an alias table (Walker 1977; Vose 1991) of its values within
 * five standard deviations of the mode, plus one slot for the two tails together (mass below
 * 1e-6), which are then drawn by inversion over the tails: one uniform, a multiplication and a
 * comparison per draw, whatever μ. A cell with μ above MAX_MEAN is the sum of k independent
 * Poisson(μ/k), from one table of μ/k, so no table outgrows ~640 slots. The one categorical of
 * the added individuals is an alias table over the cells. Probabilities are the exact ones in
 * double precision (the mode's by log-factorials, the rest by the pmf's ratio recurrence), so the
 * draws are exact up to rounding, as inversion is; test/stats/segregation-poissonized.test.ts
 * checks them against the binomial and multinomial distributions (χ²).
 *
 * Against the conditional binomials it replaced (one BTRS or inversion draw per cell, whose setup
 * depends on how many people the cells before took), a replicate of a grunnkrets table costs
 * about half: ~2.7 table draws per cell at ~12 ns against one binomial at ~70 ns.
 */

/** Half-width of a cell's table in standard deviations, and at least this many values either side. */
const WIDTH_SD = 5;
const WIDTH_MIN = 8;
/** A cell's table covers at most 2·5·√MAX_MEAN + 2 values. */
const MAX_MEAN = 4000;

export interface MultinomialTables {
  /** Population drawn per replicate. */
  trials: number;
  /** Total Poisson mean λ (0: every individual drawn from the categorical). */
  lambda: number;
  /** Per cell: first value of its table, its number of slots (values + tail slot), where its slots start, how many Poisson draws sum to it (0: empty cell). */
  lo: Int32Array;
  slots: Int32Array;
  start: Int32Array;
  parts: Int32Array;
  /** Per cell: the tails' Poisson mean (μ/parts), for the tail inversion. */
  mean: Float64Array;
  /** Per cell: mass of its lower tail within the tail slot's share (probability below `lo`, over both tails). */
  lowerShare: Float64Array;
  /** Alias tables of all cells, one after the other: acceptance probability and alias slot. */
  prob: Float64Array;
  alias: Int32Array;
  /** The categorical over cells for the added individuals. */
  catProb: Float64Array;
  catAlias: Int32Array;
}

let scratch = { scaled: new Float64Array(0), small: new Int32Array(0), large: new Int32Array(0) };

/** Vose's alias table of weights w[from, from + L) (non-negative, positive sum) into prob/alias[from, from + L), slots numbered from 0. */
function buildAlias(w: Float64Array, from: number, L: number, prob: Float64Array, alias: Int32Array): void {
  if (scratch.scaled.length < L) scratch = { scaled: new Float64Array(L), small: new Int32Array(L), large: new Int32Array(L) };
  const { scaled, small, large } = scratch;
  let sum = 0;
  for (let j = 0; j < L; j++) sum += w[from + j]!;
  let ns = 0;
  let nl = 0;
  for (let j = 0; j < L; j++) {
    scaled[j] = (w[from + j]! * L) / sum;
    if (scaled[j]! < 1) small[ns++] = j;
    else large[nl++] = j;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns]!;
    const l = large[nl - 1]!;
    prob[from + s] = scaled[s]!;
    alias[from + s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    if (scaled[l]! < 1) {
      nl--;
      small[ns++] = l;
    }
  }
  // What is left has (up to rounding) probability 1: it always keeps its own slot.
  while (nl > 0) {
    const l = large[--nl]!;
    prob[from + l] = 1;
    alias[from + l] = l;
  }
  while (ns > 0) {
    const s = small[--ns]!;
    prob[from + s] = 1;
    alias[from + s] = s;
  }
}

/** The first value of Poisson(μ)'s window, and its number of values. */
function windowOf(mu: number): { lo: number; size: number } {
  const mode = Math.floor(mu);
  const half = Math.max(WIDTH_MIN, Math.ceil(WIDTH_SD * Math.sqrt(mu)));
  const lo = Math.max(0, mode - half);
  return { lo, size: mode + half - lo + 1 };
}

/**
 * Poisson(μ)'s probabilities of its window lo..lo + size − 1 into out[at…] (from the mode by the
 * pmf's ratio recurrence) and, in the slot after them, the mass of the two tails, each summed term
 * by term until negligible; returns the lower tail's share of that mass.
 */
function poissonWindow(mu: number, lo: number, size: number, out: Float64Array, at: number): number {
  const mode = Math.floor(mu);
  const hi = lo + size - 1;
  out[at + mode - lo] = Math.exp(mode * Math.log(mu) - mu - logFactorial(mode));
  for (let k = mode; k < hi; k++) out[at + k + 1 - lo] = (out[at + k - lo]! * mu) / (k + 1);
  for (let k = mode; k > lo; k--) out[at + k - 1 - lo] = (out[at + k - lo]! * k) / mu;
  let upper = 0;
  for (let k = hi, f = out[at + size - 1]!; ; k++) {
    f = (f * mu) / (k + 1);
    upper += f;
    if (f <= upper * 1e-17 || f === 0) break;
  }
  let lower = 0;
  for (let k = lo, f = out[at]!; k > 0; k--) {
    f = (f * k) / mu;
    lower += f;
    if (f <= lower * 1e-17 || f === 0) break;
  }
  out[at + size] = lower + upper;
  return lower + upper > 0 ? lower / (lower + upper) : 0;
}

/** Tables for drawing Multinomial(trials, weights / Σ weights) again and again. */
export function multinomialTables(trials: number, weights: Float64Array): MultinomialTables {
  const C = weights.length;
  let W = 0;
  let nonEmpty = 0;
  for (let i = 0; i < C; i++) {
    if (weights[i]! > 0) {
      W += weights[i]!;
      nonEmpty++;
    }
  }
  if (!Number.isInteger(trials) || trials < 0) throw new RangeError(`trials must be a whole number ≥ 0, got ${trials}`);
  if (trials > 0 && !(W > 0)) throw new RangeError("a multinomial needs a cell with positive weight");
  const lambda = chooseLambda(trials, nonEmpty);
  const lo = new Int32Array(C);
  const slots = new Int32Array(C);
  const start = new Int32Array(C);
  const parts = new Int32Array(C);
  const mean = new Float64Array(C);
  const lowerShare = new Float64Array(C);
  let total = 0;
  for (let i = 0; i < C; i++) {
    const w = weights[i]!;
    if (!(w > 0) || lambda === 0) continue;
    const mu = (lambda * w) / W;
    // Underflowed to 0: the cell can still take added individuals, with its (as tiny) weight.
    if (!(mu > 0)) continue;
    const k = Math.max(1, Math.ceil(mu / MAX_MEAN));
    const win = windowOf(mu / k);
    parts[i] = k;
    mean[i] = mu / k;
    lo[i] = win.lo;
    slots[i] = win.size + 1;
    start[i] = total;
    total += win.size + 1;
  }
  // The probabilities go where the acceptance probabilities will be, and are replaced by them.
  const prob = new Float64Array(total);
  const alias = new Int32Array(total);
  for (let i = 0; i < C; i++) {
    if (parts[i] === 0) continue;
    lowerShare[i] = poissonWindow(mean[i]!, lo[i]!, slots[i]! - 1, prob, start[i]!);
    buildAlias(prob, start[i]!, slots[i]!, prob, alias);
  }
  const catProb = new Float64Array(C);
  const catAlias = new Int32Array(C);
  if (W > 0) buildAlias(Float64Array.from(weights, (x) => (x > 0 ? x : 0)), 0, C, catProb, catAlias);
  return { trials, lambda, lo, slots, start, parts, mean, lowerShare, prob, alias, catProb, catAlias };
}

/**
 * λ = N − c·√N with the c that minimises the expected draws per replicate, (cells + c·√N) /
 * P(S ≤ N) with the normal approximation of that probability; 0 (every individual from the
 * categorical) when N alone is less. Any λ gives exact draws: this only sets their cost.
 */
function chooseLambda(N: number, cells: number): number {
  let best = N;
  let lambda = 0;
  const root = Math.sqrt(N);
  for (let c = 0.25; c <= 4; c += 0.05) {
    const l = N - c * root;
    if (l <= 0) break;
    const cost = (cells + c * root) / normalCdf(c);
    if (cost < best) {
      best = cost;
      lambda = l;
    }
  }
  return lambda;
}

/** Φ(x), for choosing λ only: Zelen & Severo (Abramowitz–Stegun 26.2.17), |error| < 7.5e-8. */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const d = 0.3989422804014327 * Math.exp((-x * x) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x >= 0 ? 1 - p : p;
}

/**
 * A Poisson(μ) value below lo or above hi, with probability proportional to its pmf: the lower
 * tail with its share of the two, then inversion within the tail from its edge outwards. A cell's
 * draw lands here with probability below 1e-6; exported for its test.
 */
export function poissonTail(rng: Random, mu: number, lo: number, hi: number, lowerShare: number): number {
  for (;;) {
    const lower = rng.uniform() < lowerShare;
    const edge = lower ? lo : hi;
    // Tail mass and its terms relative to the edge's pmf, walking outwards.
    let f = 1;
    let mass = 0;
    const terms: number[] = [];
    for (let k = edge; ; ) {
      if (lower) {
        if (k === 0) break;
        f = (f * k) / mu;
        k--;
      } else {
        f = (f * mu) / (k + 1);
        k++;
      }
      terms.push(f);
      mass += f;
      if (f <= mass * 1e-17 || f === 0) break;
    }
    if (terms.length === 0) continue;
    let u = rng.uniform() * mass;
    for (let j = 0; j < terms.length; j++) {
      u -= terms[j]!;
      if (u < 0) return lower ? edge - 1 - j : edge + 1 + j;
    }
    // Rounding left u beyond the last term: draw again.
  }
}

/** Multinomial(trials, weights) into `out`, from the tables. */
export function drawFromTables(rng: BlockRandom, t: MultinomialTables, out: Float64Array): void {
  const C = out.length;
  const N = t.trials;
  const { parts, slots, start, prob, alias, lo } = t;
  // The generator's block in locals: the same uniforms in the same order as rng.uniform().
  const block = rng.block;
  let at = rng.at;
  let s = 0;
  if (t.lambda > 0) {
    replicate: for (;;) {
      s = 0;
      for (let i = 0; i < C; i++) {
        const k = parts[i]!;
        if (k === 0) {
          out[i] = 0;
          continue;
        }
        const L = slots[i]!;
        const first = start[i]!;
        let x = 0;
        for (let r = 0; r < k; r++) {
          if (at === BLOCK) {
            rng.refill();
            at = 0;
          }
          const u = block[at++]! * L;
          const j = Math.floor(u);
          const a = first + j;
          // Branch-free choice between the slot and its alias: the comparison is a coin flip the CPU cannot predict.
          const slot = j + +(u - j >= prob[a]!) * (alias[a]! - j);
          if (slot < L - 1) x += lo[i]! + slot;
          else {
            rng.at = at;
            x += poissonTail(rng, t.mean[i]!, lo[i]!, lo[i]! + L - 2, t.lowerShare[i]!);
            at = rng.at;
          }
        }
        out[i] = x;
        s += x;
        if (s > N) continue replicate;
      }
      break;
    }
  } else out.fill(0);
  const { catProb, catAlias } = t;
  for (let m = N - s; m > 0; m--) {
    if (at === BLOCK) {
      rng.refill();
      at = 0;
    }
    const u = block[at++]! * C;
    const j = Math.floor(u);
    out[j + +(u - j >= catProb[j]!) * (catAlias[j]! - j)]! += 1;
  }
  rng.at = at;
}
