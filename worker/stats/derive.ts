import type { DerivedDefinition } from "../../db/derived";
import type { Indicator, StatusSymbol } from "../../db/schema";
import { DEFAULT_DISCLOSURE, disclose, type DisclosureRules } from "./disclosure";

/**
 * Derived indicators of one area code and period, from the inputs as published (raw codes,
 * before harmonisation). Pure: the job in worker/jobs/derive.ts reads and writes.
 */

export interface InputObservation {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: StatusSymbol | null;
}

export interface DerivedObservation {
  indicatorId: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: StatusSymbol | null;
}

const RANK: Record<StatusSymbol, number> = { ".": 1, "..": 2, ":": 3 };

/** The stronger of two statuses: confidential outranks missing outranks not applicable. */
export function strongerStatus(a: StatusSymbol | null, b: StatusSymbol | null): StatusSymbol | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** Gaps are rounded to remove float noise (27.2 − 13.1 = 14.099999999999998), far below any shown decimal. */
const tidy = (x: number) => Math.round(x * 1e9) / 1e9;

const withStatus = (indicatorId: string, status: StatusSymbol): DerivedObservation => ({ indicatorId, value: null, numerator: null, denominator: null, status });

/**
 * numerator / denominator × scale, keeping both counts. Both inputs must be there (no row
 * otherwise: a missing count is not a missing share, it is no share at all); a status on
 * either carries over, the stronger one. No residents gives `.` (a share of nobody does not
 * apply); a count above its population (inputs from two publishers that disagree) gives `..`.
 */
function ratio(def: DerivedDefinition, num: InputObservation | undefined, den: InputObservation | undefined): DerivedObservation | null {
  if (!num || !den) return null;
  const status = strongerStatus(statusOf(num), statusOf(den));
  if (status) return withStatus(def.id, status);
  const n = num.value!;
  const d = den.value!;
  if (!(d > 0)) return withStatus(def.id, ".");
  if (n < 0 || n > d) return withStatus(def.id, "..");
  return { indicatorId: def.id, value: (n / d) * def.scale, numerator: n, denominator: d, status: null };
}

/**
 * (minuend − subtrahend) × scale, a value only. Missing or confidential when either input is,
 * the stronger status winning; an input that disclosure control would hide when shown counts
 * as confidential, because the gap and the other input would give it away.
 */
function difference(def: DerivedDefinition, a: InputObservation | undefined, b: InputObservation | undefined, units: UnitOf, rules: DisclosureRules): DerivedObservation | null {
  if (!a && !b) return null;
  const served = (id: string, o: InputObservation | undefined): StatusSymbol | null => (o ? (statusOf(o) ?? disclose(o, units(id), rules).status) : "..");
  const status = strongerStatus(served(def.inputs[0], a), served(def.inputs[1], b));
  if (status) return withStatus(def.id, status);
  return { indicatorId: def.id, value: tidy((a!.value! - b!.value!) * def.scale), numerator: null, denominator: null, status: null };
}

/** A value without a status is a number once validated; a null one is treated as missing. */
const statusOf = (o: InputObservation): StatusSymbol | null => o.status ?? (o.value === null || !Number.isFinite(o.value) ? ".." : null);

export type UnitOf = (indicatorId: string) => Indicator["unit"];

export interface DeriveOptions {
  /** Each input's unit (disclosure of a difference's inputs); percent when not told. */
  unitOf?: UnitOf;
  rules?: DisclosureRules;
}

/**
 * Every derived observation the definitions give for one area code and period, from that
 * cell's inputs (indicator id → observation). A definition whose inputs are absent gives none.
 */
export function deriveObservations(defs: readonly DerivedDefinition[], inputs: ReadonlyMap<string, InputObservation>, options: DeriveOptions = {}): DerivedObservation[] {
  const units = options.unitOf ?? (() => "percent");
  const rules = options.rules ?? DEFAULT_DISCLOSURE;
  const out: DerivedObservation[] = [];
  for (const def of defs) {
    const [x, y] = def.inputs.map((id) => inputs.get(id));
    const row = def.kind === "ratio" ? ratio(def, x, y) : difference(def, x, y, units, rules);
    if (row) out.push(row);
  }
  return out;
}
