import { recompute } from "./recompute";

/** Must match wrangler.toml: the nightly trigger starts a snapshot, this one only resumes. */
export const RESUME_CRON = "*/10 * * * *";

/** What a Cron Trigger does; `scheduled()` only dispatches here. */
export function runScheduled(cron: string, env: Env, now: Date) {
  return recompute(env, now, { resumeOnly: cron === RESUME_CRON });
}
