import { createRoute } from "@hono/zod-openapi";
import { indicatorsResponseSchema } from "../api/schemas";
import { jsonWithBodyEtag } from "../lib/caching";
import { createRouter } from "../lib/create-app";
import { HTTP } from "../lib/errors";
import { listIndicators } from "../queries/indicators";

const list = createRoute({
  method: "get",
  path: "/indicators",
  responses: {
    [HTTP.OK]: { description: "Every indicator with unit, direction, source and definition", content: { "application/json": { schema: indicatorsResponseSchema } } },
    [HTTP.NOT_MODIFIED]: { description: "Unchanged since the given ETag" },
  },
});

export const indicatorsRouter = createRouter().openapi(list, async (c) =>
  jsonWithBodyEtag(c, { indicators: await listIndicators(c.var.db) }) as never,
);
