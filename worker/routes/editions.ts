import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { editionDiffResponseSchema, editionListSchema, editionResponseSchema, editionSummarySchema, publishBodySchema, type EditionSummary } from "../api/editions";
import { errorSchema } from "../api/schemas";
import { originsOf } from "../embed/oembed";
import { editionCsv, editionJsonStat2, type EditionFileMeta } from "../export/edition";
import { CONFLICT, publishEdition } from "../jobs/publish";
import { requireAdmin } from "../lib/admin-auth";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { indicatorUnits } from "../queries/analysis";
import { areasOfEdition, changesOfRow, correctedBy, countsOfRow, datasetOfRow, editionByRef, listEditions, type EditionRow } from "../queries/editions";
import { liveSnapshotOf } from "../queries/snapshot";
import { editionPath, EDITION_REF } from "../stats/editions";
import { parseRuleSet } from "../stats/ruleset-schema";
import { errors, json } from "./openapi";

const LICENCE = "CC BY 4.0";
/** Editions change only when one is published: a short shared cache, no snapshot ETag (they outlive snapshots). */
const EDITION_CACHE = "public, max-age=300";

/** Where the web app lives: the first WEB_ORIGIN if set (the app on Pages), else this worker. */
export function webOrigin(env: Env, requestUrl: string) {
  return originsOf(env.WEB_ORIGIN)[0] ?? new URL(requestUrl).origin;
}

function summaryOf(row: EditionRow, corrections: Map<string, string>, origin: string, apiOrigin: string): EditionSummary {
  const api = `${apiOrigin}/api/v1/editions/${row.id}`;
  return {
    id: row.id,
    year: row.year,
    seq: row.seq,
    title: row.title,
    level: row.level,
    ruleSet: { id: row.ruleSet, version: row.ruleSetVersion },
    publishedAt: row.publishedAt,
    corrects: row.corrects,
    reason: row.reason,
    correctedBy: corrections.get(row.id) ?? null,
    previous: row.previous,
    snapshot: { version: row.snapshot, identity: row.snapshotIdentity },
    dataset: datasetOfRow(row),
    synthetic: row.synthetic,
    counts: countsOfRow(row),
    url: `${origin}${editionPath(row.id)}`,
    citation: row.citation,
    downloads: { csv: `${api}?format=csv`, jsonstat2: `${api}?format=jsonstat2` },
  };
}

const idParam = z.object({
  id: z.string().regex(EDITION_REF, "must be an edition id (2025-1) or a year (2025: its current edition)"),
});

const list = createRoute({
  method: "get",
  path: "/editions",
  summary: "Published editions of the classification lists, newest year first",
  responses: { [HTTP.OK]: json("Every edition, with its counts, citation and downloads", editionListSchema) },
});

const one = createRoute({
  method: "get",
  path: "/editions/{id}",
  summary: "One edition: every area on its list with each criterion's value, threshold and result, frozen when it was published; a year gives its current (latest corrected) edition; `format=csv|jsonstat2` downloads every evaluated area",
  request: {
    params: idParam,
    query: z.object({
      format: z.enum(["json", "csv", "jsonstat2"]).default("json"),
      /** Every evaluated area, not only those on the list (downloads always have every one). */
      all: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    }),
  },
  responses: {
    [HTTP.OK]: {
      description: "The edition (JSON), or the download (text/csv; JSON-stat 2.0 as application/json)",
      content: { "application/json": { schema: editionResponseSchema }, "text/csv": { schema: z.string() } },
    },
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND),
  },
});

const diff = createRoute({
  method: "get",
  path: "/editions/{id}/diff",
  summary: "What changed: the areas that entered and left the list since the previous year's edition and the criteria that moved them; for a correction, what changed against the corrected edition, and why",
  request: { params: idParam },
  responses: { [HTTP.OK]: json("The diffs, frozen when the edition was published", editionDiffResponseSchema), ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND) },
});

async function editionOr404(db: Parameters<typeof editionByRef>[0], ref: string) {
  const row = await editionByRef(db, ref);
  if (!row) throw new ApiError(HTTP.NOT_FOUND, "not_found", `param.id: no edition ${ref}`, { field: "param.id" });
  return row;
}

export const editionsRouter = createRouter()
  .openapi(list, async (c) => {
    const [rows, corrections] = await Promise.all([listEditions(c.var.db), correctedBy(c.var.db)]);
    const origin = webOrigin(c.env, c.req.url);
    c.header("Cache-Control", EDITION_CACHE);
    return c.json({ editions: rows.map((r) => summaryOf(r, corrections, origin, new URL(c.req.url).origin)) }, HTTP.OK);
  })
  .openapi(one, async (c) => {
    const { id } = c.req.valid("param");
    const { format, all } = c.req.valid("query");
    const row = await editionOr404(c.var.db, id);
    const summary = summaryOf(row, await correctedBy(c.var.db), webOrigin(c.env, c.req.url), new URL(c.req.url).origin);
    c.header("Cache-Control", EDITION_CACHE);
    if (format === "json") {
      const areas = await areasOfEdition(c.var.db, row.id, !all);
      return c.json({ ...summary, ruleSetDefinition: parseRuleSet(row.ruleSetDefinition), areas }, HTTP.OK);
    }
    const areas = await areasOfEdition(c.var.db, row.id);
    const meta: EditionFileMeta = {
      id: row.id,
      title: row.title,
      citation: row.citation,
      year: row.year,
      ruleSet: summary.ruleSet,
      snapshot: row.snapshot,
      synthetic: row.synthetic,
      dataset: summary.dataset,
      licence: LICENCE,
      units: await indicatorUnits(c.var.db),
    };
    const name = `levekar-utgave-${row.id}`;
    if (format === "csv") {
      return c.body(editionCsv(meta, areas), HTTP.OK, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.csv"` });
    }
    c.header("Content-Disposition", `attachment; filename="${name}.json"`);
    return c.json(editionJsonStat2(meta, areas) as never, HTTP.OK);
  })
  .openapi(diff, async (c) => {
    const { id } = c.req.valid("param");
    const row = await editionOr404(c.var.db, id);
    const { sincePrevious, correction } = changesOfRow(row);
    c.header("Cache-Control", EDITION_CACHE);
    return c.json(
      {
        edition: summaryOf(row, await correctedBy(c.var.db), webOrigin(c.env, c.req.url), new URL(c.req.url).origin),
        previous: row.previous,
        sincePrevious,
        corrects: row.corrects,
        reason: row.reason,
        correction,
      },
      HTTP.OK,
    );
  });

/** An edition's body is a few fields. */
const MAX_PUBLISH_BYTES = 16 * 1024;

const publish = createRoute({
  method: "post",
  path: "/editions",
  summary: "Publish an edition: freeze the live snapshot's list of a rule set, year and level (a correction names the edition it corrects and why)",
  middleware: [
    requireAdmin,
    bodyLimit({
      maxSize: MAX_PUBLISH_BYTES,
      onError: () => {
        throw new ApiError(HTTP.PAYLOAD_TOO_LARGE, "payload_too_large", `body: larger than ${MAX_PUBLISH_BYTES} bytes`, { field: "body" });
      },
    }),
  ] as const,
  request: { body: { content: { "application/json": { schema: publishBodySchema } }, required: true } },
  responses: {
    [HTTP.CREATED]: json("Published: the edition's summary (its id, url and citation)", editionSummarySchema),
    [CONFLICT]: json(
      "Nothing to publish (no snapshot, or no area evaluated for that year and level), the year is already published (pass corrects), the edition to correct was already corrected, or the live snapshot evaluated another rule set version",
      errorSchema,
    ),
    ...errors(HTTP.BAD_REQUEST, HTTP.UNAUTHORIZED, HTTP.FORBIDDEN, HTTP.NOT_FOUND, HTTP.UNSUPPORTED_MEDIA_TYPE),
    [HTTP.PAYLOAD_TOO_LARGE]: json(`The body is larger than ${MAX_PUBLISH_BYTES} bytes`, errorSchema),
  },
});

export const adminEditionsRouter = createRouter().openapi(publish, async (c) => {
  const body = c.req.valid("json");
  c.header("Cache-Control", "no-store");
  const live = await liveSnapshotOf(c.var.db);
  const row = await publishEdition(c.var.db, live, { ruleSet: body.ruleset, version: body.version, year: body.year, level: body.level, corrects: body.corrects, reason: body.reason }, new Date(), webOrigin(c.env, c.req.url));
  return c.json(summaryOf(row, new Map(), webOrigin(c.env, c.req.url), new URL(c.req.url).origin), HTTP.CREATED);
});
