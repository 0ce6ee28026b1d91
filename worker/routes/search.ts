import { createRoute, z } from "@hono/zod-openapi";
import { LEVELS } from "../../db/schema";
import { searchResponseSchema } from "../api/schemas";
import { errors, json, notModified } from "./openapi";
import { snapshotCaching } from "../lib/caching";
import { createRouter } from "../lib/create-app";
import { HTTP } from "../lib/errors";
import { pageOf, pageQuery } from "../api/paging";
import { SEARCH_SCAN_LIMIT, searchAreas } from "../queries/search";
import { fold } from "../stats/fold";

const query = z.object({
  q: z
    .string()
    .max(100, "must be at most 100 characters")
    .refine((q) => fold(q).length > 0, "must contain at least one letter or digit"),
  ...pageQuery({ max: 50, defaultLimit: 10, maxOffset: SEARCH_SCAN_LIMIT }),
  level: z.enum(LEVELS).optional(),
});

const search = createRoute({
  method: "get",
  path: "/search",
  summary: "Areas whose name (any language, æ/ø/å and Sami letters optional) or code starts with q",
  middleware: [snapshotCaching] as const,
  request: { query },
  responses: {
    [HTTP.OK]: json("Areas whose name or code starts with the query", searchResponseSchema),
    ...notModified,
    ...errors(HTTP.BAD_REQUEST, HTTP.SERVICE_UNAVAILABLE),
  },
});

export const searchRouter = createRouter().openapi(search, async (c) => {
  const { q, limit, offset, level } = c.req.valid("query");
  const { total, ...found } = await searchAreas(c.var.db, c.var.live!, q, { limit, offset }, level);
  return c.json({ ...found, ...pageOf(c.req.url, { limit, offset }, total) }, HTTP.OK);
});
