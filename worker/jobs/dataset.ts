import { max, sql } from "drizzle-orm";
import { importRuns, indicators } from "../../db/schema";
import type { DatasetInfo } from "../api/schemas";
import type { Db } from "../lib/create-app";

/**
 * How old the data behind a snapshot are, said when it goes live: when the data were last
 * imported, when these figures were computed, and the newest period any indicator has a value
 * for (what "an old figure" is measured against). Two small reads: `import_runs` holds one row
 * per import that changed something, and each indicator's newest value is found from the end
 * of its (indicator, period) index rather than by a scan of every observation.
 */
export async function datasetInfo(db: Db, now: Date): Promise<DatasetInfo> {
  const [imported, newest] = await Promise.all([
    db.select({ at: max(importRuns.startedAt) }).from(importRuns).get(),
    db
      .select({
        period: sql<number | null>`max((SELECT o.period FROM observations o WHERE o.indicator_id = ${indicators.id} AND o.value IS NOT NULL ORDER BY o.period DESC LIMIT 1))`,
      })
      .from(indicators)
      .get(),
  ]);
  return { dataUpdated: imported?.at ?? null, figuresUpdated: now.toISOString(), newestPeriod: newest?.period ?? null };
}
