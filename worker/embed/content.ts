import type { Live } from "../lib/manifest";
import { DEFAULT_CARD_COUNT } from "../../web/src/embed/protocol";
import type { AreaBody, Card, IndicatorInfo } from "../api/schemas";
import type { Db } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import { areaCard } from "../queries/areas";
import { getIndicator, listIndicators } from "../queries/indicators";

export interface EmbedContent {
  body: AreaBody;
  /** The cards to show, in order, with their indicator's names and source. */
  cards: { card: Card; info: IndicatorInfo }[];
}

const infos = (db: Db, ids: string[]) => Promise.all(ids.map((id) => getIndicator(db, id)));

/**
 * What an embed shows: the area's precomputed card row and the chosen indicators, in the order
 * asked for (none asked: the area's first few). A handful of rows: one card, one per indicator.
 * An indicator the monitor does not know is an error; one the area has no figures for shows as
 * "no figures", never as a gap the reader cannot explain.
 */
export async function embedContent(db: Db, live: Live, code: string, requested: string[] | undefined): Promise<EmbedContent> {
  const asked = requested?.length ? requested : null;
  const [body, askedInfos] = await Promise.all([areaCard(db, live, code, asked ?? undefined), asked ? infos(db, asked) : null]);
  if (!body) throw new ApiError(HTTP.NOT_FOUND, "not_found", `No area with code ${code}`);
  const ids = asked ?? body.cards.slice(0, DEFAULT_CARD_COUNT).map((c) => c.indicator);
  const found = askedInfos ?? (await infos(db, ids));

  const unknown = ids.filter((_, i) => !found[i]);
  if (unknown.length > 0) {
    const details = unknown.map((id) => ({ field: "query.indicators", message: `unknown indicator "${id}"` }));
    throw new ApiError(HTTP.BAD_REQUEST, "unknown_indicator", `query.indicators: unknown indicator "${unknown[0]}"`, details);
  }
  const cardOf = new Map(body.cards.map((card) => [card.indicator, card]));
  return {
    body,
    cards: found.map((info) => ({ info: info!, card: cardOf.get(info!.id) ?? noFigures(info!) })),
  };
}

function noFigures(info: IndicatorInfo): Card {
  return { indicator: info.id, unit: info.unit, periodSpan: info.periodSpan, latest: null, series: [], municipality: null, norway: null, change5y: null, trend: "unknown" };
}

/**
 * Every card of an area with its indicator's names: what the area page the Worker serves says
 * without JavaScript (worker/embed/area-head.tsx). The catalogue is one read, not one per card.
 * Null for an unknown area.
 */
export async function areaPageContent(db: Db, live: Live, code: string): Promise<EmbedContent | null> {
  const [body, catalogue] = await Promise.all([areaCard(db, live, code), listIndicators(db)]);
  if (!body) return null;
  const infoOf = new Map(catalogue.map((i) => [i.id, i]));
  return { body, cards: body.cards.flatMap((card) => (infoOf.has(card.indicator) ? [{ card, info: infoOf.get(card.indicator)! }] : [])) };
}
