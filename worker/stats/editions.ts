import { z } from "zod";
import { LEVELS } from "../../db/schema";
import { NOT_EVALUABLE, OUTCOMES, type Classification } from "./classify";
import type { RuleSet } from "./ruleset-schema";

/**
 * Editions of a classification list: what is frozen per area, how two editions differ, and the
 * words and links that name an edition. Pure: no I/O (publishing and reading are in
 * worker/jobs/publish.ts and worker/queries/editions.ts).
 */

/** One criterion of one area as the edition froze it: the served value, the applied threshold, the result. */
export const editionCriterionSchema = z.object({
  id: z.string(),
  /** The tier the criterion belongs to (tiered rule sets); null for the main criteria. */
  tier: z.string().nullable(),
  indicator: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  met: z.boolean(),
  borderline: z.boolean(),
  reason: z.enum(NOT_EVALUABLE).nullable(),
});
export type EditionCriterion = z.infer<typeof editionCriterionSchema>;

export const editionAreaSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(LEVELS),
  outcome: z.enum(OUTCOMES),
  met: z.boolean(),
  borderline: z.boolean(),
  population: z.number().nullable(),
  criteria: z.array(editionCriterionSchema),
});
export type EditionArea = z.infer<typeof editionAreaSchema>;

/** Every criterion of a rule set (tiers' included) with its indicator and tier. */
function criteriaOf(rs: RuleSet) {
  if (rs.kind !== "criteria") return [];
  return [...rs.criteria.map((c) => ({ id: c.id, indicator: c.indicator, tier: null as string | null })), ...rs.tiers.flatMap((t) => t.criteria.map((c) => ({ id: c.id, indicator: c.indicator, tier: t.id as string | null })))];
}

/** Classification results (as the live list serves them) as an edition's frozen areas. */
export function editionAreasOf(rs: RuleSet, results: readonly (Classification & { name: string })[]): EditionArea[] {
  const defs = new Map(criteriaOf(rs).map((d) => [d.id, d]));
  const criterion = (c: Classification["criteria"][number], tier: string | null): EditionCriterion => ({
    id: c.id,
    tier,
    indicator: defs.get(c.id)?.indicator ?? "",
    value: c.value,
    threshold: c.threshold,
    met: c.met,
    borderline: c.borderline,
    reason: c.reason,
  });
  return results.map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    outcome: r.outcome,
    met: r.met,
    borderline: r.borderline,
    population: r.eligibility.population,
    criteria: [...r.criteria.map((c) => criterion(c, null)), ...r.tiers.flatMap((t) => t.criteria.map((c) => criterion(c, t.id)))],
  }));
}

const moveSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** The outcome in the earlier edition (null: the area was not evaluated there) and in this one. */
  before: z.enum(OUTCOMES).nullable(),
  after: z.enum(OUTCOMES).nullable(),
  /**
   * The criteria that moved it: those whose result changed in the direction of the move (met
   * now and not before, for an area that entered; the reverse for one that left). Empty when
   * the area was not evaluated in the other edition or its eligibility changed.
   */
  movedBy: z.array(z.string()),
});

const criterionChangeSchema = z.object({
  id: z.string(),
  before: editionCriterionSchema.pick({ value: true, threshold: true, met: true, borderline: true, reason: true }).nullable(),
  after: editionCriterionSchema.pick({ value: true, threshold: true, met: true, borderline: true, reason: true }).nullable(),
});

export const editionDiffSchema = z.object({
  /** Met in this edition, not in the earlier one. */
  entered: z.array(moveSchema),
  /** Met in the earlier edition, not in this one. */
  left: z.array(moveSchema),
  /** Evaluated only in this edition, and only in the earlier one (codes). */
  added: z.array(z.string()),
  removed: z.array(z.string()),
  /** Areas in both whose outcome or any criterion's value, threshold or result changed. */
  changed: z.array(z.object({ code: z.string(), name: z.string(), before: z.enum(OUTCOMES), after: z.enum(OUTCOMES), criteria: z.array(criterionChangeSchema) })),
});
export type EditionDiff = z.infer<typeof editionDiffSchema>;

const sameCriterion = (a: EditionCriterion, b: EditionCriterion) =>
  a.value === b.value && a.threshold === b.threshold && a.met === b.met && a.borderline === b.borderline && a.reason === b.reason;
const criterionPart = (c: EditionCriterion | undefined) => (c ? { value: c.value, threshold: c.threshold, met: c.met, borderline: c.borderline, reason: c.reason } : null);

/**
 * How `after` differs from `before` (two editions' areas): which areas entered and left the
 * list and which criteria moved each, which were evaluated in only one of them, and which
 * changed in any criterion. Criteria are matched by id, so editions of different rule set
 * versions compare criterion by criterion. Every list is in code order.
 */
export function diffEditions(before: readonly EditionArea[], after: readonly EditionArea[]): EditionDiff {
  const old = new Map(before.map((a) => [a.code, a]));
  const now = new Map(after.map((a) => [a.code, a]));
  const codes = [...new Set([...old.keys(), ...now.keys()])].sort();
  const out: EditionDiff = { entered: [], left: [], added: [], removed: [], changed: [] };
  for (const code of codes) {
    const a = old.get(code);
    const b = now.get(code);
    const wasMet = a?.met ?? false;
    const isMet = b?.met ?? false;
    if (wasMet !== isMet) {
      const name = (b ?? a)!.name;
      // A criterion moved the area if it now holds and did not before (entering), or the reverse.
      const movedBy =
        a && b
          ? (isMet ? b : a).criteria
              .filter((c) => c.met && !((isMet ? a : b).criteria.find((x) => x.id === c.id)?.met ?? false))
              .map((c) => c.id)
          : [];
      (isMet ? out.entered : out.left).push({ code, name, before: a?.outcome ?? null, after: b?.outcome ?? null, movedBy });
    }
    if (!a) out.added.push(code);
    else if (!b) out.removed.push(code);
    else {
      const ids = [...new Set([...a.criteria.map((c) => c.id), ...b.criteria.map((c) => c.id)])];
      const criteria = ids
        .map((id) => ({ id, x: a.criteria.find((c) => c.id === id), y: b.criteria.find((c) => c.id === id) }))
        .filter(({ x, y }) => !x || !y || !sameCriterion(x, y))
        .map(({ id, x, y }) => ({ id, before: criterionPart(x), after: criterionPart(y) }));
      if (criteria.length > 0 || a.outcome !== b.outcome) out.changed.push({ code, name: b.name, before: a.outcome, after: b.outcome, criteria });
    }
  }
  return out;
}

/** `2025-1`, `2025-2`: the nth edition published for a year. */
export const editionId = (year: number, seq: number) => `${year}-${seq}`;

/** An edition reference in a URL: `2025-2` (that edition) or `2025` (the year's current edition). */
export const EDITION_REF = /^(\d{4})(?:-([1-9]\d{0,2}))?$/;

/** The page of an edition on the web app. */
export const editionPath = (id: string) => `/levekar/utgaver/${id}`;

/** The title in Norwegian, as cited: "Levekårsområder 2025, utgave 1". */
export const editionTitle = (year: number, seq: number) => `Levekårsområder ${year}, utgave ${seq}`;

/**
 * The line to cite, frozen with the edition: "IMDi (2026). Levekårsområder 2025, utgave 1.
 * Områdemonitoren. https://…/levekar/utgaver/2025-1". It points at the edition itself, whose
 * content never changes, rather than at the year's current edition.
 */
export function citationOf(e: { year: number; seq: number; publishedAt: string }, origin: string) {
  return `IMDi (${e.publishedAt.slice(0, 4)}). ${editionTitle(e.year, e.seq)}. Områdemonitoren. ${origin.replace(/\/+$/, "")}${editionPath(editionId(e.year, e.seq))}`;
}

/** What an edition's row says about its counts. */
export const editionCountsSchema = z.object({
  evaluated: z.number().int(),
  met: z.number().int(),
  entered: z.number().int(),
  left: z.number().int(),
});
export type EditionCounts = z.infer<typeof editionCountsSchema>;

export function countsOf(areas: readonly EditionArea[], sincePrevious: EditionDiff | null): EditionCounts {
  return {
    evaluated: areas.length,
    met: areas.filter((a) => a.met).length,
    entered: sincePrevious?.entered.length ?? 0,
    left: sincePrevious?.left.length ?? 0,
  };
}

/**
 * A published edition as one entry of a feed (or any announcement): id, title, where it is,
 * when, and how many areas entered and left the list. For the Atom feeds (#15.3); pure, so the
 * feed builder can call it on the rows it reads.
 */
export function describeEdition(
  e: { id: string; year: number; seq: number; level: string; publishedAt: string; corrects: string | null; reason: string | null; counts: EditionCounts },
  origin: string,
) {
  const base = origin.replace(/\/+$/, "");
  return {
    id: e.id,
    title: editionTitle(e.year, e.seq),
    url: `${base}${editionPath(e.id)}`,
    date: e.publishedAt,
    level: e.level,
    entered: e.counts.entered,
    left: e.counts.left,
    met: e.counts.met,
    /** For a correction: the edition it corrects and why. */
    corrects: e.corrects,
    reason: e.reason,
  };
}
export type EditionAnnouncement = ReturnType<typeof describeEdition>;
