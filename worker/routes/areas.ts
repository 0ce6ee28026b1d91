import { createRoute, z } from "@hono/zod-openapi";
import { areaBodySchema, errorSchema } from "../api/schemas";
import { snapshotCaching } from "../lib/caching";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { areaCard } from "../queries/areas";

/** Country "0", fylke 2, kommune 4, bydel 6, grunnkrets 8, Oslo delbydel 10 digits. */
export const areaCodeSchema = z
  .string()
  .regex(/^(0|\d{2}|\d{4}|\d{6}|\d{8}|\d{10})$/, "must be an area code: 0, or 2, 4, 6, 8 or 10 digits");

const getArea = createRoute({
  method: "get",
  path: "/areas/{code}",
  middleware: [snapshotCaching] as const,
  request: { params: z.object({ code: areaCodeSchema }) },
  responses: {
    [HTTP.OK]: { description: "The area, its ancestors, children and indicator cards", content: { "application/json": { schema: areaBodySchema } } },
    [HTTP.NOT_MODIFIED]: { description: "Unchanged since the given ETag" },
    [HTTP.BAD_REQUEST]: { description: "Malformed code", content: { "application/json": { schema: errorSchema } } },
    [HTTP.NOT_FOUND]: { description: "No such area", content: { "application/json": { schema: errorSchema } } },
    [HTTP.SERVICE_UNAVAILABLE]: { description: "No snapshot yet", content: { "application/json": { schema: errorSchema } } },
  },
});

export const areasRouter = createRouter().openapi(getArea, async (c) => {
  const { code } = c.req.valid("param");
  const body = await areaCard(c.var.db, c.var.snapshot!, code);
  if (!body) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No area with code ${code}`);
  return c.json(body, HTTP.OK);
});
