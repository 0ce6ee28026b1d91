import { and, desc, eq } from "drizzle-orm";
import { ruleSets } from "../../db/schema";
import { SHIPPED_RULE_SETS } from "../../db/rulesets";
import type { Db } from "../lib/create-app";
import { parseRuleSet, type RuleSet } from "../stats/ruleset-schema";

/** Stores the shipped rule sets as version 1 of each when none exist yet (a fresh database). */
export async function ensureShippedRuleSets(db: Db, now: Date) {
  const any = await db.select({ id: ruleSets.id }).from(ruleSets).limit(1).get();
  if (any) return;
  await db.insert(ruleSets).values(
    SHIPPED_RULE_SETS.map((rs) => ({ id: rs.id, version: rs.version, definition: parseRuleSet(rs), createdAt: now.toISOString(), active: true })),
  );
}

/** The newest version of every active rule set. */
export async function activeRuleSets(db: Db): Promise<RuleSet[]> {
  const rows = await db.select().from(ruleSets).where(eq(ruleSets.active, true)).orderBy(ruleSets.id, desc(ruleSets.version)).all();
  const latest = new Map<string, RuleSet>();
  for (const r of rows) if (!latest.has(r.id)) latest.set(r.id, parseRuleSet(r.definition));
  return [...latest.values()];
}

export async function ruleSetVersion(db: Db, id: string, version: number) {
  const row = await db.select().from(ruleSets).where(and(eq(ruleSets.id, id), eq(ruleSets.version, version))).get();
  return row ? parseRuleSet(row.definition) : null;
}
