import type { Indicator } from "../../db/schema";
import type { SeriesPoint } from "./cards";
import type { DisclosureRules, RawValue } from "./disclosure";
import { aggregateParents } from "./aggregate";
import type { ChangeGraph } from "./change-graph";
import { harmonise, type HarmoniseObservation } from "./harmonise";
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
  /** Source id → priority, for harmonise to choose between a re-coded series and its old units. */
  priorities?: ReadonlyMap<string, number>;
  /**
   * Add up the relations' parts into totals that have no figure of their own for a period (see
   * `aggregateParents`): for country, fylker and kommuner, whose children cover them.
   */
  aggregate?: boolean;
  rules?: DisclosureRules;
}

export interface ProtectResult {
  series: Map<string, SeriesPoint[]>;
  /** Confidential cells a relation still determines: nothing unlocked was left to hide. */
  unresolved: { code: string; period: number }[];
  /**
   * For series not simply their own observations: every code whose observations went in (a
   * reform's old units, an added-up parent's children and theirs, the code itself for the
   * periods its own figure was used), so a card names the sources of the numbers it shows.
   */
  fed: Map<string, Set<string>>;
  /**
   * For the codes in `fed`: the source ids of the observations behind their shown numbers, in
   * period order; null when some observation's source was not known (see `fed` then).
   */
  sourceIds: Map<string, Set<string> | null>;
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
  const points = harmonise({
    unit: input.unit,
    observations: input.observations,
    population: input.population,
    changes: input.graph,
    currentCodes: input.codes,
    priorities: input.priorities,
    rules: input.rules,
  });
  // Which codes' observations each series is made of, for the series not simply their own.
  const fed = new Map<string, Set<string>>();
  const ownUsed = new Set<string>();
  for (const p of points) {
    if (p.sources.length === 0) {
      ownUsed.add(p.areaCode);
      continue;
    }
    let set = fed.get(p.areaCode);
    if (!set) fed.set(p.areaCode, (set = new Set()));
    for (const s of p.sources) set.add(s.code);
  }
  if (input.aggregate) {
    const added = aggregateParents(points, input.relations, input.unit, new Set(input.fixed?.keys() ?? []));
    points.push(...added.points);
    for (const [code, children] of added.fed) {
      const set = fed.get(code) ?? new Set();
      // A child fed by a reform's old units: those are the parent's sources too.
      for (const c of children) {
        const of = fed.get(c);
        if (!of) set.add(c);
        else for (const x of of) set.add(x);
      }
      fed.set(code, set);
    }
  }
  for (const [code, set] of fed) if (ownUsed.has(code)) set.add(code);
  // A series of only its own observations names its own sources as they are; the others list
  // the sources of what went into their shown values.
  const sourceIds = new Map<string, Set<string> | null>();
  for (const p of fed.size === 0 ? [] : [...points].sort((a, b) => a.period - b.period)) {
    if (p.value === null || !fed.has(p.areaCode)) continue;
    let set = sourceIds.get(p.areaCode);
    if (set === null) continue;
    if (!set) sourceIds.set(p.areaCode, (set = new Set()));
    for (const id of p.from) {
      if (id === null) {
        sourceIds.set(p.areaCode, null);
        break;
      }
      set.add(id);
    }
  }

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
      const counts = served.status ? null : { numerator: r.numerator, denominator: r.denominator };
      // Two literals rather than a spread of an optional key: one point per value nationally
      // (~5.6 million), and a spread in a literal takes V8's slow path. Same keys, same order.
      series.get(r.areaCode)!.push(
        r.split
          ? { period, value: served.value, status: served.status, estimated: r.estimated, split: true, counts }
          : { period, value: served.value, status: served.status, estimated: r.estimated, counts },
      );
    }
  }
  return { series, unresolved, fed, sourceIds };
}
