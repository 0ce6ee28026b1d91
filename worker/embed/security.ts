import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/create-app";

/** Paths that other sites may frame: the embedded cards. */
const EMBED_PREFIX = "/embed/";

/**
 * Only embeds may be framed by other sites; everything else only by the monitor itself (against
 * clickjacking). Mounted app-wide; a response that already set its own policy keeps it.
 */
export const frameAncestors: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.res.headers.has("Content-Security-Policy")) return;
  const ancestors = c.req.path.startsWith(EMBED_PREFIX) ? "*" : "'self'";
  c.res.headers.set("Content-Security-Policy", `frame-ancestors ${ancestors}`);
};

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
}

/**
 * The card's policy: its one stylesheet and one script (by hash), no requests of any kind, any
 * site may frame it.
 */
export async function cardPolicy(css: string, script: string): Promise<string> {
  const [styleHash, scriptHash] = await Promise.all([sha256(css), sha256(script)]);
  return [
    "default-src 'none'",
    `style-src ${styleHash}`,
    `script-src ${scriptHash}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors *",
  ].join("; ");
}
