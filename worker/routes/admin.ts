import { createRoute, z } from "@hono/zod-openapi";
import { errorSchema } from "../api/schemas";
import { knownIndicators, saveRuleSetVersion } from "../queries/analysis";
import { indicatorsOf, parseRuleSet, RuleSetError, ruleSetSchema } from "../stats/ruleset-schema";
import { recompute } from "../jobs/recompute";
import { requireAdmin } from "../lib/admin-auth";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";

const resultSchema = z.object({
  version: z.number().int().nullable(),
  state: z.enum(["complete", "building", "idle"]),
  step: z.string().nullable(),
  areasDone: z.number().int(),
  areasTotal: z.number().int(),
});

const runRecompute = createRoute({
  method: "post",
  path: "/recompute",
  middleware: [requireAdmin] as const,
  request: {
    query: z.object({
      fresh: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
      chunkSize: z.coerce.number().int().min(1).max(1000).optional(),
    }),
  },
  responses: {
    [HTTP.OK]: { description: "The snapshot was completed and is now live", content: { "application/json": { schema: resultSchema } } },
    [HTTP.ACCEPTED]: { description: "Time budget used up; the next run resumes", content: { "application/json": { schema: resultSchema } } },
    [HTTP.BAD_REQUEST]: { description: "Malformed parameter", content: { "application/json": { schema: errorSchema } } },
    [HTTP.UNAUTHORIZED]: { description: "Missing or wrong token", content: { "application/json": { schema: errorSchema } } },
    [HTTP.FORBIDDEN]: { description: "Admin disabled: no ADMIN_TOKEN secret", content: { "application/json": { schema: errorSchema } } },
  },
});

const putRuleSet = createRoute({
  method: "put",
  path: "/rulesets/{id}",
  summary: "Store a new version of a classification rule set (used from the next recompute)",
  middleware: [requireAdmin] as const,
  request: {
    params: z.object({ id: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a rule set id") }),
    body: { content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } },
  },
  responses: {
    [HTTP.CREATED]: { description: "Stored as the next version", content: { "application/json": { schema: ruleSetSchema } } },
    [HTTP.BAD_REQUEST]: { description: "Invalid definition; `details` names each field", content: { "application/json": { schema: errorSchema } } },
    [HTTP.UNAUTHORIZED]: { description: "Missing or wrong token", content: { "application/json": { schema: errorSchema } } },
    [HTTP.FORBIDDEN]: { description: "Admin disabled: no ADMIN_TOKEN secret", content: { "application/json": { schema: errorSchema } } },
  },
});

export const adminRouter = createRouter()
  .openapi(runRecompute, async (c) => {
    const { fresh, chunkSize } = c.req.valid("query");
    const result = await recompute(c.env, new Date(), { fresh, chunkSize });
    c.header("Cache-Control", "no-store");
    return c.json(result, result.state === "complete" ? HTTP.OK : HTTP.ACCEPTED);
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
