import { createRoute, z } from "@hono/zod-openapi";
import { compareResponseSchema } from "../api/schemas";
import { areaCodeSchema, csvList, indicatorIdSchema } from "../api/params";
import { snapshotCaching } from "../lib/caching";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { areaCard } from "../queries/areas";
import { errors, json, notModified } from "./openapi";

const compare = createRoute({
  method: "get",
  path: "/compare",
  summary: "Two or three areas side by side",
  middleware: [snapshotCaching] as const,
  request: {
    query: z.object({
      codes: csvList(areaCodeSchema, { min: 2, max: 3 }),
      indicators: csvList(indicatorIdSchema, { min: 1, max: 40 }).optional(),
    }),
  },
  responses: {
    [HTTP.OK]: json("The areas' cards, in the order asked", compareResponseSchema),
    ...notModified,
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.SERVICE_UNAVAILABLE),
  },
});

export const compareRouter = createRouter().openapi(compare, async (c) => {
  const { codes, indicators } = c.req.valid("query");
  const bodies = await Promise.all(codes.map((code) => areaCard(c.var.db, c.var.live!, code)));
  const unknown = codes.filter((_, i) => !bodies[i]);
  if (unknown.length > 0) {
    throw new ApiError(HTTP.NOT_FOUND, "not_found", `No area with code ${unknown.join(", ")}`, { field: "query.codes", unknown });
  }
  const areas = bodies.map((b) => ({
    area: { code: b!.area.code, level: b!.area.level, name: b!.area.name },
    ancestors: b!.ancestors,
    cards: indicators ? b!.cards.filter((card) => indicators.includes(card.indicator)) : b!.cards,
  }));
  return c.json({ snapshot: c.var.live!.version, synthetic: bodies.some((b) => b!.synthetic), areas, dataset: c.var.live!.dataset }, HTTP.OK);
});
