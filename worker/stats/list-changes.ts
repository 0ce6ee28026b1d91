import type { Classification, CriterionResult } from "./classify";

/**
 * Which areas entered and left a list between two years of the same rule set and level, and
 * for each one what moved it: the criteria whose result flipped (met ↔ not met, or evaluable ↔
 * not), a change of eligibility (population limits), and the outcome before and after. Pure:
 * the caller reads the two years' results; an area without a result in a year (not evaluated
 * then) is `null` on that side.
 */

/** One criterion's side of a flip: what the list showed for it that year. */
export interface CriterionSide {
  met: boolean;
  value: number | null;
  threshold: number | null;
  reason: CriterionResult["reason"];
}

export interface CriterionFlip {
  id: string;
  /** The tier the criterion belongs to (null: the rule set's main criteria). */
  tier: string | null;
  before: CriterionSide | null;
  after: CriterionSide | null;
}

export interface ListChange {
  code: string;
  before: Pick<Classification, "outcome" | "eligibility"> | null;
  after: Pick<Classification, "outcome" | "eligibility"> | null;
  flipped: CriterionFlip[];
  /** The eligibility reasons differ (e.g. the population fell below the rule set's minimum). */
  eligibilityChanged: boolean;
}

export interface ListChanges {
  entered: ListChange[];
  left: ListChange[];
}

type Result = Pick<Classification, "code" | "met" | "outcome" | "eligibility" | "criteria" | "tiers">;

/** Entered: met now and not before (or not evaluated before); left: met before and not now. In code order. */
export function listChanges(current: readonly Result[], previous: readonly Result[]): ListChanges {
  const now = new Map(current.map((r) => [r.code, r]));
  const before = new Map(previous.map((r) => [r.code, r]));
  const codes = [...new Set([...now.keys(), ...before.keys()])].sort();
  const entered: ListChange[] = [];
  const left: ListChange[] = [];
  for (const code of codes) {
    const a = before.get(code) ?? null;
    const b = now.get(code) ?? null;
    const wasMet = a?.met ?? false;
    const isMet = b?.met ?? false;
    if (wasMet === isMet) continue;
    (isMet ? entered : left).push(changeOf(code, a, b));
  }
  return { entered, left };
}

function changeOf(code: string, a: Result | null, b: Result | null): ListChange {
  return {
    code,
    before: a && { outcome: a.outcome, eligibility: a.eligibility },
    after: b && { outcome: b.outcome, eligibility: b.eligibility },
    flipped: flips(a, b),
    eligibilityChanged: !!a && !!b && [...a.eligibility.reasons].sort().join() !== [...b.eligibility.reasons].sort().join(),
  };
}

/** Criteria (main ones first, then each tier's) whose met or evaluable state differs between the years. */
function flips(a: Result | null, b: Result | null): CriterionFlip[] {
  const sides = (r: Result | null) => {
    const out = new Map<string, { tier: string | null; side: CriterionSide }>();
    if (!r) return out;
    for (const c of r.criteria) out.set(`:${c.id}`, { tier: null, side: sideOf(c) });
    for (const t of r.tiers) for (const c of t.criteria) out.set(`${t.id}:${c.id}`, { tier: t.id, side: sideOf(c) });
    return out;
  };
  const before = sides(a);
  const after = sides(b);
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const out: CriterionFlip[] = [];
  for (const key of keys) {
    const x = before.get(key);
    const y = after.get(key);
    const id = key.slice(key.indexOf(":") + 1);
    const tier = x?.tier ?? y?.tier ?? null;
    if (x && y && x.side.met === y.side.met && (x.side.reason === null) === (y.side.reason === null)) continue;
    out.push({ id, tier, before: x?.side ?? null, after: y?.side ?? null });
  }
  return out;
}

const sideOf = (c: CriterionResult): CriterionSide => ({ met: c.met, value: c.value, threshold: c.threshold, reason: c.reason });
