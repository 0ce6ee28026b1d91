import { inArray } from "drizzle-orm";
import type { Position } from "geojson";
import { boundaries } from "../../db/schema";
import type { Areal } from "../stats/geo";
import type { ImportContext } from "./context";
import { areaKm2, boundaryProblems, checkRing, MAX_AREA_OVER_PARENT, MAX_SELF_CROSSING_SHARE, MIN_SHARE_INSIDE_PARENT, shareInside } from "./geometry-checks";
import type { Plan } from "./plan";
import type { Level } from "../../db/schema";

/**
 * The importer's side of the geometry checks (the rules are in geometry-checks.ts): each
 * feature's rings and place as it is read, then, with the database at hand, each boundary
 * against its parent's. Every failure is an error naming the file, the feature and the area,
 * so the whole file is rejected and nothing is written, as with any other bad row.
 */

export interface FeatureFindings {
  /** The geometry without rings that hold no area; null when nothing is left. */
  geometry: Areal | null;
  errors: string[];
  warnings: string[];
}

/**
 * Rings first (a bow-tie's area means nothing), then where the whole boundary lies and how large
 * it is. A ring that holds no area (one repeated point, points on a line) is dropped with a
 * warning when the feature keeps other parts — real files have such slivers, e.g. islets that
 * collapsed to one point at four decimals in Oslo's bydel file — and is an error when nothing else is left.
 */
export function checkFeatureGeometry(g: Areal, level: Level): FeatureFindings {
  const errors: string[] = [];
  const warnings: string[] = [];
  const dropped: string[] = [];
  const crossings: { label: string; text: string; changedKm2: number }[] = [];
  const polygons: Position[][][] = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  const kept: Position[][][] = [];
  for (const [p, rings] of polygons.entries()) {
    const keep: Position[][] = [];
    for (const [r, ring] of rings.entries()) {
      const found = checkRing(ring);
      const label = `${polygons.length > 1 ? `polygon ${p}, ` : ""}ring ${r}`;
      if (found && "degenerate" in found) {
        dropped.push(`${label} ${found.degenerate}`);
        if (r === 0) break; // a polygon without an outer ring is gone, holes and all
        continue;
      }
      if (found) crossings.push({ label, text: found.crossing, changedKm2: found.changedKm2 });
      keep.push(ring);
    }
    // keep[0] is the outer ring only when the outer ring was kept (the loop stops otherwise).
    if (keep.length > 0) kept.push(keep);
  }
  if (crossings.length > 0) {
    // Loops are judged against the whole boundary: a folded inlet of a large kommune is noise, a bow-tie is not.
    const changed = crossings.reduce((s, c) => s + c.changedKm2, 0);
    const share = Math.min(1, changed / Math.max(areaKm2(g), changed));
    const pct = `${(share * 100).toPrecision(2)} % of the area`;
    for (const c of crossings) {
      if (share > MAX_SELF_CROSSING_SHARE) errors.push(`${c.label} ${c.text}; the loops of its crossings change ${pct} (at most ${MAX_SELF_CROSSING_SHARE * 100} % is tolerated)`);
      else warnings.push(`${c.label} ${c.text}, a small loop (the crossings change ${pct}); kept`);
    }
  }
  if (kept.length === 0) return { geometry: null, errors: [...dropped, ...errors], warnings };
  if (dropped.length > 0) warnings.push(`dropped ${dropped.length} ring${dropped.length === 1 ? "" : "s"} that hold no area (${dropped.slice(0, 3).join("; ")}${dropped.length > 3 ? "; …" : ""})`);
  const geometry: Areal = kept.length === 1 ? { type: "Polygon", coordinates: kept[0]! } : { type: "MultiPolygon", coordinates: kept };
  if (errors.length === 0) errors.push(...boundaryProblems(geometry, level));
  return { geometry, errors, warnings };
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

/** Why a child's boundary does not fit its parent's (code `parent`), or null. Areas in km² (cached by the caller). */
export function parentProblem(child: Areal, outer: Areal, parent: string, childArea = areaKm2(child), parentArea = areaKm2(outer)): string | null {
  if (childArea > parentArea * MAX_AREA_OVER_PARENT) {
    return `it encloses ${childArea.toFixed(1)} km², more than its parent ${parent} (${parentArea.toFixed(1)} km²; at most ×${MAX_AREA_OVER_PARENT} is tolerated)`;
  }
  const inside = shareInside(child, outer);
  if (inside < MIN_SHARE_INSIDE_PARENT) return `only ${pct(inside)} of it lies inside its parent ${parent} (at least ${pct(MIN_SHARE_INSIDE_PARENT)} must)`;
  return null;
}

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
  const shape = (c: string) => {
    if (!shapes.has(c) && planned.has(c)) shapes.set(c, JSON.parse(planned.get(c)!.row.geometry as string) as Areal);
    return shapes.get(c);
  };
  const areas = new Map<string, number>();
  const areaOf = (c: string, g: Areal) => areas.get(c) ?? areas.set(c, areaKm2(g)).get(c)!;

  for (const [code, parent] of ancestors) {
    const b = planned.get(code)!;
    const child = JSON.parse(b.row.geometry as string) as Areal;
    const outer = shape(parent);
    if (!outer) continue;
    const problem = parentProblem(child, outer, parent, areaOf(code, child), areaOf(parent, outer));
    if (problem) plan.issues.error({ ...b.at, path: `${b.at.path}.geometry` }, "invalid_geometry", `invalid geometry for ${code}: ${problem}`);
  }
}
