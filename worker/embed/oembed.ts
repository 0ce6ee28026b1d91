import { z } from "@hono/zod-openapi";
import { type CardLang, isCardLang } from "../../web/src/components/card/text";
import { DEFAULT_CARD_COUNT } from "../../web/src/embed/protocol";
import { frameHeight, iframeSnippet } from "../../web/src/embed/snippets";
import { areaCodeSchema } from "../api/params";
import { embedText } from "./text";

/** Widest the card is offered at; narrower when the consumer asks with maxwidth. */
export const OEMBED_WIDTH = 600;
/** How long a consumer may cache the answer (seconds): names change rarely. */
const CACHE_AGE = 86_400;

const dimension = z.coerce.number().int().min(1).max(10_000);

export const oembedQuerySchema = z.object({
  url: z.string().min(1).max(2048).openapi({ example: "https://example.org/omrade/0301" }),
  maxwidth: dimension.optional(),
  maxheight: dimension.optional(),
  format: z.enum(["json", "xml"]).default("json"),
});

export const oembedResponseSchema = z.object({
  version: z.literal("1.0"),
  type: z.literal("rich"),
  provider_name: z.string(),
  provider_url: z.string(),
  title: z.string(),
  html: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  cache_age: z.number().int(),
});

/**
 * The area page an oEmbed `url` points to, if it is one of this site's: one of its origins,
 * path /omrade/:code, optionally with the page's `?lang=`.
 */
export function areaPageTarget(url: string, origins: readonly string[]): { code: string; lang: CardLang } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!origins.includes(parsed.origin)) return null;
  const match = parsed.pathname.match(/^\/omrade\/([^/]+)\/?$/);
  const code = match && areaCodeSchema.safeParse(decodeOrNull(match[1]!));
  if (!code?.success) return null;
  const lang = parsed.searchParams.get("lang");
  return { code: code.data, lang: isCardLang(lang) ? lang : "nb" };
}

/** A path segment with a malformed escape (`%ZZ`) names no area rather than throwing URIError. */
function decodeOrNull(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function oembedBody(args: {
  origin: string;
  code: string;
  lang: CardLang;
  areaName: string;
  maxwidth?: number;
  maxheight?: number;
}): z.infer<typeof oembedResponseSchema> {
  const e = embedText(args.lang);
  const width = Math.min(args.maxwidth ?? OEMBED_WIDTH, OEMBED_WIDTH);
  // The card's own height at that width (its columns follow the width), unless capped.
  const height = Math.min(args.maxheight ?? Infinity, frameHeight(DEFAULT_CARD_COUNT, width));
  const title = `${args.areaName} – ${e.siteName}`;
  const widget = { code: args.code, ...(args.lang === "nb" ? {} : { lang: args.lang }) };
  return {
    version: "1.0",
    type: "rich",
    provider_name: e.siteName,
    provider_url: `${args.origin}/`,
    title,
    html: iframeSnippet(args.origin, widget, { title, cards: DEFAULT_CARD_COUNT, width, maxHeight: args.maxheight }),
    width,
    height,
    cache_age: CACHE_AGE,
  };
}

/** The origins of a comma-separated list (the `WEB_ORIGIN` setting); what is not a URL is left out. */
export function originsOf(list: string | undefined): string[] {
  return (list ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => URL.canParse(s))
    .map((s) => new URL(s).origin);
}
