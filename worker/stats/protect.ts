import type { Indicator } from "../../db/schema";
import type { SeriesPoint } from "./cards";
import type { DisclosureRules, RawValue } from "./disclosure";
import { harmonise, type ChangeGraph, type HarmoniseObservation } from "./harmonise";
import { discloseTable, type Relation } from "./suppression";

export interface ProtectInput {
  unit: Indicator["unit"];
  /** One indicator's published observations: the areas' own and every code that fed them. */
  observations: readonly HarmoniseObservation[];
  population?: readonly HarmoniseObservation[];
  graph: ChangeGraph;
  /** The series to produce, on today's boundaries. */
  codes: readonly string[];
  /** Additive relations among the codes (parent = Σ children). */
  relations: readonly Relation[];
  /**
   * Areas already decided at a higher stage (a kommune when its sub-areas are protected): they
   * take part in the relations as published and are never newly suppressed.
   */
  fixed?: ReadonlyMap<string, SeriesPoint[]>;
  rules?: DisclosureRules;
}

export interface ProtectResult {
  series: Map<string, SeriesPoint[]>;
  /** Confidential cells a relation still determines: nothing unlocked was left to hide. */
  unresolved: { code: string; period: number }[];
}

const rawOf = (p: SeriesPoint): RawValue => ({
  value: p.value,
  status: p.status,
  numerator: p.counts?.numerator ?? null,
  denominator: p.counts?.denominator ?? null,
});

/**
 * Harmonises one indicator to today's boundaries, then applies primary and complementary
 * suppression period by period over the given relations. What comes out is exactly what may
 * be published; counts survive only on values that are shown.
 */
export function protectSeries(input: ProtectInput): ProtectResult {
  const points = harmonise({ unit: input.unit, observations: input.observations, population: input.population, changes: input.graph, currentCodes: input.codes, rules: input.rules });
  const byPeriod = new Map<number, typeof points>();
  for (const p of points) {
    const list = byPeriod.get(p.period);
    if (list) list.push(p);
    else byPeriod.set(p.period, [p]);
  }
  const fixed = input.fixed ?? new Map<string, SeriesPoint[]>();
  const series = new Map<string, SeriesPoint[]>(input.codes.map((c) => [c, []]));
  const unresolved: ProtectResult["unresolved"] = [];
  for (const [period, rows] of [...byPeriod].sort(([a], [b]) => a - b)) {
    const own = rows.filter((r) => !fixed.has(r.areaCode));
    const tableRows: (RawValue & { code: string })[] = own.map((r) => ({ code: r.areaCode, value: r.value, numerator: r.numerator, denominator: r.denominator, status: r.status }));
    for (const [code, list] of fixed) {
      const p = list.find((x) => x.period === period);
      if (p) tableRows.push({ code, ...rawOf(p) });
    }
    const { values, unresolved: open } = discloseTable({ unit: input.unit, rows: tableRows, relations: input.relations, locked: fixed.keys(), rules: input.rules });
    for (const code of open) unresolved.push({ code, period });
    for (const r of own) {
      const served = values.get(r.areaCode)!;
      series.get(r.areaCode)!.push({
        period,
        value: served.value,
        status: served.status,
        estimated: r.estimated,
        counts: served.status ? null : { numerator: r.numerator, denominator: r.denominator },
      });
    }
  }
  return { series, unresolved };
}
