/**
 * One unit's group counts in one year, from its published observations.
 *
 * Suppressed cells (`:`, by the publisher or by our disclosure control) and missing ones (`..`)
 * are never reconstructed. A hidden group count counts as nobody: its people are left out of
 * the table rather than worked out as the total minus the shown groups, which would reveal
 * exactly the cell that was hidden. IMDi suppresses country cells of 1–3 persons, so the world
 * region counts (sums over countries) may come short of `immigrants_count`; that difference is
 * left out too, never assigned to a group. The rest of the population (total minus the counts
 * it names) needs every part published, or the unit is left out of that year: without it a
 * unit would look as if everyone in it belonged to the groups.
 *
 * Every level reads the same kind of counts: kommuner (for Norway and the fylker) and
 * grunnkretser (for each kommune) enter with the counts their cards publish, harmonised to
 * today's codes and after primary and complementary suppression, so no index rests on a cell
 * the cards hide and the levels are consistent. Of the two ways to treat a hidden cell, leaving
 * the cell out (above) is used wherever the unit's other counts stand without it: a share's rest
 * is its denominator minus the hidden numerator, so there the whole unit is left out of that
 * year instead. Location quotients, which would show one unit's composition, are given only
 * where the cards show that unit's share (and not for several groups at all), rounded so that
 * they cannot be turned back into a count (served.ts).
 */

/** What a unit publishes for one indicator and year: null value = hidden or missing. */
export interface Published {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export type GroupSpec =
  /** One share: its numerator against the rest of its denominator. */
  | { kind: "share"; indicator: string }
  /** Count indicators, one per group, then optionally everyone else (total − minus). */
  | { kind: "counts"; groups: readonly string[]; rest: { total: string; minus: readonly string[] } | null };

const known = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x) && x >= 0;

/**
 * The unit's counts in group order (the rest last), or null when the unit has nothing to add for
 * this grouping and year.
 */
export function unitGroupCounts(spec: GroupSpec, read: (indicator: string) => Published | undefined): number[] | null {
  if (spec.kind === "share") {
    const p = read(spec.indicator);
    if (!p || !known(p.numerator) || !known(p.denominator) || !(p.denominator > 0) || p.numerator > p.denominator) return null;
    return [p.numerator, p.denominator - p.numerator];
  }
  const observed = spec.groups.map((id) => read(id));
  if (observed.every((p) => p === undefined)) return null;
  const counts = observed.map((p) => (p && known(p.value) ? p.value : 0));
  if (!spec.rest) return counts;
  const total = read(spec.rest.total)?.value;
  const parts = spec.rest.minus.map((id) => read(id)?.value);
  if (!known(total) || !parts.every(known)) return null;
  const rest = total - (parts as number[]).reduce((s, x) => s + x, 0);
  // Counts from two publishers that disagree (more immigrants than residents): not usable.
  if (rest < 0) return null;
  return [...counts, rest];
}
