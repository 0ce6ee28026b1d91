/**
 * The built-in synthetic demo dataset: real 2024 fylker and kommuner, invented bydeler and
 * grunnkretser, and invented numbers for every indicator. Pure (no I/O): also imported by the
 * worker tests in workerd. `generate.ts` is the CLI that writes it as SQL.
 *
 *   const data = generateDemo({ scale: "demo" });
 *   for (const sql of sqlStatements(data)) ...
 */
import type { AreaChange, NewArea, NewIndicator } from "../schema";
import { buildGeography, type Scale } from "./geography";
import { indicatorDefs, indicatorRows } from "./indicators";
import { type ObservationRow, observationRows } from "./observations";

export { DEMO_INDICATOR_IDS, INDICATOR_IDS, type IndicatorId, SYNTHETIC_SOURCE } from "./indicators";
export { PLANTED_BYDELER, type Scale, YEARS } from "./geography";
export { MISSING_DELIVERY, type ObservationRow } from "./observations";
export { type DemoSource, resetStatements, sqlStatements, toSqlStatements } from "./sql";

export const DEFAULT_SEED = 20240101;

export type DemoOptions = { scale: Scale; seed?: number };

export type DemoData = {
  areas: NewArea[];
  changes: AreaChange[];
  indicators: NewIndicator[];
  observations: ObservationRow[];
};

/** Like DemoData, but observations are generated afresh on every iteration (same rows each time). */
export type DemoStream = Omit<DemoData, "observations"> & { observations: Iterable<ObservationRow> };

export function generateDemoStream({ scale, seed = DEFAULT_SEED }: DemoOptions): DemoStream {
  const geo = buildGeography(scale);
  const defs = indicatorDefs(scale);
  return {
    areas: geo.areas,
    changes: geo.changes,
    indicators: indicatorRows(defs),
    observations: { [Symbol.iterator]: () => observationRows(geo, defs, seed) },
  };
}

/** Everything in memory. Use generateDemoStream for the national scale (millions of rows). */
export function generateDemo(opts: DemoOptions): DemoData {
  const stream = generateDemoStream(opts);
  return { ...stream, observations: [...stream.observations] };
}
