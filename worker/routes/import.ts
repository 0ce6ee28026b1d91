import { createRoute, z } from "@hono/zod-openapi";
import { BUNDLED_MAPPINGS, bundledMapping } from "../../db/mappings";
import { errorSchema } from "../api/schemas";
import { BodyTooLarge, MAX_IMPORT_BYTES, readLimited } from "../import/body";
import { ENCODINGS } from "../import/decode";
import { FORMATS, MappingError, parseMapping, type Mapping } from "../import/mapping";
import { importReportSchema } from "../import/report";
import { runImport } from "../import/run";
import { requireAdmin } from "../lib/admin-auth";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { errors, json } from "./openapi";

const flag = z.enum(["true", "false"]).default("false").transform((v) => v === "true");

const importRoute = createRoute({
  method: "post",
  path: "/import",
  middleware: [requireAdmin] as const,
  description:
    "Imports one file (CSV, JSON records, JSON-stat2, GeoJSON/TopoJSON, Klass changes) sent as the raw body. All or nothing: " +
    `a rejected file changes nothing. Bodies over ${MAX_IMPORT_BYTES} bytes are refused with 413. ` +
    "A mapping is named with ?mapping= (bundled in db/mappings) or sent as base64 JSON in the X-Import-Mapping header.",
  request: {
    query: z.object({
      file: z.string().min(1).max(200).default("upload"),
      format: z.enum(FORMATS).optional(),
      mapping: z.string().max(100).optional(),
      encoding: z.enum(ENCODINGS).optional(),
      recompute: flag,
      dryRun: flag,
    }),
    body: { content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } }, required: true },
  },
  responses: {
    [HTTP.OK]: json("Applied, or nothing changed (or a dry run): the import report", importReportSchema),
    // 400 `import_rejected` carries the report, with every error's file, row and column, in `details`.
    ...errors(HTTP.BAD_REQUEST, HTTP.UNAUTHORIZED, HTTP.FORBIDDEN),
    [HTTP.PAYLOAD_TOO_LARGE]: json(`The body is larger than ${MAX_IMPORT_BYTES} bytes`, errorSchema),
  },
});

function mappingFrom(name: string | undefined, header: string | undefined): { mapping: Mapping | null; name: string | null } {
  try {
    if (header) {
      const text = new TextDecoder().decode(Uint8Array.from(atob(header), (ch) => ch.charCodeAt(0)));
      return { mapping: parseMapping(JSON.parse(text), "X-Import-Mapping"), name: "X-Import-Mapping" };
    }
    if (!name) return { mapping: null, name: null };
    const mapping = bundledMapping(name);
    if (!mapping) throw new ApiError(HTTP.BAD_REQUEST, "unknown_mapping", `query.mapping: no bundled mapping "${name}" (known: ${BUNDLED_MAPPINGS.join(", ")})`);
    return { mapping, name };
  } catch (e) {
    if (e instanceof ApiError) throw e;
    const message = e instanceof MappingError ? e.message : `X-Import-Mapping: not base64-encoded JSON (${(e as Error).message})`;
    throw new ApiError(HTTP.BAD_REQUEST, "invalid_mapping", message);
  }
}

export const importRouter = createRouter().openapi(importRoute, async (c) => {
  const query = c.req.valid("query");
  const { mapping, name } = mappingFrom(query.mapping, c.req.header("X-Import-Mapping"));
  const tooLarge = () => new ApiError(HTTP.PAYLOAD_TOO_LARGE, "payload_too_large", `The body is larger than the import limit of ${MAX_IMPORT_BYTES} bytes: use the CLI or split the file`);
  if (Number(c.req.header("Content-Length") ?? 0) > MAX_IMPORT_BYTES) throw tooLarge();
  let bytes: Uint8Array;
  try {
    bytes = await readLimited(c.req.raw.body, MAX_IMPORT_BYTES);
  } catch (e) {
    if (e instanceof BodyTooLarge) throw tooLarge();
    throw e;
  }
  if (bytes.byteLength === 0) throw new ApiError(HTTP.BAD_REQUEST, "empty_body", "body: send the file as the request body");
  const report = await runImport(c.env, { file: query.file, bytes, format: query.format, mapping, mappingName: name, encoding: query.encoding }, { recompute: query.recompute, dryRun: query.dryRun });
  c.header("Cache-Control", "no-store");
  if (report.status === "rejected") throw new ApiError(HTTP.BAD_REQUEST, "import_rejected", report.summary, report);
  return c.json(report, HTTP.OK);
});
