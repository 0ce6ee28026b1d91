import type { Indicator } from "../../db/schema";
import { DEFAULT_DISCLOSURE, disclose, type DisclosureRules, type RawValue, type ServedValue } from "./disclosure";

/**
 * Complementary suppression. Primary suppression (`disclose`) hides small cells; but a hidden
 * cell can often be recovered exactly: a kommune total minus its shown grunnkretser, a bydel
 * minus its shown siblings and then that bydel's own children, or a hidden kommune whose
 * grunnkretser are all shown. This module hides as few extra cells as it can, smallest first, so
 * that no hidden confidential cell is determined by the published values.
 *
 * A table is a set of cells and additive relations `total = Σ parts` (one per parent area,
 * nested for kommune → bydel → grunnkrets). The attacker knows every shown cell and every
 * relation; the unknowns are the hidden cells (suppressed or simply unavailable). A confidential
 * cell is safe when it is not uniquely determined by that linear system.
 *
 * 1. Relation rule: a relation with exactly one unknown gives it away, so while one has a lone
 *    suppressed unknown, hide its cheapest shown cell (smallest count; ties by id). For
 *    tree-shaped hierarchies this alone is enough: from any unknown, a change can be balanced
 *    by another unknown in each of its relations, and in a tree the balancing never closes a
 *    loop.
 * 2. Exact check: Gaussian elimination over the unknowns of each connected group of relations
 *    finds any confidential cell still determined (possible when relations overlap, e.g. a cell
 *    in two different aggregations, or when an unavailable cell is itself derivable); one more
 *    cell is hidden next to it and both steps repeat.
 *
 * Works on counts; a share or rate is protected through its numerator and denominator, whose
 * tables have the same relations, so one structural pass covers both (see `discloseTable`).
 */

export type CellState = "shown" | "suppressed" | "unavailable";

export interface SuppressionCell {
  id: string;
  /** The count the cell holds, its cost when hidden; null = unknown size, hidden last. */
  value: number | null;
  /** `suppressed`: confidential (primary); `unavailable`: not published for another reason. */
  state: CellState;
  /** Already published (e.g. decided at a higher stage): never newly suppressed. */
  locked?: boolean;
}

export interface Relation {
  total: string;
  parts: readonly string[];
}

export interface SuppressionResult {
  /** Every confidential cell after protection, primary and complementary, sorted. */
  suppressed: string[];
  /** The cells hidden to protect others, in the order they were chosen. */
  complementary: string[];
  /** Confidential cells still determined because only locked cells were left to hide. */
  unresolved: string[];
}

interface Structure {
  /** Each relation's cells, total first. */
  memberIds: string[][];
  /** The relations each cell takes part in. */
  relationsOf: Map<string, number[]>;
}

/**
 * A table's relations are the same for every indicator and year it is protected for: their
 * structure is checked and indexed once (relations are never changed once built).
 */
const structures = new WeakMap<readonly Relation[], Structure>();

/** Every member of the relations, in the order they name them (totals before their parts), each once. */
const memberLists = new WeakMap<readonly Relation[], string[]>();
function memberList(relations: readonly Relation[]): string[] {
  let list = memberLists.get(relations);
  if (!list) memberLists.set(relations, (list = [...new Set(relations.flatMap((r) => [r.total, ...r.parts]))]));
  return list;
}

function structureOf(relations: readonly Relation[]): Structure {
  let s = structures.get(relations);
  if (s) return s;
  const memberIds = relations.map((r) => [r.total, ...r.parts]);
  const relationsOf = new Map<string, number[]>();
  memberIds.forEach((ids, i) => {
    if (new Set(ids).size !== ids.length) throw new Error(`suppression: relation ${i} (total ${relations[i]!.total}) names a cell twice`);
    for (const id of ids) {
      const list = relationsOf.get(id);
      if (list) list.push(i);
      else relationsOf.set(id, [i]);
    }
  });
  structures.set(relations, (s = { memberIds, relationsOf }));
  return s;
}

export function complementarySuppression(cells: readonly SuppressionCell[], relations: readonly Relation[]): SuppressionResult {
  const byId = new Map<string, SuppressionCell>();
  for (const cell of cells) {
    if (byId.has(cell.id)) throw new Error(`complementarySuppression: cell "${cell.id}" appears twice`);
    byId.set(cell.id, cell);
  }
  const { memberIds, relationsOf } = structureOf(relations);
  memberIds.forEach((ids, i) => {
    for (const id of ids) if (!byId.has(id)) throw new Error(`complementarySuppression: relation ${i} (total ${relations[i]!.total}) names unknown cell "${id}"`);
  });

  const hidden = new Set<string>();
  const confidential = new Set<string>();
  for (const c of cells) {
    if (c.state !== "shown") hidden.add(c.id);
    if (c.state === "suppressed") confidential.add(c.id);
  }
  // Nothing confidential, nothing to protect: most tables of a national run.
  if (confidential.size === 0) return { suppressed: [], complementary: [], unresolved: [] };
  const members = (i: number) => memberIds[i]!;
  const complementary: string[] = [];
  const unresolved = new Set<string>();

  const cheapest = (relationIds: Iterable<number>): string | null => {
    let best: SuppressionCell | null = null;
    for (const i of relationIds) {
      for (const id of members(i)) {
        const cell = byId.get(id)!;
        if (hidden.has(id) || cell.locked) continue;
        if (!best || cost(cell) < cost(best) || (cost(cell) === cost(best) && cell.id < best.id)) best = cell;
      }
    }
    return best?.id ?? null;
  };
  const queue: number[] = [];
  const hide = (id: string) => {
    hidden.add(id);
    confidential.add(id);
    complementary.push(id);
    queue.push(...(relationsOf.get(id) ?? []));
  };

  queue.push(...relations.keys());
  while (true) {
    while (queue.length) {
      const i = queue.shift()!;
      const unknown = members(i).filter((id) => hidden.has(id));
      if (unknown.length !== 1 || !confidential.has(unknown[0]!)) continue;
      const pick = cheapest([i]);
      if (pick) hide(pick);
      else unresolved.add(unknown[0]!);
    }
    const determined = determinedCells(hidden, relations, confidential).filter((id) => confidential.has(id) && !unresolved.has(id));
    if (determined.length === 0) break;
    const target = determined[0]!;
    const pick = cheapest(relationsOf.get(target) ?? []) ?? cheapest(componentOf(target, hidden, relations, relationsOf));
    if (pick) hide(pick);
    else unresolved.add(target);
  }
  return { suppressed: [...confidential].sort(), complementary, unresolved: [...unresolved].sort() };
}

const cost = (cell: SuppressionCell) => cell.value ?? Number.POSITIVE_INFINITY;

/** Relations reachable from `id` through hidden cells: the equations that can bear on it. */
function componentOf(id: string, hidden: Set<string>, relations: readonly Relation[], relationsOf: Map<string, number[]>): number[] {
  const seen = new Set<number>();
  const cellsSeen = new Set([id]);
  const stack = [id];
  while (stack.length) {
    for (const i of relationsOf.get(stack.pop()!) ?? []) {
      if (seen.has(i)) continue;
      seen.add(i);
      for (const next of [relations[i]!.total, ...relations[i]!.parts]) {
        if (hidden.has(next) && !cellsSeen.has(next)) {
          cellsSeen.add(next);
          stack.push(next);
        }
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}

const EPS = 1e-9;

/**
 * The unknowns whose value the relations pin down, given every other cell: x is determined iff
 * its unit vector lies in the row space of the relations restricted to the unknowns, i.e. in the
 * reduced row echelon form x is a pivot whose row has no entry in a free column. With `only`,
 * groups holding none of those cells are skipped (their answer would be dropped anyway).
 */
export function determinedCells(unknown: ReadonlySet<string>, relations: readonly Relation[], only?: ReadonlySet<string>): string[] {
  // Relations touching no unknown carry no information about them; the rest split into groups
  // that share unknowns, each solved on its own (small even at national scale).
  const { memberIds } = structureOf(relations);
  const touching = [...relations.keys()].filter((i) => memberIds[i]!.some((id) => unknown.has(id)));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const i of touching) {
    const ids = memberIds[i]!.filter((id) => unknown.has(id));
    for (const id of ids) if (!parent.has(id)) parent.set(id, id);
    for (const id of ids.slice(1)) parent.set(find(id), find(ids[0]!));
  }
  const groups = new Map<string, Relation[]>();
  for (const i of touching) {
    const root = find(memberIds[i]!.find((id) => unknown.has(id))!);
    const group = groups.get(root);
    if (group) group.push(relations[i]!);
    else groups.set(root, [relations[i]!]);
  }
  const out: string[] = [];
  for (const group of groups.values()) {
    // A group with none of the cells asked about cannot change the answer.
    if (only && !group.some((r) => only.has(r.total) || r.parts.some((id) => only.has(id)))) continue;
    out.push(...determinedInGroup(unknown, group));
  }
  return out.sort();
}

function determinedInGroup(unknown: ReadonlySet<string>, relations: Relation[]): string[] {
  const columns = [...new Set(relations.flatMap((r) => [r.total, ...r.parts]).filter((id) => unknown.has(id)))].sort();
  const col = new Map(columns.map((id, j) => [id, j]));
  const m = relations.map((r) => {
    const row = new Array<number>(columns.length).fill(0);
    if (unknown.has(r.total)) row[col.get(r.total)!] = 1;
    for (const p of r.parts) if (unknown.has(p)) row[col.get(p)!] = -1;
    return row;
  });
  const pivots: number[] = [];
  let rank = 0;
  for (let j = 0; j < columns.length && rank < m.length; j++) {
    let best = rank;
    for (let i = rank + 1; i < m.length; i++) if (Math.abs(m[i]![j]!) > Math.abs(m[best]![j]!)) best = i;
    if (Math.abs(m[best]![j]!) < EPS) continue;
    [m[rank], m[best]] = [m[best]!, m[rank]!];
    const pivotRow = m[rank]!;
    const p = pivotRow[j]!;
    for (let k = j; k < columns.length; k++) pivotRow[k] = pivotRow[k]! / p;
    for (let i = 0; i < m.length; i++) {
      if (i === rank) continue;
      const f = m[i]![j]!;
      if (Math.abs(f) < EPS) continue;
      const row = m[i]!;
      for (let k = j; k < columns.length; k++) row[k] = row[k]! - f * pivotRow[k]!;
    }
    pivots.push(j);
    rank++;
  }
  const pivotSet = new Set(pivots);
  return pivots
    .filter((j, r) => m[r]!.every((v, k) => k === j || pivotSet.has(k) || Math.abs(v) < EPS))
    .map((j) => columns[j]!);
}

/** `total = Σ children` for every listed area that has listed children. */
export function hierarchyRelations(areas: readonly { code: string; parentCode: string | null }[]): Relation[] {
  const listed = new Set(areas.map((a) => a.code));
  const children = new Map<string, string[]>();
  for (const a of areas) {
    if (a.parentCode && listed.has(a.parentCode)) children.set(a.parentCode, [...(children.get(a.parentCode) ?? []), a.code]);
  }
  return [...children.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([total, parts]) => ({ total, parts: parts.sort() }));
}

export type ProtectedValue = ServedValue & { suppression: "primary" | "complementary" | null };

export interface DiscloseTableInput {
  unit: Indicator["unit"];
  /** One indicator and period: a row per area. */
  rows: readonly (RawValue & { code: string })[];
  /** Additive relations between the areas (e.g. `hierarchyRelations`). Areas in a relation without
   * a row count as unavailable. */
  relations: readonly Relation[];
  rules?: DisclosureRules;
  /** Areas whose shown/hidden state was fixed at an earlier stage: never newly suppressed. */
  locked?: Iterable<string>;
}

/**
 * Primary and complementary suppression of one indicator in one period over a hierarchy.
 * Counts are protected on their values; shares and rates on their numerators and denominators,
 * which share the relations, so hiding a share hides its numerator and denominator together
 * and one pass over the structure protects both (cost = the denominator, the population the
 * share describes). Amounts (NOK, years) are not additive: primary suppression only.
 *
 * Run it top-down when a table is too large for one call: first country, fylker and kommuner,
 * then each kommune's sub-areas with the kommune's decided state passed in `locked`.
 */
export function discloseTable(input: DiscloseTableInput): {
  values: Map<string, ProtectedValue>;
  complementary: string[];
  unresolved: string[];
} {
  const rules = input.rules ?? DEFAULT_DISCLOSURE;
  const values = new Map<string, ProtectedValue>();
  let anyPrimary = false;
  for (const row of input.rows) {
    if (values.has(row.code)) throw new Error(`discloseTable: two rows for "${row.code}"`);
    const served = disclose(row, input.unit, rules);
    const primary = served.status === ":";
    anyPrimary ||= primary;
    values.set(row.code, { value: served.value, status: served.status, suppression: primary ? "primary" : null });
  }
  // Amounts and gaps (percentage points) do not add up over areas: no total minus parts reveals them.
  if (input.unit === "nok" || input.unit === "years" || input.unit === "points") return { values, complementary: [], unresolved: [] };
  // Complementary suppression protects primary-suppressed cells; without one there is nothing to do.
  if (!anyPrimary) return { values, complementary: [], unresolved: [] };

  const locked = new Set(input.locked ?? []);
  // The rows' cells, then the relations' other members in the order they are named (the order
  // the cells always had); a relation's members are listed once per relations array, as a
  // kommune's sub-areas are protected against the same relations for every indicator and year.
  const cells: SuppressionCell[] = [];
  const cellOf = (id: string, row: (typeof input.rows)[number] | undefined): SuppressionCell => {
    const served = values.get(id);
    const state: CellState = !served ? "unavailable" : served.status === ":" ? "suppressed" : served.status ? "unavailable" : "shown";
    const value = !row ? null : input.unit === "count" ? row.value : row.denominator;
    return { id, value, state, locked: locked.has(id) };
  };
  const listed = new Set<string>();
  for (const row of input.rows) {
    listed.add(row.code);
    cells.push(cellOf(row.code, row));
  }
  for (const id of memberList(input.relations)) {
    if (listed.has(id)) continue;
    listed.add(id);
    cells.push(cellOf(id, undefined));
  }
  const result = complementarySuppression(cells, input.relations);
  for (const id of result.complementary) {
    if (values.has(id)) values.set(id, { value: null, status: ":", suppression: "complementary" });
  }
  return { values, complementary: result.complementary, unresolved: result.unresolved };
}
