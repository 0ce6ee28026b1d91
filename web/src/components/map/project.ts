import type { MultiPolygon, Polygon, Position } from "geojson";

type Shape = { type: "Feature"; properties: { code: string; name: string }; geometry: Polygon | MultiPolygon };

export interface Projected {
  code: string;
  name: string;
  /** SVG path data, one decimal, every ring closed; draw with fill-rule evenodd (rings may wind either way). */
  d: string;
  /** The shape's area-weighted centre in the box. */
  centroid: [number, number];
}

/**
 * Areas of Norway drawn into a box `width` wide: Transverse Mercator centred on the areas (as
 * Norway's own UTM maps), fitted with `pad` on every side, the height following the areas'
 * shape between 0.4 and `maxAspect` times the width.
 *
 * Each vertex is projected once and the fit is done on the projected points (it is linear in
 * scale and offset), instead of d3-geo's spherical path stream, which for the national map walked
 * every kommune's outline five times with clipping and resampling: a long task of ~1.3 s on a
 * slow phone. Outlines of a few hundred metres between vertices need no resampling, and ring
 * winding does not matter to an SVG filled even-odd.
 */
export function projectShapes(features: readonly Shape[], width: number, pad: number, maxAspect: number): ProjectedMap {
  const steps = projectInSteps(features, width, pad, maxAspect, Infinity);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export interface ProjectedMap {
  height: number;
  shapes: Projected[];
}

/**
 * `projectShapes` for the national map (357 kommuner, tens of thousands of vertices), in slices
 * the browser runs between other work: after every `batch` features it hands back control, so
 * no slice is a long task on a slow phone, and scrolling and typing stay answered meanwhile.
 */
export async function projectShapesInSlices(features: readonly Shape[], width: number, pad: number, maxAspect: number, batch = 40): Promise<ProjectedMap> {
  const steps = projectInSteps(features, width, pad, maxAspect, batch);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTask();
  }
}

/** A new task of the event loop (after input and rendering that are due), not a microtask. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The projection, yielding after every `batch` features of each of its two passes. */
function* projectInSteps(features: readonly Shape[], width: number, pad: number, maxAspect: number, batch: number): Generator<void, ProjectedMap> {
  let west = Infinity;
  let east = -Infinity;
  for (const f of features) forEachRing(f.geometry, (ring) => {
    for (const p of ring) {
      if (p[0]! < west) west = p[0]!;
      if (p[0]! > east) east = p[0]!;
    }
  });
  const lon0 = (west + east) / 2;
  // Projected once: x and y of every vertex, ring by ring, in the order drawn below (the same
  // sums as `transverseMercator`, written out: tens of thousands of vertices, no array each).
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings: Float64Array[][][] = [];
  for (const f of features) {
    if (rings.length > 0 && rings.length % batch === 0) yield;
    const out: Float64Array[][] = [];
    for (const polygon of f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) {
      const projected: Float64Array[] = [];
      for (const ring of polygon) {
        const xy = new Float64Array(ring.length * 2);
        for (let i = 0; i < ring.length; i++) {
          const lambda = (ring[i]![0]! - lon0) * RAD;
          const phi = ring[i]![1]! * RAD;
          const cosPhi = Math.cos(phi);
          const x = Math.atanh(Math.sin(lambda) * cosPhi);
          const y = Math.atan2(-Math.sin(phi), Math.cos(lambda) * cosPhi);
          xy[2 * i] = x;
          xy[2 * i + 1] = y;
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
        projected.push(xy);
      }
      out.push(projected);
    }
    rings.push(out);
  }
  if (!(x1 > x0)) return { height: Math.round(width * 0.4 + 2 * pad), shapes: [] };
  // As d3's fitWidth then fitExtent: the natural height at the box's width, kept within bounds.
  const natural = ((width - 2 * pad) * (y1 - y0)) / (x1 - x0);
  const height = Math.round(Math.min(Math.max(natural, width * 0.4), width * maxAspect) + 2 * pad);
  const [w, h] = [width - 2 * pad, height - 2 * pad];
  const k = Math.min(w / (x1 - x0), y1 > y0 ? h / (y1 - y0) : Infinity);
  const dx = pad + (w - k * (x1 + x0)) / 2;
  const dy = pad + (h - k * (y1 + y0)) / 2;

  const shapes: Projected[] = [];
  for (const [i, f] of features.entries()) {
    if (i > 0 && i % batch === 0) yield;
    let d = "";
    let [area, cx, cy] = [0, 0, 0];
    for (const polygon of rings[i]!) {
      let sign = 0;
      for (const xy of polygon) {
        // In whole tenths of a unit (one decimal in the path, written out by `tenths`).
        let px = NaN;
        let py = NaN;
        let ringArea = 0;
        let mx = 0;
        let my = 0;
        for (let j = 0; j < xy.length; j += 2) {
          const x = Math.round((k * xy[j]! + dx) * 10);
          const y = Math.round((k * xy[j + 1]! + dy) * 10);
          if (j > 0) {
            const cross = px * y - x * py;
            ringArea += cross;
            mx += (px + x) * cross;
            my += (py + y) * cross;
          }
          // Vertices that round to the same tenth of a unit draw nothing: left out.
          if (x === px && y === py) continue;
          d += (j === 0 ? "M" : "L") + tenths(x) + "," + tenths(y);
          px = x;
          py = y;
        }
        d += "Z";
        // A polygon's holes count against its outer ring when they wind the other way (as both
        // GeoJSON and d3 have them): signs are taken relative to the outer ring.
        sign ||= Math.sign(ringArea) || 1;
        area += ringArea * sign;
        cx += mx * sign;
        cy += my * sign;
      }
    }
    // Shoelace: the centroid is the moments over three times the doubled area (back in units).
    const centroid: [number, number] = area !== 0 ? [cx / (3 * area) / 10, cy / (3 * area) / 10] : [NaN, NaN];
    shapes.push({ code: f.properties.code, name: f.properties.name, d, centroid });
  }
  return { height, shapes };
}

const RAD = Math.PI / 180;

/** Whole tenths as a decimal: 1234 → "123.4", 1230 → "123", −5 → "-0.5" (as `String(t / 10)`, but faster: a path has thousands). */
function tenths(t: number): string {
  if (t < 0) return `-${tenths(-t)}`;
  const whole = Math.floor(t / 10);
  const tenth = t - whole * 10;
  return tenth === 0 ? String(whole) : `${whole}.${tenth}`;
}

/**
 * Transverse Mercator about the meridian `lon0`, at unit scale, y growing southwards: what d3-geo's
 * geoTransverseMercator().rotate([-lon0, 0]) gives for a point, up to scale and offset (the fit
 * sets both). test/stats/map-project.test.ts holds it to d3-geo.
 */
export function transverseMercator(lon0: number): (lon: number, lat: number) => [number, number] {
  return (lon, lat) => {
    const lambda = (lon - lon0) * RAD;
    const phi = lat * RAD;
    const cosPhi = Math.cos(phi);
    // The sphere turned a quarter round the view axis (d3's rotate γ = 90°), then Mercator.
    const x = Math.cos(lambda) * cosPhi;
    const y = Math.sin(lambda) * cosPhi;
    const z = Math.sin(phi);
    return [Math.atanh(y), Math.atan2(-z, x)];
  };
}

function forEachRing(g: Polygon | MultiPolygon, fn: (ring: Position[]) => void) {
  for (const polygon of g.type === "Polygon" ? [g.coordinates] : g.coordinates) for (const ring of polygon) fn(ring);
}
