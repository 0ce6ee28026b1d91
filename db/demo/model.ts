/**
 * The synthetic "population" behind the demo numbers. Each area gets a few latent scores —
 * deprivation (`dep`), immigrant background (`imm`), renting (`rent`) and urbanity — that drift
 * over time; indicators are noisy logistic functions of them. That keeps indicators correlated the
 * way real ones are (low income, unemployment, crowding move together) without copying any
 * real figure. Numbers are keyed by (seed, area code, purpose): see random.ts.
 */
import type { Group, IndicatorDef, Model } from "./indicators";
import { PLANTED_INITIATIVE, type Planted } from "./geography";
import { logistic, logit, rng } from "./random";

/** Latent scores per year (index = position in `years`). */
export type Profile = {
  urban: number;
  dep: Float64Array;
  imm: Float64Array;
  rent: Float64Array;
};

export type Demography = Record<Group, Float64Array>;

export const GROUPS: readonly Group[] = [
  "pop", "children", "youth", "elderly", "adults", "age18_64", "women18_64", "men18_64", "age30_59",
  "inHouseholds", "households", "labourForce", "youthLabourForce", "cohort",
];

/** Levels shared by a kommune's sub-areas (kommune effect, optionally plus a bydel effect). */
export type Effects = { urban: number; dep: number; imm: number };

/** Logit shifts of the business cycle: the 2015–16 oil downturn, the 2020 pandemic. */
const CYCLE: Record<number, number> = {
  2010: 0.25, 2011: 0.15, 2012: 0.05, 2013: 0.15, 2014: 0.2, 2015: 0.3, 2016: 0.35, 2017: 0.15,
  2018: -0.05, 2019: -0.1, 2020: 0.7, 2021: 0.35, 2022: -0.15, 2023: -0.1, 2024: 0,
};

const REFERENCE_YEAR = 2024;

export function kommuneEffects(seed: number, code: string, population2024: number): Effects {
  const r = rng(seed, "kommune", code);
  // 0 for ~1,000 residents, 1 for Oslo's ~700,000.
  const urban = Math.min(1, Math.max(0, (Math.log10(population2024) - 3) / 2.85));
  return { urban, dep: 0.3 * r.normal(), imm: -0.75 + 1.75 * urban + 0.35 * r.normal() };
}

export function bydelEffects(seed: number, code: string, parent: Effects): Effects {
  const r = rng(seed, "bydel", code);
  return { urban: parent.urban, dep: parent.dep + 0.45 * r.normal(), imm: parent.imm + 0.5 * r.normal() };
}

export type Leaf = {
  code: string;
  profile: Profile;
  demography: Demography;
  /** Scales sampling noise; planted areas are calmer so their trend reads clearly. */
  noise: number;
};

/**
 * One area's synthetic residents over the years. `spread` is 0 for a kommune without sub-areas
 * (its profile is the kommune's) and 1 for a grunnkrets (varies around its parent).
 */
export function makeLeaf(
  seed: number,
  code: string,
  parent: Effects,
  population2024: number,
  years: readonly number[],
  spread: number,
  planted: Planted | null,
): Leaf {
  const r = rng(seed, "leaf", code);
  const { urban } = parent;
  let dep0 = parent.dep + spread * 0.5 * r.normal();
  let depSlope = 0.012 * r.normal();
  let imm0 = parent.imm + 0.5 * (dep0 - parent.dep) + spread * 0.45 * r.normal();
  let immSlope = 0.035 + 0.012 * r.normal();
  if (planted === "worsening") {
    dep0 = 0.9 + 0.15 * r.normal();
    depSlope = 0.13;
    imm0 = parent.imm + 0.7 + 0.2 * r.normal();
    immSlope = 0.11;
  } else if (planted === "improving") {
    dep0 = -0.3 + 0.15 * r.normal();
    depSlope = -0.13;
    immSlope = 0.01;
  }
  const rent0 = 1.4 * (urban - 0.5) + 0.5 * dep0 + (0.25 + 0.15 * spread) * r.normal();
  const growth = 0.004 + 0.012 * urban + 0.008 * r.normal();
  const childF = Math.exp(0.15 * r.normal() + 0.1 * dep0 - 0.1 * (urban - 0.5));
  const elderF = Math.exp(0.25 * r.normal() - 0.4 * (urban - 0.5));
  const youthF = Math.exp(0.15 * r.normal() + 0.3 * (urban - 0.5));
  const hhSize = clamp(2.15 * Math.exp(0.08 * r.normal() - 0.25 * (urban - 0.5)), 1.4, 3.2);

  const n = years.length;
  const initiative = PLANTED_INITIATIVE.bydeler.some((b) => code.startsWith(b));
  const profile: Profile = { urban, dep: new Float64Array(n), imm: new Float64Array(n), rent: new Float64Array(n) };
  const demography = Object.fromEntries(GROUPS.map((g) => [g, new Float64Array(n)])) as Demography;
  years.forEach((year, y) => {
    const t = year - REFERENCE_YEAR;
    profile.dep[y] = dep0 + depSlope * t + (initiative && year >= PLANTED_INITIATIVE.from ? PLANTED_INITIATIVE.dep : 0);
    profile.imm[y] = imm0 + immSlope * t;
    profile.rent[y] = rent0;
    // Back-projected from the (real) 2024 total, which is kept exact.
    const pop = Math.max(0, Math.round(population2024 * (1 + growth) ** t * (t < 0 ? Math.exp(0.004 * r.normal()) : 1)));
    const children = Math.round(pop * clamp(0.205 * childF * (1 - 0.008 * t), 0.05, 0.4));
    const elderly = Math.round(pop * clamp(0.18 * elderF * (1 + 0.018 * t), 0.03, 0.45));
    const working = pop - children - elderly;
    const age18_64 = Math.round(working * 0.96);
    const women = Math.round(age18_64 * 0.49);
    const youth = Math.round(pop * clamp(0.19 * youthF, 0.08, 0.4));
    const d = demography;
    d.pop[y] = pop;
    d.children[y] = children;
    d.elderly[y] = elderly;
    d.youth[y] = youth;
    d.adults[y] = pop - children;
    d.age18_64[y] = age18_64;
    d.women18_64[y] = women;
    d.men18_64[y] = age18_64 - women;
    d.age30_59[y] = Math.round(age18_64 * 0.66);
    d.inHouseholds[y] = Math.round(pop * 0.975);
    d.households[y] = Math.round(pop / hhSize);
    d.labourForce[y] = Math.round(working * 0.82);
    d.youthLabourForce[y] = Math.round(youth * 0.62);
    d.cohort[y] = Math.round(pop * 0.0125);
  });
  return { code, profile, demography, noise: planted ? 0.3 : 1 };
}

type RateModel = Extract<Model, { kind: "rate" }>;

/** Numerators of a share: binomial-like sampling around a logistic rate. */
export function rateNumerators(
  seed: number,
  code: string,
  def: IndicatorDef & { model: RateModel },
  profile: Profile,
  demography: Demography,
  years: readonly number[],
  noise: number,
): Float64Array {
  const m = def.model;
  const r = rng(seed, "rate", code, def.id);
  // A persistent area-specific offset, so indicators are correlated but not in lockstep.
  const own = 0.15 * r.normal();
  const den = demography[m.den];
  const out = new Float64Array(years.length);
  years.forEach((year, y) => {
    const t = year - REFERENCE_YEAR;
    const x =
      logit(m.base) +
      (m.dep ?? 0) * profile.dep[y]! +
      (m.imm ?? 0) * profile.imm[y]! +
      (m.rent ?? 0) * profile.rent[y]! +
      (m.urban ?? 0) * (profile.urban - 0.5) +
      (m.trend ?? 0) * t +
      (m.cycle ?? 0) * (CYCLE[year] ?? 0) +
      noise * (own + 0.06 * r.normal());
    out[y] = binomialish(den[y]!, logistic(x), noise * r.normal());
  });
  return out;
}

/**
 * A part of another numerator (immigrants among those with immigrant background; country group
 * 1 among them). Computed from the part's own key, so the complement is exactly `total - part`.
 */
export function splitNumerators(
  seed: number,
  code: string,
  share: "immigrantsOnly" | "group1",
  total: Float64Array,
  profile: Profile,
  years: readonly number[],
): Float64Array {
  const r = rng(seed, "split", code, share);
  const own = 0.2 * r.normal();
  return Float64Array.from(years, (year, y) => {
    const t = year - REFERENCE_YEAR;
    // Norwegian-born children of immigrants become a larger part over time.
    const q =
      share === "immigrantsOnly"
        ? logistic(logit(0.8) - 0.015 * t + own)
        : logistic(logit(0.38) - 0.5 * profile.dep[y]! - 0.2 * profile.imm[y]! + own);
    return binomialish(total[y]!, q, r.normal());
  });
}

/** Median household income after tax, NOK rounded to 100 as SSB publishes it. */
export function medianIncome(seed: number, code: string, profile: Profile, years: readonly number[]): Float64Array {
  const r = rng(seed, "median_income", code);
  const own = 0.05 * r.normal();
  return Float64Array.from(years, (year, y) => {
    const t = year - REFERENCE_YEAR;
    const v = 620_000 * 1.034 ** t * Math.exp(-0.14 * profile.dep[y]! + 0.1 * (profile.urban - 0.5) + own + 0.015 * r.normal());
    return Math.round(v / 100) * 100;
  });
}

/** Life expectancy at birth; small kommuner get the bigger year-to-year noise they have in reality. */
export function lifeExpectancy(
  seed: number,
  code: string,
  profile: Profile,
  pop: Float64Array,
  years: readonly number[],
): Float64Array {
  const r = rng(seed, "life_expectancy", code);
  const own = 0.35 * r.normal();
  return Float64Array.from(years, (year, y) => {
    const t = year - REFERENCE_YEAR;
    const sd = 0.1 + 20 / Math.sqrt(Math.max(pop[y]!, 100));
    const v = 83.3 + 0.13 * t - 0.8 * profile.dep[y]! + own + sd * r.normal();
    return Math.round(clamp(v, 78.5, 86.5) * 10) / 10;
  });
}

/** round(n·p) plus normal noise of binomial size, kept within [0, n]. */
function binomialish(n: number, p: number, z: number): number {
  return clamp(Math.round(n * p + z * Math.sqrt(n * p * (1 - p))), 0, n);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * Shares of the 2024 population for the grunnkretser of one kommune: tiny ones get 8–40
 * residents, the rest split the remainder by log-normal weights (bigger spread within a bydel
 * city). Largest-remainder rounding keeps the sum equal to the real kommune total.
 */
export function allocatePopulation(
  seed: number,
  kommune: string,
  total: number,
  leaves: readonly { code: string; tiny: boolean; weight: number }[],
): Map<string, number> {
  const out = new Map<string, number>();
  let rest = total;
  for (const leaf of leaves) {
    if (!leaf.tiny) continue;
    const size = 8 + rng(seed, "tiny", leaf.code).int(33);
    out.set(leaf.code, size);
    rest -= size;
  }
  const normal = leaves.filter((l) => !l.tiny);
  const r = rng(seed, "allocate", kommune);
  const weights = normal.map((l) => l.weight * Math.exp(0.5 * r.normal()));
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (w / sum) * rest);
  const sizes = raw.map(Math.floor);
  const missing = rest - sizes.reduce((s, x) => s + x, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order.slice(0, missing)) sizes[i] = sizes[i]! + 1;
  normal.forEach((l, i) => out.set(l.code, sizes[i]!));
  return out;
}
