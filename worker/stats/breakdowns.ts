import type { SeriesByIndicator, SeriesPoint } from "./cards";
import { complementarySuppression, type CellState, type Relation, type SuppressionCell } from "./suppression";

/**
 * Suppression across a breakdown. Each indicator is protected over the area hierarchy on its
 * own (stats/protect.ts), but a count broken down into exhaustive parts adds a relation per
 * area: total = Σ parts. Immigrants by world region are the case: with a kommune's
 * `immigrants_count` shown, a single hidden region is the total minus the shown regions.
 *
 * This pass treats every indicator of a breakdown, in every area, as one table (cells
 * indicator × area, with each indicator's hierarchy relations and each area's breakdown
 * relation) and runs the same complementary suppression on it, hiding more part cells where
 * the joint relations still determine a hidden one. It only ever hides more, so what each
 * indicator's own pass protected stays protected.
 *
 * The relation is taken as exact even where a source's parts fall a few short of its total
 * (IMDi suppresses small country cells before the regions are summed): the shortfall is
 * small and unpublished, so total − shown parts would still bound a hidden part tightly.
 */
export interface Breakdown {
  total: string;
  parts: readonly string[];
}

const SEP = "\u0000";
const cellId = (indicator: string, code: string) => `${indicator}${SEP}${code}`;

export interface BreakdownInput {
  /** The protected series, changed in place where a cell must be hidden. */
  series: Map<string, SeriesByIndicator>;
  /** Areas decided at an earlier stage (e.g. kommuner when a kommune's sub-areas are protected): read, never changed. */
  fixed?: ReadonlyMap<string, SeriesByIndicator>;
  /** The hierarchy relations the indicators were protected over (area codes). */
  relations: readonly Relation[];
  breakdowns: readonly Breakdown[];
}

/** Hides what the breakdowns' relations would give away; returns the cells still determined (only locked ones left to hide). */
export function protectBreakdowns(input: BreakdownInput): { hidden: number; unresolved: number } {
  let hidden = 0;
  let unresolved = 0;
  const fixed = input.fixed ?? new Map<string, SeriesByIndicator>();
  const codes = [...input.series.keys(), ...[...fixed.keys()].filter((c) => !input.series.has(c))];
  for (const b of input.breakdowns) {
    const indicators = [b.total, ...b.parts];
    const pointOf = (ind: string, code: string, period: number): SeriesPoint | undefined =>
      (input.series.get(code) ?? fixed.get(code))?.get(ind)?.find((p) => p.period === period);
    const periods = new Set<number>();
    let anyTotal = false;
    for (const code of codes) {
      const s = input.series.get(code) ?? fixed.get(code)!;
      if (s.has(b.total)) anyTotal = true;
      for (const ind of b.parts) for (const p of s.get(ind) ?? []) if (p.status === ":") periods.add(p.period);
    }
    // Without a total, the parts' own hierarchy protection is all there is.
    if (!anyTotal) continue;
    const relations: Relation[] = [
      ...indicators.flatMap((ind) => input.relations.map((r) => ({ total: cellId(ind, r.total), parts: r.parts.map((p) => cellId(ind, p)) }))),
      ...codes.map((code) => ({ total: cellId(b.total, code), parts: b.parts.map((ind) => cellId(ind, code)) })),
    ];
    for (const period of [...periods].sort((x, y) => x - y)) {
      const cells: SuppressionCell[] = [];
      for (const code of codes) {
        for (const ind of indicators) {
          const p = pointOf(ind, code, period);
          const state: CellState = !p || (p.status !== null && p.status !== ":") || (p.status === null && p.value === null) ? "unavailable" : p.status === ":" ? "suppressed" : "shown";
          cells.push({ id: cellId(ind, code), value: state === "shown" ? p!.value : null, state, locked: fixed.has(code) && !input.series.has(code) });
        }
      }
      const result = complementarySuppression(cells, relations);
      unresolved += result.unresolved.length;
      for (const id of result.complementary) {
        const [ind, code] = id.split(SEP) as [string, string];
        const list = input.series.get(code)?.get(ind);
        const i = list?.findIndex((p) => p.period === period) ?? -1;
        if (!list || i < 0) continue;
        list[i] = { ...list[i]!, value: null, status: ":", counts: null };
        hidden++;
      }
    }
  }
  return { hidden, unresolved };
}
