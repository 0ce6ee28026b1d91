import type { Indicator } from "../../db/schema";
import type { HarmonisedPoint } from "./harmonise";
import type { Relation } from "./suppression";
import { rateScale } from "./intervals";

/**
 * Figures of parents (fylker, Norway) for the periods their publisher gives none, added up from
 * their children's harmonised figures, and only when that is honest:
 *
 * - a parent's own figure (published, e.g. FHI's national and fylke totals) always wins;
 * - only additive figures are added up: counts, and shares or rates with both numerator and
 *   denominator (recomputed from the summed counts). A rate published without counts (crime
 *   per 1 000) is not: SSB's national rate includes offences whose scene is in no kommune, so
 *   no mean of the kommuner gives it;
 * - every child must have a figure: one missing or hidden child makes the parent missing (`..`),
 *   never the sum of an incomplete set (SSB's 2015–2016 export lacks the kommuner merged in
 *   2017, so Norway's 2015 total is either a published one or missing);
 * - the sum is an estimate only when a split's population weight stays in it: the two halves of
 *   a split kommune inside one fylke add back to the old kommune exactly.
 *
 * The children must cover the parent (every resident lives in exactly one kommune), which holds
 * for the country → fylke → kommune hierarchy; sub-areas are not added up (grunnkrets files
 * often leave out residents without a registered address).
 */

/** Weights of one old unit within a parent must add to 1 within this to count as whole. */
const WHOLE = 1e-6;

export interface AggregateResult {
  /** The parents' added-up points (the children's are not repeated). */
  points: HarmonisedPoint[];
  /** Parent → every code whose observations went into its added-up points. */
  fed: Map<string, Set<string>>;
}

/**
 * Adds up children into parents without a figure of their own, deepest parents first (fylker
 * before Norway, so Norway can add up fylker that were themselves added up). `skip`: parents
 * decided elsewhere, never filled.
 */
export function aggregateParents(points: readonly HarmonisedPoint[], relations: readonly Relation[], unit: Indicator["unit"], skip: ReadonlySet<string> = new Set()): AggregateResult {
  const fed = new Map<string, Set<string>>();
  const out: HarmonisedPoint[] = [];
  const scale = rateScale(unit);
  // Amounts (NOK, years) are never added up; rates only with counts (checked per point).
  if (unit !== "count" && scale === null) return { points: out, fed };
  const order = [...relations].filter((r) => !skip.has(r.total)).sort((a, b) => b.total.length - a.total.length || (a.total < b.total ? -1 : 1));
  if (order.length === 0) return { points: out, fed };
  const byPeriod = new Map<number, Map<string, HarmonisedPoint>>();
  for (const p of points) {
    let m = byPeriod.get(p.period);
    if (!m) byPeriod.set(p.period, (m = new Map()));
    m.set(p.areaCode, p);
  }
  for (const [period, at] of byPeriod) {
    // The old units (with their summed weights) inside each added-up parent, for this period.
    const unitsOf = new Map<string, Map<string, number>>();
    // Parents missing here although their children's rates come with counts: additive, like their siblings.
    const countable = new Set<string>();
    for (const rel of order) {
      if (at.has(rel.total)) continue;
      const kids = rel.parts.map((code) => at.get(code));
      if (kids.every((k) => !k)) continue;
      const present = kids.filter((k): k is HarmonisedPoint => !!k);
      const from = [...new Set(present.flatMap((k) => k.from))];
      const base: Pick<HarmonisedPoint, "areaCode" | "period" | "estimated" | "split" | "sources" | "from"> = { areaCode: rel.total, period, estimated: false, sources: [], from };
      const none = { value: null, numerator: null, denominator: null };
      let point: HarmonisedPoint;
      const shown = kids.every((k) => k && k.status === null && k.value !== null);
      const withCounts = kids.every((k) => k && k.numerator !== null && k.denominator !== null);
      // A rate given without its counts is not additive at all: no figure, rather than a missing one.
      const counted = (k: HarmonisedPoint) => (k.numerator !== null && k.denominator !== null) || countable.has(k.areaCode);
      if (scale !== null && (!present.some(counted) || present.some((k) => k.status === null && !counted(k)))) continue;
      if (!shown || (scale !== null && !withCounts)) {
        point = { ...base, ...none, status: ".." };
        countable.add(rel.total);
      } else {
        const units = new Map<string, number>();
        for (const k of kids as HarmonisedPoint[]) {
          const own = unitsOf.get(k.areaCode);
          const parts = own ? [...own] : k.sources.length > 0 ? k.sources.map((s) => [s.code, s.weight] as const) : [[k.areaCode, 1] as const];
          for (const [code, w] of parts) units.set(code, (units.get(code) ?? 0) + w);
        }
        unitsOf.set(rel.total, units);
        // Only a split's population weight leaves an old unit less than whole in a parent.
        const estimated = [...units.values()].some((w) => Math.abs(w - 1) > WHOLE);
        if (estimated) base.split = true;
        const total = (f: "value" | "numerator" | "denominator") => (kids as HarmonisedPoint[]).reduce((s, k) => s + k[f]!, 0);
        if (scale === null) {
          point = { ...base, estimated, value: total("value"), numerator: withCounts ? total("numerator") : null, denominator: withCounts ? total("denominator") : null, status: null };
        } else {
          const numerator = total("numerator");
          const denominator = total("denominator");
          point = denominator > 0 ? { ...base, estimated, value: (numerator / denominator) * scale, numerator, denominator, status: null } : { ...base, ...none, status: ".." };
        }
        let set = fed.get(rel.total);
        if (!set) fed.set(rel.total, (set = new Set()));
        for (const code of units.keys()) set.add(code);
        for (const k of kids as HarmonisedPoint[]) set.add(k.areaCode);
      }
      at.set(rel.total, point);
      out.push(point);
    }
  }
  return { points: out, fed };
}
