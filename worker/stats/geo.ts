import type { Geometry, MultiPolygon, Polygon, Position } from "geojson";
import type { Level } from "../../db/schema";

export type Areal = Polygon | MultiPolygon;

export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** Grid size of the locate index, in degrees. */
export const TILE_DEGREES = 0.1;

/**
 * Grid cells of the locate index a boundary's bounding box may cover. Measured on the real
 * boundaries in db/real: the largest kommune box (Kautokeino) covers 455 cells, the largest fylke
 * box (Nordland) 2,925. The caps are about four times those; a bydel or grunnkrets lies in its
 * kommune, so it gets the kommune's cap; the country's is Norway's mainland box (30° × 15°). The
 * importer rejects a boundary over its cap, and the tile builder skips one, so a boundary stored
 * before these checks cannot fill the index with millions of rows (a whole-world polygon: 6.5
 * million cells).
 */
export const MAX_TILES: Record<Level, number> = {
  country: Math.round((30 / TILE_DEGREES) * (15 / TILE_DEGREES)),
  fylke: 12_000,
  kommune: 2_000,
  bydel: 2_000,
  grunnkrets: 2_000,
};

/** Grid cells of the locate index a bounding box touches (as tilesOf lists them), without listing them. */
export function tileCount(b: BBox): number {
  const nx = Math.floor(b.maxLon / TILE_DEGREES) - Math.floor(b.minLon / TILE_DEGREES) + 1;
  const ny = Math.floor(b.maxLat / TILE_DEGREES) - Math.floor(b.minLat / TILE_DEGREES) + 1;
  return Math.max(0, nx) * Math.max(0, ny);
}

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
