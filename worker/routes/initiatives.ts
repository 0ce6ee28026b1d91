import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { initiativeDeletedSchema, initiativeDetailSchema, initiativeListSchema, storedInitiativeSchema } from "../api/initiatives";
import { errorSchema } from "../api/schemas";
import { requireAdmin } from "../lib/admin-auth";
import { jsonWithBodyEtag, PUBLIC_CACHE } from "../lib/caching";
import { createRouter, type Db } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { snapshotTag } from "../lib/manifest";
import { deleteInitiative, initiativeById, initiativeDetail, initiativeList, issuesAgainstAreas, registryRevision, saveInitiative } from "../queries/initiatives";
import { liveSnapshotOf } from "../queries/snapshot";
import { initiativeFieldsSchema, initiativeIdSchema } from "../stats/initiatives/registry";
import { errors, json, notModified } from "./openapi";

const params = z.object({ id: initiativeIdSchema });

/**
 * A follow-up depends on the live snapshot and on the registry (other initiatives' areas leave
 * the comparison pool), so its ETag carries both: `"v3-9f2c…-r7"`. A repeat request is answered
 * 304 after two small reads.
 */
async function followUpTag(db: Db) {
  const [live, revision] = await Promise.all([liveSnapshotOf(db), registryRevision(db)]);
  if (live === null) throw new ApiError(HTTP.SERVICE_UNAVAILABLE, "no_snapshot", "No data published yet: the first recompute has not finished");
  return { live, revision, etag: `"${snapshotTag(live)}-r${revision}"` };
}

const matches = (ifNoneMatch: string | undefined, etag: string) => !!ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim() === etag || t.trim() === "*");

const listInitiatives = createRoute({
  method: "get",
  path: "/initiatives",
  summary: "The registry of area-based initiatives (områdesatsinger)",
  description: "Documented examples (`example: true`) and, on the demo, invented ones (`synthetic: true`); not an official register.",
  responses: {
    [HTTP.OK]: json("Every initiative in the registry", initiativeListSchema),
    ...notModified,
  },
});

const getInitiative = createRoute({
  method: "get",
  path: "/initiatives/{id}",
  summary: "An initiative with its follow-up per indicator (difference in differences against matched areas)",
  description:
    "Its areas' served values before and after the start against a comparison group of similar areas (same level, in no initiative running in those years, nearest on the level and trend before the start), as a difference-in-differences estimate with a bootstrap interval and a reading in nb, nn and en that says what such a comparison can and cannot show. Computed from the live snapshot's served figures on the first request and kept until the snapshot or the registry changes.",
  request: { params },
  responses: {
    [HTTP.OK]: json("The initiative and its follow-up", initiativeDetailSchema),
    ...notModified,
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.SERVICE_UNAVAILABLE),
  },
});

export const initiativesRouter = createRouter()
  .openapi(listInitiatives, async (c) => jsonWithBodyEtag(c, await initiativeList(c.var.db)) as never)
  .openapi(getInitiative, async (c) => {
    const { id } = c.req.valid("param");
    const { live, revision, etag } = await followUpTag(c.var.db);
    const headers = { ETag: etag, "Cache-Control": PUBLIC_CACHE };
    if (matches(c.req.header("If-None-Match"), etag)) return c.body(null, HTTP.NOT_MODIFIED, headers);
    const row = await initiativeById(c.var.db, id);
    if (!row) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No initiative with id ${id}`, { field: "param.id" });
    return c.json(await initiativeDetail(c.var.db, live, row, revision, new Date()), HTTP.OK, headers);
  });

// ---- Admin: edit the registry ----

/** An entry is a few hundred bytes; larger bodies are refused before they are read. */
const MAX_BODY_BYTES = 64 * 1024;
const limit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(HTTP.PAYLOAD_TOO_LARGE, "payload_too_large", `body: larger than ${MAX_BODY_BYTES} bytes`, { field: "body" });
  },
});

const putInitiative = createRoute({
  method: "put",
  path: "/initiatives/{id}",
  summary: "Create or replace an initiative in the registry",
  description: "Validated whole before anything is written: unknown or retired area codes, areas of mixed levels or outside the kommune, and an end before the start are refused with 400 naming the field.",
  middleware: [requireAdmin, limit] as const,
  request: {
    params,
    body: { content: { "application/json": { schema: initiativeFieldsSchema } }, required: true },
  },
  responses: {
    [HTTP.OK]: json("Replaced", storedInitiativeSchema),
    [HTTP.CREATED]: json("Created", storedInitiativeSchema),
    ...errors(HTTP.BAD_REQUEST, HTTP.UNAUTHORIZED, HTTP.FORBIDDEN, HTTP.UNSUPPORTED_MEDIA_TYPE),
    [HTTP.PAYLOAD_TOO_LARGE]: json(`The body is larger than ${MAX_BODY_BYTES} bytes`, errorSchema),
  },
});

const removeInitiative = createRoute({
  method: "delete",
  path: "/initiatives/{id}",
  summary: "Delete an initiative from the registry (the shipped registry does not bring it back)",
  middleware: [requireAdmin] as const,
  request: { params },
  responses: {
    [HTTP.OK]: json("Deleted", initiativeDeletedSchema),
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.UNAUTHORIZED, HTTP.FORBIDDEN),
  },
});

const stored = (row: NonNullable<Awaited<ReturnType<typeof initiativeById>>>) => {
  const { deleted: _deleted, ...rest } = row;
  return rest;
};

/** Body fields are named `body.…` in errors, as the checks against the areas name them. */
const bodyFields = (result: { success: boolean; target: string; error?: { issues: { path: PropertyKey[]; message: string }[] } }): undefined => {
  if (result.success) return undefined;
  const issues = result.error!.issues.map((i) => ({ field: [result.target === "json" ? "body" : result.target, ...i.path.map(String)].join("."), message: i.message }));
  throw new ApiError(HTTP.BAD_REQUEST, "invalid_parameter", issues.map((i) => `${i.field}: ${i.message}`).join("; "), issues);
};

export const initiativesAdminRouter = createRouter()
  .openapi(
    putInitiative,
    async (c) => {
    const { id } = c.req.valid("param");
    const fields = c.req.valid("json");
    const issues = await issuesAgainstAreas(c.var.db, fields);
    if (issues.length) throw new ApiError(HTTP.BAD_REQUEST, "invalid_initiative", issues.map((i) => `${i.field}: ${i.message}`).join("; "), issues);
    const { created, row } = await saveInitiative(c.var.db, id, fields, new Date());
    c.header("Cache-Control", "no-store");
    return created ? c.json(stored(row), HTTP.CREATED) : c.json(stored(row), HTTP.OK);
    },
    bodyFields,
  )
  .openapi(removeInitiative, async (c) => {
    const { id } = c.req.valid("param");
    const revision = await deleteInitiative(c.var.db, id, new Date());
    if (revision === null) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No initiative with id ${id}`, { field: "param.id" });
    c.header("Cache-Control", "no-store");
    return c.json({ id, deleted: true as const, revision }, HTTP.OK);
  });
