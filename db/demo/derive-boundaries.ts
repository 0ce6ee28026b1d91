/**
 * One-off derivation of db/demo/boundaries/fylker-kommuner.topo.json from robhop's Kartverket
 * files in ../shared/data. The result is committed, so nothing at build or run time reads ../shared.
 *
 *   npx tsx db/demo/derive-boundaries.ts [path/to/shared/data]
 *
 * The kommuner go through the project's own boundary importer (`geoToPlan` with the bundled
 * mapping robhop-kommuner: validation and topology-preserving simplification), exactly as
 * `npm run import` would store them. The fylker are the merged kommuner of each fylke, so the
 * kommuner tile them exactly; robhop's Fylker-S file, imported the same way, checks that merge.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Feature, FeatureCollection } from "geojson";
import { feature, mergeArcs } from "topojson-client";
import { topology } from "topojson-server";
import type { GeometryCollection, Topology } from "topojson-specification";
import { bundledMapping } from "../mappings/index";
import { geoToPlan } from "../../worker/import/geo";
import { Issues, describeIssue } from "../../worker/import/issues";
import { emptyPlan, type BoundaryRow, type SourceRow } from "../../worker/import/plan";
import kommunerJson from "./kommuner.json";
import { type Areal, areaKm2 } from "./tiling";

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(process.argv[2] ?? join(here, "../../../shared/data"));
const target = join(here, "boundaries/fylker-kommuner.topo.json");
/** Integer grid of the TopoJSON: 10⁶ steps across Norway's extent, about 1.5 m. */
const QUANTIZATION = 1e6;

function importFile(file: string, mappingName: string): { rows: BoundaryRow[]; source: SourceRow } {
  const mapping = bundledMapping(mappingName);
  if (mapping?.format !== "geo") throw new Error(`bundled mapping ${mappingName} is not a geo mapping`);
  const plan = emptyPlan(file, new Issues());
  geoToPlan(JSON.parse(readFileSync(join(dataDir, file), "utf8")), mapping, plan);
  const problems = [...plan.issues.errors, ...plan.issues.warnings];
  if (problems.length > 0) throw new Error(`${file}:\n${problems.map(describeIssue).join("\n")}`);
  if (!mapping.source) throw new Error(`mapping ${mappingName} names no source`);
  return { rows: plan.boundaries.map((b) => b.row), source: mapping.source };
}

const kommuner = importFile("robhop/Kommuner-S.geojson", "robhop-kommuner");
const fylker = importFile("robhop/Fylker-S.geojson", "robhop-fylker");

const expected = (codes: string[], rows: BoundaryRow[], what: string) => {
  const got = rows.map((r) => r.code).sort();
  if (got.join() !== [...codes].sort().join()) throw new Error(`${what}: codes differ from kommuner.json`);
};
expected(kommunerJson.kommuner.map((k) => k.code), kommuner.rows, "Kommuner-S");
expected(kommunerJson.fylker.map((f) => f.code), fylker.rows, "Fylker-S");

const collection: FeatureCollection<Areal> = {
  type: "FeatureCollection",
  features: kommuner.rows.map((r) => ({ type: "Feature", id: r.code, properties: null, geometry: JSON.parse(r.geometry) as Areal })),
};
const topo = topology({ kommuner: collection }, QUANTIZATION) as unknown as Topology<{ kommuner: GeometryCollection }>;

// Fylke = the union of its kommuner, built from the same arcs: shared borders stay identical.
const fylkeOf = new Map(kommunerJson.kommuner.map((k) => [k.code, k.fylke]));
const kommuneObjects = topo.objects.kommuner.geometries;
const fylkeObjects = kommunerJson.fylker.map((f) => ({
  ...mergeArcs(topo, kommuneObjects.filter((g) => fylkeOf.get(String(g.id)) === f.code) as never),
  id: f.code,
}));
const out = {
  ...topo,
  objects: { fylker: { type: "GeometryCollection", geometries: fylkeObjects }, kommuner: topo.objects.kommuner },
  // A foreign member (TopoJSON allows them): the licence travels with the geometry.
  source: kommuner.source,
} as unknown as Topology;

// The merged fylker must cover what Kartverket's own fylke outlines cover.
const decoded = (name: "fylker" | "kommuner") =>
  new Map((feature(out, out.objects[name]!) as unknown as FeatureCollection<Areal>).features.map((f: Feature<Areal>) => [String(f.id), f.geometry]));
const merged = decoded("fylker");
let worst = 0;
for (const row of fylker.rows) {
  const own = areaKm2(JSON.parse(row.geometry) as Areal);
  const ours = areaKm2(merged.get(row.code)!);
  const diff = Math.abs(ours - own) / own;
  if (diff > 0.01) throw new Error(`fylke ${row.code}: merged kommuner cover ${ours.toFixed(0)} km², Fylker-S ${own.toFixed(0)} km²`);
  worst = Math.max(worst, diff);
}

const text = `${JSON.stringify(out)}\n`;
writeFileSync(target, text);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
console.error(
  `wrote ${target}: ${merged.size} fylker, ${decoded("kommuner").size} kommuner, ${out.arcs.length} arcs, ` +
    `${kb(text.length)} (${kb(gzipSync(text).length)} gzip); fylke areas within ${(worst * 100).toFixed(2)} % of Fylker-S`,
);
