/**
 * Writes the synthetic demo dataset as SQL, one statement per line, streamed to the file.
 *
 *   npx tsx db/demo/generate.ts [--scale demo|national] [--seed N] [--reset] --out path.sql
 *
 * --reset first empties the demo's tables (areas, area_changes, indicators, observations, sources,
 * boundaries).
 * Load with `wrangler d1 execute DB --local --file path.sql` after the migrations.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { DEFAULT_SEED, generateDemoStream, resetStatements, sqlStatements } from "./dataset";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "demo" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
    out: { type: "string" },
    reset: { type: "boolean", default: false },
  },
});
const scale = values.scale;
if (scale !== "demo" && scale !== "national") throw new Error(`--scale must be demo or national, not ${scale}`);
const seed = Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not ${values.seed}`);
if (!values.out) throw new Error("--out path.sql is required");

const started = performance.now();
const data = generateDemoStream({ scale, seed });
// Count rows as they stream past instead of generating twice.
const counts = { observations: 0, boundaries: 0 };
function counting<T>(rows: Iterable<T>, key: keyof typeof counts): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      for (const row of rows) {
        counts[key]++;
        yield row;
      }
    },
  };
}
const counted: typeof data = {
  ...data,
  observations: counting(data.observations, "observations"),
  boundaries: counting(data.boundaries, "boundaries"),
};

const out = createWriteStream(values.out);
let bytes = 0;
const statements = function* () {
  if (values.reset) yield* resetStatements();
  yield* sqlStatements(counted);
};
for (const sql of statements()) {
  bytes += Buffer.byteLength(sql) + 1;
  // Respect back-pressure so the national scale streams instead of buffering in memory.
  if (!out.write(`${sql}\n`)) await once(out, "drain");
}
out.end();
await once(out, "finish");

const byLevel: Record<string, number> = {};
for (const a of data.areas) byLevel[a.level] = (byLevel[a.level] ?? 0) + 1;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.error(
  [
    `scale ${scale}, seed ${seed} → ${values.out} (${(bytes / 1e6).toFixed(1)} MB) in ${seconds} s`,
    `areas ${data.areas.length} (${Object.entries(byLevel).map(([l, n]) => `${l} ${n}`).join(", ")})`,
    `area_changes ${data.changes.length}, indicators ${data.indicators.length}, observations ${counts.observations}, boundaries ${counts.boundaries}`,
  ].join("\n"),
);
