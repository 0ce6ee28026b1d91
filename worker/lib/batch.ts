import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./create-app";

/** D1 allows at most 100 bound parameters per statement. */
export const D1_MAX_PARAMS = 100;

/** Splits rows so that one multi-row INSERT stays under D1's parameter limit. */
export function chunkForInsert<T extends object>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(D1_MAX_PARAMS / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Runs statements as one D1 batch, which is a single transaction: all apply or none do. */
export async function runAtomically(db: Db, statements: BatchItem<"sqlite">[]) {
  if (statements.length === 0) return;
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}
