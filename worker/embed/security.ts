import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/create-app";

/** Paths that other sites may frame: the embedded cards. */
const EMBED_PREFIX = "/embed/";

/**
 * The web app's policy, for its pages wherever they are served: web/public/_headers carries the
 * same string for static files (a test keeps the two equal), and the Worker sets it on the pages
 * it serves itself (/omrade/*). The build has no inline script or style (Vite emits files;
 * Preact sets styles through the CSSOM, which `style-src` does not govern), so nothing needs a
 * hash; `data:` images are the map legends' and icons' inline SVG.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

/** JSON, scripts and other non-pages: nothing may load from them, only the monitor may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/** Headers every response carries, API, embed, docs and pages alike. */
export const COMMON_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // Two years, the preload list's minimum; browsers ignore it over plain http (local dev).
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
} as const;

/**
 * Mounted app-wide. Only embeds may be framed by other sites; everything else only by the
 * monitor itself (against clickjacking). A response that set its own policy (the card, the docs
 * page, the web app's pages) keeps it; an embed without one still may be framed anywhere.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const headers = c.res.headers;
  for (const [name, value] of Object.entries(COMMON_HEADERS)) headers.set(name, value);
  if (headers.has("Content-Security-Policy")) return;
  if (c.req.path.startsWith(EMBED_PREFIX)) headers.set("Content-Security-Policy", "frame-ancestors *");
  else if (headers.get("Content-Type")?.startsWith("text/html")) headers.set("Content-Security-Policy", WEB_CSP);
  else headers.set("Content-Security-Policy", API_CSP);
};

export async function sha256(text: string): Promise<string> {
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
