import type { MultiPolygon, Polygon, Position } from "geojson";
import { feature } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, simplify, sphericalTriangleArea } from "topojson-simplify";
import type { Objects, Topology } from "topojson-specification";
import type { Level } from "../../db/schema";

/**
 * Simplification for the web map. All features of a file go into one topology, so a border
 * shared by two areas is simplified once and both sides keep meeting exactly (no slivers or
 * gaps). A vertex survives when the triangle it spans with its neighbours is at least
 * `minArea` square metres; the defaults keep a level's map of children to a few hundred KB.
 */
export const DEFAULT_MIN_AREA: Record<Level, number> = { country: 1_000_000, fylke: 200_000, kommune: 50_000, bydel: 2_000, grunnkrets: 500 };

/** Five decimals of a degree are about a metre: finer than any boundary file is accurate. */
const DECIMALS = 5;
const EARTH_RADIUS_M = 6_371_008.8;

export type AreaGeometry = Polygon | MultiPolygon;

const round = (x: number) => Math.round(x * 10 ** DECIMALS) / 10 ** DECIMALS;

function cleanRing(ring: Position[]): Position[] | null {
  const out: Position[] = [];
  for (const p of ring) {
    const q = [round(p[0]!), round(p[1]!)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out.length >= 4 ? out : null;
}

/** Rounds, drops repeated points and rings that collapsed; null when nothing is left. */
export function roundGeometry(g: AreaGeometry): AreaGeometry | null {
  const polygons = (g.type === "Polygon" ? [g.coordinates] : g.coordinates)
    .map((rings) => {
      const outer = cleanRing(rings[0] ?? []);
      if (!outer) return null;
      return [outer, ...rings.slice(1).map(cleanRing).filter((r): r is Position[] => r !== null)];
    })
    .filter((p): p is Position[][] => p !== null);
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0]! } : { type: "MultiPolygon", coordinates: polygons };
}

/** Simplifies geometries (WGS84) together; returns them in the same order. */
export function simplifyTogether(geometries: AreaGeometry[], minArea: number): (AreaGeometry | null)[] {
  const collection = {
    type: "FeatureCollection" as const,
    features: geometries.map((geometry, i) => ({ type: "Feature" as const, id: i, properties: {}, geometry })),
  };
  const topo = presimplify(topology({ areas: collection }) as unknown as Topology<Objects<{}>>, sphericalTriangleArea);
  const simplified = simplify(topo, minArea / EARTH_RADIUS_M ** 2);
  const back = feature(simplified, simplified.objects.areas!) as unknown as { features: { geometry: AreaGeometry | null }[] };
  return back.features.map((f) => (f.geometry ? roundGeometry(f.geometry) : null));
}

export function bboxOf(g: AreaGeometry) {
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  for (const rings of polygons)
    for (const ring of rings)
      for (const [lon, lat] of ring) {
        minLon = Math.min(minLon, lon!);
        maxLon = Math.max(maxLon, lon!);
        minLat = Math.min(minLat, lat!);
        maxLat = Math.max(maxLat, lat!);
      }
  return { minLon, minLat, maxLon, maxLat };
}
