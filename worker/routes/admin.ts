import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { bodyLimit } from "hono/body-limit";
import { createSelectSchema } from "drizzle-zod";
import { snapshots } from "../../db/schema";
import { knownIndicators, saveRuleSetVersion } from "../queries/analysis";
import { indicatorsOf, parseRuleSet, RuleSetError, ruleSetSchema } from "../stats/ruleset-schema";
import { planSchema } from "../jobs/plan";
import { RecomputeBusy } from "../jobs/lease";
import { recompute } from "../jobs/recompute";
import { requireAdmin } from "../lib/admin-auth";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { errorSchema } from "../api/schemas";
import { errors, json } from "./openapi";

// Not in lib/errors.ts's HTTP table, which another part of the work owns.
const CONFLICT = 409;

const resultSchema = z.object({
  version: z.number().int().nullable(),
  state: z.enum(["complete", "building", "idle"]),
  /** What the snapshot rebuilds: everything (with the reason), or only some indicators' series. */
  plan: planSchema.nullable(),
  step: z.string().nullable(),
  areasDone: z.number().int(),
  areasTotal: z.number().int(),
  /** Milliseconds this invocation spent per step, computing and committing its chunks. */
  timings: z.array(z.object({ step: z.string(), chunks: z.number().int(), computeMs: z.number(), writeMs: z.number() })),
  /** D1 calls this invocation made (a batch is one); Workers allow 1,000 per invocation on the Paid plan. */
  d1Calls: z.number().int(),
  /** D1 rows this invocation read and wrote; only on a worker started to measure them (the benchmark). */
  d1: z.object({ rowsRead: z.number().int(), rowsWritten: z.number().int(), queries: z.number().int() }).optional(),
  /** Where to follow this snapshot's job (its version is the job id). */
  statusUrl: z.string().nullable(),
});

const jobSchema = createSelectSchema(snapshots);

/** 409: another invocation holds the recompute lease; this one did nothing. */
const busySchema = z.object({
  error: z.object({
    code: z.literal("recompute_running"),
    message: z.string(),
    details: z.object({
      /** The snapshot the running invocation builds (null while it is still deciding). */
      version: z.number().int().nullable(),
      step: z.string().nullable(),
      areasDone: z.number().int().nullable(),
      acquiredAt: z.string(),
      /** When its lease lapses if it is not renewed (each committed chunk renews it; the end releases it). */
      expiresAt: z.string(),
      statusUrl: z.string().nullable(),
    }),
  }),
});

const runRecompute = createRoute({
  method: "post",
  path: "/recompute",
  middleware: [requireAdmin] as const,
  request: {
    query: z.object({
      fresh: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
      /** Rebuild everything, even what no import changed. */
      full: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
      chunkSize: z.coerce.number().int().min(1).max(1000).optional(),
      /** Return after the first chunk past this many milliseconds (progress reports). */
      budgetMs: z.coerce.number().int().min(0).max(15 * 60_000).optional(),
      /** Return after the first chunk that ends with this many D1 calls made (default 700, under the Paid plan's 1,000). */
      callBudget: z.coerce.number().int().min(1).max(1000).optional(),
    }),
  },
  responses: {
    [HTTP.OK]: json("The snapshot was completed and is now live, or nothing changed since the live one (state idle)", resultSchema),
    [HTTP.ACCEPTED]: json("Time or D1-call budget used up; the next run resumes", resultSchema),
    [CONFLICT]: json("Another recompute is running (it holds the lease); nothing was started", busySchema),
    ...errors(HTTP.BAD_REQUEST, HTTP.UNAUTHORIZED, HTTP.FORBIDDEN),
  },
});

const jobStatus = createRoute({
  method: "get",
  path: "/recompute/{version}",
  summary: "A recompute job: its state, current step and progress",
  middleware: [requireAdmin] as const,
  request: { params: z.object({ version: z.coerce.number().int().min(1) }) },
  responses: {
    [HTTP.OK]: json("The job", jobSchema),
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.UNAUTHORIZED, HTTP.FORBIDDEN),
  },
});

/** A rule set is a few kilobytes; larger bodies are refused before they are read. */
const MAX_RULESET_BYTES = 256 * 1024;
const rulesetBodyLimit = bodyLimit({
  maxSize: MAX_RULESET_BYTES,
  onError: () => {
    throw new ApiError(HTTP.PAYLOAD_TOO_LARGE, "payload_too_large", `body: larger than ${MAX_RULESET_BYTES} bytes`, { field: "body" });
  },
});

const putRuleSet = createRoute({
  method: "put",
  path: "/rulesets/{id}",
  summary: "Store a new version of a classification rule set (used from the next recompute)",
  middleware: [requireAdmin, rulesetBodyLimit] as const,
  request: {
    params: z.object({ id: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a rule set id") }),
    body: { content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } },
  },
  responses: {
    [HTTP.CREATED]: json("Stored as the next version", ruleSetSchema),
    ...errors(HTTP.BAD_REQUEST, HTTP.UNAUTHORIZED, HTTP.FORBIDDEN, HTTP.UNSUPPORTED_MEDIA_TYPE),
    [HTTP.PAYLOAD_TOO_LARGE]: json(`The body is larger than ${MAX_RULESET_BYTES} bytes`, errorSchema),
  },
});

export const adminRouter = createRouter()
  .openapi(runRecompute, async (c) => {
    const { fresh, full, chunkSize, budgetMs, callBudget } = c.req.valid("query");
    c.header("Cache-Control", "no-store");
    let result;
    try {
      result = await recompute(c.env, new Date(), { fresh, full, chunkSize, budgetMs, callBudget });
    } catch (e) {
      if (!(e instanceof RecomputeBusy)) throw e;
      const { running } = e;
      const statusUrl = running.version === null ? null : `/api/admin/recompute/${running.version}`;
      return c.json({ error: { code: "recompute_running" as const, message: e.message, details: { ...running, statusUrl } } }, CONFLICT);
    }
    const statusUrl = result.version === null ? null : `/api/admin/recompute/${result.version}`;
    return c.json({ ...result, statusUrl }, result.state === "building" ? HTTP.ACCEPTED : HTTP.OK);
  })
  .openapi(jobStatus, async (c) => {
    const { version } = c.req.valid("param");
    const job = await c.var.db.select().from(snapshots).where(eq(snapshots.version, version)).get();
    if (!job) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No recompute job ${version}`, { field: "param.version" });
    c.header("Cache-Control", "no-store");
    return c.json(job, HTTP.OK);
  })
  .openapi(putRuleSet, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const bad = (issues: { path: string; message: string }[]) =>
      new ApiError(HTTP.BAD_REQUEST, "invalid_ruleset", issues.map((i) => `body.${i.path}: ${i.message}`).join("; "), issues.map((i) => ({ field: `body.${i.path}`, message: i.message })));
    let rs;
    try {
      rs = parseRuleSet({ version: 1, ...body, id });
    } catch (e) {
      if (e instanceof RuleSetError) throw bad(e.issues);
      throw e;
    }
    const known = await knownIndicators(c.var.db);
    const unknown = indicatorsOf(rs).filter((i) => !known.has(i));
    if (unknown.length) throw bad(unknown.map((i) => ({ path: "criteria", message: `unknown indicator "${i}"` })));
    return c.json(await saveRuleSetVersion(c.var.db, rs, new Date()), HTTP.CREATED);
  });
