import { app } from "./app";
import { runScheduled } from "./jobs/schedule";

// The main module may export only handlers: workerd rejects any other named export.
export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller.cron, env, new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Env>;
