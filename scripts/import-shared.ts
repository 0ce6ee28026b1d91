/// <reference path="../worker/worker-configuration.d.ts" />
/// <reference path="../worker/env.d.ts" />
/**
 * `npm run import:shared`: resets the local D1 that `npm start` serves (refusing while it runs),
 * applies the migrations, imports the real public files in ../shared/data (reforms, then
 * boundaries, then statistics) with nothing but the mapping files in db/mappings, and recomputes. `npm start` afterwards
 * serves this data (it loads the built-in dataset, db/real, only into an empty database).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ImportReport } from "../worker/import/report";
import { runImport } from "../worker/import/run";
import { DEFAULT_STATE, loadMapping, localEnv, printReport, progressPrinter, recomputeFully, ROOT } from "./import";
import { localPort, refusal, runningServer } from "./server-lock";

/** ../shared/data next to the project (SHARED_DATA overrides, as for the other acceptance suites). */
export const SHARED_DATA = process.env.SHARED_DATA ?? resolve(ROOT, "..", "shared", "data");

/** In this order: areas must exist before boundaries and statistics refer to them. */
export const SHARED_IMPORTS = [
  // Reforms: every kommune code since 2008, retired ones with their successors.
  { file: "klass/klass131_kommune_changes_2008-2025.json", mapping: "klass131-kommuner" },
  // Boundaries, creating the areas they describe.
  { file: "robhop/Fylker-S.geojson", mapping: "robhop-fylker" },
  { file: "robhop/Kommuner-S.topojson", mapping: "robhop-kommuner" },
  { file: "oslo_bydelsfakta/oslo_bydeler.geojson", mapping: "oslo-bydeler" },
  { file: "phaza_grunnkrets/asker_baerum_grunnkretser_2018_epsg25833.geojson", mapping: "asker-baerum-grunnkretser" },
  { file: "telemark_levekaarssoner/DimLevekaarssone.csv", mapping: "telemark-levekaarssoner-koder" },
  { file: "telemark_levekaarssoner/levekaarssoner_Porsgrunn.geojson", mapping: "telemark-levekaarssoner" },
  { file: "telemark_levekaarssoner/levekaarssoner_Skien.geojson", mapping: "telemark-levekaarssoner" },
  // Postcodes of every kommune (search finds a kommune by them), once the kommuner exist.
  { file: "aprestmo/municipalities-2025.json", mapping: "aprestmo-postnummer" },
  // Statistics. SSB's population exports first: 10826 creates the bydeler the other files use.
  ...["2015-2018", "2019", "2020", "2021", "2022", "2023", "2024"].map((y) => ({ file: `ssb_population/Personer${y}.csv`, mapping: "ssb-07459-befolkning-kommune" })),
  ...["2001-2020", "2021", "2022", "2023", "2024"].map((y) => ({ file: `ssb_population/Personerward${y}.csv`, mapping: "ssb-10826-befolkning-bydel" })),
  { file: "fhi_csdata/population_total_b2024_borders.csv", mapping: "fhi-befolkning-land-fylke" },
  { file: "fhi_csdata/population_total_b2024_borders.csv", mapping: "fhi-befolkning-kommune-bydel-utenfor-ssb" },
  { file: "imdi_immigrants/befolkning_opprinnelsesland_2022.csv", mapping: "imdi-innvandrere-landbakgrunn-alle" },
  { file: "imdi_immigrants/befolkning_opprinnelsesland_2022.csv", mapping: "imdi-innvandrere-verdensdel" },
  { file: "imdi_immigrants/befolkning_innvandringsgrunn_alle_kommuner.csv", mapping: "imdi-innvandrere-innvandringsgrunn" },
  { file: "imdi_2013/vedvarende_lavinntekt.csv", mapping: "imdi-2013-vedvarende-lavinntekt" },
  { file: "imdi_2013/sysselsatte_innvkat.csv", mapping: "imdi-2013-sysselsatte" },
  { file: "imdi_2013/ikke_arbutd_innvkat_alder.csv", mapping: "imdi-2013-ikke-arbeid-utdanning" },
  { file: "ssb_crime/CONVERTED_AnmLovbrPer1000-3_long.csv", mapping: "ssb-08487-anmeldte-lovbrudd" },
  { file: "ssb_jsonstat2/dataset_05300_v0_jsonstat2.json", mapping: "ssb-05300" },
  { file: "oslo_fin_table_prep/ok-bef001_input_2024.csv", mapping: "oslo-bef001-2024" },
  { file: "phaza_grunnkrets/immigrants_by_grunnkrets.json", mapping: "asker-baerum-innvandrere-2018" },
  // The reforms once more: now that population is known, splits are weighed by it.
  { file: "klass/klass131_kommune_changes_2008-2025.json", mapping: "klass131-kommuner" },
];

function wrangler(args: string[], stateDir: string) {
  const res = spawnSync(join(ROOT, "node_modules", ".bin", "wrangler"), [...args, "--local", "--persist-to", stateDir], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
  });
  if (res.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

export interface SharedResult {
  reports: ImportReport[];
  recompute: Awaited<ReturnType<typeof recomputeFully>> | null;
}

export async function importShared(options: { stateDir?: string; data?: string; log?: (line: string) => void; recompute?: boolean; steps?: readonly { file: string; mapping: string }[] } = {}): Promise<SharedResult> {
  const stateDir = options.stateDir ?? DEFAULT_STATE;
  const data = options.data ?? SHARED_DATA;
  const log = options.log ?? console.log;
  if (!existsSync(data)) throw new Error(`no shared data at ${data}: this command imports the public files of ../shared/data (see its PROVENANCE.md)`);

  // Resetting the database under a running `npm start` makes every call answer 500.
  const server = await runningServer(stateDir, { probePort: stateDir === DEFAULT_STATE ? localPort() : null });
  if (server) throw new Error(refusal("npm run import:shared", stateDir, server));

  log(`• resetting the local D1 in ${stateDir}`);
  rmSync(join(stateDir, "v3", "d1"), { recursive: true, force: true });
  wrangler(["d1", "migrations", "apply", "DB"], stateDir);

  const { env, dispose } = await localEnv(stateDir);
  try {
    const reports: ImportReport[] = [];
    for (const step of options.steps ?? SHARED_IMPORTS) {
      const { mapping, name } = loadMapping(step.mapping);
      log(`• ${step.file} (mapping ${name})`);
      const report = await runImport(env, { file: basename(step.file), bytes: readFileSync(join(data, step.file)), mapping, mappingName: name }, { onProgress: progressPrinter(basename(step.file)) });
      printReport(report, log);
      reports.push(report);
      if (report.status === "rejected") throw new Error(`${step.file} was rejected; stopping (the database holds the imports before it)`);
    }
    if (options.recompute === false) return { reports, recompute: null };
    log("• recomputing the snapshot");
    const recompute = await recomputeFully(env, log);
    log(`✓ snapshot v${recompute.version} is live: ${recompute.areasDone} areas`);
    return { reports, recompute };
  } finally {
    await dispose();
  }
}

async function main() {
  if (!existsSync(SHARED_DATA)) {
    console.error(`import:shared: ${SHARED_DATA} does not exist. It holds the real public files this command imports (see ../shared/data/PROVENANCE.md); without it, npm start serves the built-in dataset (db/real), made from the same files.`);
    process.exitCode = 1;
    return;
  }
  await importShared();
  const counts = (sql: string) => {
    const out = spawnSync(join(ROOT, "node_modules", ".bin", "wrangler"), ["d1", "execute", "DB", "--local", "--json", "--command", sql], { cwd: ROOT, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" } });
    return (JSON.parse(out.stdout) as { results: Record<string, unknown>[] }[])[0]!.results;
  };
  console.log("\nThe local database now holds:");
  console.table(counts("SELECT level, count(*) AS areas, sum(valid_to IS NULL) AS current FROM areas GROUP BY level ORDER BY min(length(code))"));
  console.log("Run `npm start` to serve it (`rm -rf .wrangler/state` brings the built-in dataset back).");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((e: Error) => {
    console.error(`import:shared: ${e.message}`);
    process.exitCode = 1;
  });
}
