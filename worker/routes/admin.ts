import { createRoute, z } from "@hono/zod-openapi";
import { errorSchema } from "../api/schemas";
import { recompute } from "../jobs/recompute";
import { requireAdmin } from "../lib/admin-auth";
import { createRouter } from "../lib/create-app";
import { HTTP } from "../lib/errors";

const resultSchema = z.object({
  version: z.number().int().nullable(),
  state: z.enum(["complete", "building", "idle"]),
  step: z.string().nullable(),
  areasDone: z.number().int(),
  areasTotal: z.number().int(),
});

const runRecompute = createRoute({
  method: "post",
  path: "/recompute",
  middleware: [requireAdmin] as const,
  request: {
    query: z.object({
      fresh: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
      chunkSize: z.coerce.number().int().min(1).max(1000).optional(),
    }),
  },
  responses: {
    [HTTP.OK]: { description: "The snapshot was completed and is now live", content: { "application/json": { schema: resultSchema } } },
    [HTTP.ACCEPTED]: { description: "Time budget used up; the next run resumes", content: { "application/json": { schema: resultSchema } } },
    [HTTP.BAD_REQUEST]: { description: "Malformed parameter", content: { "application/json": { schema: errorSchema } } },
    [HTTP.UNAUTHORIZED]: { description: "Missing or wrong token", content: { "application/json": { schema: errorSchema } } },
    [HTTP.FORBIDDEN]: { description: "Admin disabled: no ADMIN_TOKEN secret", content: { "application/json": { schema: errorSchema } } },
  },
});

export const adminRouter = createRouter().openapi(runRecompute, async (c) => {
  const { fresh, chunkSize } = c.req.valid("query");
  const result = await recompute(c.env, new Date(), { fresh, chunkSize });
  c.header("Cache-Control", "no-store");
  return c.json(result, result.state === "complete" ? HTTP.OK : HTTP.ACCEPTED);
});
