import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { cors } from "hono/cors";
import { areaDisplayName } from "../../web/src/components/card/names";
import { CARD_LANGS, type CardLang } from "../../web/src/components/card/text";
import { areaCodeSchema } from "../api/params";
import { feedCaching } from "../feeds/caching";
import { FEED_LIMIT, renderFeed, type FeedScope } from "../feeds/render";
import { nameIn } from "../feeds/text";
import type { AppEnv } from "../lib/create-app";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { ruleSetById } from "../queries/analysis";
import { areaFrame } from "../queries/areas";
import { feedEntriesOf } from "../queries/feeds";
import { errors, notModified } from "./openapi";

const ATOM = "application/atom+xml; charset=utf-8";
const langQuery = z.object({ lang: z.enum(CARD_LANGS).default("nb").openapi({ description: "Language of the feed's text" }) });
const ruleSetId = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a rule set id");
const atom = (description: string) => ({ description, content: { "application/atom+xml": { schema: z.string().openapi({ description: "An Atom 1.0 feed (RFC 4287)" }) } } });
const responses = (what: string) => ({ [HTTP.OK]: atom(what), ...notModified, ...errors(HTTP.BAD_REQUEST, HTTP.NOT_FOUND, HTTP.SERVICE_UNAVAILABLE) });

const areaFeed = createRoute({
  method: "get",
  path: "/feeds/area/{code}",
  summary: "Atom feed of an area: new figures, trends that became clear, entering or leaving the default list",
  description: "Also at `/feeds/omrade/{code}.atom`. Built with each snapshot; entries outlive the snapshots. Cached with an ETag.",
  middleware: [feedCaching] as const,
  request: { params: z.object({ code: areaCodeSchema }), query: langQuery },
  responses: responses("The area's feed, newest entries first"),
});

const kommuneFeed = createRoute({
  method: "get",
  path: "/feeds/kommune/{code}",
  summary: "Atom feed of a kommune and all its areas: new figures, clear trends, areas entering or leaving the list, published editions",
  description: "Also at `/feeds/kommune/{code}.atom`.",
  middleware: [feedCaching] as const,
  request: { params: z.object({ code: z.string().regex(/^\d{4}$/, "must be a kommune code (4 digits)") }), query: langQuery },
  responses: responses("The kommune's feed, newest entries first"),
});

const listFeed = createRoute({
  method: "get",
  path: "/feeds/list/{ruleset}",
  summary: "Atom feed of a rule set's list: areas entering and leaving it per year, and published editions",
  description: "Also at `/feeds/levekar/{ruleset}.atom`.",
  middleware: [feedCaching] as const,
  request: { params: z.object({ ruleset: ruleSetId }), query: langQuery },
  responses: responses("The list's feed, newest entries first"),
});

type C = Context<AppEnv>;

async function scopeOf(c: C, kind: FeedScope["kind"], id: string, lang: CardLang): Promise<FeedScope> {
  if (kind === "list") {
    const rs = await ruleSetById(c.var.db, id);
    if (!rs) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No rule set with id ${id}`, { field: "param.ruleset" });
    return { kind, ruleSet: rs.id, name: nameIn({ nb: rs.name.nb, nn: null, en: rs.name.en }, lang) };
  }
  const frame = await areaFrame(c.var.db, c.var.live!, id);
  if (!frame || (kind === "kommune" && frame.area.level !== "kommune")) {
    throw new ApiError(HTTP.NOT_FOUND, "not_found", kind === "kommune" ? `No kommune with code ${id}` : `No area with code ${id}`, { field: "param.code" });
  }
  return { kind, code: id, name: areaDisplayName(frame.area, lang) };
}

async function feedResponse(c: C, kind: FeedScope["kind"], id: string, lang: CardLang) {
  const [scope, entries] = await Promise.all([
    scopeOf(c, kind, id, lang),
    feedEntriesOf(c.var.db, kind === "list" ? { kind, ruleSet: id, name: "" } : { kind, code: id, name: "" }, FEED_LIMIT),
  ]);
  const live = c.var.live!;
  const xml = renderFeed(scope, entries, { origin: new URL(c.req.url).origin, lang, fallbackUpdated: live.dataset?.figuresUpdated ?? new Date(0).toISOString() });
  return c.body(xml, HTTP.OK, { "Content-Type": ATOM });
}

/** The public API's feed routes (in the OpenAPI document). */
export const feedsApiRouter = createRouter()
  .openapi(areaFeed, (c) => feedResponse(c, "area", c.req.valid("param").code, c.req.valid("query").lang))
  .openapi(kommuneFeed, (c) => feedResponse(c, "kommune", c.req.valid("param").code, c.req.valid("query").lang))
  .openapi(listFeed, (c) => feedResponse(c, "list", c.req.valid("param").ruleset, c.req.valid("query").lang));

/** `0301.atom` → "0301", validated as the API route would. */
function fileParam(file: string, schema: z.ZodType<string>, field: string): string {
  const m = /^(.*)\.atom$/.exec(file);
  const parsed = schema.safeParse(m ? m[1] : "");
  if (!m || !parsed.success) {
    throw new ApiError(HTTP.BAD_REQUEST, "invalid_parameter", `param.${field}: must be <${field}>.atom with a valid ${field}`, [{ field: `param.${field}`, message: "must end in .atom" }]);
  }
  return parsed.data;
}

function langOf(c: C): CardLang {
  const parsed = langQuery.safeParse(c.req.query());
  if (!parsed.success) throw new ApiError(HTTP.BAD_REQUEST, "invalid_parameter", "query.lang: must be nb, nn or en", [{ field: "query.lang", message: "must be nb, nn or en" }]);
  return parsed.data.lang;
}

/** The feeds at addresses a person can read and a feed reader remembers: `/feeds/omrade/0301.atom`. */
export const feedsRouter = createRouter();
feedsRouter.use("/feeds/*", cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"], exposeHeaders: ["ETag"], maxAge: 86400 }));
feedsRouter.get("/feeds/omrade/:file", feedCaching, (c) => feedResponse(c, "area", fileParam(c.req.param("file"), areaCodeSchema, "code"), langOf(c)));
feedsRouter.get("/feeds/kommune/:file", feedCaching, (c) => feedResponse(c, "kommune", fileParam(c.req.param("file"), z.string().regex(/^\d{4}$/), "code"), langOf(c)));
feedsRouter.get("/feeds/levekar/:file", feedCaching, (c) => feedResponse(c, "list", fileParam(c.req.param("file"), ruleSetId, "ruleset"), langOf(c)));
