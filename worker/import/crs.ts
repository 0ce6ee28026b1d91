import proj4 from "proj4";

/**
 * Coordinate systems Norwegian boundary files come in: WGS84 longitude/latitude (also ETRS89,
 * the same to within a metre for a web map) and the UTM zones in ETRS89 that Kartverket and
 * the municipalities publish (EPSG:25832/25833/25835).
 */
const UTM: Record<number, string> = {
  25832: "+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
  25833: "+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
  25835: "+proj=utm +zone=35 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
};
const GEOGRAPHIC = new Set([4326, 4258]);
export const SUPPORTED_CRS = ["EPSG:4326", "EPSG:4258", ...Object.keys(UTM).map((c) => `EPSG:${c}`)];

/** "EPSG:25833", "urn:ogc:def:crs:EPSG::25833", "urn:ogc:def:crs:OGC:1.3:CRS84" → 25833 / 4326. */
export function epsgOf(name: string): number | null {
  if (/CRS84$/i.test(name)) return 4326;
  const m = /EPSG:+(?:[\d.]*:)?(\d+)$/i.exec(name.trim()) ?? /^(\d+)$/.exec(name.trim());
  return m ? Number(m[1]) : null;
}

/** The name in a legacy GeoJSON `crs` member (`{type: "name", properties: {name}}`). */
export function crsMember(json: unknown): string | null {
  const crs = (json as { crs?: { properties?: { name?: unknown } } } | null)?.crs;
  const name = crs?.properties?.name;
  return typeof name === "string" ? name : null;
}

export type Transform = (xy: [number, number]) => [number, number];

/** A function to WGS84 lon/lat, or null when the CRS is not one we read. */
export function toWgs84(epsg: number): Transform | null {
  if (GEOGRAPHIC.has(epsg)) return (xy) => xy;
  const def = UTM[epsg];
  if (!def) return null;
  const converter = proj4(def, "WGS84");
  return (xy) => converter.forward(xy) as [number, number];
}
