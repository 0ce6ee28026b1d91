import { errorSchema } from "../api/schemas";
import { HTTP } from "../lib/errors";

const json = (description: string) => ({ description, content: { "application/json": { schema: errorSchema } } });

/** Error responses most public routes can give; spread into a route's `responses`. */
export const commonErrors = {
  [HTTP.BAD_REQUEST]: json("A parameter is malformed; `details` names the field"),
  [HTTP.SERVICE_UNAVAILABLE]: json("No snapshot has been published yet"),
} as const;

export const notModified = { [HTTP.NOT_MODIFIED]: { description: "Unchanged since the given ETag" } } as const;
