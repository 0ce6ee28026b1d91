import type { z } from "@hono/zod-openapi";
import { errorSchema } from "../api/schemas";
import { HTTP } from "../lib/errors";

export const json = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

const ERROR_TEXT = {
  [HTTP.BAD_REQUEST]: "A parameter is malformed; `details` names each field and why",
  [HTTP.UNAUTHORIZED]: "Missing or wrong bearer token",
  [HTTP.FORBIDDEN]: "Admin routes are disabled: no ADMIN_TOKEN secret",
  [HTTP.NOT_FOUND]: "Nothing with that code or id",
  [HTTP.PAYLOAD_TOO_LARGE]: "The selection is larger than the documented cell limit; `details` says how to split it",
  [HTTP.UNSUPPORTED_MEDIA_TYPE]: "The body's Content-Type is not the one this route takes",
  [HTTP.SERVICE_UNAVAILABLE]: "No snapshot has been published yet",
} as const;

type ErrorStatus = keyof typeof ERROR_TEXT;

/** The `responses` entries for the given error statuses, all with the one error body. */
export function errors<S extends ErrorStatus>(...statuses: S[]) {
  return Object.fromEntries(statuses.map((s) => [s, json(ERROR_TEXT[s], errorSchema)])) as {
    [K in S]: ReturnType<typeof json<typeof errorSchema>>;
  };
}

export const notModified = { [HTTP.NOT_MODIFIED]: { description: "Unchanged since the ETag given in If-None-Match" } };
