import { and, eq } from "drizzle-orm";
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
