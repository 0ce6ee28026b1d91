import type { MiddlewareHandler } from "hono";
import { makeDb, type AppEnv } from "./create-app";

/** D1 bills rows read and rows written (from each result's `meta`); the benchmark sums them. */
export interface RowCounter {
  read: number;
  written: number;
  /** Calls to D1 (a batch is one): Workers limit them per invocation (50 Free, 1,000 Paid). */
  queries: number;
}

/** Whether this worker was started to measure D1 rows (the benchmark's `--var MEASURE_ROWS_READ:true`). */
export function measuringRows(env: unknown): boolean {
  return String((env as { MEASURE_ROWS_READ?: string }).MEASURE_ROWS_READ) === "true";
}

/**
 * Counts D1 rows read per request (from each result's `meta.rows_read`) and reports them in
 * `X-D1-Rows-Read`, for the benchmark. Only when MEASURE_ROWS_READ is "true" (wrangler dev
 * with --var); production never wraps its binding.
 */
export const measureRowsRead: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!measuringRows(c.env)) return next();
  const counter = { read: 0, written: 0, queries: 0 };
  c.set("db", makeDb(countingD1(c.env.DB, counter)));
  await next();
  c.res.headers.set("X-D1-Rows-Read", String(counter.read));
};

/** A D1 binding that adds every result's rows read and written to `counter`. */
export function countingD1(db: D1Database, counter: RowCounter): D1Database {
  const count = <T extends D1Result<unknown>>(r: T) => {
    counter.queries++;
    counter.read += r.meta?.rows_read ?? 0;
    counter.written += r.meta?.rows_written ?? 0;
    return r;
  };
  // batch() needs the binding's own statements, not the proxies handed out below.
  const unwrapped = new WeakMap<object, D1PreparedStatement>();
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
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
    unwrapped.set(proxy, stmt);
    return proxy;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql));
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => target.batch(statements.map((s) => unwrapped.get(s) ?? s)).then((rs) => {
          counter.queries -= rs.length - 1; // one call, however many statements
          return rs.map(count);
        });
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
