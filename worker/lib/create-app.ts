import { OpenAPIHono } from "@hono/zod-openapi";
import type { ContentfulStatusCode as ContentfulStatus } from "hono/utils/http-status";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../db/schema";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { ApiError, errorResponse, HTTP } from "./errors";
import type { Live } from "./manifest";
import { allowedMethods } from "./methods";
import { measureRowsRead } from "./rows-read";

// With the binding itself ($client), for statements drizzle cannot batch (see lib/batch.ts).
export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };
export type AppEnv = { Bindings: Env; Variables: { db: Db; live: Live | null } };

export const makeDb = (d1: D1Database): Db => drizzle(d1, { schema });

/** Every router shares one validation hook, so all bad input reads the same way. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = result.error.issues.map((i) => ({
        // A JSON body is "body" to the caller (as the README and the other body errors say), not hono's "json".
        field: [result.target === "json" ? "body" : result.target, ...i.path].join("."),
        message: i.message,
      }));
      const first = issues[0]!;
      return errorResponse(
        c,
        new ApiError(HTTP.BAD_REQUEST, "invalid_parameter", `${first.field}: ${first.message}`, issues),
      );
    },
  });
}

export function createApp() {
  const app = createRouter();
  app.use("*", async (c, next) => {
    c.set("db", makeDb(c.env.DB));
    await next();
  });
  app.use("*", measureRowsRead);
  app.notFound((c) => {
    // The path is not repeated in the message: it is the caller's input, and an error body that
    // echoes it (markup and all) is one careless renderer away from reflected XSS.
    const allow = allowedMethods(app, c.req.path);
    if (allow.length === 0) return errorResponse(c, new ApiError(HTTP.NOT_FOUND, "not_found", "No such route: see /api/docs"));
    c.header("Allow", allow.join(", "));
    return errorResponse(c, new ApiError(HTTP.METHOD_NOT_ALLOWED, "method_not_allowed", `method: this route answers ${allow.join(", ")}`, { field: "method", allow }));
  });
  app.onError((err, c) => errorResponse(c, asApiError(err, c.req.method, c.req.path)));
  return app;
}

/** Hono's own exceptions, by status: what the caller sent wrong, named by field. */
const HONO_ERRORS: Partial<Record<number, { code: string; field: string; message: string }>> = {
  [HTTP.BAD_REQUEST]: { code: "invalid_body", field: "body", message: "body: not well-formed (malformed JSON or form data)" },
  [HTTP.PAYLOAD_TOO_LARGE]: { code: "payload_too_large", field: "body", message: "body: larger than this route accepts" },
  [HTTP.UNSUPPORTED_MEDIA_TYPE]: {
    code: "unsupported_media_type",
    field: "header.Content-Type",
    message: "header.Content-Type: this route does not accept that media type (see /api/openapi.json for the one it takes)",
  },
};

/**
 * Every thrown error as the JSON error body. The caller's mistakes (Hono's validator and media
 * type gate throw HTTPException; a zod schema parsed in a handler throws ZodError) are 4xx naming
 * the field; anything else is a bug in this worker, logged and answered 500 without details.
 */
export function asApiError(err: Error, method: string, path: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException && err.status >= 400 && err.status < 500) {
    const known = HONO_ERRORS[err.status] ?? { code: "bad_request", field: "request", message: "request: rejected" };
    return new ApiError(err.status as ContentfulStatus, known.code, known.message, { field: known.field });
  }
  if (err instanceof ZodError) {
    const details = err.issues.map((i) => ({ field: i.path.length ? i.path.map(String).join(".") : "body", message: i.message }));
    return new ApiError(HTTP.BAD_REQUEST, "invalid_parameter", `${details[0]!.field}: ${details[0]!.message}`, details);
  }
  console.error("unhandled", method, path, err);
  return new ApiError(HTTP.INTERNAL_SERVER_ERROR, "internal", "Internal error");
}
