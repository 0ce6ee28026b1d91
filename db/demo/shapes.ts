/**
 * Boundaries of the demo's areas: the real 2024 fylker and kommuner (Kartverket, simplified by
 * derive-boundaries.ts), and synthetic bydeler and grunnkretser that tile their real kommune.
 * Like codes and names, the shapes depend only on the scale, never on the data seed.
 */
import type { FeatureCollection } from "geojson";
import { feature } from "topojson-client";
import type { Topology } from "topojson-specification";
import type { boundaries, sources } from "../schema";
import { bboxOf, roundGeometry } from "../../worker/import/simplify";
import topologyJson from "./boundaries/fylker-kommuner.topo.json";
import type { Geography, SubArea } from "./geography";
import { rng } from "./random";
import { type Areal, tile } from "./tiling";

export type BoundaryRow = typeof boundaries.$inferInsert;
export type SourceRow = typeof sources.$inferInsert;

const topo = topologyJson as unknown as Topology & { source: SourceRow };

/** Kartverket's licence travels in the committed file (from the bundled mapping robhop-kommuner). */
export const KARTVERKET_SOURCE: SourceRow = topo.source;

export const SYNTHETIC_GEOMETRY_SOURCE: SourceRow = {
  id: "demo-synthetic-geometry",
  name: "Syntetisk demogeometri – ikke ekte grenser / Synthetic demo geometry – not real boundaries",
  // Shown on maps as "© publisher, licence": the outline is Kartverket's, the division invented.
  publisher: "Kartverket; syntetisk inndeling / synthetic division",
  licence: "CC BY 4.0",
  url: null,
};

function realShapes(name: "fylker" | "kommuner"): Map<string, Areal> {
  const fc = feature(topo, topo.objects[name]!) as unknown as FeatureCollection<Areal>;
  // Decoding the quantized arcs gives binary fractions; round back to the importer's 5 decimals.
  return new Map(fc.features.map((f) => [String(f.id), roundGeometry(f.geometry)!]));
}

const row = (code: string, level: BoundaryRow["level"], geometry: Areal, sourceId: string): BoundaryRow => ({
  code, level, geometry: JSON.stringify(geometry), ...bboxOf(geometry), sourceId,
});

/** Children tile their parent: bydeler a kommune, grunnkretser a bydel (or a kommune without bydeler). */
function* subAreaRows(parentCode: string, parent: Areal, children: SubArea[]): Generator<BoundaryRow> {
  const shapes = tile(parent, children.length, rng("boundary", parentCode).next, `boundary of ${parentCode}`);
  for (const [i, child] of children.entries()) {
    yield row(child.code, child.level, shapes[i]!, SYNTHETIC_GEOMETRY_SOURCE.id);
    if (child.children.length > 0) yield* subAreaRows(child.code, shapes[i]!, child.children);
  }
}

/**
 * One boundary per current area below the country; retired kommune codes get none. Lazy, since
 * the national scale's 14,000 synthetic shapes take a while.
 */
export function* boundaryRows(geo: Geography): Generator<BoundaryRow> {
  const fylker = realShapes("fylker");
  const kommuner = realShapes("kommuner");
  for (const area of geo.areas) {
    if (area.validTo) continue;
    const shape = area.level === "fylke" ? fylker.get(area.code) : area.level === "kommune" ? kommuner.get(area.code) : undefined;
    if (shape) yield row(area.code, area.level, shape, KARTVERKET_SOURCE.id);
  }
  for (const unit of geo.units) {
    if (unit.children.length === 0) continue;
    const shape = kommuner.get(unit.code);
    if (!shape) throw new Error(`no boundary for kommune ${unit.code}`);
    yield* subAreaRows(unit.code, shape, unit.children);
  }
}
