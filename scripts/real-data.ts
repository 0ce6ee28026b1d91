/// <reference path="../worker/worker-configuration.d.ts" />
/// <reference path="../worker/env.d.ts" />
/**
 * The built-in real dataset (db/real): what `npm start` serves by default. `npm run data:build`
 * makes it from ../shared/data (through the importers and the mappings in db/mappings, like
 * `npm run import:shared`), then writes what the database holds back out as files the importers
 * read again: observations in the import template, one file per source with its mapping,
 * boundaries as GeoJSON per level, and SSB's Klass table. `loadRealData` imports them in order.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runImport } from "../worker/import/run";
import { loadMapping, localEnv, ROOT } from "./import";

export const REAL_DIR = join(ROOT, "db", "real");

/** One import of the built-in dataset: a file in db/real and its mapping (bundled name or a path in db/real). */
export interface RealStep {
  file: string;
  mapping: string;
}

export interface RealManifest {
  builtAt: string;
  steps: RealStep[];
}

export const readManifest = (dir = REAL_DIR): RealManifest => JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as RealManifest;

const mappingOf = (dir: string, name: string) => loadMapping(name.endsWith(".json") ? join(dir, name) : name);

/**
 * Imports the built-in dataset into a migrated, empty local D1 (all-or-nothing per file). The
 * imports are dated with the manifest's `builtAt`, not the first start: the API says the data
 * were updated when the dataset was built, however long after that it is first loaded.
 */
export async function loadRealData(stateDir: string, log: (line: string) => void = console.log, dir = REAL_DIR) {
  const manifest = readManifest(dir);
  const builtAt = new Date(manifest.builtAt);
  if (Number.isNaN(builtAt.getTime())) throw new Error(`${join(dir, "manifest.json")}: builtAt "${manifest.builtAt}" is not a date`);
  const { env, dispose } = await localEnv(stateDir);
  try {
    for (const step of manifest.steps) {
      const { mapping, name } = mappingOf(dir, step.mapping);
      const report = await runImport(env, { file: step.file, bytes: readFileSync(join(dir, step.file)), mapping, mappingName: name }, { now: builtAt });
      if (report.status === "rejected") throw new Error(`${step.file}: ${report.summary}\n${report.errors.slice(0, 5).map((e) => e.text).join("\n")}`);
      log(`  ${step.file}: ${report.summary}`);
    }
    return manifest;
  } finally {
    await dispose();
  }
}
