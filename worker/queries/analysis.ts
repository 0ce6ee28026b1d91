import { and, asc, desc, eq, max } from "drizzle-orm";
import { classificationResults, indicators, ruleSets, segregationResults, type Level } from "../../db/schema";
import type { SegregationBody } from "../api/schemas";
import type { Db } from "../lib/create-app";
import { tableVersion, type Live } from "../lib/manifest";
import type { Classification, ClassifyArea } from "../stats/classify";
import { unpackClassification, type StoredClassification } from "../stats/classification-store";
import { parseRuleSet, type RuleSet } from "../stats/ruleset-schema";

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

/** Stored results of one rule set and year, explained again with the rule set version they used. */
export async function classifications(db: Db, live: Live, q: ClassificationQuery, rs: RuleSet) {
  const where = [eq(classificationResults.snapshot, tableVersion(live, "classification_results")), eq(classificationResults.ruleSet, q.ruleSet), eq(classificationResults.period, q.period)];
  if (q.metOnly) where.push(eq(classificationResults.met, true));
  if (q.level) where.push(eq(classificationResults.level, q.level));
  const rows = await db
    .select({ code: classificationResults.code, level: classificationResults.level, period: classificationResults.period, body: classificationResults.body })
    .from(classificationResults)
    .where(and(...where))
    .orderBy(asc(classificationResults.code))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const versions = new Map<number, RuleSet>([[rs.version, rs]]);
  const out = [];
  for (const r of rows) {
    // Snapshots published before the compact form stored results as they are served.
    if ("ruleSet" in (r.body as object)) {
      out.push(r.body as Classification & { name: string });
      continue;
    }
    const stored = r.body as StoredClassification;
    // A rule set edited since this snapshot: its results still read with the version they used.
    if (!versions.has(stored.v)) versions.set(stored.v, (await ruleSetById(db, rs.id, stored.v)) ?? rs);
    out.push(unpackClassification(stored, r, versions.get(stored.v)!));
  }
  return out;
}

const STATUS_OF_REASON: Record<string, ":" | ".." | "."> = { suppressed: ":", missing: "..", not_applicable: "." };

/**
 * Rebuilds classification inputs from stored results: each criterion's served value, and the
 * reference a relative threshold used (applied threshold ÷ factor). A what-if evaluation then
 * needs no card reads, only the stored results of one rule set, year and level.
 */
export function inputsFromResults(rs: RuleSet, results: Classification[]) {
  const criteria = rs.kind === "criteria" ? [...rs.criteria, ...rs.tiers.flatMap((t) => t.criteria)] : [];
  const national: Record<string, number | null> = {};
  const regional = new Map<string, Record<string, number | null>>();
  const areas: ClassifyArea[] = results.map((r) => {
    const values: Record<string, { value: number | null; status: ":" | ".." | "." | null }> = {};
    const refs: Record<string, number | null> = {};
    for (const c of [...r.criteria, ...r.tiers.flatMap((t) => t.criteria)]) {
      const def = criteria.find((d) => d.id === c.id);
      if (!def) continue;
      values[def.indicator] = c.value !== null ? { value: c.value, status: null } : { value: null, status: STATUS_OF_REASON[c.reason ?? "missing"] ?? ".." };
      if (def.threshold.kind === "relative" && c.threshold !== null) {
        const ref = c.threshold / def.threshold.factor;
        if (def.threshold.to === "national") national[def.indicator] ??= ref;
        else refs[def.indicator] = ref;
      }
    }
    values[rs.population.indicator] = { value: r.eligibility.population, status: r.eligibility.population === null ? ".." : null };
    regional.set(r.code, refs);
    return { code: r.code, level: r.level, region: r.code, values, index: r.scale ? { index: r.scale.index, reason: r.scale.reason as never } : undefined };
  });
  return { areas, national, regional };
}
