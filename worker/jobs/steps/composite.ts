import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { compositeScores, observations, type Level } from "../../../db/schema";
import { insertMany } from "../../lib/batch";
import type { Db } from "../../lib/create-app";
import { indexConfig } from "../../stats/classify";
import { compositeIndex, DEFAULT_COMPOSITE, compositeConfigSchema, type CompositeArea, type CompositeRow } from "../../stats/composite";
import { disclose } from "../../stats/disclosure";
import { jsonNumber } from "../context";
import type { Step } from "./types";


/** Per area and year, for the cards step (the card and the Swedish-style scale). */
export interface CompositeScore {
  status: { index: number | null; class: string | null; reason: string | null };
  dynamics: { index: number | null; class: string | null; reason: string | null; from: number };
  /** Scale rule sets' own indices, by rule set id. */
  scales: Record<string, Pick<CompositeArea["status"], "index" | "reason">>;
}

/**
 * How a score is stored: a tuple, as ~216,000 are written and read back in every full run
 * and the keys were most of their bytes; a bucket's scores of one year are one row.
 */
type StoredScore = [number | null, string | null, string | null, number | null, string | null, string | null, number, Record<string, [number | null, string | null]>];

function packScore({ status: s, dynamics: d, scales }: CompositeScore): StoredScore {
  return [s.index, s.class, s.reason, d.index, d.class, d.reason, d.from, Object.fromEntries(Object.entries(scales).map(([id, x]) => [id, [x.index, x.reason]]))];
}

function unpackScore([si, sc, sr, di, dc, dr, from, scales]: StoredScore): CompositeScore {
  return {
    status: { index: si, class: sc, reason: sr },
    dynamics: { index: di, class: dc, reason: dr, from },
    scales: Object.fromEntries(Object.entries(scales).map(([id, [index, reason]]) => [id, { index, reason: reason as CompositeArea["status"]["reason"] }])),
  };
}

/**
 * A kommune's subtree shares its kommune's bucket; Norway and each fylke have their own. Taken
 * from the tree key (`Context.keyOf`), so a re-placed grunnkrets is in its new kommune's bucket.
 */
const bucketOf = (key: string) => key.slice(0, 4);

/** Stored scores by code and year; a chunk unpacks only the ones it uses (see `latestScore`, `scaleIndex`). */
export type Scores = Map<string, Map<number, StoredScore>>;

/** Scores of a range of whole kommune subtrees (from and to are tree keys), by code and year. */
export async function compositesOf(db: Db, version: number, from: string, to: string, keyOf: (code: string) => string): Promise<Scores> {
  const c = compositeScores;
  const rows = await db.select({ period: c.period, body: c.body }).from(c).where(and(eq(c.snapshot, version), gte(c.bucket, bucketOf(from)), lte(c.bucket, bucketOf(to)))).values();
  const out: Scores = new Map();
  for (const [period, body] of rows as [number, string][]) {
    for (const [code, score] of Object.entries(JSON.parse(body) as Record<string, StoredScore>)) {
      const key = keyOf(code);
      if (key < from || key > to) continue;
      const m = out.get(code) ?? new Map<number, StoredScore>();
      m.set(period, score);
      out.set(code, m);
    }
  }
  return out;
}

/** An area's latest year with a status index, and its scores then. */
export function latestScore(scores: Scores, code: string): { period: number; score: CompositeScore } | null {
  let best: number | null = null;
  for (const [period, s] of scores.get(code) ?? []) if (s[0] !== null && (best === null || period > best)) best = period;
  return best === null ? null : { period: best, score: unpackScore(scores.get(code)!.get(best)!) };
}

/** A scale rule set's own index of an area in a year. */
export function scaleIndex(scores: Scores, code: string, period: number, ruleSet: string): CompositeScore["scales"][string] | null {
  const scale = scores.get(code)?.get(period)?.[7][ruleSet];
  return scale ? { index: scale[0], reason: scale[1] as CompositeArea["status"]["reason"] } : null;
}

/**
 * The composite index needs the whole national distribution of a level, so it runs before the
 * cards, one year per chunk (every level at once), on values after primary disclosure control.
 */
export const compositeStep: Step = {
  name: "composite",
  async next(db, ctx, version, cursor) {
    // Composite indices read shared indicators only, which a series-only run never changes.
    if (ctx.only) return null;
    const directions = Object.fromEntries(ctx.indicators.map((i) => [i.id, i.direction]));
    // An index needs at least one of its indicators in the catalogue, with a direction.
    const configs = [
      { id: null as string | null, config: DEFAULT_COMPOSITE },
      ...ctx.ruleSets.filter((rs) => rs.kind === "scale").map((rs) => ({ id: rs.id as string | null, config: indexConfig(rs) })),
    ].filter(({ config }) => config.status.some((id) => directions[id] === "higher_worse" || directions[id] === "higher_better"));
    if (configs.length === 0) return null;
    const wanted = [...new Set(configs.flatMap(({ config }) => [...config.status, ...(config.dynamics ?? [])]).concat("population"))];
    const period = ctx.periodsOf(wanted).find((p) => cursor === null || p > Number(cursor));
    if (period === undefined) return null;
    const window = compositeConfigSchema.parse(DEFAULT_COMPOSITE).windowYears;
    // Straight off the (indicator, period) index, every area of one indicator and year packed
    // into one row by SQLite: ~300,000 values nationally arrive as ~20 rows. Values are disclosed
    // as they are unpacked and grouped by level.
    const o = observations;
    const packed = await db
      .select({ indicator: o.indicatorId, period: o.period, values: sql<string>`json_group_array(json_array(${o.areaCode}, ${jsonNumber(o.value)}, ${jsonNumber(o.numerator)}, ${jsonNumber(o.denominator)}, ${o.status}))` })
      .from(o)
      .where(and(inArray(o.indicatorId, wanted), inArray(o.period, [period, period - window])))
      .groupBy(o.indicatorId, o.period)
      .all();
    const units = new Map(ctx.indicators.map((i) => [i.id, i.unit]));
    const byLevel = new Map<Level, CompositeRow[]>();
    for (const { indicator, period: p, values } of packed) {
      const unit = units.get(indicator) ?? "count";
      for (const [code, value, numerator, denominator, status] of JSON.parse(values) as [string, number | null, number | null, number | null, CompositeRow["status"]][]) {
        const area = ctx.byCode.get(code);
        if (!area || area.validTo || area.level === "country") continue;
        const served = disclose({ value, numerator, denominator, status }, unit);
        const list = byLevel.get(area.level) ?? [];
        list.push({ areaCode: code, indicatorId: indicator, period: p, value: served.value, status: served.status });
        byLevel.set(area.level, list);
      }
    }
    const buckets = new Map<string, Record<string, StoredScore>>();
    for (const rows of byLevel.values()) {
      const byArea = new Map<string, CompositeScore>();
      for (const { id, config } of configs) {
        for (const a of compositeIndex({ period, rows, directions, config }).areas) {
          if (id === null) byArea.set(a.code, { ...compact(a), scales: byArea.get(a.code)?.scales ?? {} });
          else {
            const score = byArea.get(a.code) ?? { ...compact(null, period - window), scales: {} };
            score.scales[id] = { index: round(a.status.index), reason: a.status.reason };
            byArea.set(a.code, score);
          }
        }
      }
      for (const [code, score] of byArea) {
        const key = bucketOf(ctx.keyOf(code));
        const bucket = buckets.get(key) ?? {};
        bucket[code] = packScore(score);
        buckets.set(key, bucket);
      }
    }
    return {
      statements: insertMany(db, compositeScores, [...buckets].map(([bucket, body]) => ({ snapshot: version, bucket, period, body }))),
      cursor: String(period),
      units: 0,
    };
  },
};

function compact(a: CompositeArea | null, from = 0): Omit<CompositeScore, "scales"> {
  return {
    status: { index: round(a?.status.index), class: a?.status.class ?? null, reason: a?.status.reason ?? null },
    dynamics: { index: round(a?.dynamics.index), class: a?.dynamics.class ?? null, reason: a?.dynamics.reason ?? null, from: a?.dynamics.from ?? from },
  };
}

const round = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000);
