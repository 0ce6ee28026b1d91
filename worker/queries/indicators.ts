import { asc, eq } from "drizzle-orm";
import { indicators, sources } from "../../db/schema";
import type { IndicatorInfo } from "../api/schemas";
import type { Db } from "../lib/create-app";
import { modelOf } from "../stats/models";

const toInfo = (r: typeof indicators.$inferSelect): IndicatorInfo => ({
  id: r.id,
  name: { nb: r.nameNb, nn: r.nameNn, en: r.nameEn },
  unit: r.unit,
  direction: r.direction,
  source: r.source,
  tableId: r.tableId,
  definition: { nb: r.definitionNb, en: r.definitionEn },
  finestLevel: r.finestLevel,
  periodSpan: r.periodSpan,
  model: modelOf(r.unit),
});

export async function listIndicators(db: Db): Promise<IndicatorInfo[]> {
  const rows = await db.select().from(indicators).orderBy(asc(indicators.sortOrder), asc(indicators.id)).all();
  return rows.map(toInfo);
}

export async function getIndicator(db: Db, id: string): Promise<IndicatorInfo | null> {
  const row = await db.select().from(indicators).where(eq(indicators.id, id)).get();
  return row ? toInfo(row) : null;
}

export function listSources(db: Db) {
  return db.select().from(sources).orderBy(asc(sources.id)).all();
}
