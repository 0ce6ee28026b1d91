import { and, eq, sql } from "drizzle-orm";
import { areaCards, liveSnapshot } from "../../db/schema";
import type { AreaBody } from "../api/schemas";
import type { Db } from "../lib/create-app";

/** The precomputed card of the live snapshot: one indexed row (plus the pointer row). */
export async function areaCard(db: Db, code: string): Promise<AreaBody | null> {
  const row = await db
    .select({ body: areaCards.body })
    .from(areaCards)
    .where(
      and(
        eq(areaCards.snapshot, sql`(select ${liveSnapshot.version} from ${liveSnapshot} where ${liveSnapshot.id} = 1)`),
        eq(areaCards.code, code),
      ),
    )
    .get();
  return (row?.body as AreaBody | undefined) ?? null;
}
