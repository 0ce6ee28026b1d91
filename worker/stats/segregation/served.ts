/**
 * How a location quotient is served so that it cannot be turned back into a count.
 *
 * LQ = (x / t) / s, with x the unit's group count, t its population and s the parent's group
 * share. Anyone who knows the served LQ, s and t knows x = LQ · s · t up to the LQ's rounding:
 * a quotient rounded to a step h pins x to an interval h · s · t persons wide. It is served
 * with two decimals where that interval spans at least `LQ_MIN_SPAN` persons, with one where
 * only that does, and not at all otherwise (a small unit or a rare group), so a served LQ never
 * narrows a count to one number. Counts are the protected ones: a unit whose own share the
 * cards hide gets no quotient at all (see the segregation step).
 */
export const LQ_MIN_SPAN = 2;

export function servedQuotient(group: number, size: number, parentShare: number): number | null {
  if (!(size > 0) || !(parentShare > 0) || !(group >= 0)) return null;
  const lq = group / size / parentShare;
  for (const decimals of [2, 1]) {
    const scale = 10 ** decimals;
    if ((parentShare * size) / scale >= LQ_MIN_SPAN) return Math.round(lq * scale) / scale;
  }
  return null;
}
