import { and, eq, gte, inArray } from "drizzle-orm";
import { areas, boundaries, indicators, observations, type Area, type Indicator } from "../../db/schema";
import type { Db } from "../lib/create-app";

/** What validation needs to know about the database: the codes and indicators it holds. */
export interface ImportContext {
  db: Db;
  now: Date;
  areas: Map<string, Area>;
  indicators: Map<string, Indicator>;
  boundaryCodes: Set<string>;
}

export async function loadContext(db: Db, now: Date): Promise<ImportContext> {
  const [areaRows, indicatorRows, boundaryRows] = await Promise.all([
    db.select().from(areas).all(),
    db.select().from(indicators).all(),
    db.select({ code: boundaries.code }).from(boundaries).all(),
  ]);
  return {
    db,
    now,
    areas: new Map(areaRows.map((a) => [a.code, a])),
    indicators: new Map(indicatorRows.map((i) => [i.id, i])),
    boundaryCodes: new Set(boundaryRows.map((b) => b.code)),
  };
}

/** Values of one indicator for some areas from a period on (split weights use population). */
export async function valuesFrom(db: Db, indicatorId: string, codes: string[], fromPeriod: number) {
  const rows = [];
  for (let i = 0; i < codes.length; i += 90) {
    rows.push(
      ...(await db
        .select({ areaCode: observations.areaCode, period: observations.period, value: observations.value })
        .from(observations)
        .where(and(eq(observations.indicatorId, indicatorId), inArray(observations.areaCode, codes.slice(i, i + 90)), gte(observations.period, fromPeriod)))
        .all()),
    );
  }
  return rows;
}
