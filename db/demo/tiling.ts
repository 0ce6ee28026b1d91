/**
 * Synthetic sub-areas that tile a real boundary: seeded points inside the parent, their Voronoi
 * cells, each clipped to the parent. The pieces cover exactly what the locate endpoint's
 * point-in-polygon test (worker/stats/geo.ts) counts as inside the parent, without gaps or
 * overlaps, so maps and point lookups behave as with real data.
 */
import { Delaunay } from "d3-delaunay";
import type { MultiPolygon, Polygon, Position } from "geojson";
import polygonClipping, { type MultiPolygon as Pieces, type Pair } from "polygon-clipping";
import { bboxOf } from "../../worker/import/simplify";
import { containsPoint } from "../../worker/stats/geo";

export type Areal = Polygon | MultiPolygon;

const polygonsOf = (g: Areal): Position[][][] => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);

/** Candidates per seed point: the one farthest from the seeds so far wins, so pieces come out similar in size. */
const CANDIDATES = 8;
const MAX_TRIES = 100_000;
/** Degrees around the parent's box, so no part of it lies outside the Voronoi diagram after rounding. */
const MARGIN = 0.01;
const EARTH_RADIUS_KM = 6371.0088;

/** Twice the signed area of a ring in plane coordinates. */
function shoelace(ring: readonly Position[]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) twice += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return twice;
}

const planeArea = (pieces: Pieces) =>
  pieces.reduce((s, [outer, ...holes]) => s + Math.abs(shoelace(outer!)) - holes.reduce((h, r) => h + Math.abs(shoelace(r)), 0), 0) / 2;

/**
 * A ring's inside by the even-odd rule, as the point-in-polygon test reads it. polygon-clipping
 * reads a self-crossing ring by the non-zero rule instead (three source rings cross themselves,
 * e.g. Bergen's), so such a ring becomes the XOR of its fan of triangles, whose parity is even-odd.
 */
function oddInside(ring: Pair[]): Pieces {
  const asIs = polygonClipping.union([ring]);
  const simple = Math.abs(planeArea(asIs) - Math.abs(shoelace(ring)) / 2) <= 1e-9 * planeArea(asIs);
  if (simple) return asIs;
  const apex = ring[0]!;
  const fan: Pair[][][] = [];
  // ring[0] = ring[last]; triangles on the two edges at the apex would be flat.
  for (let i = 1; i < ring.length - 2; i++) fan.push([[apex, ring[i]!, ring[i + 1]!, apex]]);
  return polygonClipping.xor([], ...fan);
}

/** What containsPoint() counts as inside, as clean polygons: parts joined, holes cut out. */
function insideRegion(g: Areal): Pieces {
  const parts = polygonsOf(g).map(([outer, ...holes]) => polygonClipping.difference(oddInside(outer as Pair[]), ...holes.map((h) => oddInside(h as Pair[]))));
  return polygonClipping.union([], ...parts);
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/**
 * Splits `parent` into `n` pieces, in the order of their seed points. Longitudes are scaled by
 * cos(latitude) for the Voronoi diagram, so cells are not stretched east–west in the north.
 * Cell corners are rounded to 5 decimals before clipping, so siblings share them exactly; where a
 * cell edge crosses the parent's boundary the crossing keeps full precision, so it lies on that
 * boundary and the pieces tile the parent exactly rather than to the nearest metre.
 */
export function tile(parent: Areal, n: number, random: () => number, label: string): Areal[] {
  if (n === 1) return [parent];
  const b = bboxOf(parent);
  const k = Math.cos((((b.minLat + b.maxLat) / 2) * Math.PI) / 180);

  const inside = (): [number, number] => {
    for (let t = 0; t < MAX_TRIES; t++) {
      const lon = b.minLon + random() * (b.maxLon - b.minLon);
      const lat = b.minLat + random() * (b.maxLat - b.minLat);
      if (containsPoint(parent, lon, lat)) return [lon * k, lat];
    }
    throw new Error(`${label}: found no point inside the boundary in ${MAX_TRIES} tries`);
  };
  const seeds: [number, number][] = [];
  while (seeds.length < n) {
    let best: [number, number] | null = null;
    let bestGap = -1;
    for (let c = 0; c < CANDIDATES; c++) {
      const p = inside();
      const gap = Math.min(...seeds.map(([x, y]) => (x - p[0]) ** 2 + (y - p[1]) ** 2));
      if (gap > bestGap) [best, bestGap] = [p, gap];
    }
    seeds.push(best!);
  }

  const voronoi = Delaunay.from(seeds).voronoi([(b.minLon - MARGIN) * k, b.minLat - MARGIN, (b.maxLon + MARGIN) * k, b.maxLat + MARGIN]);
  const region = insideRegion(parent).map((rings) => ({ rings, box: bboxOf({ type: "Polygon", coordinates: rings }) }));
  return seeds.map((_, i) => {
    const cell = voronoi.cellPolygon(i).map(([x, y]): Pair => [round5(x! / k), round5(y!)]);
    const c = bboxOf({ type: "Polygon", coordinates: [cell] });
    // Islands outside the cell's box cannot meet it; leaving them out keeps clipping fast.
    const near = region.filter(({ box }) => box.minLon <= c.maxLon && box.maxLon >= c.minLon && box.minLat <= c.maxLat && box.maxLat >= c.minLat);
    const pieces = polygonClipping.intersection(near.map((p) => p.rings), [cell]);
    if (pieces.length === 0) throw new Error(`${label}: piece ${i} is empty`);
    return pieces.length === 1 ? { type: "Polygon", coordinates: pieces[0]! } : { type: "MultiPolygon", coordinates: pieces };
  });
}

/**
 * ∬ cos(lat) dlon dlat over a ring whose edges are straight in lon/lat (as clipping makes them), by
 * Green's theorem: exact on the sphere, so the pieces of a tiling add up to the whole.
 */
function ringAreaKm2(ring: readonly Position[]): number {
  const rad = Math.PI / 180;
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [lon1, lat1] = ring[j]!;
    const [lon2, lat2] = ring[i]!;
    const half = ((lat2! - lat1!) * rad) / 2;
    sum += (lon2! - lon1!) * rad * Math.sin(((lat1! + lat2!) * rad) / 2) * (half === 0 ? 1 : Math.sin(half) / half);
  }
  return Math.abs(sum) * EARTH_RADIUS_KM ** 2;
}

/** Area in km²: outer rings minus holes. */
export function areaKm2(g: Areal): number {
  return polygonsOf(g).reduce((s, [outer, ...holes]) => s + ringAreaKm2(outer!) - holes.reduce((h, r) => h + ringAreaKm2(r), 0), 0);
}
