import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./create-app";
import { ApiError, HTTP } from "./errors";

/**
 * Works only under `npm start` (wrangler dev sets ALLOW_DEV_ADMIN_TOKEN and the host is
 * loopback), so nobody can reach a deployed worker with a token printed in the README.
 */
export const DEV_ADMIN_TOKEN = "local-dev-admin-token";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function expectedToken(env: Env, url: string): string | null {
  if (env.ADMIN_TOKEN) return env.ADMIN_TOKEN;
  if (String(env.ALLOW_DEV_ADMIN_TOKEN) === "true" && LOOPBACK.has(new URL(url).hostname)) return DEV_ADMIN_TOKEN;
  return null;
}

/**
 * Compares SHA-256 digests byte by byte without stopping early, so neither the length nor the
 * time taken says anything about how much of the token was right.
 */
async function sameSecret(a: string, b: string) {
  const enc = new TextEncoder();
  const [da, db] = await Promise.all([crypto.subtle.digest("SHA-256", enc.encode(a)), crypto.subtle.digest("SHA-256", enc.encode(b))]);
  const x = new Uint8Array(da);
  const y = new Uint8Array(db);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = expectedToken(c.env, c.req.url);
  if (!expected) {
    throw new ApiError(HTTP.FORBIDDEN, "admin_disabled", "Admin routes are disabled: the ADMIN_TOKEN secret is not set");
  }
  const given = c.req.header("Authorization")?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
  if (!(await sameSecret(given, expected))) {
    throw new ApiError(HTTP.UNAUTHORIZED, "unauthorized", "Missing or wrong bearer token");
  }
  await next();
};
