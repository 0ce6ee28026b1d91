import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { areas, areaSeries, indicators, initiativeFollowups, initiatives, type Area, type InitiativeRow } from "../../db/schema";
import type { IndicatorFollowUp, InitiativeDetail, InitiativeList, InitiativeSummary } from "../api/initiatives";
import type { AreaRef } from "../api/schemas";
import { runAtomically } from "../lib/batch";
import type { Db } from "../lib/create-app";
import { seriesVersion, seriesVersions, snapshotTag, type Live } from "../lib/manifest";
import { unpackCard, type StoredCard } from "../stats/card-store";
import { FOLLOW_UP_DEFAULTS, followUp, seedOf, type AreaSeries, type AreaSummary } from "../stats/initiatives/followup";
import { notEstimableReadings, readings } from "../stats/initiatives/reading";
import type { InitiativeFields } from "../stats/initiatives/registry";
import { ceilTo, floorTo, roundValue } from "../stats/precision";

/** D1 binds at most 100 parameters per statement. */
const IN_LIST = 90;

const chunks = <T>(xs: readonly T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** The registry's state: its highest revision (every write, deletions included, takes the next). */
export async function registryRevision(db: Db): Promise<number> {
  const row = await db.select({ r: sql<number | null>`max(${initiatives.revision})` }).from(initiatives).get();
  return row?.r ?? 0;
}

/** The next revision, inside the statement that writes it (so two writers never share one). */
export const nextRevision = sql<number>`(SELECT coalesce(max(revision), 0) + 1 FROM initiatives)`;

/** Live (not deleted) entries, oldest start first. */
export const liveInitiatives = (db: Db) => db.select().from(initiatives).where(eq(initiatives.deleted, false)).orderBy(initiatives.startYear, initiatives.id).all();

export async function initiativeById(db: Db, id: string): Promise<InitiativeRow | null> {
  return (await db.select().from(initiatives).where(and(eq(initiatives.id, id), eq(initiatives.deleted, false))).get()) ?? null;
}

/** Area rows by code, in few reads. */
export async function areasByCode(db: Db, codes: readonly string[]): Promise<Map<string, Area>> {
  const out = new Map<string, Area>();
  for (const slice of chunks([...new Set(codes)], IN_LIST)) {
    for (const a of await db.select().from(areas).where(inArray(areas.code, slice)).all()) out.set(a.code, a);
  }
  return out;
}

const refOf = (byCode: Map<string, Area>, code: string): AreaRef => {
  const a = byCode.get(code);
  return { code, level: a?.level ?? (code.length === 4 ? "kommune" : code.length === 6 ? "bydel" : "grunnkrets"), name: a?.nameNb ?? code };
};

function summaryOf(row: InitiativeRow, byCode: Map<string, Area>): InitiativeSummary {
  return {
    id: row.id,
    name: row.name,
    kommune: refOf(byCode, row.kommune),
    areas: row.areas.map((c) => refOf(byCode, c)),
    startYear: row.startYear,
    endYear: row.endYear,
    url: row.url,
    example: row.example,
    synthetic: row.synthetic,
    note: row.note,
  };
}

export async function initiativeList(db: Db): Promise<InitiativeList> {
  const [rows, revision] = await Promise.all([liveInitiatives(db), registryRevision(db)]);
  const byCode = await areasByCode(db, rows.flatMap((r) => [r.kommune, ...r.areas]));
  return { revision, initiatives: rows.map((r) => summaryOf(r, byCode)) };
}

/** A field and what is wrong with it, for a 400 that names it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * What the zod schema cannot see: every code is an area the database holds, today's, the areas
 * lie under the kommune and share a level, and `synthetic` says what the areas are.
 */
export async function issuesAgainstAreas(db: Db, v: InitiativeFields): Promise<FieldIssue[]> {
  const byCode = await areasByCode(db, [v.kommune, ...v.areas]);
  const issues: FieldIssue[] = [];
  const kommune = byCode.get(v.kommune);
  if (!kommune || kommune.level !== "kommune") issues.push({ field: "body.kommune", message: `unknown kommune code ${v.kommune}` });
  else if (kommune.validTo) issues.push({ field: "body.kommune", message: `kommune ${v.kommune} was retired on ${kommune.validTo}` });
  const unknown = v.areas.filter((c) => !byCode.has(c));
  if (unknown.length) issues.push({ field: "body.areas", message: `unknown area code${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}` });
  const known = v.areas.map((c) => byCode.get(c)).filter((a): a is Area => !!a);
  const retired = known.filter((a) => a.validTo);
  if (retired.length) issues.push({ field: "body.areas", message: `retired area code${retired.length > 1 ? "s" : ""} ${retired.map((a) => a.code).join(", ")}` });
  if (new Set(known.map((a) => a.level)).size > 1) issues.push({ field: "body.areas", message: "must all be of one level" });
  const mixed = known.filter((a) => a.synthetic !== v.synthetic);
  if (mixed.length) issues.push({ field: "body.synthetic", message: `must be ${!v.synthetic}: ${mixed.map((a) => a.code).join(", ")} ${mixed[0]!.synthetic ? "are synthetic demo areas" : "are real areas"}` });
  return issues;
}

/** Stores an entry (new or replacing one, a deleted one included) with the next revision; one statement. */
export async function saveInitiative(db: Db, id: string, v: InitiativeFields, now: Date): Promise<{ created: boolean; row: InitiativeRow }> {
  const before = await db.select({ deleted: initiatives.deleted }).from(initiatives).where(eq(initiatives.id, id)).get();
  const values = { ...v, revision: nextRevision, updatedAt: now.toISOString(), deleted: false };
  await runAtomically(db, [
    db.insert(initiatives).values({ id, ...values }).onConflictDoUpdate({ target: initiatives.id, set: values }),
    // Its follow-up is stale now; the others' are too (their comparison pools may change) and
    // notice by the revision.
    db.delete(initiativeFollowups).where(eq(initiativeFollowups.initiativeId, id)),
  ]);
  return { created: !before || before.deleted, row: (await initiativeById(db, id))! };
}

/** Marks an entry deleted (a tombstone, so the shipped registry does not bring it back); false when there is none. */
export async function deleteInitiative(db: Db, id: string, now: Date): Promise<number | null> {
  const row = await initiativeById(db, id);
  if (!row) return null;
  await runAtomically(db, [
    db.update(initiatives).set({ deleted: true, revision: nextRevision, updatedAt: now.toISOString() }).where(eq(initiatives.id, id)),
    db.delete(initiativeFollowups).where(eq(initiativeFollowups.initiativeId, id)),
  ]);
  return registryRevision(db);
}

// ---- The follow-up ----

/**
 * An initiative with its follow-up per indicator. Computed on the first request after a new
 * snapshot or a registry edit, from the cards the API serves (`area_series`: harmonised,
 * protected, rounded), and kept in `initiative_followups`; later requests read that one row.
 */
export async function initiativeDetail(db: Db, live: Live, row: InitiativeRow, revision: number, now: Date): Promise<InitiativeDetail> {
  const tag = snapshotTag(live);
  const cached = await db
    .select({ body: initiativeFollowups.body })
    .from(initiativeFollowups)
    .where(and(eq(initiativeFollowups.initiativeId, row.id), eq(initiativeFollowups.snapshot, tag), eq(initiativeFollowups.revision, revision)))
    .get();
  if (cached) return cached.body as InitiativeDetail;
  const body = await computeDetail(db, live, row);
  await db
    .insert(initiativeFollowups)
    .values({ initiativeId: row.id, snapshot: tag, revision, body, computedAt: now.toISOString() })
    .onConflictDoUpdate({ target: initiativeFollowups.initiativeId, set: { snapshot: tag, revision, body, computedAt: now.toISOString() } });
  return body;
}

/** SSB's "no registered address" units (code ending 99) are not places: never compared with. */
const isPlace = (a: Area) => a.level === "kommune" || !a.code.endsWith("99");

async function computeDetail(db: Db, live: Live, row: InitiativeRow): Promise<InitiativeDetail> {
  const registry = await liveInitiatives(db);
  const treatedAreas = [...(await areasByCode(db, [row.kommune, ...row.areas])).values()];
  const level = treatedAreas.find((a) => row.areas.includes(a.code))?.level ?? "bydel";
  // Grunnkretser are many: they are compared within their own kommune, which keeps the read to one kommune's.
  const pool = level === "grunnkrets" ? ("kommune" as const) : ("country" as const);
  const windowStart = row.startYear - FOLLOW_UP_DEFAULTS.preYears;
  const windowEnd = row.endYear ?? Number.MAX_SAFE_INTEGER;
  // Areas in any initiative (this one included) running at some time in the windows.
  const busy = new Set(registry.filter((i) => i.startYear <= windowEnd && (i.endYear ?? Number.MAX_SAFE_INTEGER) >= windowStart).flatMap((i) => i.areas));
  for (const c of row.areas) busy.add(c);
  const sameLevel = await db
    .select()
    .from(areas)
    .where(and(eq(areas.level, level), isNull(areas.validTo), eq(areas.synthetic, row.synthetic), pool === "kommune" ? sql`${areas.code} LIKE ${row.kommune + "%"}` : undefined))
    .all();
  const candidates = sameLevel.filter((a) => !busy.has(a.code) && isPlace(a));
  const byCode = new Map([...treatedAreas, ...sameLevel].map((a) => [a.code, a]));
  const catalogue = await db.select().from(indicators).where(ne(indicators.unit, "count")).orderBy(indicators.sortOrder, indicators.id).all();
  const served = await servedSeries(db, live, [...row.areas, ...candidates.map((a) => a.code)], new Set(catalogue.map((i) => i.id)));
  const followUps: IndicatorFollowUp[] = [];
  for (const ind of catalogue) {
    const of = (codes: string[]): AreaSeries[] => codes.map((code) => ({ code, points: served.get(code)?.get(ind.id) ?? [] })).filter((s) => s.points.length > 0);
    const treated = of(row.areas);
    const comparisonPool = of(candidates.map((a) => a.code));
    // An indicator none of these areas has is not this level's: left out rather than listed as missing.
    if (treated.length === 0 && comparisonPool.length === 0) continue;
    const indicator = { id: ind.id, name: { nb: ind.nameNb, nn: ind.nameNn ?? ind.nameNb, en: ind.nameEn }, unit: ind.unit, direction: ind.direction };
    const r = followUp({ treated, candidates: comparisonPool, startYear: row.startYear, endYear: row.endYear }, { seed: seedOf(row.id, ind.id) });
    if (r.status === "not_estimable") {
      followUps.push({ status: "not_estimable", indicator, reason: r.reason, windows: r.windows, reading: notEstimableReadings(r.reason) });
      continue;
    }
    const round = (x: number) => roundValue(x, ind.unit);
    const window = (s: AreaSummary) => ({ ...refOf(byCode, s.code), before: round(s.preMean), after: round(s.postMean), change: round(s.change) });
    const shown = {
      treatedChange: round(r.treatedChange),
      comparisonChange: round(r.comparisonChange),
      estimate: round(r.estimate),
      // Outward, so rounding never narrows the interval.
      low: floorTo(r.interval.low, ind.unit),
      high: ceilTo(r.interval.high, ind.unit),
    };
    followUps.push({
      status: "estimated",
      indicator,
      windows: r.windows,
      matchedOn: r.matchedOn,
      treated: r.treated.map(window),
      comparison: r.comparison.map(window),
      means: { treatedBefore: round(r.means.treatedBefore), treatedAfter: round(r.means.treatedAfter), comparisonBefore: round(r.means.comparisonBefore), comparisonAfter: round(r.means.comparisonAfter) },
      treatedChange: shown.treatedChange,
      comparisonChange: shown.comparisonChange,
      estimate: shown.estimate,
      interval: { low: shown.low, high: shown.high, level: r.interval.level, replicates: r.interval.replicates, seed: r.interval.seed },
      years: r.years.map((y) => ({ period: y.period, treated: y.treated === null ? null : round(y.treated), comparison: y.comparison === null ? null : round(y.comparison) })),
      reading: readings({ unit: ind.unit, ...shown, level: r.interval.level, treatedAreas: r.treated.length, comparisonAreas: r.comparison.length, before: r.windows.before, after: r.windows.after }),
    });
  }
  const summary = summaryOf(row, byCode);
  return {
    ...summary,
    snapshot: live.version,
    dataset: live.dataset,
    method: { preYears: FOLLOW_UP_DEFAULTS.preYears, k: FOLLOW_UP_DEFAULTS.k, replicates: FOLLOW_UP_DEFAULTS.replicates, level: FOLLOW_UP_DEFAULTS.level, candidates: candidates.length, pool },
    followUp: followUps,
  };
}

/**
 * The served series of some areas and indicators: each card's points as the API gives them
 * (after harmonisation, disclosure control and rounding), from whichever snapshot holds that
 * indicator. A suppressed or missing point has no value and counts as no figure.
 */
async function servedSeries(db: Db, live: Live, codes: string[], wanted: ReadonlySet<string>) {
  const out = new Map<string, Map<string, { period: number; value: number | null }[]>>();
  const versions = seriesVersions(live);
  for (const slice of chunks(codes, Math.max(1, IN_LIST - versions.length))) {
    const rows = await db.select().from(areaSeries).where(and(inArray(areaSeries.snapshot, versions), inArray(areaSeries.code, slice))).all();
    for (const r of rows) {
      if (!wanted.has(r.indicator) || seriesVersion(live, r.indicator) !== r.snapshot) continue;
      const card = unpackCard(r.body as StoredCard, r.indicator);
      const byIndicator = out.get(r.code) ?? new Map();
      byIndicator.set(r.indicator, card.series.map((p) => ({ period: p.period, value: p.status ? null : p.value })));
      out.set(r.code, byIndicator);
    }
  }
  return out;
}
