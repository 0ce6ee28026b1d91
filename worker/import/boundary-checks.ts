import { inArray } from "drizzle-orm";
import type { Position } from "geojson";
import { boundaries } from "../../db/schema";
import type { Areal } from "../stats/geo";
import type { ImportContext } from "./context";
import { areaKm2, boundaryProblems, checkRing, MAX_AREA_OVER_PARENT, MIN_SHARE_INSIDE_PARENT, shareInside } from "./geometry-checks";
import type { Plan } from "./plan";
import type { Level } from "../../db/schema";

/**
 * The importer's side of the geometry checks (the rules are in geometry-checks.ts): each
 * feature's rings and place as it is read, then, with the database at hand, each boundary
 * against its parent's. Every failure is an error naming the file, the feature and the area,
 * so the whole file is rejected and nothing is written, as with any other bad row.
 */

export interface FeatureFindings {
  errors: string[];
  warnings: string[];
}

/** Rings first (a bow-tie's area means nothing), then where the whole boundary lies and how large it is. */
export function checkFeatureGeometry(g: Areal, level: Level): FeatureFindings {
  const errors: string[] = [];
  const warnings: string[] = [];
  const polygons: Position[][][] = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  for (const [p, rings] of polygons.entries()) {
    for (const [r, ring] of rings.entries()) {
      const found = checkRing(ring);
      const label = `${polygons.length > 1 ? `polygon ${p}, ` : ""}ring ${r}`;
      if (found && "error" in found) errors.push(`${label} ${found.error}`);
      else if (found) warnings.push(`${label} ${found.warning}`);
    }
  }
  if (errors.length === 0) errors.push(...boundaryProblems(g, level));
  return { errors, warnings };
}

/** The nearest ancestor of an area that has a boundary (in this file or the database), or null. */
function ancestorWithBoundary(code: string, parentOf: (c: string) => string | null, has: (c: string) => boolean): string | null {
  const seen = new Set<string>();
  for (let p = parentOf(code); p && !seen.has(p); p = parentOf(p)) {
    if (has(p)) return p;
    seen.add(p);
  }
  return null;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * Each boundary of the plan against the boundary of its nearest ancestor that has one: it must
 * not be larger than that (× MAX_AREA_OVER_PARENT) and at least MIN_SHARE_INSIDE_PARENT of it
 * must lie inside. Areas whose ancestors have no boundary yet are checked only against Norway's
 * extent (done as the file was read). Boundaries replaced by this file are compared in their new form.
 */
export async function checkParents(plan: Plan, ctx: ImportContext) {
  if (plan.boundaries.length === 0) return;
  const planned = new Map(plan.boundaries.map((b) => [b.row.code, b]));
  const parents = new Map<string, string | null>();
  for (const a of plan.areas) parents.set(a.row.code, a.row.parentCode ?? null);
  const parentOf = (c: string) => (parents.has(c) ? parents.get(c)! : (ctx.areas.get(c)?.parentCode ?? null));
  const has = (c: string) => planned.has(c) || ctx.boundaryCodes.has(c);

  const ancestors = new Map<string, string>();
  for (const code of planned.keys()) {
    const a = ancestorWithBoundary(code, parentOf, has);
    if (a) ancestors.set(code, a);
  }
  const fromDb = [...new Set(ancestors.values())].filter((c) => !planned.has(c));
  const shapes = new Map<string, Areal>();
  for (let i = 0; i < fromDb.length; i += 90) {
    const rows = await ctx.db.select({ code: boundaries.code, geometry: boundaries.geometry }).from(boundaries).where(inArray(boundaries.code, fromDb.slice(i, i + 90))).all();
    for (const r of rows) shapes.set(r.code, JSON.parse(r.geometry) as Areal);
  }
  const shape = (c: string) => shapes.get(c) ?? (planned.has(c) ? (JSON.parse(planned.get(c)!.row.geometry as string) as Areal) : undefined);
  const areas = new Map<string, number>();
  const areaOf = (c: string, g: Areal) => areas.get(c) ?? areas.set(c, areaKm2(g)).get(c)!;

  for (const [code, parent] of ancestors) {
    const b = planned.get(code)!;
    const child = JSON.parse(b.row.geometry as string) as Areal;
    const outer = shape(parent);
    if (!outer) continue;
    const at = { ...b.at, path: `${b.at.path}.geometry` };
    const childArea = areaOf(code, child);
    const parentArea = areaOf(parent, outer);
    if (childArea > parentArea * MAX_AREA_OVER_PARENT) {
      plan.issues.error(at, "invalid_geometry", `invalid geometry for ${code}: it encloses ${childArea.toFixed(1)} km², more than its parent ${parent} (${parentArea.toFixed(1)} km², at most ×${MAX_AREA_OVER_PARENT} tolerated)`);
      continue;
    }
    const inside = shareInside(child, outer);
    if (inside < MIN_SHARE_INSIDE_PARENT) {
      plan.issues.error(at, "invalid_geometry", `invalid geometry for ${code}: only ${pct(inside)} of it lies inside its parent ${parent} (at least ${pct(MIN_SHARE_INSIDE_PARENT)} must)`);
    }
  }
}
