import { INVERSION_MEAN, logFactorialValues, seededState, stirling, STIRLING_TABLE_SIZE, type MultinomialPlan } from "./random";

/**
 * Many bootstrap replicates of one multinomial drawn side by side ("lanes"): for each cell in
 * turn, the conditional binomial of every lane. Each lane is drawn exactly as `drawMultinomial`
 * draws a replicate (the same conditional binomials, inversion below n·p = 10 and BTRS from it),
 * only the uniforms are handed out in another order: cell by cell across the lanes rather than
 * replicate by replicate. Why: a replicate's draws form one chain (each cell's binomial waits on
 * how many people the cells before it took), so one replicate at a time keeps the processor
 * waiting on square roots, divisions and logarithms; the lanes' draws of a cell are independent
 * and overlap. With the generator's state in locals and the samplers written into the loop
 * (workerd inlined neither uniform() nor the samplers into a multinomial's loop), a national
 * bootstrap's ~2·10⁸ draws take about half the time. Exactness is tested in
 * test/stats/segregation-lanes.test.ts (χ² of margins and joint outcomes against the
 * multinomial). Changing LANES changes which uniforms each replicate gets, hence served bounds.
 */
export class MultinomialLanes {
  private readonly state: Int32Array;
  private readonly left: Float64Array;
  private readonly last: Int32Array;

  constructor(
    seed: number,
    /** The most lanes one call draws. */
    readonly lanes: number,
  ) {
    if (!Number.isInteger(lanes) || lanes < 1) throw new RangeError(`lanes must be a positive whole number, got ${lanes}`);
    this.state = seededState(seed);
    this.left = new Float64Array(lanes);
    this.last = new Int32Array(lanes);
  }

  /**
   * `count` ≤ lanes replicates of `trials` people over the plan's cells: replicate r's count in
   * cell i is written to out[i · count + r].
   */
  draw(trials: number, plan: MultinomialPlan, count: number, out: Float64Array): void {
    if (!(count >= 1 && count <= this.lanes)) throw new RangeError(`count must lie between 1 and ${this.lanes}, got ${count}`);
    const { kind, q, odds, log1mq, logOdds } = plan;
    const lf = logFactorialValues();
    const { state, left, last } = this;
    let sa = state[0]!, sb = state[1]!, sc = state[2]!, sd = state[3]!;
    left.fill(trials, 0, count);
    last.fill(-1, 0, count);
    const C = kind.length;
    for (let i = 0; i < C; i++) {
      const k = kind[i]!;
      const base = i * count;
      if (k === 0) {
        for (let r = 0; r < count; r++) out[base + r] = 0;
        continue;
      }
      if (k === 1 || k === 4) {
        // All that is left, or none (w / rest underflowed), without a draw.
        for (let r = 0; r < count; r++) {
          const n = left[r]!;
          if (n !== 0) last[r] = i;
          out[base + r] = k === 1 ? n : 0;
          if (k === 1) left[r] = 0;
        }
        continue;
      }
      // Binomial(n, p) with p ≤ ½, n − Binomial(n, p) for kind 3 (as `binomial` does).
      const p = q[i]!;
      const s = odds[i]!;
      const l1 = log1mq[i]!;
      let lpq = logOdds[i]!;
      const complement = k === 3;
      for (let r = 0; r < count; r++) {
        const n = left[r]!;
        if (n === 0) {
          out[base + r] = 0;
          continue;
        }
        last[r] = i;
        let x = 0;
        if (n * p < INVERSION_MEAN) {
          // `inversion`
          const a = (n + 1) * s;
          const first = Math.exp(n * l1);
          for (;;) {
            let f = first;
            // uniform(): two sfc32 steps, as fillUniforms
            const hi = (((sa + sb) | 0) + sd) | 0;
            sd = (sd + 1) | 0;
            sa = sb ^ (sb >>> 9);
            sb = (sc + (sc << 3)) | 0;
            sc = (sc << 21) | (sc >>> 11);
            sc = (sc + hi) | 0;
            const lo = (((sa + sb) | 0) + sd) | 0;
            sd = (sd + 1) | 0;
            sa = sb ^ (sb >>> 9);
            sb = (sc + (sc << 3)) | 0;
            sc = (sc << 21) | (sc >>> 11);
            sc = (sc + lo) | 0;
            let u = ((hi >>> 5) * 67108864 + (lo >>> 6)) / 9007199254740992;
            let y = 0;
            while (u > f && y < n) {
              u -= f;
              y++;
              f *= a / y - s;
            }
            if (u <= f) {
              x = y;
              break;
            }
          }
        } else {
          // `btrs`
          if (Number.isNaN(lpq)) logOdds[i] = lpq = Math.log(p / (1 - p));
          const spq = Math.sqrt(n * p * (1 - p));
          const b = 1.15 + 2.53 * spq;
          const a = -0.0873 + 0.0248 * b + 0.01 * p;
          const c = n * p + 0.5;
          const vr = 0.92 - 4.2 / b;
          let h = NaN;
          let alpha = 0;
          let m = 0;
          for (;;) {
            const hi1 = (((sa + sb) | 0) + sd) | 0;
            sd = (sd + 1) | 0;
            sa = sb ^ (sb >>> 9);
            sb = (sc + (sc << 3)) | 0;
            sc = (sc << 21) | (sc >>> 11);
            sc = (sc + hi1) | 0;
            const lo1 = (((sa + sb) | 0) + sd) | 0;
            sd = (sd + 1) | 0;
            sa = sb ^ (sb >>> 9);
            sb = (sc + (sc << 3)) | 0;
            sc = (sc << 21) | (sc >>> 11);
            sc = (sc + lo1) | 0;
            const hi2 = (((sa + sb) | 0) + sd) | 0;
            sd = (sd + 1) | 0;
            sa = sb ^ (sb >>> 9);
            sb = (sc + (sc << 3)) | 0;
            sc = (sc << 21) | (sc >>> 11);
            sc = (sc + hi2) | 0;
            const lo2 = (((sa + sb) | 0) + sd) | 0;
            sd = (sd + 1) | 0;
            sa = sb ^ (sb >>> 9);
            sb = (sc + (sc << 3)) | 0;
            sc = (sc << 21) | (sc >>> 11);
            sc = (sc + lo2) | 0;
            const u = ((hi1 >>> 5) * 67108864 + (lo1 >>> 6)) / 9007199254740992 - 0.5;
            let v = ((hi2 >>> 5) * 67108864 + (lo2 >>> 6)) / 9007199254740992;
            const us = 0.5 - Math.abs(u);
            const y = Math.floor(((2 * a) / us + b) * u + c);
            if (us >= 0.07 && v <= vr) {
              x = y;
              break;
            }
            if (y < 0 || y > n) continue;
            if (Number.isNaN(h)) {
              alpha = (2.83 + 5.1 / b) * spq;
              m = Math.floor((n + 1) * p);
              const nm = n - m;
              h = (m < STIRLING_TABLE_SIZE ? lf[m]! : stirling(m)) + (nm < STIRLING_TABLE_SIZE ? lf[nm]! : stirling(nm));
            }
            v = (v * alpha) / (a / (us * us) + b);
            const ny = n - y;
            // Accept when log v ≤ t = log(f(y) / f(m)), i.e. v ≤ eᵗ. Most draws that get here are
            // decided without the logarithm by Taylor's bounds 1 + t + t²/2 + t³/6 ≤ eᵗ (every t)
            // and eᵗ ≤ 1 + t + t²/2 (t ≤ 0), each widened by 10⁻¹² against rounding.
            const t = h - (y < STIRLING_TABLE_SIZE ? lf[y]! : stirling(y)) - (ny < STIRLING_TABLE_SIZE ? lf[ny]! : stirling(ny)) + (y - m) * lpq;
            if (v <= (1 + t * (1 + t * 0.5 * (1 + t * THIRD))) * BELOW) {
              x = y;
              break;
            }
            if (t <= 0 && v > (1 + t * (1 + 0.5 * t)) * ABOVE) continue;
            if (Math.log(v) <= t) {
              x = y;
              break;
            }
          }
        }
        if (complement) x = n - x;
        out[base + r] = x;
        left[r] = n - x;
      }
    }
    // Rounding in `rest` (fractional weights) can leave a few individuals unplaced.
    for (let r = 0; r < count; r++) {
      const n = left[r]!;
      if (n > 0 && last[r]! >= 0) out[last[r]! * count + r]! += n;
    }
    state[0] = sa;
    state[1] = sb;
    state[2] = sc;
    state[3] = sd;
  }
}

const THIRD = 1 / 3;
const BELOW = 1 - 1e-12;
const ABOVE = 1 + 1e-12;
