import { and, gte, inArray, lte, sql } from "drizzle-orm";
import { areaCards, observations, searchTerms, type Area, type Observation } from "../../../db/schema";
import type { Db } from "../../lib/create-app";
import { chunkForInsert } from "../../lib/batch";
import { buildAreaBody, toRef } from "../../stats/cards";
import { searchTerms as termsOf } from "../../stats/fold";
import { ancestorsOf, COUNTRY, currentSuccessors, groupBy, nextChunk, type Context } from "../context";
import type { Step } from "./types";

/** Area cards and search terms: one precomputed row per area, the API's whole answer. */
export const cardsStep: Step = {
  name: "cards",
  async next(db, ctx, version, cursor, opts) {
    const chunk = nextChunk(ctx, cursor, opts.chunkSize);
    if (chunk.length === 0) return null;
    const own = await observationsFor(db, ctx, chunk);
    const cards: (typeof areaCards.$inferInsert)[] = [];
    const terms: (typeof searchTerms.$inferInsert)[] = [];
    for (const area of chunk) {
      const ancestors = ancestorsOf(ctx, area);
      const kommune = municipalityOf(ctx, area);
      const body = buildAreaBody({
        snapshot: version,
        synthetic: area.synthetic,
        area,
        ancestors: ancestors.map(toRef),
        children: ctx.children.get(area.code) ?? [],
        municipality: kommune ? toRef(kommune) : null,
        replacedBy: area.validTo ? currentSuccessors(ctx, area.code) : [],
        indicators: ctx.indicators,
        own: groupBy(own.get(area.code) ?? [], (r) => r.indicatorId),
        ofMunicipality: kommune ? groupBy(own.get(kommune.code) ?? [], (r) => r.indicatorId) : null,
        ofNorway: area.code === COUNTRY ? null : ctx.norway,
      });
      cards.push({ snapshot: version, code: area.code, body });
      if (!area.validTo) terms.push(...termRows(version, area, ancestors[ancestors.length - 1]));
    }
    return {
      statements: [
        // Upserts keep a repeated chunk harmless.
        ...chunkForInsert(cards, 3).map((rows) =>
          db.insert(areaCards).values(rows).onConflictDoUpdate({ target: [areaCards.snapshot, areaCards.code], set: { body: sql`excluded.body` } }),
        ),
        ...chunkForInsert(terms, 6).map((rows) => db.insert(searchTerms).values(rows).onConflictDoNothing()),
      ],
      cursor: chunk[chunk.length - 1]!.code,
      units: chunk.length,
    };
  },
};

function municipalityOf(ctx: Context, area: Area): Area | null {
  if (area.level !== "bydel" && area.level !== "grunnkrets") return null;
  return ancestorsOf(ctx, area).find((a) => a.level === "kommune") ?? null;
}

/** The chunk's observations (one code range) plus those of kommuner it compares with. */
async function observationsFor(db: Db, ctx: Context, chunk: Area[]): Promise<Map<string, Observation[]>> {
  const rows = await db
    .select()
    .from(observations)
    .where(and(gte(observations.areaCode, chunk[0]!.code), lte(observations.areaCode, chunk[chunk.length - 1]!.code)))
    .all();
  const own = groupBy(rows, (r) => r.areaCode);
  const missing = [...new Set(chunk.map((a) => municipalityOf(ctx, a)?.code).filter((c): c is string => !!c && !own.has(c)))];
  for (let i = 0; i < missing.length; i += 90) {
    const extra = await db.select().from(observations).where(inArray(observations.areaCode, missing.slice(i, i + 90))).all();
    for (const [code, list] of groupBy(extra, (r) => r.areaCode)) own.set(code, list);
  }
  return own;
}

function termRows(version: number, area: Area, parent: Area | undefined): (typeof searchTerms.$inferInsert)[] {
  const names = [area.nameNb, area.nameNn, area.nameEn, area.nameSe].filter((n): n is string => !!n);
  const terms = new Set([area.code, ...names.flatMap(termsOf)]);
  return [...terms].map((term) => ({
    snapshot: version,
    term,
    code: area.code,
    name: area.nameNb,
    level: area.level,
    parentName: parent && parent.level !== "country" ? parent.nameNb : null,
  }));
}
