import type { Live } from "../lib/manifest";
import { createRoute, z } from "@hono/zod-openapi";
import { areaBodySchema, seriesResponseSchema } from "../api/schemas";
import { areaCodeSchema, csvList, indicatorIdSchema } from "../api/params";
import { snapshotCaching } from "../lib/caching";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { areaCard } from "../queries/areas";
import { errors, json, notModified } from "./openapi";

const params = z.object({ code: areaCodeSchema });

const getArea = createRoute({
  method: "get",
  path: "/areas/{code}",
  summary: "An area with its ancestors, children and one card per indicator",
  description: "A code retired by a municipal reform answers with its successors in `replacedBy`.",
  middleware: [snapshotCaching] as const,
  request: { params },
  responses: {
    [HTTP.OK]: json("The area and its cards", areaBodySchema),
    ...notModified,
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.SERVICE_UNAVAILABLE),
  },
});

const getSeries = createRoute({
  method: "get",
  path: "/areas/{code}/series",
  summary: "Full series of chosen indicators for one area, with status symbols",
  middleware: [snapshotCaching] as const,
  request: {
    params,
    query: z.object({ indicators: csvList(indicatorIdSchema, { min: 1, max: 40 }).optional() }),
  },
  responses: {
    [HTTP.OK]: json("One series per indicator", seriesResponseSchema),
    ...notModified,
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.SERVICE_UNAVAILABLE),
  },
});

async function cardOr404(db: Parameters<typeof areaCard>[0], live: Live, code: string, indicators?: string[]) {
  const body = await areaCard(db, live, code, indicators);
  if (!body) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No area with code ${code}`, { field: "param.code" });
  return body;
}

export const areasRouter = createRouter()
  .openapi(getArea, async (c) => {
    const { code } = c.req.valid("param");
    return c.json(await cardOr404(c.var.db, c.var.live!, code), HTTP.OK);
  })
  .openapi(getSeries, async (c) => {
    const { code } = c.req.valid("param");
    const { indicators } = c.req.valid("query");
    const body = await cardOr404(c.var.db, c.var.live!, code, indicators);
    const wanted = indicators ?? body.cards.map((card) => card.indicator);
    const unknown = wanted.filter((id) => !body.cards.some((card) => card.indicator === id));
    if (unknown.length > 0) {
      throw new ApiError(HTTP.NOT_FOUND, "no_series", `No series for ${unknown.join(", ")} in area ${code}`, { field: "query.indicators", unknown });
    }
    const series = wanted.map((id) => {
      const card = body.cards.find((x) => x.indicator === id)!;
      return { indicator: id, unit: card.unit, periodSpan: card.periodSpan, points: card.series };
    });
    return c.json({ snapshot: body.snapshot, synthetic: body.synthetic, area: { code: body.area.code, level: body.area.level, name: body.area.name }, series, dataset: c.var.live!.dataset }, HTTP.OK);
  });
