import type { RuleSet } from "../../../../worker/stats/ruleset-schema.ts";

export type { RuleSet };

/**
 * Pure helpers of the classification view: which rule sets carry a contested part, which levels
 * a rule set can be listed at, and the what-if sliders (their ranges and the preview query).
 * Types only from the worker: no zod or drizzle code reaches the browser.
 */

export type CriteriaRuleSet = Extract<RuleSet, { kind: "criteria" }>;
export type Criterion = CriteriaRuleSet["criteria"][number];
export type Threshold = Criterion["threshold"];

/** The levels the list offers; a rule set names the ones it is meant for. */
export const LIST_LEVELS = ["grunnkrets", "bydel", "kommune"] as const;
export type ListLevel = (typeof LIST_LEVELS)[number];

export function levelsOf(rs: RuleSet): ListLevel[] {
  const levels = LIST_LEVELS.filter((l) => rs.levels.includes(l));
  return levels.length > 0 ? levels : [...LIST_LEVELS];
}

export function isListLevel(value: unknown): value is ListLevel {
  return (LIST_LEVELS as readonly unknown[]).includes(value);
}

/** True when the rule set, one of its criteria or one of its tiers rests on a disputed premise. */
export function hasContested(rs: RuleSet): boolean {
  if (rs.contested) return true;
  if (rs.kind !== "criteria") return false;
  return rs.criteria.some((c) => c.contested) || rs.tiers.some((t) => t.contested || t.criteria.some((c) => c.contested));
}

/** The default rule set first, the others in the API's order. */
export function defaultFirst(ruleSets: readonly RuleSet[], defaultId: string): RuleSet[] {
  return [...ruleSets.filter((r) => r.id === defaultId), ...ruleSets.filter((r) => r.id !== defaultId)];
}

/** One what-if control: the preview query key, its range and the rule set's own value. */
export interface Slider {
  key: string;
  min: number;
  max: number;
  step: number;
  initial: number;
}

/**
 * The sliders for a rule set: each criterion's factor (relative) or value (absolute), how many
 * criteria must hold, and the minimum population. Tier criteria are left out: they change a
 * tier, never which areas are listed. Ranges run from half to twice the rule set's value, on a
 * grid the rule set's value lies on, so "reset" lands exactly on it.
 */
export function slidersOf(rs: RuleSet, unitOf: (indicator: string) => string | undefined): Slider[] {
  const sliders: Slider[] = [];
  if (rs.kind === "criteria") {
    for (const c of rs.criteria) sliders.push({ key: `t.${c.id}`, ...thresholdRange(c.threshold, unitOf(c.indicator)) });
    sliders.push({ key: "minMet", min: 1, max: rs.criteria.length, step: 1, initial: rs.minMet });
  }
  const min = rs.population.min ?? 0;
  const max = roundUp(Math.max(1000, 3 * min), 500);
  sliders.push({ key: "minPopulation", min: 0, max, step: onGrid(min, max <= 2000 ? 50 : 100), initial: min });
  return sliders;
}

function thresholdRange(threshold: Threshold, unit: string | undefined): Omit<Slider, "key"> {
  if (threshold.kind === "relative") {
    const f = threshold.factor;
    const step = onGrid(f, 0.05);
    return { min: round(Math.max(step, Math.floor(f / 2 / step) * step)), max: round(Math.ceil((2 * f) / step) * step), step, initial: f };
  }
  const v = threshold.value;
  if (unit === "percent") return { min: 0, max: 100, step: onGrid(v, 1), initial: v };
  // A gap in percentage points may be negative (immigrants below the rest).
  if (unit === "points") return { min: -100, max: 100, step: onGrid(v, 1), initial: v };
  const max = v > 0 ? 2 * v : 1;
  return { min: 0, max, step: onGrid(v, 10 ** Math.floor(Math.log10(max / 100))), initial: v };
}

/** `step`, or a tenth of it (repeatedly), until `value` lies on its grid. */
function onGrid(value: number, step: number): number {
  let s = step;
  for (let i = 0; i < 6 && Math.abs(value / s - Math.round(value / s)) > 1e-9; i++) s /= 10;
  return round(s);
}

const round = (x: number) => +x.toPrecision(12);
const roundUp = (x: number, to: number) => Math.ceil(x / to) * to;

/** The what-if values that differ from the rule set's, as preview query parameters. */
export function changedParams(sliders: readonly Slider[], values: Readonly<Record<string, number>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const s of sliders) {
    const v = values[s.key];
    if (v !== undefined && v !== s.initial) params.set(s.key, String(v));
  }
  return params;
}

/** Whether raising this slider lists fewer areas (for a hint beside it). */
export function stricterUp(rs: RuleSet, key: string): boolean {
  if (key === "minMet" || key === "minPopulation" || rs.kind !== "criteria") return true;
  const c = rs.criteria.find((x) => `t.${x.id}` === key);
  return !c || c.comparison === ">" || c.comparison === ">=";
}
