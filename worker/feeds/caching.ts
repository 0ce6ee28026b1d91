import type { MiddlewareHandler } from "hono";
import { PUBLIC_CACHE } from "../lib/caching";
import type { AppEnv } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { snapshotTag } from "../lib/manifest";
import { newestFeedEntry } from "../queries/feeds";
import { liveSnapshotOf } from "../queries/snapshot";

/**
 * As `snapshotCaching` (lib/caching.ts), with the newest feed entry in the tag: a feed changes
 * with each snapshot and also when an edition is published between snapshots. A repeat request
 * costs two rows (the pointer and the end of the entries' key) and is answered 304 or from the
 * data centre's cache.
 */
export const feedCaching: MiddlewareHandler<AppEnv> = async (c, next) => {
  const [live, newest] = await Promise.all([liveSnapshotOf(c.var.db), newestFeedEntry(c.var.db)]);
  if (live === null) throw new ApiError(HTTP.SERVICE_UNAVAILABLE, "no_snapshot", "No data published yet: the first recompute has not finished");
  c.set("live", live);
  const tag = `${snapshotTag(live)}-f${newest}`;
  const etag = `"${tag}"`;
  const headers = { ETag: etag, "Cache-Control": PUBLIC_CACHE };
  if ((c.req.header("If-None-Match") ?? "").split(",").some((t) => t.trim() === etag || t.trim() === "*")) return c.body(null, HTTP.NOT_MODIFIED, headers);
  const url = new URL(c.req.url);
  const key = new Request(`${url.origin}/__feeds/${tag}${url.pathname}${url.search}`);
  const cache = typeof caches === "undefined" || String((c.env as { MEASURE_ROWS_READ?: string }).MEASURE_ROWS_READ) === "true" ? null : (caches as unknown as { default: Cache }).default;
  const hit = cache ? await cache.match(key) : undefined;
  if (hit) {
    const res = new Response(hit.body, hit);
    res.headers.set("X-Cache", "hit");
    return res;
  }
  await next();
  if (c.res.status !== HTTP.OK) return;
  for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  if (!cache) return;
  const stored = cache.put(key, c.res.clone());
  try {
    c.executionCtx.waitUntil(stored);
  } catch {
    await stored; // no execution context (app.request in tests)
  }
};
