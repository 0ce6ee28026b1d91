import type { Geometry, MultiPolygon, Polygon, Position } from "geojson";

export type Areal = Polygon | MultiPolygon;

export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** Grid size of the locate index, in degrees. */
export const TILE_DEGREES = 0.1;

const polygonsOf = (g: Areal): Position[][][] => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);

export function isAreal(g: Geometry): g is Areal {
  return g.type === "Polygon" || g.type === "MultiPolygon";
}

export function bboxOf(g: Areal): BBox {
  const b = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const polygon of polygonsOf(g)) {
    for (const [lon, lat] of polygon[0] ?? []) {
      if (lon! < b.minLon) b.minLon = lon!;
      if (lon! > b.maxLon) b.maxLon = lon!;
      if (lat! < b.minLat) b.minLat = lat!;
      if (lat! > b.maxLat) b.maxLat = lat!;
    }
  }
  return b;
}

/** Even-odd ray casting on one ring. */
function inRing(lon: number, lat: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a WGS84 point lies in a polygon (outer ring minus holes) or any part of a multipolygon. */
export function containsPoint(g: Areal, lon: number, lat: number): boolean {
  return polygonsOf(g).some((rings) => rings.length > 0 && inRing(lon, lat, rings[0]!) && !rings.slice(1).some((hole) => inRing(lon, lat, hole)));
}

export function tileOf(lon: number, lat: number): string {
  return `${Math.floor(lon / TILE_DEGREES)}:${Math.floor(lat / TILE_DEGREES)}`;
}

/** Every grid cell a bounding box touches; a point's candidates are the boundaries of its cell. */
export function tilesOf(b: BBox): string[] {
  const out: string[] = [];
  for (let x = Math.floor(b.minLon / TILE_DEGREES); x <= Math.floor(b.maxLon / TILE_DEGREES); x++) {
    for (let y = Math.floor(b.minLat / TILE_DEGREES); y <= Math.floor(b.maxLat / TILE_DEGREES); y++) out.push(`${x}:${y}`);
  }
  return out;
}
