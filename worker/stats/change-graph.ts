import type { areaChanges } from "../../db/schema";

/**
 * The reform graph: Klass's area changes (`oldCode → newCode` on `changedOn`, `weight` = the share
 * of the old unit's population that went to the new code) indexed and checked once, and the
 * questions harmonisation asks of it: which old units make up a code's territory in a period
 * (`sourcesAt`), which successors of a split re-establish units merged earlier
 * (`reestablishments`), and which codes ever fed a set of codes (`sourceCodes`).
 */

export type AreaChangeRow = Pick<typeof areaChanges.$inferSelect, "oldCode" | "newCode" | "changedOn" | "weight">;

/** Weights of one old code's rows on one date must sum to 1 within this (they are rounded shares). */
const WEIGHT_TOLERANCE = 0.005;

export interface ChangeGraph {
  incoming: ReadonlyMap<string, readonly AreaChangeRow[]>;
  outgoing: ReadonlyMap<string, readonly AreaChangeRow[]>;
  /** `successor@splitDate` → the units it re-establishes (see `reestablishments`). */
  identities?: ReadonlyMap<string, Identity>;
}

/** A split's successor whose territory is exactly some of the units merged into the split unit. */
export interface Identity {
  /** The split unit (1507). */
  from: string;
  /** When the split unit was formed by merging (2020-01-01): before it, `codes` are the successor. */
  mergedOn: string;
  /** The old units the successor covers whole (1534 for 1580; 1504, 1523, 1529, 1546 for 1508). */
  codes: string[];
}

/**
 * Indexes the change rows, rejecting what would silently corrupt every harmonised series:
 * weights outside (0, 1] and splits whose weights do not add up to 1 (e.g. three successors
 * imported with the default weight 1 each).
 */
export function changeGraph(changes: readonly AreaChangeRow[], names?: ReadonlyMap<string, string | null>): ChangeGraph {
  const incoming = new Map<string, AreaChangeRow[]>();
  const outgoing = new Map<string, AreaChangeRow[]>();
  const groups = new Map<string, number>();
  const problems: string[] = [];
  for (const row of changes) {
    if (!(row.weight > 0 && row.weight <= 1)) {
      problems.push(`${row.oldCode} → ${row.newCode} on ${row.changedOn}: weight must be in (0, 1], got ${row.weight}`);
    }
    const key = `${row.oldCode} on ${row.changedOn}`;
    groups.set(key, (groups.get(key) ?? 0) + row.weight);
    push(incoming, row.newCode, row);
    push(outgoing, row.oldCode, row);
  }
  for (const [key, sum] of groups) {
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) problems.push(`${key}: weights of its successors sum to ${round(sum)}, not 1`);
  }
  if (problems.length) throw new Error(`Invalid area changes:\n${problems.join("\n")}`);
  return { incoming, outgoing, identities: reestablishments(incoming, outgoing, names) };
}

/**
 * Successors of a split that re-establish units merged earlier. Klass records 1534 Haram →
 * 1507 Ålesund (2020) and 1507 → 1508 Ålesund + 1580 Haram (2024), never that 1580 is 1534
 * again; the chain alone would give 1580 a population share of all five old units. The rule:
 *
 * - the split unit X was formed on one earlier date by merging whole units (each went entirely
 *   into X), nothing else moved in or out of X between the merge and the split, and each
 *   successor came from X alone;
 * - a successor re-establishes an old unit when it has the unit's code, or the unit's name
 *   while not X's own name (1508 Ålesund continues 1507 Ålesund; it is not old 1504 Ålesund,
 *   which had no Ørskog, Skodje or Sandøy);
 * - each successor matches at most one unit, and the matches account for the whole of X: every
 *   successor and unit matched, or exactly one successor left, which is then the units left
 *   (1508 = 1504 + 1523 + 1529 + 1546).
 *
 * Anything else (no match, an ambiguous name, two successors left over) keeps the population
 * weights: a guess at an identity would be worse than an estimate that says it is one. Names
 * compare without case and by any part of a multilingual name ("Harstad - Hárstták").
 */
export function reestablishments(
  incoming: ReadonlyMap<string, readonly AreaChangeRow[]>,
  outgoing: ReadonlyMap<string, readonly AreaChangeRow[]>,
  names?: ReadonlyMap<string, string | null>,
): Map<string, Identity> {
  const out = new Map<string, Identity>();
  const sameName = (a: string, b: string) => {
    const x = nameParts(names?.get(a));
    const y = nameParts(names?.get(b));
    return x.some((p) => y.includes(p));
  };
  for (const [x, rows] of outgoing) {
    for (const splitOn of new Set(rows.map((r) => r.changedOn))) {
      const split = rows.filter((r) => r.changedOn === splitOn && r.newCode !== x);
      if (split.length < 2 || rows.some((r) => r.changedOn !== splitOn)) continue;
      const into = incoming.get(x) ?? [];
      const mergedOn = into[0]?.changedOn;
      if (!mergedOn || mergedOn >= splitOn || into.some((r) => r.changedOn !== mergedOn) || into.length < 2) continue;
      const units = into.map((r) => r.oldCode);
      const whole = (u: string) => {
        const away = (outgoing.get(u) ?? []).filter((r) => r.changedOn === mergedOn);
        return u !== x && away.length === 1 && Math.abs(away[0]!.weight - 1) <= WEIGHT_TOLERANCE;
      };
      const alone = (s: string) => (incoming.get(s) ?? []).filter((r) => r.changedOn === splitOn).length === 1;
      if (!units.every(whole) || !split.every((r) => alone(r.newCode))) continue;
      const successors = split.map((r) => r.newCode);
      const match = new Map<string, string>();
      let ambiguous = false;
      for (const s of successors) {
        const found = units.filter((u) => u === s || (sameName(u, s) && !sameName(s, x)));
        if (found.length > 1) ambiguous = true;
        else if (found.length === 1) match.set(s, found[0]!);
      }
      const matched = [...match.values()];
      if (ambiguous || matched.length === 0 || new Set(matched).size !== matched.length) continue;
      const leftSuccessors = successors.filter((s) => !match.has(s));
      const leftUnits = units.filter((u) => !matched.includes(u)).sort();
      if (leftSuccessors.length === 0 ? leftUnits.length !== 0 : leftSuccessors.length !== 1 || leftUnits.length === 0) continue;
      for (const [s, u] of match) out.set(`${s}@${splitOn}`, { from: x, mergedOn, codes: [u] });
      if (leftSuccessors.length === 1) out.set(`${leftSuccessors[0]}@${splitOn}`, { from: x, mergedOn, codes: leftUnits });
    }
  }
  return out;
}

/** A name's comparable parts: "Gáivuotna - Kåfjord - Kaivuono" → ["gáivuotna", "kåfjord", "kaivuono"]. */
function nameParts(name: string | null | undefined): string[] {
  if (!name) return [];
  return name
    .normalize("NFC")
    .toLowerCase()
    .split(/\s+-\s+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export interface SourceUnit {
  code: string;
  /** Share of the unit's population that lies in the target today (product along the chain). */
  weight: number;
  /** A split lies on the way: the share is a population weight, so the result is an estimate. */
  split: boolean;
  /**
   * Later codes of the same territory (pure renumberings: 0219 → 3024, 1662 → 5030, 1601 →
   * 5001 in 2018), in order. Publishers often file a unit's earlier years under such a later
   * code (IMDi's Bærum under 3024 back to 2006, SSB's 2018 region list with 5001 for 2015):
   * where the unit has no row of its own, the first of these with one stands in for it.
   */
  aliases: string[];
}

/** Changes that happened after the data of `period` were collected (periods are years). */
const after = (period: number) => `${period}-01-01`;

/**
 * The units whose observations for `period` make up `code`'s current territory. `[{ code,
 * weight: 1, split: false }]` when nothing changed after the period (renames included).
 */
export function sourcesAt(graph: ChangeGraph, code: string, period: number): SourceUnit[] {
  const out = new Map<string, SourceUnit>();
  const since = after(period);
  const walk = (target: string, before: string | null, weight: number, split: boolean) => {
    const rows = (graph.incoming.get(target) ?? []).filter((r) => r.changedOn > since && (before === null || r.changedOn < before));
    if (rows.length === 0) {
      const seen = out.get(target);
      out.set(target, seen ? { ...seen, weight: seen.weight + weight, split: seen.split || split } : { code: target, weight, split, aliases: [...renumberedAs(graph, target, code), ...renumberedFrom(graph, target, before)] });
      return;
    }
    // The latest change shaped today's territory; what came before it is walked from its sources.
    const latest = rows.reduce((m, r) => (r.changedOn > m ? r.changedOn : m), rows[0]!.changedOn);
    const merged = rows.filter((r) => r.changedOn === latest);
    for (const row of merged) {
      // A re-established unit is its old units again before they were merged (1580 in 2019 is 1534).
      const identity = graph.identities?.get(`${target}@${latest}`);
      if (identity && identity.from === row.oldCode && identity.mergedOn > since) {
        for (const unit of identity.codes) walk(unit, identity.mergedOn, weight, split);
        continue;
      }
      const successors = (graph.outgoing.get(row.oldCode) ?? []).filter((r) => r.changedOn === latest);
      walk(row.oldCode, latest, weight * row.weight, split || successors.length > 1);
    }
    // Klass lists only the absorbed units when a code that already existed takes others in
    // (5030 Klæbu → 5001 in 2020, but no 5001 → 5001): a code created by an earlier change
    // existed before this one, so its own earlier territory is part of today's too.
    const createdEarlier = (graph.incoming.get(target) ?? []).some((r) => r.changedOn < latest);
    if (createdEarlier && !merged.some((r) => r.oldCode === target)) walk(target, latest, weight, split);
  };
  walk(code, null, 1, false);
  return [...out.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * The later codes of `unit`'s territory, following pure renumberings (one successor with the
 * whole unit, which has no other predecessor that day) up to and including `target`.
 */
function renumberedAs(graph: ChangeGraph, unit: string, target: string): string[] {
  const out: string[] = [];
  let at = unit;
  for (let guard = 0; at !== target && guard < 10; guard++) {
    const next = graph.outgoing.get(at) ?? [];
    if (next.length !== 1 || next[0]!.weight !== 1 || next[0]!.newCode === at) break;
    const step = next[0]!;
    const incoming = graph.incoming.get(step.newCode) ?? [];
    const into = incoming.filter((r) => r.changedOn === step.changedOn);
    // Not a renumbering when the successor existed before and took this unit in (5030 → 5001 in 2020).
    if (into.length !== 1 || incoming.some((r) => r.changedOn < step.changedOn)) break;
    at = step.newCode;
    out.push(at);
  }
  return out;
}

/**
 * The earlier codes of `unit`'s territory before `before`, following pure renumberings back
 * (IMDi files Trondheim under 1601 for 2019, when it was 5001 already).
 */
function renumberedFrom(graph: ChangeGraph, unit: string, before: string | null): string[] {
  const out: string[] = [];
  let at = unit;
  let bound = before;
  for (let guard = 0; guard < 10; guard++) {
    const rows = (graph.incoming.get(at) ?? []).filter((r) => (bound === null || r.changedOn < bound) && r.oldCode !== at);
    if (rows.length === 0) break;
    const latest = rows.reduce((m, r) => (r.changedOn > m ? r.changedOn : m), rows[0]!.changedOn);
    const into = rows.filter((r) => r.changedOn === latest);
    const step = into[0]!;
    const whole = (graph.outgoing.get(step.oldCode) ?? []).filter((r) => r.changedOn === latest).length === 1;
    if (into.length !== 1 || step.weight !== 1 || !whole) break;
    at = step.oldCode;
    bound = latest;
    out.push(at);
  }
  return out;
}

/** Every code that ever fed `codes` (themselves included): what a job must load to harmonise them. */
export function sourceCodes(graph: ChangeGraph, codes: Iterable<string>): string[] {
  const seen = new Set<string>();
  const stack = [...codes];
  while (stack.length) {
    const code = stack.pop()!;
    if (seen.has(code)) continue;
    seen.add(code);
    for (const row of graph.incoming.get(code) ?? []) stack.push(row.oldCode);
  }
  return [...seen].sort();
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V) {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
