import { z } from "zod";

/**
 * One way to page a list, shared by every route that returns part of one: `limit` and `offset`
 * in the query (validated, so a bad value is a 400 naming `query.limit` or `query.offset`),
 * and in the response how long the whole list is and where the next page is.
 */
export function pageQuery({ max, defaultLimit, maxOffset = 100_000 }: { max: number; defaultLimit: number; maxOffset?: number }) {
  return {
    limit: z.coerce.number().int().min(1).max(max).default(defaultLimit).describe(`Items per page (1–${max})`),
    offset: z.coerce.number().int().min(0).max(maxOffset).default(0).describe("Items to skip: follow `next` rather than counting"),
  };
}

/** Spread into a list response: `total`, `limit`, `offset` and `next` beside the items. */
export const pageFields = {
  total: z.number().int().min(0).describe("Items in the whole list, every page together"),
  limit: z.number().int().min(1),
  offset: z.number().int().min(0),
  next: z.string().nullable().describe("Path and query of the next page (same parameters, later offset); null on the last page"),
};
export const pageSchema = z.object(pageFields);
export type Page = z.infer<typeof pageSchema>;

/**
 * The page metadata of a response: `next` is the request's own path and query with the offset
 * moved on, relative to the host so it holds behind any proxy.
 */
export function pageOf(requestUrl: string, { limit, offset }: { limit: number; offset: number }, total: number): Page {
  const nextOffset = offset + limit;
  let next: string | null = null;
  if (nextOffset < total) {
    const url = new URL(requestUrl);
    url.searchParams.set("offset", String(nextOffset));
    url.searchParams.set("limit", String(limit));
    next = `${url.pathname}${url.search}`;
  }
  return { total, limit, offset, next };
}
