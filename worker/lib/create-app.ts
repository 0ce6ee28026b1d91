import { OpenAPIHono } from "@hono/zod-openapi";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../db/schema";
import { ApiError, errorResponse, HTTP } from "./errors";
import type { Live } from "./manifest";
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
        field: [result.target, ...i.path].join("."),
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
  app.notFound((c) => errorResponse(c, new ApiError(HTTP.NOT_FOUND, "not_found", `No route ${c.req.method} ${c.req.path}`)));
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    console.error("unhandled", c.req.method, c.req.path, err);
    return errorResponse(c, new ApiError(HTTP.INTERNAL_SERVER_ERROR, "internal", "Internal error"));
  });
  return app;
}
