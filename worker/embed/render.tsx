import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { isCardLang, type CardLang } from "../../web/src/components/card/text";
import { ApiError, HTTP } from "../lib/errors";
import { EmbedCard, EmbedError, type EmbedErrorKind } from "./page";
import type { EmbedContent } from "./content";
import { RESIZE_SCRIPT } from "./resize-script";
import { cardPolicy } from "./security";
import { embedCss } from "./styles";
import type { EmbedQuery } from "./params";

const originOf = (c: Context) => new URL(c.req.url).origin;

/** A card document with its security headers. */
async function htmlResponse(c: Context, page: VNode, css: string, status: ContentfulStatusCode) {
  return c.body(`<!doctype html>${renderToString(page)}`, status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": await cardPolicy(css, RESIZE_SCRIPT),
    "X-Content-Type-Options": "nosniff",
  });
}

export function renderCard(c: Context, content: EmbedContent, query: EmbedQuery) {
  const css = embedCss(query);
  return htmlResponse(c, <EmbedCard {...content} lang={query.lang} css={css} origin={originOf(c)} />, css, HTTP.OK);
}

const KINDS: Partial<Record<number, EmbedErrorKind>> = {
  [HTTP.NOT_FOUND]: "notFound",
  [HTTP.BAD_REQUEST]: "badRequest",
  [HTTP.SERVICE_UNAVAILABLE]: "unavailable",
};

/**
 * Any failure under /embed/ as a small readable card with the right status, never JSON in a
 * frame or a blank one. In the card's language and theme when those parameters are valid.
 */
export function renderErrorCard(c: Context, err: Error) {
  const known = err instanceof ApiError ? err : null;
  if (!known) console.error("embed", c.req.path, err);
  const status = known?.status ?? HTTP.INTERNAL_SERVER_ERROR;
  const details =
    status === HTTP.BAD_REQUEST && Array.isArray(known?.details)
      ? (known.details as { field: string; message: string }[]).map((d) => `${d.field}: ${d.message}`)
      : [];
  const lang = c.req.query("lang");
  const cardLang: CardLang = isCardLang(lang) ? lang : "nb";
  const css = embedCss({ theme: c.req.query("theme") === "dark" ? "dark" : "light" });
  const page = (
    <EmbedError kind={KINDS[status] ?? "failed"} code={c.req.param("code") ?? ""} details={details} lang={cardLang} css={css} origin={originOf(c)} />
  );
  return htmlResponse(c, page, css, status);
}
