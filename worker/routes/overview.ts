import { createRoute } from "@hono/zod-openapi";
import { overviewResponseSchema } from "../api/schemas";
import { snapshotCaching } from "../lib/caching";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { liveOverview } from "../queries/overview";
import { errors, json, notModified } from "./openapi";

const overview = createRoute({
  method: "get",
  path: "/overview",
  summary: "The home page's overview: key figures for the national map, what the latest data changed, the largest clear changes among kommuner",
  middleware: [snapshotCaching] as const,
  responses: {
    [HTTP.OK]: json("The live snapshot's overview, with its dates", overviewResponseSchema),
    ...notModified,
    ...errors(HTTP.NOT_FOUND, HTTP.SERVICE_UNAVAILABLE),
  },
});

export const overviewRouter = createRouter().openapi(overview, async (c) => {
  const live = c.var.live!;
  const body = await liveOverview(c.var.db, live);
  if (!body) throw new ApiError(HTTP.NOT_FOUND, "no_overview", "The live snapshot has no overview yet: the next recompute makes one");
  const { newest: _, ...shown } = body;
  return c.json({ snapshot: live.version, dataset: live.dataset, ...shown }, HTTP.OK);
});
