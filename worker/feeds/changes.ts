import type { Card, Point } from "../api/schemas";

/**
 * What changed between two snapshots, as the feeds tell it. Pure: the recompute's feed steps
 * read the cards and the lists and pass them here.
 */

/** The point a card shows as its figure: the last with a value (a suppressed newest year shows the one before). */
const shown = (card: Card | null): Point | null => card?.series.findLast((p) => p.value !== null) ?? null;

/**
 * The card's newest figure when it is newer than the one the previous snapshot showed (or there
 * was none): "new figures published". A newest year that is suppressed or missing is no news.
 */
export function newFigure(previous: Card | null, next: Card): Point | null {
  const now = shown(next);
  if (!now) return null;
  const before = shown(previous);
  return !before || now.period > before.period ? now : null;
}

/**
 * A trend that became clear: the previous snapshot said "no clear change" and this one says
 * rising or falling (the change now exceeds its uncertainty). The values it is read from are
 * the card's five-year change, as served.
 */
export function clearTrend(previous: Card | null, next: Card): { trend: "rising" | "falling"; from: Point; to: Point } | null {
  if (previous?.trend !== "stable" || (next.trend !== "rising" && next.trend !== "falling") || !next.change5y) return null;
  const from = next.series.find((p) => p.period === next.change5y!.from);
  const to = next.series.find((p) => p.period === next.change5y!.to);
  if (from?.value == null || to?.value == null) return null;
  return { trend: next.trend, from, to };
}

export interface ListChange {
  period: number;
  /** `revised`: compared with the same year in the previous snapshot; otherwise with `since` in this one. */
  revised: boolean;
  since: number;
  entered: string[];
  left: string[];
}

/**
 * Which areas entered or left a list, per year. A year both snapshots evaluated is compared with
 * itself (data or rules were revised); a year newer than any the previous snapshot had is compared
 * with the year before it in this snapshot (the list's yearly change). A year the previous
 * snapshot lacked for other reasons, or the first year there is, is not compared: there is nothing
 * to have entered from. Without a previous snapshot nothing is news.
 */
export function listChanges(
  previous: { periods: readonly number[]; met: ReadonlyMap<number, ReadonlySet<string>> } | null,
  next: { periods: readonly number[]; met: ReadonlyMap<number, ReadonlySet<string>> },
): ListChange[] {
  if (!previous || previous.periods.length === 0) return [];
  const newest = Math.max(...previous.periods);
  const periods = [...next.periods].sort((a, b) => a - b);
  const out: ListChange[] = [];
  for (const [i, period] of periods.entries()) {
    const revised = previous.periods.includes(period);
    if (!revised && (period < newest || i === 0)) continue;
    const since = revised ? period : periods[i - 1]!;
    const before = (revised ? previous.met.get(period) : next.met.get(since)) ?? new Set<string>();
    const now = next.met.get(period) ?? new Set<string>();
    const entered = [...now].filter((c) => !before.has(c)).sort();
    const left = [...before].filter((c) => !now.has(c)).sort();
    if (entered.length > 0 || left.length > 0) out.push({ period, revised, since, entered, left });
  }
  return out;
}
