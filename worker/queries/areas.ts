import { and, eq, inArray } from "drizzle-orm";
import { areaCards } from "../../db/schema";
import type { AreaBody } from "../api/schemas";
import type { Db } from "../lib/create-app";

/** The precomputed card of one area in one snapshot: a primary-key lookup, one row read. */
export async function areaCard(db: Db, snapshot: number, code: string): Promise<AreaBody | null> {
  const row = await db
    .select({ body: areaCards.body })
    .from(areaCards)
    .where(and(eq(areaCards.snapshot, snapshot), eq(areaCards.code, code)))
    .get();
  return (row?.body as AreaBody | undefined) ?? null;
}

/** Cards of many areas, one row each, in the order asked (missing codes are left out). */
export async function manyAreaCards(db: Db, snapshot: number, codes: string[]): Promise<AreaBody[]> {
  const found = new Map<string, AreaBody>();
  // D1 binds at most 100 parameters per statement.
  for (let i = 0; i < codes.length; i += 90) {
    const rows = await db
      .select({ code: areaCards.code, body: areaCards.body })
      .from(areaCards)
      .where(and(eq(areaCards.snapshot, snapshot), inArray(areaCards.code, codes.slice(i, i + 90))))
      .all();
    for (const r of rows) found.set(r.code, r.body as AreaBody);
  }
  return codes.map((c) => found.get(c)).filter((b): b is AreaBody => !!b);
}
