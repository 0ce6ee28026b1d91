import { and, eq, gte, inArray, lt, lte } from "drizzle-orm";
import { compositeScores, type Level } from "../../../db/schema";
import { insertMany } from "../../lib/batch";
import type { Db } from "../../lib/create-app";
import { indexConfig } from "../../stats/classify";
import { compositeColumn, compositeColumns, DEFAULT_COMPOSITE, compositeConfigSchema, setCompositeCell, type CompositeArea, type CompositeColumns, type CompositeTable } from "../../stats/composite";
import { changeSe, DECILES, indexInterval, placements, quantiles, servedSe, type Placement } from "../../stats/composite-uncertainty";
import { roundServed, servedInterval } from "../../stats/precision";
import type { Context } from "../context";
import { nextChunk } from "../tree";
import { servedSeriesOf } from "./served-series";
import type { Step } from "./types";


/**
 * The default index's 95 % interval (composite-uncertainty.ts) and where the index and the
 * interval's ends lie among the other areas of the level (percent below).
 */
export interface IndexExtra {
  interval: { low: number; high: number } | null;
  position: (Placement & { of: number }) | null;
}

/** Per area and year, for the cards step (the card and the Swedish-style scale). */
export interface CompositeScore {
  status: { index: number | null; class: string | null; reason: string | null } & Partial<IndexExtra>;
  dynamics: { index: number | null; class: string | null; reason: string | null; from: number } & Partial<IndexExtra>;
  /** Scale rule sets' own indices, by rule set id. */
  scales: Record<string, Pick<CompositeArea["status"], "index" | "reason">>;
}

/**
 * How a score is stored: a tuple, as ~216,000 are written and read back in every full run
 * and the keys were most of their bytes; a bucket's scores of one year are one row.
 */
type StoredScore = [
  number | null, string | null, string | null, number | null, string | null, string | null, number, Record<string, [number | null, string | null]>,
  // Interval and position of status and dynamics: [low, high, percent below, below low, below high, of] (scores stored before them have none).
  StoredExtra?, StoredExtra?,
];
type StoredExtra = [number | null, number | null, number, number, number, number] | null;

const packExtra = (x: Partial<IndexExtra>): StoredExtra =>
  x.position ? [x.interval?.low ?? null, x.interval?.high ?? null, x.position.percentBelow, x.position.low, x.position.high, x.position.of] : null;

function unpackExtra(x: StoredExtra | undefined): IndexExtra {
  if (!x) return { interval: null, position: null };
  const [low, high, percentBelow, below, above, of] = x;
  return { interval: low === null || high === null ? null : { low, high }, position: { percentBelow, low: below, high: above, of } };
}

function packScore({ status: s, dynamics: d, scales }: CompositeScore): StoredScore {
  return [s.index, s.class, s.reason, d.index, d.class, d.reason, d.from, Object.fromEntries(Object.entries(scales).map(([id, x]) => [id, [x.index, x.reason]])), packExtra(s), packExtra(d)];
}

function unpackScore([si, sc, sr, di, dc, dr, from, scales, sx, dx]: StoredScore): CompositeScore {
  return {
    status: { index: si, class: sc, reason: sr, ...unpackExtra(sx) },
    dynamics: { index: di, class: dc, reason: dr, from, ...unpackExtra(dx) },
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
  /** The standard error of each shown value, from its served interval (composite-uncertainty.ts). */
  se?: Record<string, (number | null)[]>;
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
          const shown = p.value !== null && p.status === null;
          entry[k] = shown ? p.value : (p.status ?? "..");
          if (shown) {
            const unit = indicators[k]!.unit;
            const se = ((stored.se ??= {})[area.code] ??= ids.map(() => null));
            // Four significant digits are plenty for an interval served at two decimals.
            se[k] = Number(servedSe(servedInterval(roundServed(p.value, unit), p.counts, unit), unit).toPrecision(4));
          }
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
    // Each level's inputs in columns (composite.ts): codes first, in the order the stored rows
    // name them, then one column per indicator and year.
    const levelCodes = new Map<Level, Set<string>>();
    // code → period → the stored standard errors of its shown values, by the row's indicator
    // positions: the parsed lists as they are, not a map per area and indicator (~100,000 a year).
    const errors = new Map<string, Map<number, { ids: string[]; se: (number | null)[] }>>();
    for (const { period: p, body } of stored) {
      const { ids, values, se } = body as StoredInputs;
      for (const [code, list] of Object.entries(se ?? {})) {
        let byPeriod = errors.get(code);
        if (!byPeriod) errors.set(code, (byPeriod = new Map()));
        byPeriod.set(p, { ids, se: list });
      }
      for (const code of Object.keys(values)) {
        const area = ctx.byCode.get(code);
        if (!area) continue;
        let codes = levelCodes.get(area.level);
        if (!codes) levelCodes.set(area.level, (codes = new Set()));
        codes.add(code);
      }
    }
    const tables = new Map<Level, CompositeTable>();
    const positions = new Map<string, number>();
    for (const [level, set] of levelCodes) {
      const codes = [...set].sort();
      codes.forEach((c, i) => positions.set(c, i));
      tables.set(level, { codes, columns: new Map() });
    }
    for (const { period: p, body } of stored) {
      const { ids, values } = body as StoredInputs;
      for (const [code, entry] of Object.entries(values)) {
        const area = ctx.byCode.get(code);
        if (!area) continue;
        const table = tables.get(area.level)!;
        const i = positions.get(code)!;
        entry.forEach((v, k) => {
          let byPeriod = table.columns.get(ids[k]!);
          if (!byPeriod) table.columns.set(ids[k]!, (byPeriod = new Map()));
          let column = byPeriod.get(p);
          if (!column) byPeriod.set(p, (column = compositeColumn(table.codes.length)));
          setCompositeCell(column, i, typeof v === "number" ? v : null, typeof v === "number" ? null : (v ?? ".."));
        });
      }
    }
    const buckets = new Map<string, Record<string, StoredScore>>();
    const distributions: (typeof compositeScores.$inferInsert)[] = [];
    const seOf = (code: string, id: string, p: number) => {
      const at = errors.get(code)?.get(p);
      const k = at ? at.ids.indexOf(id) : -1;
      return k < 0 ? undefined : (at!.se[k] ?? undefined);
    };
    for (const [level, table] of tables) {
      const byArea = new Map<string, CompositeScore>();
      for (const { id, config } of configs) {
        const result = compositeColumns(table, { period, directions, config });
        // The default index is the one the area page explains: with its interval and its place among the level's.
        const extras = id === null ? indexExtras(result, seOf) : null;
        if (extras) distributions.push({ snapshot: version, bucket: distributionBucket(level), period, body: extras.distribution });
        result.codes.forEach((code, i) => {
          if (id === null) {
            const base = compact(result, i);
            const x = extras!.byArea.get(code);
            byArea.set(code, { status: { ...base.status, ...x?.status }, dynamics: { ...base.dynamics, ...x?.dynamics }, scales: byArea.get(code)?.scales ?? {} });
          } else {
            const score = byArea.get(code) ?? { ...compact(null, 0, period - window), scales: {} };
            score.scales[id] = { index: round(orNull(result.status.index[i]!)), reason: result.status.reason[i]! as CompositeArea["status"]["reason"] };
            byArea.set(code, score);
          }
        });
      }
      for (const [code, score] of byArea) {
        const key = bucketOf(ctx.keyOf(code));
        const bucket = buckets.get(key) ?? {};
        bucket[code] = packScore(score);
        buckets.set(key, bucket);
      }
    }
    return {
      statements: insertMany(db, compositeScores, [...[...buckets].map(([bucket, body]) => ({ snapshot: version, bucket, period, body })), ...distributions]),
      cursor: String(period),
      units: 0,
    };
  },
};

const orNull = (x: number) => (Number.isNaN(x) ? null : x);

/** Area `i`'s default index as the cards read it (or an empty one, when `r` is null). */
function compact(r: CompositeColumns | null, i: number, from = 0): Omit<CompositeScore, "scales"> {
  return {
    status: { index: round(r && orNull(r.status.index[i]!)), class: r?.statusClass[i] ?? null, reason: r?.status.reason[i] ?? null },
    dynamics: { index: round(r && orNull(r.dynamics.index[i]!)), class: r?.dynamicsClass[i] ?? null, reason: r?.dynamics.reason[i] ?? null, from: r?.from ?? from },
  };
}

/**
 * Indices are served with two decimals: enough for bands a whole standard deviation wide, and
 * too coarse to solve an input back from an index and the other inputs (none of which is hidden
 * any more; this is the second line of defence). Classes are taken before rounding.
 */
export const INDEX_DECIMALS = 2;
const round = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10 ** INDEX_DECIMALS) / 10 ** INDEX_DECIMALS);

/** Where a level's distribution of the default indices is kept, one row per year. */
const DISTRIBUTION_BUCKET = "dist:";
const distributionBucket = (level: Level) => `${DISTRIBUTION_BUCKET}${level}`;

/** A level's distribution of an index in a year: how many areas have one, and the deciles. */
export interface IndexDistribution {
  n: number;
  deciles: number[];
}
export type LevelDistribution = { status: IndexDistribution; dynamics: IndexDistribution };

/** The distributions of the levels asked for, by level and year (a few small rows). */
export async function distributionsOf(db: Db, version: number, levels: readonly Level[]): Promise<Map<string, LevelDistribution>> {
  if (levels.length === 0) return new Map();
  const c = compositeScores;
  const rows = await db
    .select({ bucket: c.bucket, period: c.period, body: c.body })
    .from(c)
    .where(and(eq(c.snapshot, version), inArray(c.bucket, [...new Set(levels)].map(distributionBucket))))
    .all();
  return new Map(rows.map((r) => [`${r.bucket.slice(DISTRIBUTION_BUCKET.length)}|${r.period}`, r.body as LevelDistribution]));
}

/** The key of `distributionsOf`'s map. */
export const distributionKey = (level: Level, period: number) => `${level}|${period}`;

/**
 * Each area's interval and position for the default status and dynamics indices, and the
 * level's deciles: the whole level is here, as the index itself needs it.
 */
function indexExtras(result: CompositeColumns, seOf: (code: string, id: string, period: number) => number | undefined) {
  const sds = (refs: CompositeColumns["reference"]["status"]) => new Map(refs.map((r) => [r.indicator, r.sd]));
  const statusSd = sds(result.reference.status);
  const dynamicsSd = sds(result.reference.dynamics);
  const intervals = { status: new Map<string, IndexInterval>(), dynamics: new Map<string, IndexInterval>() };
  const { period, from } = result;
  result.codes.forEach((code, i) => {
    const statusIndex = orNull(result.status.index[i]!);
    const scoreSd = result.reference.statusScore?.sd;
    if (statusIndex !== null && scoreSd) {
      const parts = result.indicators.filter((c) => !Number.isNaN(c.z[i]!)).map((c) => ({ se: seOf(code, c.indicator, period), sd: statusSd.get(c.indicator) }));
      const ci = complete(parts) ? indexInterval(statusIndex, parts, scoreSd) : null;
      intervals.status.set(code, { index: statusIndex, low: ci?.low ?? null, high: ci?.high ?? null });
    } else intervals.status.set(code, { index: statusIndex, low: null, high: null });
    const dynamicsIndex = orNull(result.dynamics.index[i]!);
    const changeSd = result.reference.dynamicsScore?.sd;
    if (dynamicsIndex !== null && changeSd) {
      const parts = result.changes
        .filter((c) => !Number.isNaN(c.z[i]!))
        .map((c) => {
          const now = seOf(code, c.indicator, period);
          const then = seOf(code, c.indicator, from);
          return { se: now === undefined || then === undefined ? undefined : changeSe(then, now), sd: dynamicsSd.get(c.indicator) };
        });
      const ci = complete(parts) ? indexInterval(dynamicsIndex, parts, changeSd) : null;
      intervals.dynamics.set(code, { index: dynamicsIndex, low: ci?.low ?? null, high: ci?.high ?? null });
    } else intervals.dynamics.set(code, { index: dynamicsIndex, low: null, high: null });
  });
  const distribution = (m: Map<string, IndexInterval>): IndexDistribution => {
    const sorted = [...m.values()].map((v) => v.index).filter((v): v is number => v !== null).sort((x, y) => x - y);
    return { n: sorted.length, deciles: quantiles(sorted, DECILES).map((q) => round(q)!) };
  };
  const status = { places: placements(intervals.status), dist: distribution(intervals.status) };
  const dynamics = { places: placements(intervals.dynamics), dist: distribution(intervals.dynamics) };
  const extra = (m: Map<string, IndexInterval>, places: Map<string, Placement>, n: number, code: string): IndexExtra => {
    const i = m.get(code);
    const place = places.get(code);
    return {
      // Rounded outward, at the index's own decimals: the interval always holds the served index.
      interval: i && i.low !== null && i.high !== null ? { low: floor2(i.low), high: ceil2(i.high) } : null,
      position: place ? { ...place, of: n } : null,
    };
  };
  const byArea = new Map(
    result.codes.map((code) => [
      code,
      { status: extra(intervals.status, status.places, status.dist.n, code), dynamics: extra(intervals.dynamics, dynamics.places, dynamics.dist.n, code) },
    ]),
  );
  return { byArea, distribution: { status: status.dist, dynamics: dynamics.dist } satisfies LevelDistribution };
}

type IndexInterval = { index: number | null; low: number | null; high: number | null };

/** Every component has a standard error and a reference sd (else the interval is left out, never guessed). */
const complete = (parts: { se: number | undefined; sd: number | undefined }[]): parts is { se: number; sd: number }[] =>
  parts.length > 0 && parts.every((p) => p.se !== undefined && p.sd !== undefined);

const floor2 = (x: number) => Math.floor(x * 10 ** INDEX_DECIMALS + 1e-9) / 10 ** INDEX_DECIMALS;
const ceil2 = (x: number) => Math.ceil(x * 10 ** INDEX_DECIMALS - 1e-9) / 10 ** INDEX_DECIMALS;
