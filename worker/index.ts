import { app } from "./app";
import { recompute } from "./jobs/recompute";

/** The frequent trigger only resumes an unfinished snapshot; the nightly one starts a new one. */
export const RESUME_CRON = "*/10 * * * *";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    const now = new Date(controller.scheduledTime);
    ctx.waitUntil(recompute(env, now, { resumeOnly: controller.cron === RESUME_CRON }));
  },
} satisfies ExportedHandler<Env>;
