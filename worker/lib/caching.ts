import type { Context, MiddlewareHandler } from "hono";
import { liveVersion } from "../queries/snapshot";
import type { AppEnv } from "./create-app";
import { ApiError, HTTP } from "./errors";

/** Data changes at most daily; the edge may serve a stale copy while it refetches. */
export const PUBLIC_CACHE = "public, max-age=300, stale-while-revalidate=86400";

function matches(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => t.trim() === etag || t.trim() === "*");
}

/**
 * For routes that answer from the live snapshot: the snapshot version is the ETag, so a
 * repeat request is answered 304 after reading only the pointer row.
 */
export const snapshotCaching: MiddlewareHandler<AppEnv> = async (c, next) => {
  const version = await liveVersion(c.var.db);
  if (version === null) {
    throw new ApiError(HTTP.SERVICE_UNAVAILABLE, "no_snapshot", "No data published yet: the first recompute has not finished");
  }
  c.set("snapshot", version);
  const etag = `"v${version}"`;
  if (matches(c.req.header("If-None-Match"), etag)) return notModified(c, etag);
  await next();
  if (c.res.status === HTTP.OK) {
    c.res.headers.set("ETag", etag);
    c.res.headers.set("Cache-Control", PUBLIC_CACHE);
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
