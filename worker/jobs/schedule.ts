import { fetchSources } from "../import/ssb-fetch";
import { RecomputeBusy } from "./lease";
import { recompute } from "./recompute";

/** Must match wrangler.toml. */
export const CRONS = {
  /** 02:30 UTC: fetch the SSB tables listed in db/sources.ts (each import all-or-nothing). */
  fetch: "30 2 * * *",
  /** 03:15 UTC: rebuild what the day's imports changed (nothing, some series, or everything). */
  nightly: "15 3 * * *",
  /** Every 10 minutes: resume a snapshot that ran out of time; nothing otherwise. */
  resume: "*/10 * * * *",
} as const;

/** What a Cron Trigger does; `scheduled()` only dispatches here. */
export async function runScheduled(cron: string, env: Env, now: Date) {
  if (cron === CRONS.fetch) {
    const { reports, failures } = await fetchSources(env, now);
    for (const r of reports) console.log(`ssb fetch ${r.file}: ${r.status} — ${r.summary}`);
    for (const f of failures) console.error(`ssb fetch ${f.table}: failed, nothing written — ${f.error}`);
    if (failures.length > 0) throw new Error(`ssb fetch: ${failures.length} of ${failures.length + reports.length} tables failed: ${failures.map((f) => f.table).join(", ")}`);
    return;
  }
  try {
    return await recompute(env, now, { resumeOnly: cron === CRONS.resume });
  } catch (e) {
    // Not a failure: the run holding the lease does the work, and the resume cron comes back.
    if (!(e instanceof RecomputeBusy)) throw e;
    console.log(`recompute (cron ${cron}) skipped: ${e.message}`);
    return null;
  }
}
