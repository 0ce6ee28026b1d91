import { sql } from "drizzle-orm";
import type { Db } from "../../lib/create-app";
import { rateScale } from "../../stats/intervals";
import { spreadFromSums } from "../../stats/shrinkage";
import type { Context } from "../context";

/** Levels whose areas are smoothed toward their parent (see `smooth` in cards.ts). */
export const SMOOTHED_LEVELS = ["bydel", "grunnkrets"] as const;

/** `indicator|level` → ψ fitted on every area of that level in the country. */
export type PooledSpread = Map<string, number>;

export const pooledKey = (indicator: string, level: string) => `${indicator}|${level}`;

const cache = new WeakMap<Context, Promise<PooledSpread>>();

/**
 * The smoothing prior's spread ψ of each rate indicator, fitted once per run on every
 * grunnkrets (and every bydel) of the country in the indicator's latest year, each centred on its
 * own parent's rate as published (stats/shrinkage.ts `spreadSums`). A kommune's 8–15
 * grunnkretser are too few to fit a variance on; thousands are not. The sums are made by SQLite
 * from the observations as imported: the fit is an aggregate over the whole country and serves no
 * cell. One small indexed query per indicator (the covering indicator-period index).
 */
export function pooledSpread(db: Db, ctx: Context): Promise<PooledSpread> {
  let fits = cache.get(ctx);
  if (!fits) {
    fits = fit(db, ctx);
    cache.set(ctx, fits);
  }
  return fits;
}

async function fit(db: Db, ctx: Context): Promise<PooledSpread> {
  const out: PooledSpread = new Map();
  for (const ind of ctx.indicators) {
    if (rateScale(ind.unit) === null || (ctx.only && !ctx.only.has(ind.id))) continue;
    const latest = ctx.periodsOf([ind.id]).at(-1);
    if (latest === undefined) continue;
    const rows = await db.all<{ level: string; excess: number; weight: number; units: number }>(sql`
      select a.level as level,
        sum(c.denominator * (c.numerator * 1.0 / c.denominator - p.numerator * 1.0 / p.denominator) * (c.numerator * 1.0 / c.denominator - p.numerator * 1.0 / p.denominator)
            / ((p.numerator * 1.0 / p.denominator) * (1 - p.numerator * 1.0 / p.denominator))
            - (1 - min(c.denominator * 1.0 / p.denominator, 0.99))) as excess,
        sum((1 - min(c.denominator * 1.0 / p.denominator, 0.99)) * (c.denominator - 1) * (p.numerator * 1.0 / p.denominator) * (1 - p.numerator * 1.0 / p.denominator)) as weight,
        count(*) as units
      from observations c
      join areas a on a.code = c.area_code
      join observations p on p.area_code = a.parent_code and p.indicator_id = c.indicator_id and p.period = c.period
      where c.indicator_id = ${ind.id} and c.period = ${latest} and a.level in ('bydel', 'grunnkrets')
        and c.status is null and c.numerator >= 0 and c.denominator > 1 and c.numerator <= c.denominator
        and p.status is null and p.numerator > 0 and p.numerator < p.denominator
      group by a.level`);
    for (const r of rows) {
      const fitted = spreadFromSums({ excess: r.excess, weight: r.weight, units: r.units });
      if (fitted) out.set(pooledKey(ind.id, r.level), fitted.spread);
    }
  }
  return out;
}
