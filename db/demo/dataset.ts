/**
 * The built-in synthetic demo dataset: real 2024 fylker and kommuner with their real boundaries,
 * invented bydeler and grunnkretser with invented boundaries inside them, and invented numbers
 * for every indicator. Pure (no I/O): also imported by the worker tests in workerd.
 * `generate.ts` is the CLI that writes it as SQL.
 *
 *   const data = generateDemo({ scale: "demo" });
 *   for (const sql of sqlStatements(data)) ...
 */
import type { AreaChange, NewArea, NewIndicator, NewPostcode } from "../schema";
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
  postcodes: NewPostcode[];
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
    postcodes: demoPostcodes(geo.areas),
  };
}

/**
 * Invented postcodes, so search by postcode can be tried on the demo: today's kommuner in code
 * order get two each, 1000 and 1001 for the first, 1002 and 1003 for the next, and so on (not
 * Posten's numbers; the place name says so).
 */
export function demoPostcodes(areas: readonly NewArea[]): NewPostcode[] {
  const kommuner = areas.filter((a) => a.level === "kommune" && !a.validTo).sort((a, b) => (a.code < b.code ? -1 : 1));
  return kommuner.flatMap((k, i) => [0, 1].map((j) => ({ code: String(1000 + 2 * i + j), areaCode: k.code, place: `${k.nameNb} (syntetisk/synthetic)`, sourceId: null })));
}

/** Everything in memory. Use generateDemoStream for the national scale (millions of rows). */
export function generateDemo(opts: DemoOptions): DemoData {
  const stream = generateDemoStream(opts);
  return { ...stream, observations: [...stream.observations], boundaries: [...stream.boundaries] };
}
