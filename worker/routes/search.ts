import { createRoute, z } from "@hono/zod-openapi";
import { errorSchema, searchResponseSchema } from "../api/schemas";
import { snapshotCaching } from "../lib/caching";
import { createRouter } from "../lib/create-app";
import { HTTP } from "../lib/errors";
import { searchAreas } from "../queries/search";
import { fold } from "../stats/fold";

const query = z.object({
  q: z
    .string()
    .max(100, "must be at most 100 characters")
    .refine((q) => fold(q).length > 0, "must contain at least one letter or digit"),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

const search = createRoute({
  method: "get",
  path: "/search",
  middleware: [snapshotCaching] as const,
  request: { query },
  responses: {
    [HTTP.OK]: { description: "Areas whose name or code starts with the query", content: { "application/json": { schema: searchResponseSchema } } },
    [HTTP.NOT_MODIFIED]: { description: "Unchanged since the given ETag" },
    [HTTP.BAD_REQUEST]: { description: "Missing or malformed query", content: { "application/json": { schema: errorSchema } } },
    [HTTP.SERVICE_UNAVAILABLE]: { description: "No snapshot yet", content: { "application/json": { schema: errorSchema } } },
  },
});

export const searchRouter = createRouter().openapi(search, async (c) => {
  const { q, limit } = c.req.valid("query");
  return c.json(await searchAreas(c.var.db, c.var.snapshot!, q, limit), HTTP.OK);
});
