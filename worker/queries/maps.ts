import { and, eq, inArray } from "drizzle-orm";
import { areas, boundaries, childGeometry, childValues, LEVELS, locateTiles } from "../../db/schema";
import type { ChildGeometryBody } from "../api/schemas";
import type { Db } from "../lib/create-app";
import { seriesVersion, tableVersion, type Live } from "../lib/manifest";
import { unpackChildValues, type StoredChildValues } from "../stats/child-values-store";
import { containsPoint, tileOf, type Areal } from "../stats/geo";

/**
 * Where the map of every kommune of Norway is stored in `child_values` and `child_geometry`: not
 * an area code (Norway's own children are the fylker), so it never collides with one.
 */
export const ALL_KOMMUNER_KEY = "0:kommune";

/** One row of values and one row of shapes: a whole choropleth in two reads. */
export async function childMap(db: Db, live: Live, code: string, indicator: string) {
  const version = seriesVersion(live, indicator);
  if (version === undefined) return null;
  const [values, geometry] = await Promise.all([
    db.select({ body: childValues.body }).from(childValues).where(and(eq(childValues.snapshot, version), eq(childValues.code, code), eq(childValues.indicator, indicator))).get(),
    db.select({ body: childGeometry.body }).from(childGeometry).where(and(eq(childGeometry.snapshot, tableVersion(live, "child_geometry")), eq(childGeometry.code, code))).get(),
  ]);
  return values ? { values: unpackChildValues(values.body as StoredChildValues), geometry: (geometry?.body as ChildGeometryBody | undefined) ?? null } : null;
}

/** The areas whose boundaries contain a point: one grid cell's candidates, then exact tests. */
export async function locatePoint(db: Db, live: Live, lon: number, lat: number) {
  const candidates = await db.select({ code: locateTiles.code }).from(locateTiles).where(and(eq(locateTiles.snapshot, tableVersion(live, "locate_tiles")), eq(locateTiles.tile, tileOf(lon, lat)))).all();
  if (candidates.length === 0) return [];
  // D1 binds at most 100 parameters: look the candidates up 90 at a time (a dense city cell can hold hundreds).
  const codes = candidates.map((c) => c.code);
  const shapes: { code: string; geometry: string }[] = [];
  for (let i = 0; i < codes.length; i += 90) {
    shapes.push(...(await db.select({ code: boundaries.code, geometry: boundaries.geometry }).from(boundaries).where(inArray(boundaries.code, codes.slice(i, i + 90))).all()));
  }
  const hits = shapes.filter((s) => containsPoint(JSON.parse(s.geometry) as Areal, lon, lat)).map((s) => s.code);
  if (hits.length === 0) return [];
  const rows = await db.select({ code: areas.code, level: areas.level, name: areas.nameNb }).from(areas).where(inArray(areas.code, hits)).all();
  return rows.sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level));
}
