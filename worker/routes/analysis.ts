import { createRoute, z } from "@hono/zod-openapi";
import { DEFAULT_RULE_SET_ID } from "../../db/rulesets";
import { LEVELS } from "../../db/schema";
import { pageFields, pageOf, pageQuery } from "../api/paging";
import { areaCodeSchema } from "../api/params";
import { segregationResponseSchema } from "../api/schemas";
import { GROUPING_IDS } from "../jobs/groupings";
import { snapshotCaching } from "../lib/caching";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { classificationCoverage, classifications, groupingsOf, indicatorUnits, inputsFromResults, latestClassifiedPeriod, listRuleSets, metEitherYear, placesOf, previousListYear, ruleSetById, segregationOf } from "../queries/analysis";
import { classificationSchema, NOT_EVALUABLE, OUTCOMES, preview } from "../stats/classify";
import { listChanges, type ListChange } from "../stats/list-changes";
import { RuleSetError, ruleSetSchema } from "../stats/ruleset-schema";
import { errors, json, notModified } from "./openapi";

const namedClassification = classificationSchema.extend({ name: z.string() });
const placeRef = z.object({ code: z.string(), name: z.string() }).nullable();
/** Names repeat (Blåklokkevollen in several kommuner): the list says where each area lies. */
const placedClassification = namedClassification.extend({
  kommune: placeRef.describe("The area's kommune (itself for a kommune)"),
  bydel: placeRef.describe("The area's bydel in the kommuner that have them (itself for a bydel), else null"),
});
const criterionSide = z.object({ met: z.boolean(), value: z.number().nullable(), threshold: z.number().nullable(), reason: z.enum(NOT_EVALUABLE).nullable() }).nullable();
const outcomeSide = z.object({ outcome: z.enum(OUTCOMES), eligibility: classificationSchema.shape.eligibility }).nullable();
const listChangeSchema = z.object({
  code: z.string(),
  name: z.string(),
  kommune: placeRef,
  bydel: placeRef,
  before: outcomeSide.describe("The previous year's outcome; null when the area was not evaluated then"),
  after: outcomeSide,
  flipped: z.array(z.object({ id: z.string(), tier: z.string().nullable(), before: criterionSide, after: criterionSide })).describe("The criteria whose result differs between the years"),
  eligibilityChanged: z.boolean(),
});
const gapSchema = z.object({ criterion: z.string().nullable(), indicator: z.string() });
/** See stats/coverage.ts: per level, whether the rule set can be evaluated and what is missing. */
const coverageSchema = z.array(
  z.object({
    level: z.enum(LEVELS),
    areas: z.boolean(),
    evaluable: z.boolean(),
    missing: z.array(gapSchema),
    suppressed: z.array(gapSchema),
    noReference: z.array(gapSchema),
  }),
);
const period = z.coerce.number().int().min(1900).max(2100);
const ruleSetId = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a rule set id");

const segregation = createRoute({
  method: "get",
  path: "/segregation/{code}",
  summary:
    "Segregation indices of Norway or a fylke over its kommuner, or of a kommune over its grunnkretser, per year, with bootstrap intervals and the M decomposition; without `grouping`, the area's first grouping",
  middleware: [snapshotCaching] as const,
  request: {
    params: z.object({ code: areaCodeSchema }),
    query: z
      .object({ grouping: z.enum(GROUPING_IDS).optional(), from: period.optional(), to: period.optional() })
      .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: "must not be after to", path: ["from"] }),
  },
  responses: { [HTTP.OK]: json("Indices by year", segregationResponseSchema), ...notModified, ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.SERVICE_UNAVAILABLE) },
});

const list = createRoute({
  method: "get",
  path: "/classifications",
  summary: "Areas meeting a rule set in a year, each with every criterion's value, threshold and result",
  middleware: [snapshotCaching] as const,
  request: {
    query: z.object({
      ruleset: ruleSetId.default(DEFAULT_RULE_SET_ID),
      /** Without it: the latest year the live snapshot evaluated the rule set for (`periodDefaulted` says so). */
      period: period.optional(),
      level: z.enum(LEVELS).optional(),
      all: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
      ...pageQuery({ max: 500, defaultLimit: 100 }),
    }),
  },
  responses: {
    [HTTP.OK]: json(
      "The results, the rule set they were computed with, and for each level whether it could be evaluated and which criteria have no figures there",
      z.object({
        snapshot: z.number().int(),
        /** The year listed: the one asked for, or without `period` the latest year evaluated. */
        period: z.number().int(),
        /** True when no period was asked for and `period` is the latest year evaluated. */
        periodDefaulted: z.boolean(),
        ruleSet: ruleSetSchema,
        results: z.array(placedClassification),
        coverage: coverageSchema,
        ...pageFields,
      }),
    ),
    ...notModified,
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.SERVICE_UNAVAILABLE),
  },
});

const changesRoute = createRoute({
  method: "get",
  path: "/classifications/changes",
  summary: "Areas that entered and left the list since the previous year with results (same rule set and level), with the criteria that flipped",
  middleware: [snapshotCaching] as const,
  request: { query: z.object({ ruleset: ruleSetId.default(DEFAULT_RULE_SET_ID), period, level: z.enum(LEVELS) }) },
  responses: {
    [HTTP.OK]: json(
      "Entered and left, in code order; `previous` is null (and both lists empty) when no earlier year has results, and `comparable` false when either year could not be evaluated at this level",
      z.object({
        snapshot: z.number().int(),
        ruleSet: z.object({ id: z.string(), version: z.number().int() }),
        level: z.enum(LEVELS),
        period: z.number().int(),
        previous: z.number().int().nullable(),
        comparable: z.boolean(),
        entered: z.array(listChangeSchema),
        left: z.array(listChangeSchema),
      }),
    ),
    ...notModified,
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.SERVICE_UNAVAILABLE),
  },
});

const listRuleSetsRoute = createRoute({
  method: "get",
  path: "/rulesets",
  summary: "The active classification rule sets (newest version of each)",
  responses: { [HTTP.OK]: json("Rule sets", z.object({ default: z.string(), ruleSets: z.array(ruleSetSchema) })) },
});

const oneRuleSet = createRoute({
  method: "get",
  path: "/rulesets/{id}",
  summary: "One rule set: criteria, thresholds, population limits, texts",
  request: { params: z.object({ id: ruleSetId }), query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
  responses: { [HTTP.OK]: json("The rule set", ruleSetSchema), ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND) },
});

/**
 * What-if thresholds as query parameters: `t.<criterion>=<number>` replaces a threshold's
 * factor (relative) or value (absolute); `minMet`, `minPopulation` replace the limits.
 */
const previewRoute = createRoute({
  method: "get",
  path: "/classifications/preview",
  summary: "What-if: the rule set with other thresholds, evaluated on the stored values; saves nothing",
  middleware: [snapshotCaching] as const,
  request: {
    query: z
      .object({
        ruleset: ruleSetId.default(DEFAULT_RULE_SET_ID),
        period,
        level: z.enum(LEVELS),
        minMet: z.coerce.number().int().min(1).max(50).optional(),
        minPopulation: z.coerce.number().min(0).max(10_000_000).optional(),
      })
      .catchall(z.string().max(20)),
  },
  responses: {
    [HTTP.OK]: json(
      "Results under the changed thresholds, and which areas enter or leave",
      z.object({ snapshot: z.number().int(), ruleSet: ruleSetSchema, results: z.array(namedClassification), entering: z.array(z.string()), leaving: z.array(z.string()) }),
    ),
    ...notModified,
    ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.SERVICE_UNAVAILABLE),
  },
});

async function ruleSetOr404(db: Parameters<typeof ruleSetById>[0], id: string, version?: number) {
  const rs = await ruleSetById(db, id, version);
  if (!rs) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No rule set ${id}${version ? ` version ${version}` : ""}`, { field: "ruleset" });
  return rs;
}

export const analysisRouter = createRouter()
  .openapi(segregation, async (c) => {
    const { code } = c.req.valid("param");
    const { grouping, from, to } = c.req.valid("query");
    const groupings = await groupingsOf(c.var.db, c.var.live!, code);
    const chosen = grouping ?? groupings[0];
    const body = chosen && groupings.includes(chosen) ? await segregationOf(c.var.db, c.var.live!, code, chosen) : null;
    if (!body) {
      const what = grouping ? `${code} (${grouping})` : code;
      throw new ApiError(HTTP.NOT_FOUND, "not_found", `No segregation indices for ${what}: it needs sub-areas with data${groupings.length ? ` (this area has ${groupings.join(", ")})` : ""}`, { field: grouping ? "query.grouping" : "param.code", groupings });
    }
    const series = body.series.filter((p) => (from === undefined || p.period >= from) && (to === undefined || p.period <= to));
    return c.json({ ...body, series, snapshot: c.var.live!.version, groupings }, HTTP.OK);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid("query");
    const rs = await ruleSetOr404(c.var.db, q.ruleset);
    const period = q.period ?? (await latestClassifiedPeriod(c.var.db, c.var.live!, q.ruleset));
    if (period === null) throw new ApiError(HTTP.NOT_FOUND, "not_found", `query.period: the live snapshot has no year evaluated with ${q.ruleset}`, { field: "query.period" });
    const [{ results, total }, coverage] = await Promise.all([
      classifications(c.var.db, c.var.live!, { ruleSet: q.ruleset, period, level: q.level, metOnly: !q.all, limit: q.limit, offset: q.offset }, rs),
      classificationCoverage(c.var.db, c.var.live!, rs, period, q.level),
    ]);
    const places = await placesOf(c.var.db, results.map((r) => r.code));
    const placed = results.map((r) => ({ ...r, ...places.get(r.code)! }));
    return c.json({ snapshot: c.var.live!.version, period, periodDefaulted: q.period === undefined, ruleSet: rs, results: placed, coverage, ...pageOf(c.req.url, q, total) }, HTTP.OK);
  })
  .openapi(changesRoute, async (c) => {
    const q = c.req.valid("query");
    const rs = await ruleSetOr404(c.var.db, q.ruleset);
    const live = c.var.live!;
    const head = { snapshot: live.version, ruleSet: { id: rs.id, version: rs.version }, level: q.level, period: q.period };
    const previous = await previousListYear(c.var.db, live, rs.id, q.period);
    if (previous === null) return c.json({ ...head, previous, comparable: false, entered: [], left: [] }, HTTP.OK);
    const [now, then] = await Promise.all([classificationCoverage(c.var.db, live, rs, q.period, q.level), classificationCoverage(c.var.db, live, rs, previous, q.level)]);
    // A year that could not be evaluated at this level has no list to enter or leave.
    const comparable = (now[0]?.evaluable ?? false) && (then[0]?.evaluable ?? false);
    if (!comparable) return c.json({ ...head, previous, comparable, entered: [], left: [] }, HTTP.OK);
    const years = await metEitherYear(c.var.db, live, rs, q.level, q.period, previous);
    const changes = listChanges(years.current, years.previous);
    const names = new Map([...years.previous, ...years.current].map((r) => [r.code, r.name]));
    const places = await placesOf(c.var.db, [...changes.entered, ...changes.left].map((x) => x.code));
    const named = (x: ListChange) => ({ ...x, name: names.get(x.code) ?? x.code, ...places.get(x.code)! });
    return c.json({ ...head, previous, comparable, entered: changes.entered.map(named), left: changes.left.map(named) }, HTTP.OK);
  })
  .openapi(listRuleSetsRoute, async (c) => c.json({ default: DEFAULT_RULE_SET_ID, ruleSets: await listRuleSets(c.var.db) }, HTTP.OK))
  .openapi(oneRuleSet, async (c) => {
    const { id } = c.req.valid("param");
    const { version } = c.req.valid("query");
    return c.json(await ruleSetOr404(c.var.db, id, version), HTTP.OK);
  })
  .openapi(previewRoute, async (c) => {
    const q = c.req.valid("query");
    const stored = await ruleSetOr404(c.var.db, q.ruleset);
    const criteria: Record<string, { threshold: unknown }> = {};
    for (const [key, raw] of Object.entries(q)) {
      if (!key.startsWith("t.")) continue;
      const id = key.slice(2);
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new ApiError(HTTP.BAD_REQUEST, "invalid_parameter", `query.${key}: must be a number`, [{ field: `query.${key}`, message: "must be a number" }]);
      const def = stored.kind === "criteria" ? [...stored.criteria, ...stored.tiers.flatMap((t) => t.criteria)].find((x) => x.id === id) : undefined;
      if (!def) throw new ApiError(HTTP.BAD_REQUEST, "invalid_parameter", `query.${key}: rule set ${stored.id} has no criterion "${id}"`, [{ field: `query.${key}`, message: "unknown criterion" }]);
      // Thresholds as coarse as the values are shown: a what-if with a threshold of any precision
      // would answer "above or below?" about each area's unrounded value, and a few questions
      // would narrow a shown 8.3 down to the exact 23 of 278 behind it.
      criteria[id] = { threshold: def.threshold.kind === "relative" ? { ...def.threshold, factor: Math.round(n * 100) / 100 } : { kind: "absolute", value: Math.round(n * 10) / 10 } };
    }
    const overrides = {
      ...(q.minMet !== undefined ? { minMet: q.minMet } : {}),
      ...(q.minPopulation !== undefined ? { population: { min: q.minPopulation } } : {}),
      ...(Object.keys(criteria).length ? { criteria } : {}),
    };
    const { results: storedResults } = await classifications(c.var.db, c.var.live!, { ruleSet: stored.id, period: q.period, level: q.level, metOnly: false, limit: 100_000, offset: 0 }, stored);
    const { areas, national, regional } = inputsFromResults(stored, storedResults);
    try {
      const result = preview(stored, overrides, areas, { period: q.period, national, regional, units: await indicatorUnits(c.var.db) });
      const names = new Map(storedResults.map((r) => [r.code, r.name]));
      const before = new Set(storedResults.filter((r) => r.met).map((r) => r.code));
      const after = new Set(result.results.filter((r) => r.met).map((r) => r.code));
      return c.json(
        {
          snapshot: c.var.live!.version,
          ruleSet: result.ruleSet,
          results: result.results.filter((r) => r.met).map((r) => ({ ...r, name: names.get(r.code)! })),
          entering: [...after].filter((x) => !before.has(x)),
          leaving: [...before].filter((x) => !after.has(x)),
        },
        HTTP.OK,
      );
    } catch (e) {
      if (e instanceof RuleSetError) throw new ApiError(HTTP.BAD_REQUEST, "invalid_parameter", e.message, e.issues.map((i) => ({ field: `query.${i.path}`, message: i.message })));
      throw e;
    }
  });

