import type { Hono } from "hono";

/** Methods a route may be registered for; HEAD follows GET (Hono answers HEAD with the GET handler). */
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type RouteData = [unknown, { method: string }];
type Matcher = { router: { match(method: string, path: string): [[RouteData, unknown][], ...unknown[]] } };

/**
 * The methods some route answers on `path`, read from the app's own router, so the list can never
 * drift from what is registered. Middleware (`use`, registered as "ALL") does not count: it
 * matches every path and answers none.
 */
export function allowedMethods(app: Hono<never> | Matcher, path: string): string[] {
  const router = (app as unknown as Matcher).router;
  const allowed: string[] = METHODS.filter((m) => router.match(m, path)[0].some(([[, route]]) => route.method === m));
  if (allowed.includes("GET")) allowed.splice(1, 0, "HEAD");
  return allowed;
}
