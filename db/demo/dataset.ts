/**
 * The built-in synthetic demo dataset: real 2024 fylker and kommuner with their real boundaries,
 * invented bydeler and grunnkretser with invented boundaries inside them, and invented numbers
 * for every indicator. Pure (no I/O): also imported by the worker tests in workerd.
 * `generate.ts` is the CLI that writes it as SQL.
 *
 *   const data = generateDemo({ scale: "demo" });
 *   for (const sql of sqlStatements(data)) ...
 */
import type { AreaChange, NewArea, NewIndicator } from "../schema";
import { buildGeography, type Scale } from "./geography";
import { indicatorDefs, indicatorRows } from "./indicators";
import { type ObservationRow, observationRows } from "./observations";
import { type BoundaryRow, boundaryRows, KARTVERKET_SOURCE, type SourceRow, SYNTHETIC_GEOMETRY_SOURCE } from "./shapes";

export { DEMO_INDICATOR_IDS, INDICATOR_IDS, type IndicatorId, SYNTHETIC_SOURCE } from "./indicators";
export { PLANTED_BYDELER, type Scale, YEARS } from "./geography";
export { MISSING_DELIVERY, type ObservationRow } from "./observations";
export { type DemoSource, resetStatements, sqlStatements, toSqlStatements } from "./sql";
export { type BoundaryRow, KARTVERKET_SOURCE, type SourceRow, SYNTHETIC_GEOMETRY_SOURCE } from "./shapes";

export const DEFAULT_SEED = 20240101;

export type DemoOptions = { scale: Scale; seed?: number };

export type DemoData = {
  areas: NewArea[];
  changes: AreaChange[];
  indicators: NewIndicator[];
  observations: ObservationRow[];
  sources: SourceRow[];
  boundaries: BoundaryRow[];
};

/** Like DemoData, but observations and boundaries are generated afresh on every iteration (same rows each time). */
export type DemoStream = Omit<DemoData, "observations" | "boundaries"> & {
  observations: Iterable<ObservationRow>;
  boundaries: Iterable<BoundaryRow>;
};

export function generateDemoStream({ scale, seed = DEFAULT_SEED }: DemoOptions): DemoStream {
  const geo = buildGeography(scale);
  const defs = indicatorDefs(scale);
  return {
    areas: geo.areas,
    changes: geo.changes,
    indicators: indicatorRows(defs),
    observations: { [Symbol.iterator]: () => observationRows(geo, defs, seed) },
    sources: [KARTVERKET_SOURCE, SYNTHETIC_GEOMETRY_SOURCE],
    boundaries: { [Symbol.iterator]: () => boundaryRows(geo) },
  };
}

/** Everything in memory. Use generateDemoStream for the national scale (millions of rows). */
export function generateDemo(opts: DemoOptions): DemoData {
  const stream = generateDemoStream(opts);
  return { ...stream, observations: [...stream.observations], boundaries: [...stream.boundaries] };
}
