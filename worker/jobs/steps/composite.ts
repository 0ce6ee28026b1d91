import { and, eq, gte, inArray, lt, lte } from "drizzle-orm";
import { compositeScores, type Level } from "../../../db/schema";
import { insertMany } from "../../lib/batch";
import type { Db } from "../../lib/create-app";
import { indexConfig } from "../../stats/classify";
import { compositeIndex, DEFAULT_COMPOSITE, compositeConfigSchema, type CompositeArea, type CompositeRow } from "../../stats/composite";
import { nextChunk, type Context } from "../context";
import { servedSeriesOf } from "./cards";
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

/** The configured indices: the default and each scale rule set's, those with a usable status indicator. */
function configsOf(ctx: Context) {
  const directions = Object.fromEntries(ctx.indicators.map((i) => [i.id, i.direction]));
  // An index needs at least one of its indicators in the catalogue, with a direction.
  const configs = [
    { id: null as string | null, config: DEFAULT_COMPOSITE },
    ...ctx.ruleSets.filter((rs) => rs.kind === "scale").map((rs) => ({ id: rs.id as string | null, config: indexConfig(rs) })),
  ].filter(({ config }) => config.status.some((id) => directions[id] === "higher_worse" || directions[id] === "higher_better"));
  const wanted = [...new Set(configs.flatMap(({ config }) => [...config.status, ...(config.dynamics ?? [])]).concat("population"))];
  return { directions, configs, wanted };
}

/** Where the composite inputs of a cards-sized chunk are kept: beside the scores, after every kommune bucket. */
const INPUT_BUCKET = "in:";
const inputBucket = (key: string) => `${INPUT_BUCKET}${key}`;

/**
 * One chunk's served inputs of one year: the indicator ids once, then per area one entry per
 * indicator, the value where the cards show one, else its status symbol (hidden or missing).
 */
interface StoredInputs {
  ids: string[];
  values: Record<string, (number | string | null)[]>;
}

/**
 * The composite index reads exactly what the cards serve: the series harmonised to today's
 * codes (so a split kommune such as 1580 Haram has its 2019 values) and after primary and
 * complementary suppression (so no index rests on a value the cards hide, and no hidden value
 * can be solved back from an index and the shown ones). Protection works kommune subtree by
 * kommune subtree, while the index needs a whole level at once, so this step first walks the
 * subtrees as the cards step does and keeps their served inputs, year by year, beside the scores.
 */
export const compositeInputsStep: Step = {
  name: "composite-inputs",
  async next(db, ctx, version, cursor, opts) {
    // Composite indices read shared indicators only, which a series-only run never changes.
    if (ctx.only) return null;
    const { configs, wanted } = configsOf(ctx);
    if (configs.length === 0) return null;
    const chunk = nextChunk(ctx, cursor, opts.chunkSize);
    if (chunk.length === 0) return null;
    const indicators = ctx.indicators.filter((i) => wanted.includes(i.id));
    const ids = indicators.map((i) => i.id);
    const series = await servedSeriesOf(db, ctx, chunk, indicators);
    const byPeriod = new Map<number, StoredInputs>();
    for (const area of chunk) {
      if (area.validTo || area.level === "country") continue;
      const own = series.get(area.code);
      if (!own) continue;
      ids.forEach((id, k) => {
        for (const p of own.get(id) ?? []) {
          let stored = byPeriod.get(p.period);
          if (!stored) byPeriod.set(p.period, (stored = { ids, values: {} }));
          const entry = (stored.values[area.code] ??= ids.map(() => ".."));
          entry[k] = p.value !== null && p.status === null ? p.value : (p.status ?? "..");
        }
      });
    }
    const bucket = inputBucket(ctx.keyOf(chunk[0]!.code));
    return {
      statements: insertMany(db, compositeScores, [...byPeriod].map(([period, body]) => ({ snapshot: version, bucket, period, body }))),
      cursor: ctx.keyOf(chunk[chunk.length - 1]!.code),
      units: 0,
    };
  },
};

/**
 * The composite index needs the whole national distribution of a level, so it runs before the
 * cards, one year per chunk (every level at once), on the served inputs the step before kept.
 */
export const compositeStep: Step = {
  name: "composite",
  async next(db, ctx, version, cursor) {
    if (ctx.only) return null;
    const { directions, configs, wanted } = configsOf(ctx);
    if (configs.length === 0) return null;
    const period = ctx.periodsOf(wanted).find((p) => cursor === null || p > Number(cursor));
    if (period === undefined) return null;
    const window = compositeConfigSchema.parse(DEFAULT_COMPOSITE).windowYears;
    const c = compositeScores;
    const stored = await db
      .select({ period: c.period, body: c.body })
      .from(c)
      .where(and(eq(c.snapshot, version), gte(c.bucket, INPUT_BUCKET), lt(c.bucket, "in;"), inArray(c.period, [period, period - window])))
      .all();
    const byLevel = new Map<Level, CompositeRow[]>();
    for (const { period: p, body } of stored) {
      const { ids, values } = body as StoredInputs;
      for (const [code, entry] of Object.entries(values)) {
        const area = ctx.byCode.get(code);
        if (!area) continue;
        const list = byLevel.get(area.level) ?? [];
        entry.forEach((v, k) => {
          list.push({ areaCode: code, indicatorId: ids[k]!, period: p, value: typeof v === "number" ? v : null, status: typeof v === "number" ? null : ((v ?? "..") as CompositeRow["status"]) });
        });
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

/**
 * Indices are served with two decimals: enough for bands a whole standard deviation wide, and
 * too coarse to solve an input back from an index and the other inputs (none of which is hidden
 * any more; this is the second line of defence). Classes are taken before rounding.
 */
export const INDEX_DECIMALS = 2;
const round = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10 ** INDEX_DECIMALS) / 10 ** INDEX_DECIMALS);
