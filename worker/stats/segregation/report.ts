import type { Estimate, Measure, SegregationResult } from "./index";
import { type Columns, SegregationInputError } from "./prepare";

type Node = Record<string, unknown>;
// Labels come from the data; a group called "__proto__" must stay a plain key.
const node = (): Node => Object.create(null) as Node;

/** Where an estimate lives in the report (docs/INDICES.md lists these keys). */
function path(e: Estimate): string[] {
  if (e.stat === "lq") return ["lq", e.unit!, e.group!];
  const base = e.stat === "isolation" ? ["isolation", e.group!] : e.stat === "exposure" ? ["exposure", e.group!, e.to!] : [e.stat];
  if (e.stratum !== undefined) return ["within", "strata", e.stratum, ...base];
  if (/_(between|within)$/.test(e.stat)) return ["within", ...base];
  return base;
}

/** Sets root[k1][k2]…; returns whether a value was already there. */
function place(root: Node, keys: string[], value: unknown): boolean {
  let at = root;
  for (const key of keys.slice(0, -1)) {
    if (!(at[key] !== null && typeof at[key] === "object")) at[key] = node();
    at = at[key] as Node;
  }
  const leaf = keys[keys.length - 1]!;
  const existed = leaf in at && at[leaf] !== null;
  at[leaf] = value;
  return existed;
}

function skeleton(result: SegregationResult): Node {
  const indices = () => Object.assign(node(), { M: null, H: null, entropy: null, D: null, isolation: node(), exposure: node() });
  const root = indices();
  if (result.strata) {
    const strata = node();
    for (const s of result.strata) strata[s] = Object.assign(node(), { p: null, ent_ratio: null }, indices());
    root.within = Object.assign(node(), { M_between: null, M_within: null, H_between: null, H_within: null, strata });
  } else {
    root.within = null;
  }
  return root;
}

/**
 * The analysts' JSON: stable keys whatever the options (an index that does not apply is
 * null), the same layout for the whole table and for each stratum, and with a bootstrap an
 * `intervals` tree that mirrors the estimates' keys.
 */
export function toReport(result: SegregationResult, columns: Columns, measures: readonly Measure[]): Node {
  const values = skeleton(result);
  if (measures.includes("locationQuotients")) values.lq = node();
  const intervals = node();
  for (const e of result.estimates) {
    const keys = path(e);
    if (place(values, keys, e.est) && e.stat === "lq") {
      throw new SegregationInputError(
        `unit "${e.unit}" appears in more than one stratum of "${columns.within}": location quotients need unique unit labels`,
        columns.unit,
      );
    }
    if (e.se !== undefined) place(intervals, keys, { se: e.se, lower: e.lower, upper: e.upper, bias: e.bias });
  }
  return Object.assign(
    node(),
    {
      columns: { unit: columns.unit, group: columns.group, weight: columns.weight ?? null, within: columns.within ?? null },
      population: result.population,
      units: result.units,
      groups: result.groups,
      dropped: result.dropped,
    },
    values,
    { bootstrap: result.bootstrap ? { ...result.bootstrap, intervals } : null },
  );
}
