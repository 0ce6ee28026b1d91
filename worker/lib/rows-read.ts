import type { MiddlewareHandler } from "hono";
import { makeDb, type AppEnv } from "./create-app";

/**
 * Counts D1 rows read per request (from each result's `meta.rows_read`) and reports them in
 * `X-D1-Rows-Read`, for the benchmark. Only when MEASURE_ROWS_READ is "true" (wrangler dev
 * with --var); production never wraps its binding.
 */
export const measureRowsRead: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (String((c.env as { MEASURE_ROWS_READ?: string }).MEASURE_ROWS_READ) !== "true") return next();
  const counter = { rows: 0 };
  c.set("db", makeDb(countingD1(c.env.DB, counter)));
  await next();
  c.res.headers.set("X-D1-Rows-Read", String(counter.rows));
};

function countingD1(db: D1Database, counter: { rows: number }): D1Database {
  const count = <T extends D1Result<unknown>>(r: T) => {
    counter.rows += r.meta?.rows_read ?? 0;
    return r;
  };
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...args: unknown[]) => wrap(target.bind(...args));
        if (prop === "all") return () => target.all().then(count);
        if (prop === "run") return () => target.run().then(count);
        if (prop === "first") return (col?: string) => target.all().then((r) => count(r).results[0]).then((row) => (row && col ? (row as Record<string, unknown>)[col] : (row ?? null)));
        // raw() hides meta; read through all() and shape rows as arrays, as drizzle's batch does.
        if (prop === "raw") return () => target.all().then((r) => count(r).results.map((row) => Object.values(row as object)));
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql));
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
