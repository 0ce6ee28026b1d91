import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const HTTP = {
  OK: 200,
  CREATED: 201,
  ACCEPTED: 202,
  NOT_MODIFIED: 304,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

/** Thrown anywhere below a handler; `onError` turns it into the JSON error body. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * `<`, `>` and `&` as JSON escapes: the same strings to any JSON reader, but an error body that
 * quotes the caller's input (a cell value, a name) carries no markup should something ever
 * render it as HTML.
 */
const escapeMarkup = (json: string) => json.replace(/[<>&]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

export function errorResponse(c: Context, err: ApiError) {
  const body = { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
  return c.body(escapeMarkup(JSON.stringify(body)), err.status, { "Content-Type": "application/json" });
}
