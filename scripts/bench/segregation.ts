/**
 * Micro-benchmark of the recompute's segregation statistics at national scale, without D1:
 *
 *   npx tsx scripts/bench/segregation.ts [--profile] [--grouping immigrant] [--whole-window]
 *
 * Builds every current kommune's grunnkrets tables from the national synthetic dataset
 * (db/demo, the same generator `npm run bench` loads: 357 kommuner, ~14,000 grunnkretser,
 * 15 years) for the share groupings measured over grunnkretser, and runs `segregationSeries` on
 * each exactly as worker/jobs/steps/segregation.ts calls it (bydeler as strata, intervals for the
 * years `bootstrapPeriods` picks with SEGREGATION_REPLICATES replicates, the step's seeds). Counts are
 * the published ones before the cards' suppression, so the tables are slightly larger than the
 * step's. Norway's and the fylker's tables over kommuner are small and left out.
 *
 * Prints JSON (`npm run bench` collects it): CPU seconds per grouping and in all, and, with
 * --profile, where the time goes (multinomial draws, kernels, percentiles) for one grouping.
 */
import { parseArgs } from "node:util";
import { generateDemoStream } from "../../db/demo/dataset";
import { BOOTSTRAP_YEARS, bootstrapPeriods, MIN_UNITS, SEGREGATION_REPLICATES } from "../../worker/jobs/groupings";
import { segregationSeries, type GroupCounts } from "../../worker/stats/segregation/series";

const { values: args } = parseArgs({ options: { profile: { type: "boolean" }, grouping: { type: "string" }, "whole-window": { type: "boolean" } } });
/** --whole-window bootstraps every year of the window, as the step did before ENGINE_VERSION 12 (for comparison). */
const bootstrapped = (periods: number[]) => (args["whole-window"] ? new Set(periods.slice(-BOOTSTRAP_YEARS)) : bootstrapPeriods(periods));
const log = (s: string) => console.error(`  · ${s}`);

/** The share groupings over grunnkretser that the national synthetic set has (worker/jobs/groupings.ts). */
const GROUPINGS = [
  { id: "immigrant", indicator: "immigrant_share" },
  { id: "low_income", indicator: "low_income_persistent" },
  { id: "education", indicator: "basic_education" },
] as const;

/** Same hash as the step's seedOf, so intervals match what a recompute serves (before suppression). */
function seedOf(...parts: (string | number)[]) {
  let h = 2166136261;
  for (const ch of parts.join("|")) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % 2_147_483_647 || 1;
}

let t = performance.now();
const data = generateDemoStream({ scale: "national" });
const areas = new Map(data.areas.map((a) => [a.code, a]));
const kommuneOf = (code: string): string | null => {
  for (let a = areas.get(code); a; a = a.parentCode ? areas.get(a.parentCode) : undefined) if (a.level === "kommune") return a.validTo ? null : a.code;
  return null;
};
const wanted = new Map<string, string>(GROUPINGS.map((g) => [g.indicator, g.id]));
// grouping → kommune → grunnkrets → its unit
const tables = new Map<string, Map<string, Map<string, GroupCounts & { counts: Map<number, number[]> }>>>(GROUPINGS.map((g) => [g.id, new Map()]));
for (const o of data.observations) {
  const grouping = wanted.get(o.indicatorId);
  if (!grouping) continue;
  const area = areas.get(o.areaCode);
  if (area?.level !== "grunnkrets" || area.validTo) continue;
  if (o.numerator == null || o.denominator == null || !(o.denominator > 0) || o.numerator > o.denominator) continue;
  const kommune = kommuneOf(o.areaCode);
  if (!kommune) continue;
  const byKommune = tables.get(grouping)!;
  const units = byKommune.get(kommune) ?? new Map();
  byKommune.set(kommune, units);
  let unit = units.get(o.areaCode);
  if (!unit) {
    const parent = area.parentCode ? areas.get(area.parentCode) : undefined;
    unit = { code: o.areaCode, stratum: parent?.level === "bydel" ? parent.code : null, counts: new Map() };
    units.set(o.areaCode, unit);
  }
  unit.counts.set(o.period, [o.numerator, o.denominator - o.numerator]);
}
const grunnkretser = new Set([...tables.values()].flatMap((k) => [...k.values()].flatMap((u) => [...u.keys()]))).size;
log(`tables built from the national synthetic set in ${((performance.now() - t) / 1000).toFixed(1)} s: ${tables.get("immigrant")!.size} kommuner, ${grunnkretser} grunnkretser`);

/** CPU seconds of this process: less disturbed than wall time by others sharing the cores. */
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

function run(grouping: string): number {
  const start = cpu();
  for (const [kommune, byCode] of tables.get(grouping)!) {
    const units = [...byCode.values()];
    const periods = [...new Set(units.flatMap((u) => [...u.counts.keys()]))].sort((a, b) => a - b);
    segregationSeries(units, {
      groups: ["group", "rest"],
      rest: "rest",
      minUnits: MIN_UNITS,
      bootstrap: { periods: bootstrapped(periods), replicates: SEGREGATION_REPLICATES, seed: (period) => seedOf(kommune, grouping, period) },
    });
  }
  return cpu() - start;
}

const YEARS = Array.from({ length: 15 }, (_, i) => 2010 + i);
const seconds: Record<string, number> = {};
for (const g of GROUPINGS.filter((x) => !args.grouping || x.id === args.grouping)) {
  seconds[g.id] = +run(g.id).toFixed(2);
  log(`${g.id}: ${seconds[g.id]} s`);
}
const total = +Object.values(seconds).reduce((s, x) => s + x, 0).toFixed(2);
log(`all grunnkrets groupings: ${total} s`);
console.log(JSON.stringify({ segregation: { kommuner: tables.get("immigrant")!.size, grunnkretser, replicates: SEGREGATION_REPLICATES, window: BOOTSTRAP_YEARS, bootstrappedYears: bootstrapped(YEARS).size, secondsByGrouping: seconds, seconds: total } }, null, 2));

if (args.profile) {
  t = cpu() * 1000;
  // Where one grouping's time goes: the same work split into its parts.
  const { prepare, computeIndices } = await import("../../worker/stats/segregation/index");
  const { MultinomialLanes } = await import("../../worker/stats/segregation/lanes");
  const { multinomialPlan } = await import("../../worker/stats/segregation/random");
  let draws = 0;
  let all = 0;
  let cells = 0;
  for (const [kommune, byCode] of tables.get("immigrant")!) {
    const units = [...byCode.values()];
    const periods = [...bootstrapped([...new Set(units.flatMap((u) => [...u.counts.keys()]))].sort((a, b) => a - b))];
    for (const period of periods) {
      const rows = units.flatMap((u) => (u.counts.get(period) ? [{ unit: u.code, group: "group", n: u.counts.get(period)![0] }, { unit: u.code, group: "rest", n: u.counts.get(period)![1] }] : []));
      const table = prepare(rows, { unit: "unit", group: "group", weight: "n" });
      cells += table.counts.length;
      // The draws as the bootstrap makes them: 50 replicates side by side.
      const lanes = new MultinomialLanes(seedOf(kommune, "immigrant", period), 50);
      const plan = multinomialPlan(table.counts);
      const out = new Float64Array(50 * table.counts.length);
      const trials = Math.round(table.population);
      let s = cpu() * 1000;
      for (let r = 0; r < SEGREGATION_REPLICATES; r += 50) lanes.draw(trials, plan, Math.min(50, SEGREGATION_REPLICATES - r), out);
      draws += cpu() * 1000 - s;
      s = cpu() * 1000;
      computeIndices(table, ["mutual", "dissimilarity", "exposure"], { bootstrap: { replicates: SEGREGATION_REPLICATES, seed: 1 } });
      all += cpu() * 1000 - s;
    }
  }
  log(`profile (immigrant, the bootstrapped years, no strata): ${cells} cells × ${SEGREGATION_REPLICATES} replicates; multinomial draws ${(draws / 1000).toFixed(2)} s of ${(all / 1000).toFixed(2)} s bootstrapping`);
}
