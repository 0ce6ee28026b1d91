import type { Context, MiddlewareHandler } from "hono";
import { liveSnapshotOf } from "../queries/snapshot";
import { snapshotTag, type Live } from "./manifest";
import type { AppEnv } from "./create-app";
import { ApiError, HTTP } from "./errors";

/** Data changes at most daily; the edge may serve a stale copy while it refetches. */
export const PUBLIC_CACHE = "public, max-age=300, stale-while-revalidate=86400";

function matches(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => t.trim() === etag || t.trim() === "*");
}

/** The data centre's cache (Workers Cache API); absent outside the Workers runtime. */
const edgeCache = (): Cache | null => (typeof caches === "undefined" ? null : (caches as unknown as { default: Cache }).default);

/** The ETag of everything served from a snapshot: its version and identity (see `snapshotTag`). */
export const snapshotEtag = (live: Pick<Live, "version" | "identity">) => `"${snapshotTag(live)}"`;

/**
 * For routes that answer from the live snapshot: the snapshot's tag is the ETag, so a repeat
 * request is answered 304 after reading only the pointer row. Whole responses are also kept in
 * the data centre's cache under a key that carries the tag, so a new snapshot (or another
 * database's snapshot with the same version number) never meets an old entry and a popular
 * card costs one row (the pointer) per request.
 */
export const snapshotCaching: MiddlewareHandler<AppEnv> = async (c, next) => {
  const live = await liveSnapshotOf(c.var.db);
  if (live === null) {
    throw new ApiError(HTTP.SERVICE_UNAVAILABLE, "no_snapshot", "No data published yet: the first recompute has not finished");
  }
  c.set("live", live);
  const etag = snapshotEtag(live);
  if (matches(c.req.header("If-None-Match"), etag)) return notModified(c, etag);
  const url = new URL(c.req.url);
  const key = new Request(`${url.origin}/__snapshot/${snapshotTag(live)}${url.pathname}${url.search}`);
  // The benchmark counts D1 rows, which a cache hit would hide.
  const cache = String((c.env as { MEASURE_ROWS_READ?: string }).MEASURE_ROWS_READ) === "true" ? null : edgeCache();
  const hit = cache ? await cache.match(key) : undefined;
  if (hit) {
    const res = new Response(hit.body, hit);
    res.headers.set("X-Cache", "hit");
    return res;
  }
  await next();
  if (c.res.status === HTTP.OK) {
    c.res.headers.set("ETag", etag);
    c.res.headers.set("Cache-Control", PUBLIC_CACHE);
    if (cache) {
      const stored = cache.put(key, c.res.clone());
      try {
        c.executionCtx.waitUntil(stored);
      } catch {
        await stored; // no execution context (app.request in tests)
      }
    }
  }
};

/** For small responses that do not come from a snapshot: the ETag is a hash of the body. */
export async function jsonWithBodyEtag(c: Context<AppEnv>, data: unknown) {
  const text = JSON.stringify(data);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const etag = `"${[...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
  if (matches(c.req.header("If-None-Match"), etag)) return notModified(c, etag);
  return c.body(text, HTTP.OK, { "Content-Type": "application/json; charset=UTF-8", ETag: etag, "Cache-Control": PUBLIC_CACHE });
}

function notModified(c: Context, etag: string) {
  return c.body(null, HTTP.NOT_MODIFIED, { ETag: etag, "Cache-Control": PUBLIC_CACHE });
}
