import { geoArea } from "d3-geo";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";

/**
 * d3-geo draws spherical polygons and reads a ring's winding to tell inside from outside: the
 * exterior ring must run clockwise. GeoJSON (RFC 7946) asks for the opposite, and sources differ,
 * so a polygon that d3 would read as "the whole globe except this area" is reversed.
 */
export function rewindForD3<F extends Feature<Polygon | MultiPolygon>>(feature: F): F {
  const fix = (rings: Position[][]): Position[][] =>
    geoArea({ type: "Polygon", coordinates: rings }) > 2 * Math.PI ? rings.map((ring) => [...ring].reverse()) : rings;
  const g = feature.geometry;
  const geometry: Polygon | MultiPolygon =
    g.type === "Polygon" ? { type: "Polygon", coordinates: fix(g.coordinates) } : { type: "MultiPolygon", coordinates: g.coordinates.map(fix) };
  return { ...feature, geometry };
}
