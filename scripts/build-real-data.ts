/// <reference path="../worker/worker-configuration.d.ts" />
/// <reference path="../worker/env.d.ts" />
/**
 * `npm run data:build`: rebuilds db/real from ../shared/data. Reproducible: the same raw files
 * give the same output files (rows sorted, no timestamps but the manifest's build date).
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importShared, SHARED_DATA, SHARED_IMPORTS } from "./import-shared";
import { loadMapping, localEnv, ROOT } from "./import";
import { REAL_DIR, type RealManifest, type RealStep } from "./real-data";
import { LEVELS } from "../db/schema";

/**
 * Only openly licensed files ship with the product: a file whose publisher grants no licence
 * (the Telemark levekårssoner, see PROVENANCE.md) stays a test of the importers.
 */
const SHIPPED_IMPORTS = SHARED_IMPORTS.filter((s) => !/^unspecified/i.test(loadMapping(s.mapping).mapping.source?.licence ?? ""));

/** Sources whose rows the importers make themselves (derived indicators are recomputed on load). */
const NOT_SHIPPED = new Set(["derived"]);

const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** The files `npm start` imports, as one hash: the manifest and SOURCE.md only describe them. */
function dataHash(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).filter((n) => n !== "manifest.json" && n !== "SOURCE.md").sort()) hash.update(name).update("\0").update(readFileSync(join(dir, name))).update("\0");
  return hash.digest("hex");
}

/** The previous build's manifest, if there is one to compare with. */
function previousManifest(): RealManifest | null {
  const path = join(REAL_DIR, "manifest.json");
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as RealManifest) : null;
}

async function main() {
  if (!existsSync(SHARED_DATA)) throw new Error(`no shared data at ${SHARED_DATA}: data:build reads the raw public files there (see its PROVENANCE.md)`);
  const stateDir = join(ROOT, ".wrangler", "data-build");
  rmSync(stateDir, { recursive: true, force: true });
  await importShared({ stateDir, recompute: false, steps: SHIPPED_IMPORTS });

  const { env, dispose } = await localEnv(stateDir);
  try {
    const all = async <T>(sql: string, ...params: unknown[]) => (await env.DB.prepare(sql).bind(...params).all<T>()).results;
    const before = { manifest: previousManifest(), hash: dataHash(REAL_DIR) };
    rmSync(REAL_DIR, { recursive: true, force: true });
    mkdirSync(REAL_DIR, { recursive: true });
    const steps: RealStep[] = [];

    // Reforms first: they create every kommune code since 2008 and today's fylker.
    copyFileSync(join(SHARED_DATA, "klass", "klass131_kommune_changes_2008-2025.json"), join(REAL_DIR, "klass131-changes.json"));
    steps.push({ file: "klass131-changes.json", mapping: "klass131-kommuner" });

    // Boundaries per level, already checked and simplified by the importer: kept as they are.
    const sourceOf = async (id: string | null) => (id ? (await all<Record<string, unknown>>("SELECT id, name, publisher, licence, url, priority FROM sources WHERE id = ?", id))[0] : undefined);
    for (const level of LEVELS.filter((l) => l !== "country")) {
      const rows = await all<{ code: string; geometry: string; name: string; parent: string | null; valid_from: string; source_id: string | null }>(
        "SELECT b.code, b.geometry, a.name_nb AS name, a.parent_code AS parent, a.valid_from, b.source_id FROM boundaries b JOIN areas a ON a.code = b.code WHERE b.level = ? ORDER BY b.code",
        level,
      );
      if (rows.length === 0) continue;
      const file = `boundaries-${level}.geojson`;
      const features = rows.map((r) => ({ type: "Feature", properties: { code: r.code, name: r.name, parent: r.parent }, geometry: JSON.parse(r.geometry) }));
      writeFileSync(join(REAL_DIR, file), JSON.stringify({ type: "FeatureCollection", features }));
      const source = await sourceOf(rows[0]!.source_id);
      const mapping = {
        format: "geo",
        description: `${level} boundaries of the built-in dataset, as the importer simplified them from ../shared/data (npm run data:build)`,
        ...(source ? { source: { ...source, url: source.url ?? undefined } } : {}),
        level,
        code: { property: "code" },
        minArea: 0,
        createAreas: { name: "name", parent: { column: "parent" }, validFrom: rows[0]!.valid_from },
      };
      writeFileSync(join(REAL_DIR, `boundaries-${level}.mapping.json`), json(mapping));
      steps.push({ file, mapping: `boundaries-${level}.mapping.json` });
    }

    // Areas below kommune that have no boundary (most cities' bydeler): current ones as a list the
    // importer creates, retired ones (a bydel set that a reform ended) declared whole, with their end.
    for (const level of ["bydel", "grunnkrets"] as const) {
      const rows = await all<{ code: string; name_nb: string; parent_code: string | null; valid_from: string; valid_to: string | null }>(
        "SELECT code, name_nb, parent_code, valid_from, valid_to FROM areas WHERE level = ? AND code NOT IN (SELECT code FROM boundaries) ORDER BY code",
        level,
      );
      const current = rows.filter((r) => r.valid_to === null);
      const retired = rows.filter((r) => r.valid_to !== null);
      if (rows.length === 0) continue;
      const file = `areas-${level}.csv`;
      writeFileSync(join(REAL_DIR, file), ["code,name,parent", ...current.map((r) => [r.code, r.name_nb, r.parent_code].map(csvCell).join(","))].join("\n") + "\n");
      writeFileSync(
        join(REAL_DIR, `areas-${level}.mapping.json`),
        json({
          format: "csv",
          description: `${level} areas without a boundary in the built-in dataset`,
          area: { column: "code" },
          createAreas: { level, name: "name", parent: { column: "parent" }, validFrom: current[0]?.valid_from ?? "2024-01-01" },
          areas: retired.map((r) => ({ code: r.code, level, parentCode: r.parent_code, nameNb: r.name_nb, validFrom: r.valid_from, validTo: r.valid_to })),
        }),
      );
      steps.push({ file, mapping: `areas-${level}.mapping.json` });
    }

    // Postcodes per kommune, as a flat list the CSV importer reads (the raw file nests them per kommune).
    const postcodeRows = await all<{ code: string; area_code: string; place: string | null; source_id: string | null }>("SELECT code, area_code, place, source_id FROM postcodes ORDER BY code");
    if (postcodeRows.length > 0) {
      const file = "postcodes.csv";
      writeFileSync(join(REAL_DIR, file), ["postcode,kommune,place", ...postcodeRows.map((r) => [r.code, r.area_code, r.place].map(csvCell).join(","))].join("\n") + "\n");
      const source = await sourceOf(postcodeRows[0]!.source_id);
      writeFileSync(
        join(REAL_DIR, "postcodes.mapping.json"),
        json({
          format: "csv",
          description: "Postcodes of every kommune and their post offices' place names (npm run data:build): search finds a kommune by its postcode",
          ...(source ? { source: { ...source, url: source.url ?? undefined } } : {}),
          area: { column: "kommune" },
          postcode: { column: "postcode", place: "place" },
        }),
      );
      steps.push({ file, mapping: "postcodes.mapping.json" });
      console.log(`• ${file}: ${postcodeRows.length} postcodes`);
    }

    // Observations as published (raw codes; the recompute harmonises), one template file per source.
    const sources = await all<{ id: string; name: string; publisher: string; licence: string; url: string | null; priority: number }>(
      "SELECT id, name, publisher, licence, url, priority FROM sources WHERE id IN (SELECT DISTINCT source_id FROM observations) ORDER BY priority DESC, id",
    );
    for (const source of sources.filter((s) => !NOT_SHIPPED.has(s.id))) {
      const rows = await all<{ area_code: string; period: number; indicator_id: string; value: number | null; numerator: number | null; denominator: number | null; status: string | null }>(
        "SELECT area_code, period, indicator_id, value, numerator, denominator, status FROM observations WHERE source_id = ? ORDER BY indicator_id, area_code, period",
        source.id,
      );
      const ids = [...new Set(rows.map((r) => r.indicator_id))];
      const indicators = await all<Record<string, unknown>>(
        `SELECT id, name_nb AS nameNb, name_nn AS nameNn, name_en AS nameEn, unit, direction, source, table_id AS tableId, definition_nb AS definitionNb, definition_en AS definitionEn, finest_level AS finestLevel, sort_order AS sortOrder, period_span AS periodSpan FROM indicators WHERE id IN (${ids.map(() => "?").join(",")}) ORDER BY id`,
        ...ids,
      );
      const file = `observations-${source.id}.csv`;
      const lines = ["area_code,period,indicator,value,numerator,denominator,status", ...rows.map((r) => [r.area_code, r.period, r.indicator_id, r.value, r.numerator, r.denominator, r.status].map(csvCell).join(","))];
      writeFileSync(join(REAL_DIR, file), lines.join("\n") + "\n");
      writeFileSync(
        join(REAL_DIR, `observations-${source.id}.mapping.json`),
        json({
          format: "csv",
          description: `${source.name}: the observations of the built-in dataset from this source, in the import template (npm run data:build)`,
          source: { ...source, url: source.url ?? undefined },
          area: { column: "area_code" },
          period: { column: "period" },
          measures: [{ indicatorColumn: "indicator", value: "value", numerator: "numerator", denominator: "denominator", status: "status" }],
          optionalColumns: ["numerator", "denominator", "status"],
          indicators: indicators.map((i) => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== null))),
        }),
      );
      steps.push({ file, mapping: `observations-${source.id}.mapping.json` });
      console.log(`• ${file}: ${rows.length} observations of ${ids.length} indicators`);
    }
    // The reforms again: with population known, splits are weighed by it.
    steps.push({ file: "klass131-changes.json", mapping: "klass131-kommuner" });

    // The date says when the data last changed (the API serves it as "data updated"): a rebuild
    // that writes the same files keeps it, so the build is reproducible and `git status` stays clean.
    const unchanged = before.manifest && before.hash === dataHash(REAL_DIR) && JSON.stringify(before.manifest.steps) === JSON.stringify(steps);
    const manifest: RealManifest = { builtAt: unchanged ? before.manifest!.builtAt : new Date().toISOString().slice(0, 10), steps };
    writeFileSync(join(REAL_DIR, "manifest.json"), json(manifest));
    const allSources = await all<{ id: string; name: string; publisher: string; licence: string; url: string | null; priority: number }>("SELECT id, name, publisher, licence, url, priority FROM sources ORDER BY priority DESC, id");
    writeFileSync(join(REAL_DIR, "SOURCE.md"), sourceNote(manifest, allSources));
    console.log(`✓ db/real: ${steps.length} imports; run \`npm start\` to serve them`);
  } finally {
    await dispose();
  }
}

/** Attribution and licences of what db/real holds, written with every build so it cannot drift. */
function sourceNote(manifest: RealManifest, sources: { id: string; name: string; publisher: string; licence: string; url: string | null; priority: number }[]) {
  const raw = [...new Set(SHIPPED_IMPORTS.map((s) => `| \`${s.file}\` | \`${s.mapping}\` |`))];
  return `# The built-in real dataset

Built on ${manifest.builtAt} by \`npm run data:build\` (scripts/build-real-data.ts) from the public files in
\`../shared/data\` (their origin, commits and licences: \`../shared/data/PROVENANCE.md\`). Nothing here was
edited by hand: the raw files went through the project's importers with the mappings in \`db/mappings\`, and
what the database then held was written back out in forms the importers read again:

- \`observations-<source>.csv\`: the figures **as published** (the codes of their own year, periods as
  their last year), in the import template (docs/IMPORTING.md), one file per source with its mapping
  \`observations-<source>.mapping.json\` (source, licence, priority, indicator definitions). The recompute
  harmonises them to today's codes; derived figures (shares, gaps) are recomputed on import.
- \`boundaries-<level>.geojson\`: boundaries as the importer checked and simplified them.
- \`areas-<level>.csv\`: current areas without a boundary (most cities' bydeler).
- \`postcodes.csv\`: every kommune's postcodes (four digits) with the post office's place name, flattened
  from the list per kommune in aprestmo's municipalities file: search finds a kommune by its postcode.
- \`klass131-changes.json\`: SSB Klass 131 code changes since 2008, as the Klass API returns them.
- \`manifest.json\`: the order in which \`npm start\` imports these files into an empty local database.

## Raw files and mappings

| file in ../shared/data | mapping |
|---|---|
${raw.join("\n")}

## Sources, licences and priority

When two sources give the same cell, the higher priority wins (official statistics first).

| source | publisher | licence | priority |
|---|---|---|---|
${sources.map((s) => `| ${s.url ? `[${s.name}](${s.url})` : s.name} | ${s.publisher} | ${s.licence} | ${s.priority} |`).join("\n")}

Attribution: «Kilde: Statistisk sentralbyrå» (SSB, CC BY 4.0), «Kilde: IMDi/SSB» (NLOD 2.0), «© Kartverket»
(CC BY 4.0), Oslo kommune (NLOD 2.0), FHI's csdata (MIT; data SSB, NLOD 2.0).
`;
}

main().catch((e: Error) => {
  console.error(`data:build: ${e.message}`);
  process.exitCode = 1;
});
