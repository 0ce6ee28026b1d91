/**
 * The one preparation step every segregation measure shares (after Elbers' `prepare_data`):
 * validate long-format rows, collapse them to a dense unit × group table of counts, and drop
 * units with no population and groups absent everywhere.
 */

/** Column names in the input rows; the same arguments for every measure. */
export interface Columns {
  /** Sub-area column (grunnkrets, bydel, kommune …). */
  unit: string;
  /** Population-group column (e.g. immigrant background vs rest). */
  group: string;
  /** Count column; without it every row counts as one person. */
  weight?: string;
  /** Stratum column for the between/within decomposition (e.g. bydel over grunnkretser). */
  within?: string;
}

export type Row = Readonly<Record<string, unknown>>;

/**
 * Bad input. Errors about one value carry its row (0-based index into the input) and column,
 * and `detail` without the location, so a caller can name the place its own way (a file line).
 */
export class SegregationInputError extends Error {
  constructor(
    readonly detail: string,
    readonly column?: string,
    readonly row?: number,
  ) {
    super(row === undefined ? detail : `row ${row + 1}, column "${column}": ${detail}`);
    this.name = "SegregationInputError";
  }
}

/**
 * A prepared table. Units are ordered by stratum, so each stratum is a contiguous range of
 * rows of `counts`; with `within`, a unit is a (stratum, unit) pair, as in Elbers' package.
 */
export interface Table {
  columns: Columns;
  /** Groups with a positive total, sorted. */
  groups: string[];
  /** Units with a positive total. */
  units: string[];
  /** The stratum of each unit (index into `strata`), or null without `within`. */
  unitStratum: Int32Array | null;
  /** Strata with a positive total, sorted; null without `within`. */
  strata: string[] | null;
  /** Units of stratum s are [stratumStart[s], stratumStart[s + 1]). */
  stratumStart: Int32Array | null;
  /** units.length × groups.length counts, row-major. */
  counts: Float64Array;
  /** Sum of `counts`. */
  population: number;
  /** Distinct values of the group column, including groups absent everywhere. */
  declaredGroups: string[];
  /** What was left out: units with zero population, groups with zero total. */
  dropped: { units: string[]; groups: string[] };
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function label(row: Row, index: number, column: string): string {
  const value = row[column];
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value.trim() !== "") return value;
  if (typeof value === "boolean") return String(value);
  throw new SegregationInputError(value === undefined ? "no value" : `empty or invalid value ${JSON.stringify(value)}`, column, index);
}

function count(row: Row, index: number, column: string): number {
  const value = row[column];
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new SegregationInputError(`${JSON.stringify(value ?? null)} is not a number`, column, index);
  if (n < 0) throw new SegregationInputError(`negative count ${n}`, column, index);
  return n;
}

function checkColumns(rows: readonly Row[], columns: Columns) {
  const named: [string, string | undefined][] = [
    ["unit", columns.unit],
    ["group", columns.group],
    ["weight", columns.weight],
    ["within", columns.within],
  ];
  const used = new Map<string, string>();
  for (const [role, column] of named) {
    if (column === undefined) continue;
    if (typeof column !== "string" || column === "") throw new SegregationInputError(`the ${role} column must be named`);
    const other = used.get(column);
    if (other) throw new SegregationInputError(`column "${column}" cannot be both ${other} and ${role}`, column);
    used.set(column, role);
    if (!rows.some((row) => row[column] !== undefined)) {
      const known = Object.keys(rows[0] ?? {}).join(", ");
      throw new SegregationInputError(`unknown ${role} column "${column}" (columns: ${known})`, column);
    }
  }
}

export function prepare(rows: readonly Row[], columns: Columns): Table {
  if (!Array.isArray(rows) || rows.length === 0) throw new SegregationInputError("no rows: segregation needs at least two units and two groups");
  checkColumns(rows, columns);
  const { unit, group, weight, within } = columns;

  // Collapse rows to cells keyed by (stratum, unit) × group; duplicates add up, as in Elbers.
  const unitIndex = new Map<string, number>();
  const unitLabels: string[] = [];
  const unitStrata: string[] = [];
  const groupIndex = new Map<string, number>();
  const unitValues = new Set<string>();
  const cellUnit: number[] = [];
  const cellGroup: number[] = [];
  const cellCount: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const u = label(row, i, unit);
    const g = label(row, i, group);
    const s = within === undefined ? "" : label(row, i, within);
    const n = weight === undefined ? 1 : count(row, i, weight);
    unitValues.add(u);
    const key = within === undefined ? u : `${s}\u0000${u}`;
    let ui = unitIndex.get(key);
    if (ui === undefined) {
      ui = unitLabels.length;
      unitIndex.set(key, ui);
      unitLabels.push(u);
      unitStrata.push(s);
    }
    let gi = groupIndex.get(g);
    if (gi === undefined) {
      gi = groupIndex.size;
      groupIndex.set(g, gi);
    }
    cellUnit.push(ui);
    cellGroup.push(gi);
    cellCount.push(n);
  }
  if (unitValues.size < 2) {
    throw new SegregationInputError(`the unit column "${unit}" is constant ("${[...unitValues][0]}"): segregation needs at least two units`, unit);
  }
  if (groupIndex.size < 2) {
    throw new SegregationInputError(`the group column "${group}" is constant ("${[...groupIndex.keys()][0]}"): segregation needs at least two groups`, group);
  }

  const unitTotal = new Float64Array(unitLabels.length);
  const groupTotal = new Float64Array(groupIndex.size);
  for (let c = 0; c < cellCount.length; c++) {
    unitTotal[cellUnit[c]!]! += cellCount[c]!;
    groupTotal[cellGroup[c]!]! += cellCount[c]!;
  }
  const declaredGroups = [...groupIndex.keys()].sort(byCodeUnit);
  const groups = declaredGroups.filter((g) => groupTotal[groupIndex.get(g)!]! > 0);
  const population = groupTotal.reduce((a, b) => a + b, 0);
  if (groups.length === 0) throw new SegregationInputError(`the weight column "${weight}" sums to zero: there is no population`, weight);

  const strataSet = new Set<string>();
  for (let u = 0; u < unitLabels.length; u++) if (unitTotal[u]! > 0) strataSet.add(unitStrata[u]!);
  const strata = within === undefined ? null : [...strataSet].sort(byCodeUnit);
  const stratumIndex = new Map(strata?.map((s, i) => [s, i]));

  // Present units, stable-sorted by stratum so each stratum is one contiguous range.
  const kept: number[] = [];
  const droppedUnits: string[] = [];
  for (let u = 0; u < unitLabels.length; u++) {
    if (unitTotal[u]! > 0) kept.push(u);
    else droppedUnits.push(unitLabels[u]!);
  }
  if (strata) kept.sort((a, b) => stratumIndex.get(unitStrata[a]!)! - stratumIndex.get(unitStrata[b]!)! || a - b);

  const row = new Int32Array(unitLabels.length).fill(-1);
  kept.forEach((u, r) => (row[u] = r));
  const column = new Int32Array(groupIndex.size).fill(-1);
  groups.forEach((g, c) => (column[groupIndex.get(g)!] = c));
  const G = groups.length;
  const counts = new Float64Array(kept.length * G);
  for (let c = 0; c < cellCount.length; c++) {
    const r = row[cellUnit[c]!]!;
    const k = column[cellGroup[c]!]!;
    if (r >= 0 && k >= 0) counts[r * G + k]! += cellCount[c]!;
  }

  let unitStratum: Int32Array | null = null;
  let stratumStart: Int32Array | null = null;
  if (strata) {
    unitStratum = Int32Array.from(kept, (u) => stratumIndex.get(unitStrata[u]!)!);
    stratumStart = new Int32Array(strata.length + 1);
    for (const s of unitStratum) stratumStart[s + 1]!++;
    for (let s = 0; s < strata.length; s++) stratumStart[s + 1]! += stratumStart[s]!;
  }

  return {
    columns: { unit, group, weight, within },
    groups,
    units: kept.map((u) => unitLabels[u]!),
    unitStratum,
    strata,
    stratumStart,
    counts,
    population,
    declaredGroups,
    dropped: {
      units: droppedUnits,
      groups: declaredGroups.filter((g) => !(groupTotal[groupIndex.get(g)!]! > 0)),
    },
  };
}
