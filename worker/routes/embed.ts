import { createRoute } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { areaDisplayName } from "../../web/src/components/card/names";
import { escapeAttr } from "../../web/src/embed/snippets";
import { areaCodeSchema } from "../api/params";
import { errorSchema } from "../api/schemas";
import { areaHead, withAreaHead } from "../embed/area-head";
import { areaPageContent, embedContent } from "../embed/content";
import { areaPageTarget, oembedBody, oembedQuerySchema, oembedResponseSchema, originsOf } from "../embed/oembed";
import { embedQuerySchema } from "../embed/params";
import { renderCard, renderErrorCard } from "../embed/render";
import { EMBED_JS } from "../embed/script.generated";
import { securityHeaders, WEB_CSP } from "../embed/security";
import { PUBLIC_CACHE, snapshotCaching } from "../lib/caching";
import { createRouter } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { snapshotTag } from "../lib/manifest";
import { areaFrame } from "../queries/areas";
import { liveSnapshotOf } from "../queries/snapshot";

/** Where an area page kept in the data centre's cache remembers the file's own Cache-Control. */
const PAGE_CACHE_CONTROL = "X-Page-Cache-Control";

/** oEmbed's answer to a format it does not offer (XML). */
const NOT_IMPLEMENTED = 501;

function invalid(target: string, error: { issues: { path: PropertyKey[]; message: string }[] }) {
  const details = error.issues.map((i) => ({ field: [target, ...i.path.map(String)].join("."), message: i.message }));
  return new ApiError(HTTP.BAD_REQUEST, "invalid_parameter", `${details[0]!.field}: ${details[0]!.message}`, details);
}

/** GET /embed/:code: the card as HTML rendered here, so it works without JavaScript. */
const cards = createRouter()
  .get("/:code", snapshotCaching, async (c) => {
    const code = areaCodeSchema.safeParse(c.req.param("code"));
    if (!code.success) throw invalid("param.code", code.error);
    const query = embedQuerySchema.safeParse(c.req.query());
    if (!query.success) throw invalid("query", query.error);
    const content = await embedContent(c.var.db, c.var.live!, code.data, query.data.indicators);
    return renderCard(c, content, query.data);
  })
  .get("*", () => {
    throw new ApiError(HTTP.NOT_FOUND, "not_found", "No such card");
  });
cards.onError((err, c) => renderErrorCard(c, err));

const oembed = createRoute({
  method: "get",
  path: "/oembed",
  middleware: [snapshotCaching] as const,
  request: { query: oembedQuerySchema },
  responses: {
    [HTTP.OK]: { description: "oEmbed (type rich) for an area page of this site", content: { "application/json": { schema: oembedResponseSchema } } },
    [HTTP.NOT_MODIFIED]: { description: "Unchanged since the given ETag" },
    [HTTP.BAD_REQUEST]: { description: "Malformed parameter", content: { "application/json": { schema: errorSchema } } },
    [HTTP.NOT_FOUND]: { description: "The url is not an area page of this site", content: { "application/json": { schema: errorSchema } } },
    [NOT_IMPLEMENTED]: { description: "format=xml: only JSON is offered", content: { "application/json": { schema: errorSchema } } },
    [HTTP.SERVICE_UNAVAILABLE]: { description: "No snapshot yet", content: { "application/json": { schema: errorSchema } } },
  },
});

/**
 * Everything embeds need: the card, the script that places and sizes it (/embed.js), oEmbed for
 * CMSs, and the security headers for the whole app (mounted first, so they wrap every route).
 */
export const embedRouter = createRouter();
embedRouter.use("*", securityHeaders);
embedRouter.use("/oembed", cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"], exposeHeaders: ["ETag"], maxAge: 86400 }));

embedRouter.route("/embed", cards);

embedRouter.get("/embed.js", (c) =>
  c.body(EMBED_JS, HTTP.OK, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": PUBLIC_CACHE, "X-Content-Type-Options": "nosniff" }),
);

/**
 * Area pages are the web app's (one static index.html); the Worker adds what one static file
 * cannot carry for every page: the oEmbed discovery link a CMS looks for when an author pastes
 * a page's address (WordPress does), and from the live snapshot the area's title, description,
 * Open Graph tags, the Atom feed's discovery link and its figures for readers without JavaScript
 * (embed/area-head.tsx). The answer depends on the snapshot as well as the file, so both are in
 * its ETag, and the data centre keeps it per snapshot.
 */
embedRouter.get("/omrade/*", async (c) => {
  const url = new URL(c.req.url);
  const pageUrl = `${url.origin}${url.pathname}${url.search}`;
  const target = areaPageTarget(pageUrl, [url.origin]);
  // The file itself, never a 304 for it: what the browser holds may be an older snapshot's page.
  const headers = new Headers(c.req.raw.headers);
  headers.delete("If-None-Match");
  headers.delete("If-Modified-Since");
  const page = await c.env.ASSETS.fetch(new Request(c.req.raw.url, { method: c.req.method, headers }));
  const html = page.headers.get("content-type")?.startsWith("text/html");
  // The web app's policy whether or not the assets layer applied _headers to this response.
  const withPolicy = (res: Response) => {
    if (html) res.headers.set("Content-Security-Policy", WEB_CSP);
    return res;
  };
  if (!target || !page.ok || !html) return withPolicy(new Response(page.body, page));
  const href = `${url.origin}/oembed?url=${encodeURIComponent(pageUrl)}`;
  const link = `<link rel="alternate" type="application/json+oembed" href="${escapeAttr(href)}">`;
  const withOembed = (res: Response) => new HTMLRewriter().on("head", { element: (head) => void head.append(link, { html: true }) }).transform(res);

  const live = await liveSnapshotOf(c.var.db);
  if (!live) return withPolicy(withOembed(new Response(page.body, page)));
  const etag = `"${snapshotTag(live)}-${(page.headers.get("ETag") ?? "").replace(/^W\//, "").replace(/"/g, "")}"`;
  if ((c.req.header("If-None-Match") ?? "").split(",").some((t) => t.trim() === etag)) {
    return withPolicy(new Response(null, { status: HTTP.NOT_MODIFIED, headers: { ETag: etag, "Cache-Control": page.headers.get("Cache-Control") ?? "no-cache" } }));
  }
  const cache = typeof caches === "undefined" ? null : (caches as unknown as { default: Cache }).default;
  const key = new Request(`${url.origin}/__page/${etag.replace(/"/g, "")}${url.pathname}${url.search}`);
  const hit = cache ? await cache.match(key) : undefined;
  if (hit) {
    const res = new Response(hit.body, hit);
    res.headers.set("Cache-Control", hit.headers.get(PAGE_CACHE_CONTROL) ?? "no-cache");
    res.headers.delete(PAGE_CACHE_CONTROL);
    return withPolicy(res);
  }

  const content = await areaPageContent(c.var.db, live, target.code);
  // An unknown code: the app says so itself (and the page keeps only the oEmbed link).
  if (!content) return withPolicy(withOembed(new Response(page.body, page)));
  const head = areaHead(content, { pageUrl, origin: url.origin, lang: target.lang });
  const res = withPolicy(withAreaHead(withOembed(new Response(page.body, page)), head));
  res.headers.set("ETag", etag);
  res.headers.delete("Content-Length");
  if (cache) {
    // The key names the snapshot and the file, so the data centre may keep it long; the browser
    // gets the file's own Cache-Control back (revalidate, then 304 by the ETag above).
    const copy = new Response(res.clone().body, res);
    copy.headers.set(PAGE_CACHE_CONTROL, res.headers.get("Cache-Control") ?? "no-cache");
    copy.headers.set("Cache-Control", PUBLIC_CACHE);
    const stored = cache.put(key, copy);
    try {
      c.executionCtx.waitUntil(stored);
    } catch {
      await stored; // no execution context (app.request in tests)
    }
  }
  return res;
});

embedRouter.openapi(oembed, async (c) => {
  const q = c.req.valid("query");
  if (q.format === "xml") throw new ApiError(NOT_IMPLEMENTED, "format_not_implemented", "query.format: only json is offered");
  const origin = new URL(c.req.url).origin;
  // Area pages may also live where the web app is served on its own (WEB_ORIGIN); the card is always this worker's.
  const origins = [origin, ...originsOf(c.env.WEB_ORIGIN)];
  const target = areaPageTarget(q.url, origins);
  if (!target) throw new ApiError(HTTP.NOT_FOUND, "not_an_area_page", `query.url: not an area page of ${origins.join(" or ")} (${origin}/omrade/<code>)`);
  const body = await areaFrame(c.var.db, c.var.live!, target.code);
  if (!body) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No area with code ${target.code}`);
  const areaName = areaDisplayName(body.area, target.lang);
  return c.json(oembedBody({ origin, ...target, areaName, maxwidth: q.maxwidth, maxheight: q.maxheight }), HTTP.OK);
});
