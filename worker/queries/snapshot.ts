import { eq } from "drizzle-orm";
import { liveSnapshot, snapshots } from "../../db/schema";
import type { Db } from "../lib/create-app";

export async function liveVersion(db: Db): Promise<number | null> {
  const row = await db.select({ version: liveSnapshot.version }).from(liveSnapshot).where(eq(liveSnapshot.id, 1)).get();
  return row?.version ?? null;
}

export async function liveSnapshotInfo(db: Db) {
  const row = await db
    .select({ version: snapshots.version, finishedAt: snapshots.finishedAt })
    .from(liveSnapshot)
    .innerJoin(snapshots, eq(snapshots.version, liveSnapshot.version))
    .where(eq(liveSnapshot.id, 1))
    .get();
  return row ?? null;
}
