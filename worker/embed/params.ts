import { z } from "zod";
import { csvList, indicatorIdSchema } from "../api/params";
import { CARD_LANGS } from "../../web/src/components/card/text";
import { FONT_SIZE, MAX_INDICATORS, THEMES } from "../../web/src/embed/protocol";

/**
 * Colours reach the card's stylesheet, so only hex notation passes: nothing else can end a
 * declaration or a rule. The "#" is optional because it must be escaped in a query string.
 */
const hexColour = z
  .string()
  .regex(/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i, "must be a hex colour: #rgb or #rrggbb")
  .transform((v) => `#${v.replace(/^#/, "").toLowerCase()}`);

/** Query parameters of GET /embed/:code. Unknown parameters are ignored (trackers add some). */
export const embedQuerySchema = z.object({
  /** Comma-separated indicator ids; empty or absent: the area's first three. */
  indicators: csvList(indicatorIdSchema, { min: 0, max: MAX_INDICATORS }).optional(),
  lang: z.enum(CARD_LANGS).default("nb"),
  theme: z.enum(THEMES).default("light"),
  accent: hexColour.optional(),
  bg: hexColour.optional(),
  fg: hexColour.optional(),
  /** The host page's font size in px, so rem units in the card follow the host. */
  [FONT_SIZE.param]: z.coerce.number().int().min(FONT_SIZE.min).max(FONT_SIZE.max).optional(),
});

export type EmbedQuery = z.infer<typeof embedQuerySchema>;
