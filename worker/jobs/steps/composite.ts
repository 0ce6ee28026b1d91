import { and, eq, inArray, isNull } from "drizzle-orm";
import { areas, compositeScores, observations, type Level } from "../../../db/schema";
import { chunkForInsert } from "../../lib/batch";
import { indexConfig } from "../../stats/classify";
import { compositeIndex, DEFAULT_COMPOSITE, compositeConfigSchema, type CompositeArea } from "../../stats/composite";
import { disclose } from "../../stats/disclosure";
import type { Context } from "../context";
import type { Step } from "./types";

const LEVELS: Level[] = ["fylke", "kommune", "bydel", "grunnkrets"];

/** Stored per area and year; read by the cards step (the card and the Swedish-style scale). */
export interface CompositeScore {
  status: { index: number | null; class: string | null; reason: string | null };
  dynamics: { index: number | null; class: string | null; reason: string | null; from: number };
  /** Scale rule sets' own indices, by rule set id. */
  scales: Record<string, Pick<CompositeArea["status"], "index" | "reason">>;
}

/**
 * The composite index needs the whole national distribution of a level, so it runs before the
 * cards, one (level, year) per chunk, on values after primary disclosure control.
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
    const next = pending(ctx, wanted).find((k) => cursor === null || k.key > cursor);
    if (!next) return null;
    const { level, period } = next;
    const window = compositeConfigSchema.parse(DEFAULT_COMPOSITE).windowYears;
    const rows = await db
      .select({ areaCode: observations.areaCode, indicatorId: observations.indicatorId, period: observations.period, value: observations.value, numerator: observations.numerator, denominator: observations.denominator, status: observations.status })
      .from(observations)
      .innerJoin(areas, eq(areas.code, observations.areaCode))
      .where(and(eq(areas.level, level), isNull(areas.validTo), inArray(observations.indicatorId, wanted), inArray(observations.period, [period, period - window])))
      .all();
    const units = new Map(ctx.indicators.map((i) => [i.id, i.unit]));
    const served = rows.map((r) => ({ ...r, ...disclose(r, units.get(r.indicatorId) ?? "count") }));
    const results = configs.map(({ id, config }) => ({ id, result: compositeIndex({ period, rows: served, directions, config }) }));
    const byArea = new Map<string, CompositeScore>();
    for (const { id, result } of results) {
      for (const a of result.areas) {
        if (id === null) byArea.set(a.code, { ...compact(a), scales: byArea.get(a.code)?.scales ?? {} });
        else {
          const score = byArea.get(a.code) ?? { ...compact(null, period - window), scales: {} };
          score.scales[id] = { index: a.status.index, reason: a.status.reason };
          byArea.set(a.code, score);
        }
      }
    }
    const inserts = [...byArea].map(([code, body]) => ({ snapshot: version, code, period, body }));
    return {
      statements: chunkForInsert(inserts, 4).map((r) => db.insert(compositeScores).values(r).onConflictDoNothing()),
      cursor: next.key,
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

/** Every (level, year) with data for the index, as sortable keys "level-index|year". */
function pending(ctx: Context, indicators: string[]) {
  const levelsPresent = new Set(ctx.areas.map((a) => a.level));
  const periods = ctx.periodsOf(indicators);
  return LEVELS.filter((l) => levelsPresent.has(l))
    .flatMap((level, i) => periods.map((period) => ({ level, period, key: `${i}|${String(period).padStart(4, "0")}` })))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}
