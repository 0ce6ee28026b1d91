import type { Position } from "geojson";
import polygonClipping, { type Geom, type MultiPolygon as Pieces, type Pair } from "polygon-clipping";
import type { Level } from "../../db/schema";
import { bboxOf, MAX_TILES, tileCount, type Areal, type BBox } from "../stats/geo";

/**
 * Checks that a boundary is a plausible Norwegian area before it is stored: rings that are real
 * rings, a place inside Norway, a size its level can have, and a place inside its parent. Pure
 * functions on WGS84 lon/lat; the importer (worker/import/boundary-checks.ts) applies them and
 * reports each failure with the file and feature. The numbers are documented in docs/IMPORTING.md.
 */

/**
 * Where Norwegian areas can lie, in degrees, with about half a degree of margin around the
 * land and the territorial sea: the mainland (4.5–31.2° E, 57.9–71.2° N), Svalbard
 * (10.5–33.6° E, 74.3–80.9° N, incl. Bjørnøya) and Jan Mayen (9.1–7.9° W, 70.8–71.2° N). A
 * boundary's bounding box must fit in one of them.
 */
export const NORWAY_EXTENT: readonly (BBox & { name: string })[] = [
  { name: "mainland", minLon: 3, maxLon: 33, minLat: 57, maxLat: 72 },
  { name: "Svalbard", minLon: 9, maxLon: 35, minLat: 73.5, maxLat: 81.5 },
  { name: "Jan Mayen", minLon: -10, maxLon: -7, minLat: 70.5, maxLat: 71.5 },
];

/**
 * Largest area a boundary of each level may enclose, km². Norway with Svalbard and Jan Mayen is
 * 385,207 km²; the largest real boundaries in db/real are Innlandet (51,767 km²) and Kautokeino
 * (9,638 km²). The caps are twice those (about 1.5 × Norway for the country, whose boundary may
 * include the sea); a bydel or grunnkrets lies in its kommune, so it gets the kommune's cap and
 * the parent rule below bounds it more tightly.
 */
export const MAX_AREA_KM2: Record<Level, number> = {
  country: 600_000,
  fylke: 110_000,
  kommune: 20_000,
  bydel: 20_000,
  grunnkrets: 20_000,
};

/**
 * At least this share of a child's area must lie inside its parent's boundary. Boundaries from
 * different sources and simplifications do not nest exactly: in db/real, 80.5 % of Gamle Oslo
 * (Oslo kommune's file) lies inside Oslo (Kartverket's, simplified), 88 % of Utsira inside
 * Rogaland; a 95 % rule would reject them. Half catches a child filed under the wrong parent or
 * drawn somewhere else, which lies (almost) wholly outside.
 */
export const MIN_SHARE_INSIDE_PARENT = 0.5;
/** A child's area may exceed its parent's by at most this factor (boundaries from different sources differ a little). */
export const MAX_AREA_OVER_PARENT = 1.05;
/**
 * A boundary whose rings cross themselves is rejected when the loops the crossings make change
 * its area by more than this share (a bow-tie: 100 %). Kartverket's boundaries as robhop
 * simplified them have 24 rings with small loops where simplification folded a narrow inlet, and
 * Oslo's bydel file an islet drawn as a tiny bow-tie: at most 0.57 % of a boundary's area (an
 * islet of 1818 Herøy); those are reported as warnings and kept.
 */
export const MAX_SELF_CROSSING_SHARE = 0.02;

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

const polygonsOf = (g: Areal): Position[][][] => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);

/** Signed area of a ring on the sphere, km² (the formula d3-geo and turf use; exact enough below a few degrees). */
function ringAreaKm2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [lon1, lat1] = ring[j]!;
    const [lon2, lat2] = ring[i]!;
    sum += (lon2! - lon1!) * RAD * (2 + Math.sin(lat1! * RAD) + Math.sin(lat2! * RAD));
  }
  return (sum * EARTH_RADIUS_KM * EARTH_RADIUS_KM) / 2;
}

/** Area of a (multi)polygon, km²: outer rings minus holes, whichever way they wind. */
export function areaKm2(g: Areal | Pieces): number {
  const polygons = Array.isArray(g) ? (g as Position[][][]) : polygonsOf(g);
  let total = 0;
  for (const [outer, ...holes] of polygons) {
    if (!outer) continue;
    total += Math.abs(ringAreaKm2(outer)) - holes.reduce((s, h) => s + Math.abs(ringAreaKm2(h)), 0);
  }
  return total;
}

const orient = (a: Position, b: Position, c: Position) => {
  const v = (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
};

/** Whether collinear segments ab and cd share more than a point. */
function overlapCollinear(a: Position, b: Position, c: Position, d: Position): boolean {
  const axis = Math.abs(b[0]! - a[0]!) >= Math.abs(b[1]! - a[1]!) ? 0 : 1;
  const [lo1, hi1] = [Math.min(a[axis]!, b[axis]!), Math.max(a[axis]!, b[axis]!)];
  const [lo2, hi2] = [Math.min(c[axis]!, d[axis]!), Math.max(c[axis]!, d[axis]!)];
  return Math.min(hi1, hi2) > Math.max(lo1, lo2);
}

/**
 * Two segments of one ring cross (each passes through the other's interior) or run along each
 * other. Touching at a point (a ring that pinches at a vertex) is allowed: boundary files have
 * such rings, and the point-in-polygon test reads them well.
 */
function segmentsConflict(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  return o1 === 0 && o2 === 0 && o3 === 0 && o4 === 0 && overlapCollinear(a, b, c, d);
}

/**
 * The first pair of segments of a ring that cross, or null. The segments are put into a grid of
 * 2√n × 2√n cells over the ring's box (each into the cells its own box covers) and compared only
 * with those sharing a cell; the few long segments that would cover many cells are compared with
 * all. About linear for real boundaries, whose segments are short (a ring of 20,000 vertices takes
 * tens of milliseconds); O(n²) only for a ring whose long segments all lie over each other.
 */
export function selfCrossing(ring: readonly Position[]): { i: number; j: number; at: Position } | null {
  const n = ring.length - 1; // segments; the ring is closed
  if (n < 3) return null;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x! < minX) minX = x!;
    if (x! > maxX) maxX = x!;
    if (y! < minY) minY = y!;
    if (y! > maxY) maxY = y!;
  }
  const side = Math.max(1, Math.ceil(2 * Math.sqrt(n)));
  const w = (maxX - minX) / side || 1, h = (maxY - minY) / side || 1;
  const col = (x: number) => Math.min(side - 1, Math.floor((x - minX) / w));
  const row = (y: number) => Math.min(side - 1, Math.floor((y - minY) / h));
  const cells = new Map<number, number[]>();
  const long: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = ring[i]!, b = ring[i + 1]!;
    const spans = (col(Math.max(a[0]!, b[0]!)) - col(Math.min(a[0]!, b[0]!)) + 1) * (row(Math.max(a[1]!, b[1]!)) - row(Math.min(a[1]!, b[1]!)) + 1);
    if (spans > LONG_SEGMENT_CELLS) {
      long.push(i);
      continue;
    }
    for (let cx = col(Math.min(a[0]!, b[0]!)); cx <= col(Math.max(a[0]!, b[0]!)); cx++) {
      for (let cy = row(Math.min(a[1]!, b[1]!)); cy <= row(Math.max(a[1]!, b[1]!)); cy++) {
        const key = cx * side + cy;
        const list = cells.get(key);
        if (list) list.push(i);
        else cells.set(key, [i]);
      }
    }
  }
  const test = (i: number, k: number) => {
    // Neighbours share an endpoint by construction.
    if (i === k || Math.abs(k - i) === 1 || Math.abs(k - i) === n - 1) return null;
    const a = ring[i]!, b = ring[i + 1]!, c = ring[k]!, d = ring[k + 1]!;
    if (Math.max(a[0]!, b[0]!) < Math.min(c[0]!, d[0]!) || Math.max(c[0]!, d[0]!) < Math.min(a[0]!, b[0]!)) return null;
    if (Math.max(a[1]!, b[1]!) < Math.min(c[1]!, d[1]!) || Math.max(c[1]!, d[1]!) < Math.min(a[1]!, b[1]!)) return null;
    return segmentsConflict(a, b, c, d) ? { i: Math.min(i, k), j: Math.max(i, k), at: crossingPoint(a, b, c, d) } : null;
  };
  for (const list of cells.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const found = test(list[x]!, list[y]!);
        if (found) return found;
      }
    }
  }
  for (const i of long) {
    for (let k = 0; k < n; k++) {
      const found = test(i, k);
      if (found) return found;
    }
  }
  return null;
}

/** A segment whose box covers more grid cells than this is compared with every segment instead. */
const LONG_SEGMENT_CELLS = 16;

function crossingPoint(a: Position, b: Position, c: Position, d: Position): Position {
  const den = (a[0]! - b[0]!) * (c[1]! - d[1]!) - (a[1]! - b[1]!) * (c[0]! - d[0]!);
  if (den === 0) return [a[0]!, a[1]!];
  const t = ((a[0]! - c[0]!) * (c[1]! - d[1]!) - (a[1]! - c[1]!) * (c[0]! - d[0]!)) / den;
  return [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
}

const show = (x: number) => String(Math.round(x * 1e5) / 1e5);

/**
 * How much a ring's crossings change its area, km²: its cleaned-up region (polygon-clipping's
 * union) against its signed area, in which loops wound the other way count negatively. 0 for a
 * simple ring; a symmetric bow-tie's whole region.
 */
export function loopChangeKm2(ring: readonly Position[]): number {
  const signed = Math.abs(ringAreaKm2(ring));
  try {
    return Math.abs(areaKm2(polygonClipping.union([ring as Pair[]])) - signed);
  } catch {
    return Infinity;
  }
}

/** Within this many degrees (about a centimetre) of a line counts as on it: collinear points rarely come out exactly so in floating point. */
const ON_LINE_DEGREES = 1e-7;

/** Whether every position lies on the line through the first one and the one farthest from it. */
function onOneLine(ring: readonly Position[]): boolean {
  const [x0, y0] = ring[0]!;
  let far = ring[0]!;
  let best = 0;
  for (const p of ring) {
    const d = Math.hypot(p[0]! - x0!, p[1]! - y0!);
    if (d > best) (best = d), (far = p);
  }
  if (best === 0) return true;
  const [dx, dy] = [far[0]! - x0!, far[1]! - y0!];
  return ring.every((p) => Math.abs(dx * (p[1]! - y0!) - dy * (p[0]! - x0!)) / best <= ON_LINE_DEGREES);
}

/** `degenerate`: the ring holds no area at all; `crossing`: where it crosses itself and the area its loops change. */
export type RingCheck = { degenerate: string } | { crossing: string; changedKm2: number } | null;

/** How many distinct positions a ring has, counting no further than 3. */
function distinctUpTo3(ring: readonly Position[]): number {
  const seen: Position[] = [];
  for (const p of ring) {
    if (!seen.some((q) => q[0] === p[0] && q[1] === p[1])) seen.push(p);
    if (seen.length === 3) break;
  }
  return seen.length;
}

/** What is wrong with one closed ring of finite lon/lat positions: fewer than three distinct corners, no area, or a crossing of itself. */
export function checkRing(ring: readonly Position[]): RingCheck {
  const distinct = distinctUpTo3(ring);
  if (distinct < 3) return { degenerate: `has ${distinct} distinct position${distinct === 1 ? "" : "s"}; a ring needs at least 3 corners` };
  if (onOneLine(ring)) return { degenerate: "encloses no area (its positions lie on one line)" };
  const crossing = selfCrossing(ring);
  if (!crossing) return null;
  return { crossing: `crosses itself near (${show(crossing.at[0]!)}, ${show(crossing.at[1]!)}) (segments ${crossing.i} and ${crossing.j})`, changedKm2: loopChangeKm2(ring) };
}

/** The extent box a bounding box fits in, or null when it lies (partly) outside Norway. */
export function extentOf(b: BBox) {
  return NORWAY_EXTENT.find((e) => b.minLon >= e.minLon && b.maxLon <= e.maxLon && b.minLat >= e.minLat && b.maxLat <= e.maxLat) ?? null;
}

const fmtKm2 = (x: number) => (x >= 10 ? Math.round(x).toLocaleString("en-GB") : x.toPrecision(2));
const bboxText = (b: BBox) => `${show(b.minLon)}–${show(b.maxLon)}° E, ${show(b.minLat)}–${show(b.maxLat)}° N`;

/** Problems of a whole boundary on its own: where it lies, how large it is, how many grid cells it covers. */
export function boundaryProblems(g: Areal, level: Level): string[] {
  const out: string[] = [];
  const b = bboxOf(g);
  if (!extentOf(b)) {
    out.push(`lies outside Norway (its box is ${bboxText(b)}; allowed: ${NORWAY_EXTENT.map((e) => `${e.name} ${bboxText(e)}`).join(", ")})`);
  }
  const area = areaKm2(g);
  if (area > MAX_AREA_KM2[level]) out.push(`encloses ${fmtKm2(area)} km², more than any ${level} can (at most ${fmtKm2(MAX_AREA_KM2[level])} km²)`);
  const tiles = tileCount(b);
  if (tiles > MAX_TILES[level]) out.push(`its box covers ${tiles.toLocaleString("en-GB")} cells of the locate grid, more than a ${level} may (${MAX_TILES[level].toLocaleString("en-GB")})`);
  return out;
}

const asGeom = (g: Areal) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates) as unknown as Geom;
const overlaps = (a: BBox, b: BBox) => a.minLon <= b.maxLon && b.minLon <= a.maxLon && a.minLat <= b.maxLat && b.minLat <= a.maxLat;

/** The parts of a parent whose boxes meet the child's box: intersecting with them gives the same area, faster. */
function nearParts(parent: Areal, box: BBox): Geom {
  const parts = polygonsOf(parent).filter((rings) => rings[0] && overlaps(bboxOf({ type: "Polygon", coordinates: rings }), box));
  return parts as unknown as Geom;
}

/**
 * Even-odd point-in-polygon over all rings of a boundary (as containsPoint reads a valid one),
 * with the edges bucketed by latitude band, so a query looks at a band's edges, not all of them.
 */
class PointIndex {
  private readonly bands: number[][];
  private readonly minLat: number;
  private readonly height: number;

  constructor(g: Areal) {
    const b = bboxOf(g);
    let edges = 0;
    for (const rings of polygonsOf(g)) for (const ring of rings) edges += ring.length;
    const n = Math.max(1, Math.min(512, Math.ceil(edges / 8)));
    this.minLat = b.minLat;
    this.height = (b.maxLat - b.minLat) / n || 1;
    this.bands = Array.from({ length: n }, () => []);
    for (const rings of polygonsOf(g)) {
      for (const ring of rings) {
        for (let i = 1; i < ring.length; i++) {
          const [x1, y1] = ring[i - 1]!, [x2, y2] = ring[i]!;
          for (let k = this.band(Math.min(y1!, y2!)); k <= this.band(Math.max(y1!, y2!)); k++) this.bands[k]!.push(x1!, y1!, x2!, y2!);
        }
      }
    }
  }

  private band(lat: number) {
    return Math.max(0, Math.min(this.bands.length - 1, Math.floor((lat - this.minLat) / this.height)));
  }

  /** Whether the box of any edge meets a box (then the border may pass through it). */
  edgeMeets(b: BBox): boolean {
    if (b.maxLat < this.minLat || b.minLat > this.minLat + this.height * this.bands.length) return false;
    for (let k = this.band(b.minLat); k <= this.band(b.maxLat); k++) {
      const e = this.bands[k]!;
      for (let i = 0; i < e.length; i += 4) {
        const x1 = e[i]!, y1 = e[i + 1]!, x2 = e[i + 2]!, y2 = e[i + 3]!;
        if (Math.max(x1, x2) < b.minLon || Math.min(x1, x2) > b.maxLon || Math.max(y1, y2) < b.minLat || Math.min(y1, y2) > b.maxLat) continue;
        return true;
      }
    }
    return false;
  }

  contains(lon: number, lat: number): boolean {
    const e = this.bands[this.band(lat)]!;
    let inside = false;
    for (let i = 0; i < e.length; i += 4) {
      const x1 = e[i]!, y1 = e[i + 1]!, x2 = e[i + 2]!, y2 = e[i + 3]!;
      if (y1 > lat !== y2 > lat && lon < ((x2 - x1) * (lat - y1)) / (y2 - y1) + x1) inside = !inside;
    }
    return inside;
  }
}

const indexes = new WeakMap<Areal, PointIndex>();
const indexOf = (g: Areal) => indexes.get(g) ?? indexes.set(g, new PointIndex(g)).get(g)!;

/** Points of a 24 × 24 grid over the child's box that fall inside it (cell centres), as [lon, lat] pairs. */
const GRID = 24;
function samplePoints(child: Areal): number[] {
  const b = bboxOf(child);
  const idx = new PointIndex(child);
  const out: number[] = [];
  for (let i = 0; i < GRID; i++) {
    for (let j = 0; j < GRID; j++) {
      const lon = b.minLon + ((i + 0.5) / GRID) * (b.maxLon - b.minLon);
      const lat = b.minLat + ((j + 0.5) / GRID) * (b.maxLat - b.minLat);
      if (idx.contains(lon, lat)) out.push(lon, lat);
    }
  }
  return out;
}

/** Fewer sample points than this inside a child (a thin sliver): measure exactly instead. */
const MIN_SAMPLES = 50;
/** Sampled shares this close to the threshold are measured exactly. */
const SAMPLE_MARGIN = 0.1;

/**
 * The share of a child's area that lies inside a parent's boundary (0–1). A child whose box the
 * parent's border stays clear of is wholly in or out (one point decides); others are estimated from a grid
 * of points over the child (each tested against the parent with a banded index), which is fast
 * and, for a threshold of one half, far more precise than needed; a child with too few points or
 * an estimate near the threshold gets the exact intersection (polygon-clipping).
 */
export function shareInside(child: Areal, parent: Areal): number {
  const cb = bboxOf(child);
  if (!overlaps(cb, bboxOf(parent))) return 0;
  const index = indexOf(parent);
  if (!index.edgeMeets(cb)) {
    // The parent's border stays clear of the child's box, so the box is wholly inside or wholly outside.
    const [lon, lat] = polygonsOf(child)[0]![0]![0]!;
    return index.contains(lon!, lat!) ? 1 : 0;
  }
  const points = samplePoints(child);
  const n = points.length / 2;
  if (n >= MIN_SAMPLES) {
    let inside = 0;
    for (let i = 0; i < points.length; i += 2) if (index.contains(points[i]!, points[i + 1]!)) inside++;
    const share = inside / n;
    if (Math.abs(share - MIN_SHARE_INSIDE_PARENT) > SAMPLE_MARGIN) return share;
  }
  const childArea = areaKm2(child);
  if (childArea === 0) return 1;
  const near = nearParts(parent, cb);
  if ((near as unknown[]).length === 0) return 0;
  try {
    return Math.min(1, areaKm2(polygonClipping.intersection(asGeom(child), near)) / childArea);
  } catch {
    // polygon-clipping gives up on some degenerate inputs; the other checks still hold, so do not block on it.
    return 1;
  }
}
