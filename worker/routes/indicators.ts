import { createRoute, z } from "@hono/zod-openapi";
import { indicatorSchema, indicatorsResponseSchema, sourcesResponseSchema } from "../api/schemas";
import { indicatorIdSchema } from "../api/params";
import { jsonWithBodyEtag } from "../lib/caching";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { getIndicator, listIndicators, listSources } from "../queries/indicators";
import { errors, json, notModified } from "./openapi";

const list = createRoute({
  method: "get",
  path: "/indicators",
  summary: "Every indicator with unit, direction, source, licence and definition",
  responses: { [HTTP.OK]: json("All indicators", indicatorsResponseSchema), ...notModified },
});

const one = createRoute({
  method: "get",
  path: "/indicators/{id}",
  summary: "One indicator's metadata",
  request: { params: z.object({ id: indicatorIdSchema }) },
  responses: { [HTTP.OK]: json("The indicator", indicatorSchema), ...notModified, ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND) },
});

const listSourcesRoute = createRoute({
  method: "get",
  path: "/sources",
  summary: "Publishers and licences of the data (cards name their sources by id)",
  responses: { [HTTP.OK]: json("All sources", sourcesResponseSchema), ...notModified },
});

// The bodies are small, and an ETag of their content stays right even between recomputes.
export const indicatorsRouter = createRouter()
  .openapi(list, async (c) => jsonWithBodyEtag(c, { indicators: await listIndicators(c.var.db) }) as never)
  .openapi(listSourcesRoute, async (c) => jsonWithBodyEtag(c, { sources: await listSources(c.var.db) }) as never)
  .openapi(one, async (c) => {
    const { id } = c.req.valid("param");
    const indicator = await getIndicator(c.var.db, id);
    if (!indicator) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No indicator with id ${id}`, { field: "param.id" });
    return jsonWithBodyEtag(c, indicator) as never;
  });
