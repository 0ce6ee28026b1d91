import { createRoute, z } from "@hono/zod-openapi";
import { childrenResponseSchema, locateResponseSchema } from "../api/schemas";
import { areaCodeSchema, indicatorIdSchema } from "../api/params";
import { snapshotCaching } from "../lib/caching";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { ALL_KOMMUNER_KEY, childMap, locatePoint } from "../queries/maps";
import { periodLabel } from "../stats/period";
import { errors, json, notModified } from "./openapi";

const children = createRoute({
  method: "get",
  path: "/areas/{code}/children",
  summary: "Values of one indicator for every child of an area, with their boundaries: a choropleth",
  middleware: [snapshotCaching] as const,
  request: {
    params: z.object({ code: areaCodeSchema }),
    query: z.object({
      indicator: indicatorIdSchema,
      period: z.coerce.number().int().min(1900).max(2100).optional(),
      /**
       * `kommune` with code 0: every kommune of Norway (whose own children are the fylker), for
       * the national map; three rows read like any other map.
       */
      level: z.enum(["kommune"]).optional(),
    }),
  },
  responses: {
    [HTTP.OK]: json("The children's values for the period (latest with data by default) and their shapes", childrenResponseSchema),
    ...notModified,
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.SERVICE_UNAVAILABLE),
  },
});

const locate = createRoute({
  method: "get",
  path: "/locate",
  summary: "The areas at every level that contain a WGS84 point",
  middleware: [snapshotCaching] as const,
  request: {
    query: z.object({
      lat: z.coerce.number().min(-90).max(90),
      lon: z.coerce.number().min(-180).max(180),
    }),
  },
  responses: {
    [HTTP.OK]: json("Containing areas, coarsest first", locateResponseSchema),
    ...notModified,
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.SERVICE_UNAVAILABLE),
  },
});

export const mapsRouter = createRouter()
  .openapi(children, async (c) => {
    const { code } = c.req.valid("param");
    const { indicator, period, level } = c.req.valid("query");
    if (level && code !== "0") throw new ApiError(HTTP.BAD_REQUEST, "invalid_parameter", "query.level: level=kommune is offered for Norway (0) only; other areas' children are their own kommuner or sub-areas", [{ field: "query.level", message: "must be left out for an area other than 0" }]);
    const map = await childMap(c.var.db, c.var.live!, level ? ALL_KOMMUNER_KEY : code, indicator);
    if (!map) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No values of ${indicator} for children of ${code}`, { field: "query.indicator" });
    const { values, geometry } = map;
    const latestWithData = [...values.periods].reverse().find((_, r) => values.children.some((ch) => ch.values[values.periods.length - 1 - r] !== null));
    const chosen = period ?? latestWithData ?? values.periods[values.periods.length - 1]!;
    const i = values.periods.indexOf(chosen);
    if (i < 0) throw new ApiError(HTTP.NOT_FOUND, "no_period", `No ${indicator} values for ${chosen}; periods: ${values.periods.join(", ")}`, { field: "query.period", periods: values.periods });
    const span = values.periodSpan ?? 1;
    return c.json(
      {
        snapshot: c.var.live!.version,
        parent: code,
        indicator,
        unit: values.unit,
        periodSpan: span,
        period: chosen,
        periodLabel: periodLabel(chosen, span),
        periods: values.periods,
        periodLabels: values.periods.map((p) => periodLabel(p, span)),
        children: values.children.map(({ values: v, statuses, ...ref }) => ({ ...ref, value: v[i]!, status: statuses[i]! })),
        geometry: geometry?.collection ?? null,
        attribution: geometry?.attribution ?? null,
      },
      HTTP.OK,
    );
  })
  .openapi(locate, async (c) => {
    const { lat, lon } = c.req.valid("query");
    const found = await locatePoint(c.var.db, c.var.live!, lon, lat);
    if (found.length === 0) throw new ApiError(HTTP.NOT_FOUND, "outside", "No area contains this point: it is outside Norway or outside the imported boundaries", { lat, lon });
    return c.json({ snapshot: c.var.live!.version, point: { lat, lon }, areas: found }, HTTP.OK);
  });
