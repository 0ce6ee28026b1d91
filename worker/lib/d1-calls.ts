/**
 * Counts calls to D1 (a batch is one), leaving every call as it was: Workers allow only so many
 * per invocation (50 on the Free plan, 1,000 on Paid), so a recompute stops short of the limit
 * and a later invocation resumes. Unlike `countingD1` (the benchmark's row meter) it reads no
 * results, so production runs go through it unchanged.
 */
export function countD1Calls(db: D1Database, counter: { calls: number }): D1Database {
  const own = new WeakMap<object, D1PreparedStatement>();
  const CALLS = new Set<PropertyKey>(["all", "run", "first", "raw"]);
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...args: unknown[]) => wrap(target.bind(...args));
        const value = Reflect.get(target, prop);
        if (typeof value !== "function") return value;
        if (!CALLS.has(prop)) return value.bind(target);
        return (...args: unknown[]) => {
          counter.calls++;
          return value.apply(target, args);
        };
      },
    });
    own.set(proxy, stmt);
    return proxy;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql));
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          counter.calls++;
          return target.batch(statements.map((s) => own.get(s) ?? s));
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
