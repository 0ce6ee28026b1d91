import type { Indicator } from "../../db/schema";
import { AREA_CODE, closestCodes, LEVEL_DIGITS } from "./codes";
import type { ImportContext } from "./context";
import type { Location } from "./issues";
import type { Plan } from "./plan";

export interface ValidateOptions {
  periods?: { min: number; max: number };
}

type Unit = Indicator["unit"];

/** Values given only as numerator and denominator get their share or rate computed. */
const RATIO_SCALE: Partial<Record<Unit, number>> = { percent: 100, per1000: 1000 };

const sameNumber = (a: number | null | undefined, b: number | null | undefined) => (a ?? null) === (b ?? null);

/**
 * Checks a parsed plan against itself and the database; errors go to `plan.issues`. Runs over
 * every row before anything is written, so one bad row stops the whole file.
 */
export function validatePlan(plan: Plan, ctx: ImportContext, options: ValidateOptions = {}) {
  const { issues } = plan;
  const year = ctx.now.getUTCFullYear();
  const periods = options.periods ?? { min: 1900, max: year + 1 };

  const areaCodes = new Set(ctx.areas.keys());
  const levelMismatch = (code: string, level: keyof typeof LEVEL_DIGITS) =>
    code.length !== LEVEL_DIGITS[level] ? `${code} has ${code.length} digits but a ${level} code has ${LEVEL_DIGITS[level]}` : null;
  for (const a of plan.areas) {
    const mismatch = levelMismatch(a.row.code, a.row.level);
    if (!AREA_CODE.test(a.row.code)) issues.error(a.at, "invalid_area_code", `"${a.row.code}" is not an area code (0, or 2, 4, 6, 8 or 10 digits)`);
    else if (mismatch) issues.error(a.at, "invalid_area_code", mismatch);
    else areaCodes.add(a.row.code);
  }
  for (const a of plan.areas) {
    const isNew = a.mode === "upsert" || !ctx.areas.has(a.row.code);
    if (!isNew) continue;
    if (!a.row.nameNb) issues.error(a.at, "missing_name", `no name for new area ${a.row.code}`);
    const parent = a.row.parentCode;
    if (parent && !areaCodes.has(parent) && a.mode === "create") {
      issues.warn(a.at, "unknown_area", `parent ${parent} of new area ${a.row.code} is not a known area (import it to link them)`);
    }
  }
  const units = new Map<string, Unit>([...ctx.indicators.values()].map((i) => [i.id, i.unit]));
  for (const i of plan.indicators) units.set(i.id, i.unit);

  const unknownAreas = new Map<string, number>();
  const reportUnknownArea = (code: string, at: Location) => {
    const seen = unknownAreas.get(code) ?? 0;
    unknownAreas.set(code, seen + 1);
    // Every row counts as rejected; each code is described once.
    if (seen > 0) {
      issues.errorCount++;
      return;
    }
    if (!AREA_CODE.test(code)) {
      issues.error(at, "invalid_area_code", `"${code}" is not an area code (0, or 2, 4, 6, 8 or 10 digits)`);
      return;
    }
    // Suggestions cost a scan of every known code, so only the first codes get them.
    const near = unknownAreas.size <= 50 ? closestCodes(code, areaCodes) : [];
    const names = near.map((c) => `${c} ${ctx.areas.get(c)?.nameNb ?? plan.areas.find((a) => a.row.code === c)?.row.nameNb ?? ""}`.trim());
    issues.error(at, "unknown_area", `unknown area code ${code}${names.length ? ` (closest known: ${names.join(", ")})` : ""}`);
  };

  for (const b of plan.boundaries) {
    const mismatch = levelMismatch(b.row.code, b.row.level);
    if (mismatch) issues.error(b.at, "invalid_area_code", mismatch);
    else if (!areaCodes.has(b.row.code)) reportUnknownArea(b.row.code, b.at);
  }

  validatePostcodes(plan, ctx, areaCodes, reportUnknownArea);

  const firstSeen = new Map<string, Plan["observations"][number]>();
  const noGeometry = new Set<string>();
  const boundaryCodes = new Set([...ctx.boundaryCodes, ...plan.boundaries.map((b) => b.row.code)]);
  const kept: Plan["observations"] = [];
  for (const o of plan.observations) {
    const r = o.row;
    const column = (field: keyof NonNullable<typeof o.columns>) => ({ ...o.at, column: o.columns?.[field] });
    if (!areaCodes.has(r.areaCode)) {
      reportUnknownArea(r.areaCode, column("areaCode"));
      continue;
    }
    const unit = units.get(r.indicatorId);
    if (!unit) {
      const known = [...units.keys()].sort().join(", ");
      issues.error(o.at, "unknown_indicator", `unknown indicator "${r.indicatorId}" (known: ${known || "none"}; declare it in the mapping)`);
      continue;
    }
    if (r.period < periods.min || r.period > periods.max) {
      issues.error(o.at, "period_out_of_range", `period ${r.period} is outside ${periods.min}–${periods.max}`);
      continue;
    }
    if (!r.status && (r.value === null || r.value === undefined)) {
      const scale = RATIO_SCALE[unit];
      if (r.numerator != null && r.denominator != null && scale && r.denominator > 0) r.value = (r.numerator / r.denominator) * scale;
      else {
        issues.error(column("value"), "non_numeric", "no value (write .. for a missing value)");
        continue;
      }
    }
    if (unit === "count" && r.value != null && r.value < 0) {
      issues.error(column("value"), "negative_count", `negative count ${r.value} for ${r.indicatorId}`);
      continue;
    }
    if ((r.numerator ?? 0) < 0 || (r.denominator ?? 0) < 0) {
      issues.error(column((r.numerator ?? 0) < 0 ? "numerator" : "denominator"), "negative_count", `negative count in numerator or denominator (${r.numerator}/${r.denominator})`);
      continue;
    }
    if (r.numerator != null && r.denominator != null && r.numerator > r.denominator) {
      issues.error(column("numerator"), "numerator_exceeds_denominator", `numerator ${r.numerator} is greater than denominator ${r.denominator}`);
      continue;
    }
    const key = `${r.areaCode}/${r.indicatorId}/${r.period}`;
    const first = firstSeen.get(key);
    if (first) {
      const f = first.row;
      const same = sameNumber(f.value, r.value) && sameNumber(f.numerator, r.numerator) && sameNumber(f.denominator, r.denominator) && (f.status ?? null) === (r.status ?? null);
      if (!same) {
        issues.error(o.at, "duplicate_key", `${key} appears twice with different values (${show(f)} at ${locate(first.at)}, ${show(r)} here)`);
      }
      continue;
    }
    firstSeen.set(key, o);
    kept.push(o);
    if (!boundaryCodes.has(r.areaCode) && r.areaCode !== "0") noGeometry.add(r.areaCode);
  }
  plan.observations = kept;
  if (noGeometry.size > 0) {
    const list = [...noGeometry].sort();
    issues.warn({ file: plan.file }, "no_geometry", `${list.length} area(s) with data have no boundary yet: ${list.slice(0, 20).join(", ")}${list.length > 20 ? ", …" : ""}`);
  }
}

/**
 * Each postcode belongs to one kommune: a postcode given twice with different kommuner, or for
 * an area that is not a kommune, stops the file.
 */
function validatePostcodes(plan: Plan, ctx: ImportContext, areaCodes: Set<string>, reportUnknownArea: (code: string, at: Location) => void) {
  const levelOf = (code: string) => ctx.areas.get(code)?.level ?? plan.areas.find((a) => a.row.code === code)?.row.level;
  const seen = new Map<string, Plan["postcodes"][number]>();
  const kept: Plan["postcodes"] = [];
  for (const p of plan.postcodes) {
    const { code, areaCode } = p.row;
    if (!areaCodes.has(areaCode)) {
      reportUnknownArea(areaCode, p.at);
      continue;
    }
    const level = levelOf(areaCode);
    if (level !== "kommune") {
      plan.issues.error(p.at, "invalid_area_code", `postcode ${code} is given for ${areaCode}, a ${level}: postcodes belong to a kommune`);
      continue;
    }
    const first = seen.get(code);
    if (first) {
      if (first.row.areaCode !== areaCode) plan.issues.error(p.at, "duplicate_key", `postcode ${code} is given for ${first.row.areaCode} at ${locate(first.at)} and for ${areaCode} here`);
      continue;
    }
    seen.set(code, p);
    kept.push(p);
  }
  plan.postcodes = kept;
}

const show = (r: { value?: number | null; status?: string | null }) => (r.status ? r.status : String(r.value));
const locate = (at: { row?: number; path?: string }) => (at.row !== undefined ? `row ${at.row}` : (at.path ?? "?"));
