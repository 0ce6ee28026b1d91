import { z } from "zod";
import { DEFAULT_COMPOSITE } from "../stats/composite";
import { indicatorsOf, type RuleSet } from "../stats/ruleset-schema";
import { ENGINE_VERSION, type Manifest } from "../lib/manifest";
import { BREAKDOWNS, groupingIndicators, GROUPINGS } from "./groupings";

/**
 * What a snapshot rebuilds. `series` rebuilds only the given indicators' cards and choropleths
 * and carries every other table forward from the live snapshot.
 */
export const planSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("full"), reason: z.string() }),
  z.object({ mode: z.literal("series"), indicators: z.array(z.string()).min(1) }),
]);
export type Plan = z.infer<typeof planSchema>;

export interface PlanInputs {
  /** The live snapshot's manifest (null: nothing published yet, or published before manifests). */
  live: Manifest | null;
  /** Data changes since the live snapshot's basis. */
  changes: { target: string; indicatorId: string | null }[];
  indicators: string[];
  ruleSets: RuleSet[];
  force: boolean;
}

/**
 * Indicators whose values reach beyond their own cards: the composite index, classification
 * rule sets, segregation groupings, breakdowns protected together, and population (eligibility
 * and merge weights). A change to one of them changes frames, classifications, indices or other
 * indicators' hidden cells, so it needs a full run.
 */
export function sharedIndicators(ruleSets: readonly RuleSet[]): Set<string> {
  return new Set([
    "population",
    ...DEFAULT_COMPOSITE.status,
    ...(DEFAULT_COMPOSITE.dynamics ?? []),
    ...ruleSets.flatMap(indicatorsOf),
    ...GROUPINGS.flatMap(groupingIndicators),
    // Protected as one table: a change to one part can hide a cell of another.
    ...BREAKDOWNS.flatMap((b) => [b.total, ...b.parts]),
  ]);
}

/** Decides between no run, a series-only run and a full run; pure, so every branch is tested. */
export function planRecompute(i: PlanInputs): Plan | null {
  const full = (reason: string): Plan => ({ mode: "full", reason });
  if (i.force) return full("asked for");
  if (!i.live) return full("no snapshot with a manifest yet");
  if (i.live.engine !== ENGINE_VERSION) return full(`engine ${i.live.engine} → ${ENGINE_VERSION}`);
  const liveRuleSets = i.live.ruleSets;
  if (i.ruleSets.length !== Object.keys(liveRuleSets).length || i.ruleSets.some((rs) => liveRuleSets[rs.id] !== rs.version)) return full("rule sets changed");
  if (i.indicators.join() !== i.live.series.map(([id]) => id).join()) return full("indicator catalogue changed");
  if (i.changes.length === 0) return null;
  const other = i.changes.find((c) => c.target !== "observations" || !c.indicatorId);
  if (other) return full(`${other.target} changed`);
  const changed = [...new Set(i.changes.map((c) => c.indicatorId!))];
  const shared = sharedIndicators(i.ruleSets);
  const wide = changed.filter((id) => shared.has(id));
  if (wide.length > 0) return full(`${wide.join(", ")} feed indices or classifications`);
  return { mode: "series", indicators: i.indicators.filter((id) => changed.includes(id)) };
}
