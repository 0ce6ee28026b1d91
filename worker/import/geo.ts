import type { Position } from "geojson";
import { feature } from "topojson-client";
import type { Topology } from "topojson-specification";
import { checkFeatureGeometry } from "./boundary-checks";
import { normaliseCode, parentOf } from "./codes";
import { crsMember, epsgOf, SUPPORTED_CRS, toWgs84, type Transform } from "./crs";
import { ImportFailure, pathKey } from "./issues";
import type { GeoMapping } from "./mapping";
import type { Plan } from "./plan";
import { bboxOf, DEFAULT_MIN_AREA, roundGeometry, simplifyTogether, type AreaGeometry } from "./simplify";

/**
 * Boundaries from GeoJSON or TopoJSON: Polygon or MultiPolygon features, 2-D or 3-D, in WGS84
 * or a Norwegian UTM zone, with the area code in a named property (string or integer). Stored
 * simplified in WGS84, one row per area, so the map fetches an area's children (areas whose
 * parent_code is the area) with one query.
 */

type Feature = { properties?: Record<string, unknown> | null; geometry?: { type?: unknown; coordinates?: unknown } | null };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** TopoJSON → GeoJSON features of one object (named in the mapping, or the only one). */
function topologyFeatures(topo: Record<string, unknown>, file: string, objectName: string | undefined): Feature[] {
  const objects = isObject(topo.objects) ? topo.objects : {};
  const names = Object.keys(objects);
  const name = objectName ?? (names.length === 1 ? names[0] : undefined);
  if (!name || !objects[name]) {
    throw new ImportFailure({ file, path: "$.objects" }, "invalid_mapping", `choose the TopoJSON object with "object" in the mapping (the file has: ${names.join(", ") || "none"})`);
  }
  const fc = feature(topo as unknown as Topology, objects[name] as never) as unknown as { features?: Feature[] };
  return fc.features ?? [fc as Feature];
}

/** Checks rings and positions and converts them to lon/lat; returns an error text or the rings. */
function readPolygon(rings: unknown, transform: Transform): Position[][] | string {
  if (!Array.isArray(rings) || rings.length === 0) return "a polygon needs at least one ring";
  const out: Position[][] = [];
  for (const [r, ring] of rings.entries()) {
    if (!Array.isArray(ring) || ring.length < 4) return `ring ${r} has ${Array.isArray(ring) ? ring.length : 0} positions; a ring needs at least 4`;
    const positions: Position[] = [];
    for (const p of ring) {
      if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return `ring ${r} has a position that is not two numbers: ${JSON.stringify(p)}`;
      // A third (height) coordinate carries nothing a map needs.
      const [lon, lat] = transform([p[0], p[1]]);
      if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
        return `position (${p[0]}, ${p[1]}) is not longitude/latitude: give the file's CRS (${SUPPORTED_CRS.join(", ")}) in the mapping's "crs"`;
      }
      positions.push([lon, lat]);
    }
    const first = positions[0]!;
    const last = positions[positions.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) return `ring ${r} is not closed (its first and last positions differ)`;
    out.push(positions);
  }
  return out;
}

function readGeometry(geometry: Feature["geometry"], transform: Transform): AreaGeometry | string {
  if (!geometry) return "the feature has no geometry";
  if (geometry.type === "Polygon") {
    const rings = readPolygon(geometry.coordinates, transform);
    return typeof rings === "string" ? rings : { type: "Polygon", coordinates: rings };
  }
  if (geometry.type === "MultiPolygon") {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) return "a MultiPolygon needs at least one polygon";
    const polygons: Position[][][] = [];
    for (const [i, p] of geometry.coordinates.entries()) {
      const rings = readPolygon(p, transform);
      if (typeof rings === "string") return `polygon ${i}: ${rings}`;
      polygons.push(rings);
    }
    return { type: "MultiPolygon", coordinates: polygons };
  }
  return `geometry type ${JSON.stringify(geometry.type)} is not a Polygon or MultiPolygon`;
}

export function geoToPlan(json: unknown, mapping: GeoMapping, plan: Plan) {
  const { file, issues } = plan;
  if (!isObject(json)) throw new ImportFailure({ file, path: "$" }, "unreadable", "not a GeoJSON or TopoJSON object");
  const features: Feature[] =
    json.type === "Topology" ? topologyFeatures(json, file, mapping.object) : json.type === "FeatureCollection" && Array.isArray(json.features) ? (json.features as Feature[]) : json.type === "Feature" ? [json as Feature] : [];
  if (features.length === 0) throw new ImportFailure({ file, path: "$" }, "unreadable", `expected a FeatureCollection or Topology with features (type is ${JSON.stringify(json.type)})`);

  const declared = crsMember(json);
  const crsName = declared ?? mapping.crs ?? "EPSG:4326";
  const epsg = epsgOf(crsName);
  if (declared && mapping.crs && epsgOf(mapping.crs) !== epsg) {
    throw new ImportFailure({ file, path: "$.crs" }, "invalid_mapping", `the file says its CRS is ${declared} but the mapping says ${mapping.crs}`);
  }
  const transform = epsg === null ? null : toWgs84(epsg);
  if (!transform) throw new ImportFailure({ file, path: declared ? "$.crs" : "$" }, "invalid_geometry", `unsupported CRS ${crsName} (supported: ${SUPPORTED_CRS.join(", ")})`);
  if (epsg !== 4326) plan.notes.push(`reprojected from EPSG:${epsg} to WGS84`);

  const codes: string[] = [];
  const geometries: AreaGeometry[] = [];
  const paths: string[] = [];
  const seen = new Map<string, string>();
  const names = mapping.createAreas ? [mapping.createAreas.name].flat() : [];
  for (const [i, f] of features.entries()) {
    plan.rowsRead++;
    const path = json.type === "Topology" ? `$.objects${pathKey(mapping.object ?? Object.keys(json.objects as object)[0]!)}.geometries[${i}]` : `$.features[${i}]`;
    const props = f.properties ?? {};
    const raw = props[mapping.code.property];
    if (raw === undefined || raw === null || raw === "") {
      issues.error({ file, path: `${path}.properties`, column: mapping.code.property }, "invalid_area_code", `no area code in property "${mapping.code.property}"`);
      continue;
    }
    const code = normaliseCode(raw, mapping.code);
    if ("excluded" in code) {
      plan.rowsSkipped++;
      continue;
    }
    const geometry = readGeometry(f.geometry, transform);
    if (typeof geometry === "string") {
      issues.error({ file, path: `${path}.geometry` }, "invalid_geometry", `invalid geometry for ${code.code}: ${geometry}`);
      continue;
    }
    // Every reason is listed: a user fixing the file sees all of them at once.
    const findings = checkFeatureGeometry(geometry, mapping.level);
    for (const w of findings.warnings) issues.warn({ file, path: `${path}.geometry` }, "invalid_geometry", `geometry of ${code.code}: ${w}`);
    if (findings.errors.length > 0 || !findings.geometry) {
      for (const e of findings.errors) issues.error({ file, path: `${path}.geometry` }, "invalid_geometry", `invalid geometry for ${code.code}: ${e}`);
      continue;
    }
    const earlier = seen.get(code.code);
    if (earlier) {
      issues.error({ file, path, column: mapping.code.property }, "duplicate_key", `area ${code.code} has a second feature (the first is ${earlier})`);
      continue;
    }
    seen.set(code.code, path);
    codes.push(code.code);
    geometries.push(findings.geometry);
    paths.push(path);
    if (mapping.createAreas) {
      // Without a name the area can only be one the database already knows (validation checks).
      const name = names.map((n) => String(props[n] ?? "").trim()).find((n) => n !== "") ?? "";
      const parentCode = parentOf(code.code, mapping.createAreas.parent, (c) => props[c]);
      plan.areas.push({ mode: "create", at: { file, path: `${path}.properties`, column: names[0] }, row: { code: code.code, level: mapping.level, parentCode, nameNb: name, validFrom: mapping.createAreas.validFrom } });
    }
  }
  if (!issues.ok) return;

  const simplified = simplifyTogether(geometries, mapping.minArea ?? DEFAULT_MIN_AREA[mapping.level]);
  for (const [i, code] of codes.entries()) {
    let geometry = simplified[i];
    if (!geometry) {
      // Smaller than the simplification threshold: keep it unsimplified rather than lose it.
      geometry = roundGeometry(geometries[i]!);
      issues.warn({ file, path: paths[i] }, "invalid_geometry", `area ${code} is smaller than the simplification threshold; stored unsimplified`);
    }
    if (!geometry) {
      issues.error({ file, path: `${paths[i]}.geometry` }, "invalid_geometry", `invalid geometry for ${code}: nothing is left after rounding to 5 decimals`);
      continue;
    }
    plan.boundaries.push({ at: { file, path: paths[i] }, row: { code, level: mapping.level, geometry: JSON.stringify(geometry), ...bboxOf(geometry), sourceId: plan.source?.id ?? null } });
  }
}
