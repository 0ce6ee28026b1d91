/**
 * Streams the demo's observation rows. Grunnkretser (or kommuner without sub-areas) are generated;
 * every coarser row is the exact sum of its children's numerators and denominators (means for
 * income and life expectancy, weighted by population), as SSB's own aggregates are. Works one
 * kommune at a time, so the national scale (millions of rows) never sits in memory.
 */
import type { Level, StatusSymbol, observations } from "../schema";
import type { Geography, SubArea, Unit } from "./geography";
import type { IndicatorDef } from "./indicators";
import {
  type Demography, type Effects, GROUPS, type Leaf, type Profile, allocatePopulation, bydelEffects,
  kommuneEffects, lifeExpectancy, makeLeaf, medianIncome, rateNumerators, splitNumerators,
} from "./model";
import { rng } from "./random";

export type ObservationRow = typeof observations.$inferInsert;

/**
 * One grunnkrets whose whole 2017 delivery is missing (`..`), as happens when a source skips a
 * year for some areas. Exists at both scales.
 */
export const MISSING_DELIVERY = { code: "55016105", year: 2017 } as const;
/** Share of other grunnkrets × indicator × year cells published as missing (`..`). */
const MISSING_RATE = 0.002;

/** Running sums for one area: numerators, denominators, weighted means, and the latent profile. */
class Sums {
  readonly num: Float64Array;
  readonly den: Float64Array;
  /** Σ value × population and Σ population, for indicators published as means. */
  readonly vw: Float64Array;
  readonly w: Float64Array;
  readonly demography: Demography;
  /** Population-weighted latent scores, to give a kommune its own profile for kommune-only indicators. */
  readonly dep: Float64Array;
  readonly imm: Float64Array;
  readonly rent: Float64Array;
  /** Set by the owner: urbanity is a kommune property, not a sum. */
  urban = 0;

  constructor(
    readonly nInd: number,
    readonly nYears: number,
  ) {
    const size = nInd * nYears;
    this.num = new Float64Array(size);
    this.den = new Float64Array(size);
    this.vw = new Float64Array(size);
    this.w = new Float64Array(size);
    this.demography = Object.fromEntries(GROUPS.map((g) => [g, new Float64Array(nYears)])) as Demography;
    this.dep = new Float64Array(nYears);
    this.imm = new Float64Array(nYears);
    this.rent = new Float64Array(nYears);
  }

  /** Adds `other` for years yFrom..yTo (inclusive). */
  add(other: Sums, yFrom = 0, yTo = this.nYears - 1): void {
    for (let i = 0; i < this.nInd; i++) {
      for (let y = yFrom; y <= yTo; y++) {
        const k = i * this.nYears + y;
        this.num[k]! += other.num[k]!;
        this.den[k]! += other.den[k]!;
        this.vw[k]! += other.vw[k]!;
        this.w[k]! += other.w[k]!;
      }
    }
    for (const g of GROUPS) for (let y = yFrom; y <= yTo; y++) this.demography[g][y]! += other.demography[g][y]!;
    for (let y = yFrom; y <= yTo; y++) {
      this.dep[y]! += other.dep[y]!;
      this.imm[y]! += other.imm[y]!;
      this.rent[y]! += other.rent[y]!;
    }
  }

  /** The population-weighted mean profile of everything added so far. */
  profile(): Profile {
    const pop = this.demography.pop;
    const mean = (a: Float64Array) => Float64Array.from(a, (v, y) => (pop[y]! > 0 ? v / pop[y]! : 0));
    return { urban: this.urban, dep: mean(this.dep), imm: mean(this.imm), rent: mean(this.rent) };
  }
}

/**
 * Coarse to fine, as LEVELS in schema.ts; spelled out so this module imports only types from the
 * schema (no drizzle at runtime), with the Record type keeping it complete.
 */
const RANK: Record<Level, number> = { country: 0, fylke: 1, kommune: 2, bydel: 3, grunnkrets: 4 };
const rank = (level: Level): number => RANK[level];

export function* observationRows(geo: Geography, defs: readonly IndicatorDef[], seed: number): Generator<ObservationRow> {
  yield* new ObservationWriter(geo, defs, seed).run();
}

class ObservationWriter {
  private readonly years: readonly number[];
  private readonly nYears: number;
  private readonly defIndex: Map<string, number>;

  constructor(
    private readonly geo: Geography,
    private readonly defs: readonly IndicatorDef[],
    private readonly seed: number,
  ) {
    this.years = geo.years;
    this.nYears = geo.years.length;
    this.defIndex = new Map(defs.map((d, i) => [d.id, i]));
  }

  private sums(): Sums {
    return new Sums(this.defs.length, this.nYears);
  }

  *run(): Generator<ObservationRow> {
    const units = new Map(this.geo.units.map((u) => [u.code, u]));
    // How many published kommuner still need each unit, so finished units can be dropped.
    const pending = new Map<string, number>();
    for (const k of this.geo.kommuner) for (const u of k.units) pending.set(u, (pending.get(u) ?? 0) + 1);
    const done = new Map<string, Sums>();
    const fylker = new Map(this.geo.fylker.map((f) => [f, this.sums()]));

    for (const k of this.geo.kommuner) {
      for (const code of k.units) {
        if (!done.has(code)) done.set(code, yield* this.unit(units.get(code)!));
      }
      const sums = this.sums();
      for (const code of k.units) {
        sums.add(done.get(code)!);
        const left = pending.get(code)! - 1;
        pending.set(code, left);
        if (left === 0) done.delete(code);
      }
      const yFrom = Math.max(0, k.from - this.years[0]!);
      const yTo = Math.min(this.nYears - 1, k.to - this.years[0]!);
      yield* this.rows(k.code, "kommune", sums, yFrom, yTo);
      fylker.get(k.fylke)!.add(sums, yFrom, yTo);
    }
    const country = this.sums();
    for (const [code, sums] of fylker) {
      yield* this.rows(code, "fylke", sums);
      country.add(sums);
    }
    yield* this.rows("0", "country", country);
  }

  /** Generates one unit's sub-areas (emitting their rows) and returns the unit's sums. */
  private *unit(unit: Unit): Generator<ObservationRow, Sums> {
    const effects = kommuneEffects(this.seed, unit.code, unit.population2024);
    const sums = this.sums();
    sums.urban = effects.urban;
    if (unit.children.length === 0) {
      sums.add(this.leafSums(makeLeaf(this.seed, unit.code, effects, unit.population2024, this.years, 0, null)));
    } else {
      const leaves = unit.children.flatMap((c) => {
        const weight = c.level === "bydel" ? Math.exp(0.3 * rng(this.seed, "bydel-size", c.code).normal()) : 1;
        return c.level === "bydel" ? c.children.map((g) => ({ ...g, weight })) : [{ ...c, weight }];
      });
      const sizes = allocatePopulation(this.seed, unit.code, unit.population2024, leaves);
      for (const child of unit.children) {
        if (child.level === "bydel") {
          const bydel = this.sums();
          const bEffects = bydelEffects(this.seed, child.code, effects);
          for (const gk of child.children) bydel.add(yield* this.grunnkrets(gk, bEffects, sizes));
          yield* this.rows(child.code, "bydel", bydel);
          sums.add(bydel);
        } else {
          sums.add(yield* this.grunnkrets(child, effects, sizes));
        }
      }
    }
    this.kommuneOnly(unit.code, sums);
    return sums;
  }

  private *grunnkrets(gk: SubArea, effects: Effects, sizes: Map<string, number>): Generator<ObservationRow, Sums> {
    const leaf = makeLeaf(this.seed, gk.code, effects, sizes.get(gk.code)!, this.years, 1, gk.planted);
    const sums = this.leafSums(leaf);
    yield* this.rows(gk.code, "grunnkrets", sums, 0, this.nYears - 1, this.statusOverride(gk));
    return sums;
  }

  /** Values of the indicators that exist below kommune level, for one generated area. */
  private leafSums(leaf: Leaf): Sums {
    const s = this.sums();
    const { profile, demography, code } = leaf;
    const n = this.nYears;
    for (const g of GROUPS) s.demography[g].set(demography[g]);
    for (let y = 0; y < n; y++) {
      const p = demography.pop[y]!;
      s.dep[y] = profile.dep[y]! * p;
      s.imm[y] = profile.imm[y]! * p;
      s.rent[y] = profile.rent[y]! * p;
    }
    s.urban = profile.urban;
    const splits = new Map<string, Float64Array>();
    this.defs.forEach((def, i) => {
      if (def.finestLevel === "kommune") return;
      const m = def.model;
      const at = i * n;
      if (m.kind === "count") {
        s.num.set(demography[m.group], at);
      } else if (m.kind === "rate") {
        s.num.set(rateNumerators(this.seed, code, { ...def, model: m }, profile, demography, this.years, leaf.noise), at);
        s.den.set(demography[m.den], at);
      } else if (m.kind === "split") {
        const j = this.defIndex.get(m.of)!;
        const total = s.num.subarray(j * n, j * n + n);
        const key = `${m.of}:${m.share}`;
        const part = splits.get(key) ?? splitNumerators(this.seed, code, m.share, total, profile, this.years);
        splits.set(key, part);
        s.num.set(m.complement ? part.map((v, y) => total[y]! - v) : part, at);
        s.den.set(s.den.subarray(j * n, j * n + n), at);
      } else if (m.kind === "median_income") {
        const v = medianIncome(this.seed, code, profile, this.years);
        for (let y = 0; y < n; y++) {
          s.vw[at + y] = v[y]! * demography.pop[y]!;
          s.w[at + y] = demography.pop[y]!;
        }
      }
    });
    return s;
  }

  /** Kommune-level indicators, from the kommune's own (population-weighted) profile. */
  private kommuneOnly(code: string, s: Sums): void {
    const n = this.nYears;
    const profile = s.profile();
    this.defs.forEach((def, i) => {
      if (def.finestLevel !== "kommune") return;
      const m = def.model;
      const at = i * n;
      if (m.kind === "rate") {
        s.num.set(rateNumerators(this.seed, code, { ...def, model: m }, profile, s.demography, this.years, 1), at);
        s.den.set(s.demography[m.den], at);
      } else if (m.kind === "life_expectancy") {
        const v = lifeExpectancy(this.seed, code, profile, s.demography.pop, this.years);
        for (let y = 0; y < n; y++) {
          s.vw[at + y] = v[y]! * s.demography.pop[y]!;
          s.w[at + y] = s.demography.pop[y]!;
        }
      } else {
        throw new Error(`no kommune-level model for ${def.id}`);
      }
    });
  }

  /**
   * Statuses a source would have published for a grunnkrets instead of a value: `:` for income
   * in tiny areas (and children's low income in the smallest Karasjok one), `..` for a missed
   * delivery and for a thin scatter of missing cells. The true value still counts in the parent
   * sums, as it does in SSB's aggregates.
   */
  private statusOverride(gk: SubArea): (def: IndicatorDef, year: number) => StatusSymbol | null {
    const r = rng(this.seed, "status", gk.code);
    const missing = new Set<string>();
    for (const def of this.defs) {
      if (def.id === "population" || def.finestLevel === "kommune") continue;
      for (const year of this.years) if (r.next() < MISSING_RATE) missing.add(`${def.id}:${year}`);
    }
    const firstKarasjokTiny = gk.tiny && gk.code.startsWith("5610") && this.isFirstTiny(gk);
    return (def, year) => {
      if (gk.tiny && def.id === "median_income") return ":";
      if (firstKarasjokTiny && def.id === "children_low_income") return ":";
      if (gk.code === MISSING_DELIVERY.code && year === MISSING_DELIVERY.year && def.id !== "population") return "..";
      return missing.has(`${def.id}:${year}`) ? ".." : null;
    };
  }

  private isFirstTiny(gk: SubArea): boolean {
    const unit = this.geo.units.find((u) => gk.code.startsWith(u.code))!;
    return unit.children.find((c) => c.tiny)?.code === gk.code;
  }

  /** Rows for one area from its sums, for years yFrom..yTo and the indicators published at `level`. */
  private *rows(
    code: string,
    level: Level,
    s: Sums,
    yFrom = 0,
    yTo = this.nYears - 1,
    status: ((def: IndicatorDef, year: number) => StatusSymbol | null) | null = null,
  ): Generator<ObservationRow> {
    const n = this.nYears;
    for (let i = 0; i < this.defs.length; i++) {
      const def = this.defs[i]!;
      if (rank(level) > rank(def.finestLevel)) continue;
      for (let y = yFrom; y <= yTo; y++) {
        const period = this.years[y]!;
        if (def.firstYear && period < def.firstYear) continue;
        const k = i * n + y;
        const st = status?.(def, period) ?? null;
        if (st) {
          yield { areaCode: code, indicatorId: def.id, period, value: null, numerator: null, denominator: null, status: st };
          continue;
        }
        yield { areaCode: code, indicatorId: def.id, period, ...publish(def, s.num[k]!, s.den[k]!, s.vw[k]!, s.w[k]!) };
      }
    }
  }
}

type Published = Pick<ObservationRow, "value" | "numerator" | "denominator" | "status">;

/** How SSB would print the cell: counts as values, shares with their parts, means rounded. */
function publish(def: IndicatorDef, num: number, den: number, vw: number, w: number): Published {
  switch (def.unit) {
    case "count":
      return { value: num, numerator: null, denominator: null, status: null };
    case "percent":
    case "per1000": {
      // No one to count (e.g. no children in a tiny grunnkrets): "not applicable".
      if (den === 0) return { value: null, numerator: null, denominator: null, status: "." };
      // Scale before dividing: 29/400 must give 7.3 (7.25 rounded up), not 7.2 from 7.2499….
      const value = Math.round((num * (def.unit === "percent" ? 1000 : 10_000)) / den) / 10;
      return { value, numerator: num, denominator: den, status: null };
    }
    case "nok":
      if (w === 0) return { value: null, numerator: null, denominator: null, status: "." };
      return { value: Math.round(vw / w / 100) * 100, numerator: null, denominator: null, status: null };
    case "years":
      if (w === 0) return { value: null, numerator: null, denominator: null, status: "." };
      return { value: Math.round((vw / w) * 10) / 10, numerator: null, denominator: null, status: null };
    case "points":
      // Gaps are derived from two rates on import (db/derived.ts); the demo generates none.
      throw new Error(`demo indicator ${def.id}: the demo has no model for percentage points`);
  }
}
