import { eq } from "drizzle-orm";
import { overviews } from "../../db/schema";
import type { OverviewBody } from "../api/schemas";
import type { Db } from "../lib/create-app";
import { tableVersion, type Live } from "../lib/manifest";

/** The live snapshot's overview: one row (null for a snapshot built before overviews). */
export async function liveOverview(db: Db, live: Live): Promise<OverviewBody | null> {
  const row = await db.select({ body: overviews.body }).from(overviews).where(eq(overviews.snapshot, tableVersion(live, "overviews"))).get();
  return (row?.body as OverviewBody | undefined) ?? null;
}
