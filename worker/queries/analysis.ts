import { and, asc, count, desc, eq, inArray, lt, max } from "drizzle-orm";
import { areas, classificationMet, classificationResults, indicators, ruleSets, segregationResults, type Level } from "../../db/schema";
import type { SegregationBody } from "../api/schemas";
import { GROUPING_IDS } from "../jobs/groupings";
import type { Db } from "../lib/create-app";
import { tableVersion, type Live } from "../lib/manifest";
import type { Classification, ClassifyArea } from "../stats/classify";
import { unpackBucket, unpackClassification, type StoredBucket } from "../stats/classification-store";
import { COVERAGE_BUCKET, explainCoverage, type StoredCoverage } from "../stats/coverage";
import { parseRuleSet, type RuleSet } from "../stats/ruleset-schema";

/** The groupings an area has indices for, in the order of GROUPINGS (the first is the default). */
export async function groupingsOf(db: Db, live: Live, code: string) {
  const r = segregationResults;
  const rows = await db.select({ grouping: r.grouping }).from(r).where(and(eq(r.snapshot, tableVersion(live, "segregation_results")), eq(r.code, code))).all();
  const present = new Set(rows.map((x) => x.grouping));
  return GROUPING_IDS.filter((id) => present.has(id));
}

export async function segregationOf(db: Db, live: Live, code: string, grouping: string) {
  const row = await db
    .select({ body: segregationResults.body })
    .from(segregationResults)
    .where(and(eq(segregationResults.snapshot, tableVersion(live, "segregation_results")), eq(segregationResults.code, code), eq(segregationResults.grouping, grouping)))
    .get();
  return (row?.body as SegregationBody | undefined) ?? null;
}

export async function listRuleSets(db: Db) {
  const rows = await db.select().from(ruleSets).where(eq(ruleSets.active, true)).orderBy(asc(ruleSets.id), desc(ruleSets.version)).all();
  const latest = new Map<string, RuleSet>();
  for (const r of rows) if (!latest.has(r.id)) latest.set(r.id, parseRuleSet(r.definition));
  return [...latest.values()];
}

export async function ruleSetById(db: Db, id: string, version?: number) {
  const where = version === undefined ? and(eq(ruleSets.id, id), eq(ruleSets.active, true)) : and(eq(ruleSets.id, id), eq(ruleSets.version, version));
  const row = await db.select().from(ruleSets).where(where).orderBy(desc(ruleSets.version)).limit(1).get();
  return row ? parseRuleSet(row.definition) : null;
}

/** Stores a new version of a rule set (never overwrites one a published result may cite). */
export async function saveRuleSetVersion(db: Db, definition: RuleSet, now: Date) {
  const current = await db.select({ v: max(ruleSets.version) }).from(ruleSets).where(eq(ruleSets.id, definition.id)).get();
  const version = (current?.v ?? 0) + 1;
  const stored = parseRuleSet({ ...definition, version });
  await db.insert(ruleSets).values({ id: stored.id, version, definition: stored, createdAt: now.toISOString(), active: true });
  return stored;
}

/** Indicator id → unit, for decisions on served values (a what-if has no unrounded ones). */
export async function indicatorUnits(db: Db) {
  return Object.fromEntries((await db.select({ id: indicators.id, unit: indicators.unit }).from(indicators).all()).map((r) => [r.id, r.unit]));
}

export async function knownIndicators(db: Db) {
  return new Set((await db.select({ id: indicators.id }).from(indicators).all()).map((r) => r.id));
}

export interface ClassificationQuery {
  ruleSet: string;
  period: number;
  level?: Level;
  /** Only areas that meet the rule set (the default); false lists every evaluated area. */
  metOnly: boolean;
  limit: number;
  offset: number;
}

/**
 * A page of the stored results of one rule set and year in code order, explained again with
 * the rule set version they used, and how many results the whole list has. Met areas are
 * listed (and counted) from their own table; a page of every area reads the buckets' sizes,
 * which also give the total, then only the buckets the page shows.
 */
export async function classifications(db: Db, live: Live, q: ClassificationQuery, rs: RuleSet) {
  const version = tableVersion(live, "classification_results");
  const r = classificationResults;
  const bodies = async (buckets: string[]) => {
    const out = new Map<string, ReturnType<typeof unpackBucket>>();
    for (let i = 0; i < buckets.length; i += 90) {
      const rows = await db
        .select({ bucket: r.bucket, body: r.body })
        .from(r)
        .where(and(eq(r.snapshot, version), eq(r.ruleSet, q.ruleSet), eq(r.period, q.period), inArray(r.bucket, buckets.slice(i, i + 90))))
        .all();
      for (const row of rows) out.set(row.bucket, unpackBucket(row.body as StoredBucket));
    }
    return out;
  };
  let page: ReturnType<typeof unpackBucket>;
  let total: number;
  if (q.metOnly) {
    const m = classificationMet;
    const where = and(eq(m.snapshot, version), eq(m.ruleSet, q.ruleSet), eq(m.period, q.period), q.level ? eq(m.level, q.level) : undefined);
    const met = await db.select({ code: m.code, bucket: m.bucket }).from(m).where(where).orderBy(asc(m.code)).limit(q.limit).offset(q.offset).all();
    // A page that is not full is the last one and gives the total; only otherwise are the met
    // rows counted (a count reads every one of them).
    total = met.length > 0 && met.length < q.limit ? q.offset + met.length : met.length === 0 && q.offset === 0 ? 0 : ((await db.select({ n: count() }).from(m).where(where).get())?.n ?? 0);
    const found = await bodies([...new Set(met.map((x) => x.bucket))]);
    const byCode = new Map([...found.values()].flat().map((e) => [e[0], e]));
    page = met.map((x) => byCode.get(x.code)).filter((e) => e !== undefined);
  } else {
    const index = await db.select({ bucket: r.bucket, sizes: r.sizes }).from(r).where(and(eq(r.snapshot, version), eq(r.ruleSet, q.ruleSet), eq(r.period, q.period))).orderBy(asc(r.bucket)).all();
    const count = (sizes: Partial<Record<Level, number>>) => (q.level ? (sizes[q.level] ?? 0) : Object.values(sizes).reduce((a, b) => a + (b ?? 0), 0));
    total = index.reduce((sum, { sizes }) => sum + count(sizes), 0);
    // The buckets that hold the page: skip whole ones before it, stop once it is full.
    let skip = q.offset;
    let want = q.limit;
    let start = 0;
    const shown: string[] = [];
    for (const { bucket, sizes } of index) {
      if (want <= 0) break;
      const n = count(sizes);
      if (skip >= n) {
        skip -= n;
        continue;
      }
      if (shown.length === 0) start = skip;
      shown.push(bucket);
      want -= n - skip;
      skip = 0;
    }
    const found = await bodies(shown);
    page = shown
      .flatMap((b) => found.get(b) ?? [])
      .filter(([, level]) => !q.level || level === q.level)
      .slice(start, start + q.limit);
  }
  const versions = new Map<number, RuleSet>([[rs.version, rs]]);
  const out = [];
  for (const [code, level, stored] of page) {
    // A rule set edited since this snapshot: its results still read with the version they used.
    if (!versions.has(stored.v)) versions.set(stored.v, (await ruleSetById(db, rs.id, stored.v)) ?? rs);
    out.push(unpackClassification(stored, { code, level, period: q.period }, versions.get(stored.v)!));
  }
  return { results: out, total };
}

/**
 * The latest year the snapshot evaluated a rule set for (null if none): the largest period of
 * its stored results, which the primary key's order answers from one index entry.
 */
export async function latestClassifiedPeriod(db: Db, live: Live, ruleSet: string) {
  const r = classificationResults;
  const row = await db.select({ period: max(r.period) }).from(r).where(and(eq(r.snapshot, tableVersion(live, "classification_results")), eq(r.ruleSet, ruleSet))).get();
  return row?.period ?? null;
}

/**
 * For each of the rule set's levels (or the one asked for, if it is one): whether it can be
 * evaluated in this year, and which criteria lack figures. One row: the coverage the recompute
 * merged (see stats/coverage.ts).
 */
export async function classificationCoverage(db: Db, live: Live, rs: RuleSet, period: number, level?: Level) {
  const r = classificationResults;
  const row = await db
    .select({ body: r.body })
    .from(r)
    .where(and(eq(r.snapshot, tableVersion(live, "classification_results")), eq(r.ruleSet, rs.id), eq(r.period, period), eq(r.bucket, COVERAGE_BUCKET)))
    .get();
  // A level the rule set is not meant for is not "missing figures": its areas are not eligible.
  const levels = level ? rs.levels.filter((l) => l === level) : rs.levels;
  return explainCoverage(rs, (row?.body as StoredCoverage | undefined) ?? null, levels);
}

const STATUS_OF_REASON: Record<string, ":" | ".." | "."> = { suppressed: ":", missing: "..", not_applicable: "." };

/**
 * Rebuilds classification inputs from stored results: each criterion's served value, and the
 * reference a relative threshold used (applied threshold ÷ factor). A what-if evaluation then
 * needs no card reads, only the stored results of one rule set, year and level. The unrounded
 * values are not stored: a criterion whose threshold is unchanged keeps its stored decision
 * (`ClassifyArea.decided`), a changed one is decided on the served value, borderline within its
 * publication precision (`ClassifyContext.units`).
 */
export function inputsFromResults(rs: RuleSet, results: Classification[]) {
  const criteria = rs.kind === "criteria" ? [...rs.criteria, ...rs.tiers.flatMap((t) => t.criteria)] : [];
  const national: Record<string, number | null> = {};
  const regional = new Map<string, Record<string, number | null>>();
  const areas: ClassifyArea[] = results.map((r) => {
    const values: Record<string, { value: number | null; status: ":" | ".." | "." | null }> = {};
    const refs: Record<string, number | null> = {};
    const decided: Record<string, NonNullable<ClassifyArea["decided"]>[string]> = {};
    for (const c of [...r.criteria, ...r.tiers.flatMap((t) => t.criteria)]) {
      const def = criteria.find((d) => d.id === c.id);
      if (!def) continue;
      if (c.reason === null) decided[c.id] = { threshold: c.threshold, comparison: def.comparison, met: c.met, borderline: c.borderline };
      values[def.indicator] = c.value !== null ? { value: c.value, status: null } : { value: null, status: STATUS_OF_REASON[c.reason ?? "missing"] ?? ".." };
      if (def.threshold.kind === "relative" && c.threshold !== null) {
        const ref = c.threshold / def.threshold.factor;
        if (def.threshold.to === "national") national[def.indicator] ??= ref;
        else refs[def.indicator] = ref;
      }
    }
    values[rs.population.indicator] = { value: r.eligibility.population, status: r.eligibility.population === null ? ".." : null };
    regional.set(r.code, refs);
    return { code: r.code, level: r.level, region: r.code, values, decided, index: r.scale ? { index: r.scale.index, reason: r.scale.reason as never } : undefined };
  });
  return { areas, national, regional };
}

/** An area's kommune and bydel, as the list shows them beside its name. */
export interface Place {
  kommune: { code: string; name: string } | null;
  bydel: { code: string; name: string } | null;
}

/**
 * Each area's kommune and bydel (a bydel's own bydel is itself; a kommune's kommune is itself),
 * walking up the hierarchy one level per round: the areas' own rows, then their parents' (a
 * bydel or kommune), then a bydel's kommune. One row read per distinct area, at most 90 codes
 * per statement (D1 binds at most 100 parameters).
 */
export async function placesOf(db: Db, codes: readonly string[]): Promise<Map<string, Place>> {
  const known = new Map<string, { level: Level; parent: string | null; name: string }>();
  let wanted = [...new Set(codes)];
  for (let round = 0; round < 3 && wanted.length > 0; round++) {
    for (let i = 0; i < wanted.length; i += 90) {
      const rows = await db
        .select({ code: areas.code, level: areas.level, parent: areas.parentCode, name: areas.nameNb })
        .from(areas)
        .where(inArray(areas.code, wanted.slice(i, i + 90)))
        .all();
      for (const r of rows) known.set(r.code, { level: r.level, parent: r.parent, name: r.name });
    }
    // Only parents below a fylke are needed: a grunnkrets's bydel or kommune, a bydel's kommune.
    wanted = [...new Set(wanted.map((c) => known.get(c)).filter((a) => a && (a.level === "grunnkrets" || a.level === "bydel")).map((a) => a!.parent))].filter(
      (p): p is string => p !== null && !known.has(p),
    );
  }
  const out = new Map<string, Place>();
  for (const code of codes) {
    const place: Place = { kommune: null, bydel: null };
    for (let c: string | null = code, hops = 0; c && hops < 4; hops++) {
      const a = known.get(c);
      if (!a) break;
      if (a.level === "bydel") place.bydel ??= { code: c, name: a.name };
      if (a.level === "kommune") {
        place.kommune = { code: c, name: a.name };
        break;
      }
      c = a.parent;
    }
    out.set(code, place);
  }
  return out;
}

/** The latest year before `period` with stored results of the rule set (null when none). */
export async function previousListYear(db: Db, live: Live, ruleSet: string, period: number) {
  const r = classificationResults;
  const row = await db
    .select({ period: max(r.period) })
    .from(r)
    .where(and(eq(r.snapshot, tableVersion(live, "classification_results")), eq(r.ruleSet, ruleSet), lt(r.period, period)))
    .get();
  return row?.period ?? null;
}

/**
 * The results of two years for the areas that are met in either (the only ones that can have
 * entered or left): the met rows of both years give the codes and their buckets, then each
 * bucket is read once per year. An area's bucket is its cards chunk, the same in every year.
 */
export async function metEitherYear(db: Db, live: Live, rs: RuleSet, level: Level, period: number, previous: number) {
  const version = tableVersion(live, "classification_results");
  const m = classificationMet;
  const met = await db
    .select({ code: m.code, bucket: m.bucket })
    .from(m)
    .where(and(eq(m.snapshot, version), eq(m.ruleSet, rs.id), inArray(m.period, [period, previous]), eq(m.level, level)))
    .all();
  const codes = new Set(met.map((x) => x.code));
  const buckets = [...new Set(met.map((x) => x.bucket))];
  const r = classificationResults;
  const versions = new Map<number, RuleSet>([[rs.version, rs]]);
  const byYear = new Map<number, (Classification & { name: string })[]>([
    [period, []],
    [previous, []],
  ]);
  for (let i = 0; i < buckets.length; i += 90) {
    const rows = await db
      .select({ period: r.period, body: r.body })
      .from(r)
      .where(and(eq(r.snapshot, version), eq(r.ruleSet, rs.id), inArray(r.period, [period, previous]), inArray(r.bucket, buckets.slice(i, i + 90))))
      .all();
    for (const row of rows) {
      for (const [code, lvl, stored] of unpackBucket(row.body as StoredBucket)) {
        if (lvl !== level || !codes.has(code)) continue;
        if (!versions.has(stored.v)) versions.set(stored.v, (await ruleSetById(db, rs.id, stored.v)) ?? rs);
        byYear.get(row.period)!.push(unpackClassification(stored, { code, level: lvl, period: row.period }, versions.get(stored.v)!));
      }
    }
  }
  return { current: byYear.get(period)!, previous: byYear.get(previous)! };
}
