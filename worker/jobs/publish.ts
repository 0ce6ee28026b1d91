import { eq, inArray } from "drizzle-orm";
import { areas, editionAreas, editions, type Level } from "../../db/schema";
import { editionFeedStatements, type PublishedEdition } from "../feeds/edition";
import { runAtomically, insertMany } from "../lib/batch";
import type { Db } from "../lib/create-app";
import { ApiError, HTTP } from "../lib/errors";
import type { Live } from "../lib/manifest";
import { classifications, ruleSetById } from "../queries/analysis";
import { areasOfEdition, editionsOf, nextSeq, type EditionChanges, type EditionRow } from "../queries/editions";
import { citationOf, countsOf, diffEditions, editionAreasOf, editionId, editionTitle } from "../stats/editions";

// Not in lib/errors.ts's HTTP table, which another part of the work owns.
export const CONFLICT = 409;

export interface PublishInput {
  ruleSet: string;
  /** The rule set version the caller expects the live snapshot to have evaluated. */
  version?: number;
  year: number;
  level: Level;
  /** The edition this one corrects (must be the current one of its year), and why. */
  corrects?: string;
  reason?: string;
}

const conflict = (message: string, field: string) => new ApiError(CONFLICT, "conflict", `${field}: ${message}`, [{ field, message }]);
const invalid = (message: string, field: string) => new ApiError(HTTP.BAD_REQUEST, "invalid_parameter", `${field}: ${message}`, [{ field, message }]);

/** The edition of a chain that nothing corrects: what its year shows now. */
function currentOf(chain: readonly EditionRow[], first: EditionRow): EditionRow {
  let current = first;
  for (;;) {
    const next = chain.find((e) => e.corrects === current.id);
    if (!next) return current;
    current = next;
  }
}

/**
 * Publishes an edition: the live snapshot's classification of one rule set, year and level,
 * every evaluated area with each criterion, frozen in edition rows that nothing changes later.
 * A correction names the current edition of the same rule set, level and year and a reason;
 * both diffs (against the corrected edition, and against the previous year's current edition)
 * are computed now and frozen with it. All rows go in one D1 batch: all or nothing.
 */
export async function publishEdition(db: Db, live: Live | null, input: PublishInput, now: Date, origin: string) {
  const latest = await ruleSetById(db, input.ruleSet);
  if (!latest) throw new ApiError(HTTP.NOT_FOUND, "not_found", `body.ruleset: no rule set "${input.ruleSet}"`, [{ field: "body.ruleset", message: "unknown rule set" }]);
  if (!latest.levels.includes(input.level)) throw invalid(`rule set ${latest.id} is evaluated at ${latest.levels.join(", ")}, not ${input.level}`, "body.level");
  if (!live) throw conflict("no snapshot is live yet: import data and recompute first", "body.year");
  // The version the live snapshot computed the list with; a newer stored version is used only
  // from the next recompute, and the edition must say which one its figures follow.
  const used = live.manifest?.ruleSets[latest.id] ?? latest.version;
  if (input.version !== undefined && input.version !== used) {
    throw conflict(`the live snapshot evaluated ${latest.id} version ${used}, not ${input.version}: recompute first, or publish version ${used}`, "body.version");
  }
  const rs = used === latest.version ? latest : ((await ruleSetById(db, latest.id, used)) ?? latest);
  const { results } = await classifications(db, live, { ruleSet: rs.id, period: input.year, level: input.level, metOnly: false, limit: 1_000_000, offset: 0 }, rs);
  if (!results.some((r) => r.outcome === "met" || r.outcome === "not_met")) {
    throw conflict(`no ${input.level} was evaluated with ${rs.id} for ${input.year} in the live snapshot (v${live.version}): nothing to publish`, "body.year");
  }

  const chain = await editionsOf(db, rs.id, input.level);
  const ofYear = chain.filter((e) => e.year === input.year);
  const first = ofYear.find((e) => e.corrects === null);
  let corrected: EditionRow | null = null;
  if (input.corrects === undefined) {
    if (first) {
      const current = currentOf(ofYear, first);
      throw conflict(`${rs.id} ${input.level} ${input.year} is already published as ${current.id}; to correct it, pass corrects=${current.id} and a reason`, "body.corrects");
    }
  } else {
    corrected = ofYear.find((e) => e.id === input.corrects) ?? null;
    if (!corrected) throw invalid(`${input.corrects} is not an edition of ${rs.id} ${input.level} ${input.year}`, "body.corrects");
    const current = currentOf(ofYear, first!);
    if (current.id !== corrected.id) throw conflict(`${corrected.id} was already corrected; the current edition is ${current.id}: correct that one`, "body.corrects");
  }
  // The previous year's edition: the nearest earlier year's current edition of the same list.
  const earlier = chain.filter((e) => e.year < input.year && e.corrects === null).at(-1);
  const previous = earlier ? currentOf(chain.filter((e) => e.year === earlier.year), earlier) : null;

  const [{ code: syntheticCode } = { code: null }] = await db.select({ code: areas.code }).from(areas).where(eq(areas.synthetic, true)).limit(1).all();
  const frozen = editionAreasOf(rs, results);
  const changes: EditionChanges = {
    sincePrevious: previous ? diffEditions(await areasOfEdition(db, previous.id), frozen) : null,
    correction: corrected ? diffEditions(await areasOfEdition(db, corrected.id), frozen) : null,
  };
  const seq = await nextSeq(db, input.year);
  const id = editionId(input.year, seq);
  const publishedAt = now.toISOString();
  const row: typeof editions.$inferInsert = {
    id,
    year: input.year,
    seq,
    ruleSet: rs.id,
    ruleSetVersion: rs.version,
    level: input.level,
    publishedAt,
    corrects: corrected?.id ?? null,
    reason: corrected ? input.reason!.trim() : null,
    previous: previous?.id ?? null,
    snapshot: live.version,
    snapshotIdentity: live.identity ?? null,
    dataset: live.dataset,
    synthetic: syntheticCode !== null,
    title: editionTitle(input.year, seq),
    citation: citationOf({ year: input.year, seq, publishedAt }, origin),
    ruleSetDefinition: rs,
    counts: countsOf(frozen, changes.sincePrevious),
    changes,
  };
  try {
    // Areas first, the edition row last: once the row exists, the database refuses more areas.
    await runAtomically(db, [
      ...insertMany(db, editionAreas, frozen.map((a) => ({ edition: id, ...a }))),
      db.insert(editions).values(row),
      // Announced in the list's and the kommuner's feeds in the same batch: both or neither.
      ...editionFeedStatements(db, await feedEditionOf(db, row, rs, frozen), now),
    ]);
  } catch (e) {
    // Another publish of the same year, or a correction of the same edition, won the race.
    if (String((e as Error)?.message ?? e).includes("UNIQUE")) throw conflict(`another edition was published at the same time; list the editions and try again`, "body.year");
    throw e;
  }
  return { ...row, corrects: row.corrects ?? null, reason: row.reason ?? null, previous: row.previous ?? null } as EditionRow;
}

/** The edition as the feeds announce it: the areas on its list, each with its kommune's names. */
async function feedEditionOf(db: Db, row: typeof editions.$inferInsert, rs: { id: string; version: number; name: { nb: string; en: string } }, frozen: ReturnType<typeof editionAreasOf>): Promise<PublishedEdition> {
  const listed = frozen.filter((a) => a.met);
  // Codes nest: a bydel's or grunnkrets's first four digits are its kommune.
  const kommuneOf = (code: string) => (code.length > 4 ? code.slice(0, 4) : code);
  const codes = [...new Set(listed.flatMap((a) => [a.code, kommuneOf(a.code)]))];
  const names = new Map<string, { nb: string; nn: string | null; en: string | null; level: Level }>();
  for (let i = 0; i < codes.length; i += 90) {
    const rows = await db.select({ code: areas.code, nb: areas.nameNb, nn: areas.nameNn, en: areas.nameEn, level: areas.level }).from(areas).where(inArray(areas.code, codes.slice(i, i + 90))).all();
    for (const r of rows) names.set(r.code, { nb: r.nb, nn: r.nn, en: r.en, level: r.level });
  }
  const namesOf = (code: string, fallback: string) => {
    const n = names.get(code);
    return { nb: n?.nb ?? fallback, nn: n?.nn ?? null, en: n?.en ?? null };
  };
  return {
    id: row.id,
    url: `/levekar/utgaver/${row.id}`,
    title: { nb: row.title, nn: null, en: null },
    ruleSet: { id: rs.id, version: rs.version, name: rs.name },
    period: row.year,
    level: row.level,
    areas: listed.map((a) => {
      const k = kommuneOf(a.code);
      return { code: a.code, level: a.level, names: namesOf(a.code, a.name), kommune: names.get(k)?.level === "kommune" ? { code: k, names: namesOf(k, k) } : null };
    }),
  };
}
