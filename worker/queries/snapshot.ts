import { eq } from "drizzle-orm";
import { liveSnapshot, snapshots } from "../../db/schema";
import type { Db } from "../lib/create-app";
import { manifestSchema, type Live } from "../lib/manifest";

/** The live version, its identity and its manifest: one row. */
export async function liveSnapshotOf(db: Db): Promise<Live | null> {
  const row = await db.select({ version: liveSnapshot.version, identity: liveSnapshot.identity, manifest: liveSnapshot.manifest }).from(liveSnapshot).where(eq(liveSnapshot.id, 1)).get();
  if (!row) return null;
  const manifest = parsedManifest(row.manifest);
  return { version: row.version, identity: row.identity, manifest, dataset: manifest?.dataset ?? null };
}

const parsedManifest = (json: unknown) => {
  const parsed = manifestSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
};

/** The live snapshot for the health check: version, when it finished, and how old its data are. */
export async function liveSnapshotInfo(db: Db) {
  const row = await db
    .select({ version: snapshots.version, identity: liveSnapshot.identity, finishedAt: snapshots.finishedAt, manifest: liveSnapshot.manifest })
    .from(liveSnapshot)
    .innerJoin(snapshots, eq(snapshots.version, liveSnapshot.version))
    .where(eq(liveSnapshot.id, 1))
    .get();
  if (!row) return null;
  return { version: row.version, identity: row.identity, finishedAt: row.finishedAt, dataset: parsedManifest(row.manifest)?.dataset ?? null };
}
