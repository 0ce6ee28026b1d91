import { initiatives } from "../../db/schema";
import { SHIPPED_INITIATIVES } from "../../db/initiatives";
import { runAtomically } from "../lib/batch";
import type { Db } from "../lib/create-app";
import { areasByCode, nextRevision } from "../queries/initiatives";
import type { Initiative } from "../stats/initiatives/registry";

/**
 * Seeds the shipped initiatives (`db/initiatives`) that the registry has never held and whose
 * areas this database has: the documented examples on the real data, the synthetic ones on the
 * demo (each only where its areas are real or synthetic as it says). Run by every recompute, as
 * the rule sets are, so `npm start`, `npm run start:demo` and a deployed worker all get them. An
 * entry the registry holds, deleted ones included, is never touched: admin edits stay.
 */
export async function ensureShippedInitiatives(db: Db, now: Date, shipped: readonly Initiative[] = SHIPPED_INITIATIVES): Promise<string[]> {
  const held = new Set((await db.select({ id: initiatives.id }).from(initiatives).all()).map((r) => r.id));
  const missing = shipped.filter((i) => !held.has(i.id));
  if (missing.length === 0) return [];
  const byCode = await areasByCode(db, missing.flatMap((i) => [i.kommune, ...i.areas]));
  const fits = (i: Initiative) =>
    byCode.get(i.kommune)?.level === "kommune" && i.areas.every((c) => byCode.has(c) && !byCode.get(c)!.validTo && byCode.get(c)!.synthetic === i.synthetic);
  const seeded = missing.filter(fits);
  if (seeded.length === 0) return [];
  const at = now.toISOString();
  await runAtomically(
    db,
    seeded.map((i) => db.insert(initiatives).values({ ...i, revision: nextRevision, updatedAt: at, deleted: false }).onConflictDoNothing()),
  );
  return seeded.map((i) => i.id);
}
