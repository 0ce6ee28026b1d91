import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./create-app";
import { ApiError, HTTP } from "./errors";

/**
 * Works only under `npm start` (see devTokenAllowed), so nobody can reach a deployed worker with a
 * token printed in the README.
 */
export const DEV_ADMIN_TOKEN = "local-dev-admin-token";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x: the addresses a connection from this machine comes from. */
export function isLoopbackIp(ip: string | null | undefined): boolean {
  if (!ip) return false;
  const v4 = ip.trim().toLowerCase().replace(/^::ffff:/, "");
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return /^(0{0,4}:){7}0{0,3}1$|^::1$/.test(ip.trim().toLowerCase());
}

/**
 * Whether the public dev token may stand in for ADMIN_TOKEN on this request. All three must hold:
 *
 * 1. ALLOW_DEV_ADMIN_TOKEN is "true": wrangler.toml sets it "false" and only `npm start`
 *    (scripts/local-stack.ts, `wrangler dev --var ALLOW_DEV_ADMIN_TOKEN:true`) turns it on.
 * 2. The connection came from loopback, by `CF-Connecting-IP`. On Cloudflare that header is
 *    always the real client address (a forged one is overwritten at the edge), and a client
 *    is never 127.0.0.1 there. Under wrangler dev, Miniflare sets it from the socket — but
 *    keeps a value the client sent, so locally it can be forged; that is why wrangler dev is
 *    bound to 127.0.0.1 (`--ip 127.0.0.1`): nothing off this machine can connect at all. An
 *    absent header (no socket behind the request) counts as not loopback.
 * 3. The Host is loopback too. The Host alone proved nothing (any client can send
 *    `Host: localhost`, the defect this replaces), but together with 2 it refuses a web page
 *    on another site that DNS-rebinds its name to 127.0.0.1 and calls the local worker with
 *    the token from the README: its requests carry its own host name.
 */
export function devTokenAllowed(flag: unknown, url: string, headers: Headers): boolean {
  if (String(flag) !== "true") return false;
  if (!isLoopbackIp(headers.get("CF-Connecting-IP"))) return false;
  return LOOPBACK_HOSTS.has(new URL(url).hostname);
}

function expectedToken(env: Env, url: string, headers: Headers): string | null {
  if (env.ADMIN_TOKEN) return env.ADMIN_TOKEN;
  if (devTokenAllowed(env.ALLOW_DEV_ADMIN_TOKEN, url, headers)) return DEV_ADMIN_TOKEN;
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
  const expected = expectedToken(c.env, c.req.url, c.req.raw.headers);
  if (!expected) {
    throw new ApiError(HTTP.FORBIDDEN, "admin_disabled", "Admin routes are disabled: the ADMIN_TOKEN secret is not set");
  }
  const given = c.req.header("Authorization")?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
  if (!(await sameSecret(given, expected))) {
    throw new ApiError(HTTP.UNAUTHORIZED, "unauthorized", "Missing or wrong bearer token");
  }
  await next();
};
