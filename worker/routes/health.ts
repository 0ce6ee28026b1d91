import { createRoute, z } from "@hono/zod-openapi";
import { datasetInfoSchema } from "../api/schemas";
import { createRouter } from "../lib/create-app";
import { HTTP } from "../lib/errors";
import { liveSnapshotInfo } from "../queries/snapshot";

const healthSchema = z.object({
  status: z.enum(["ok", "no_snapshot"]),
  // The identity tells two databases apart (versions restart at 1 in a new one).
  snapshot: z.object({ version: z.number().int(), identity: z.string().nullable(), finishedAt: z.string().nullable(), dataset: datasetInfoSchema.nullable() }).nullable(),
});

const health = createRoute({
  method: "get",
  path: "/health",
  responses: { [HTTP.OK]: { description: "The worker and its database answer", content: { "application/json": { schema: healthSchema } } } },
});

export const healthRouter = createRouter().openapi(health, async (c) => {
  const snapshot = await liveSnapshotInfo(c.var.db);
  c.header("Cache-Control", "no-store");
  return c.json({ status: snapshot ? ("ok" as const) : ("no_snapshot" as const), snapshot }, HTTP.OK);
});
