import { eq } from "drizzle-orm";
import { liveSnapshot, snapshots } from "../../db/schema";
import type { Db } from "../lib/create-app";
import { manifestSchema, type Live } from "../lib/manifest";

/** The live version and its manifest: one row. */
export async function liveSnapshotOf(db: Db): Promise<Live | null> {
  const row = await db.select({ version: liveSnapshot.version, manifest: liveSnapshot.manifest }).from(liveSnapshot).where(eq(liveSnapshot.id, 1)).get();
  if (!row) return null;
  const manifest = parsedManifest(row.manifest);
  return { version: row.version, manifest, dataset: manifest?.dataset ?? null };
}

const parsedManifest = (json: unknown) => {
  const parsed = manifestSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
};

/** The live snapshot for the health check: version, when it finished, and how old its data are. */
export async function liveSnapshotInfo(db: Db) {
  const row = await db
    .select({ version: snapshots.version, finishedAt: snapshots.finishedAt, manifest: liveSnapshot.manifest })
    .from(liveSnapshot)
    .innerJoin(snapshots, eq(snapshots.version, liveSnapshot.version))
    .where(eq(liveSnapshot.id, 1))
    .get();
  if (!row) return null;
  return { version: row.version, finishedAt: row.finishedAt, dataset: parsedManifest(row.manifest)?.dataset ?? null };
}
