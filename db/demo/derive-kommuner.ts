/**
 * One-off derivation of db/demo/kommuner.json from the collected source files in ../shared/data.
 * The JSON is committed, so neither the app nor the demo generator ever needs ../shared.
 *
 *   npx tsx db/demo/derive-kommuner.ts [path/to/shared/data]
 *
 * Only codes, names and populations are taken (see SOURCE.md).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(process.argv[2] ?? join(here, "../../../shared/data"));

/** Both source CSVs are plain comma-separated UTF-8 without quoting (checked: no `"` in either). */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const cols = header!.split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    if (cells.length !== cols.length) throw new Error(`${path}: bad row ${line}`);
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]!]));
  });
}

const kommuneRows = readCsv(join(dataDir, "aprestmo/kommuner_2025_population_area.csv"));
const klassRows = readCsv(join(dataDir, "klass/klass131_kommune_changes_2008-2025.csv"));

// Latest Klass name per code: Klass carries the official (often multilingual) form, e.g.
// "Kárášjohka - Karasjok", which the geodata file splits into two columns.
const klassName = new Map<string, { name: string; date: string }>();
for (const r of klassRows) {
  const prev = klassName.get(r.newCode!);
  if (!prev || r.changeOccurred! >= prev.date) klassName.set(r.newCode!, { name: r.newName!, date: r.changeOccurred! });
}

const fylker = new Map<string, string>();
const kommuner = kommuneRows.map((r) => {
  const code = r.kommunenummer!;
  const name = r.kommunenavn!;
  const nameNo = r.kommunenavn_no!;
  fylker.set(r.fylkesnummer!, r.fylkesnavn!);
  const official = klassName.get(code)?.name ?? (name !== nameNo ? `${name} - ${nameNo}` : name);
  return {
    code,
    name: official,
    // The geodata file's first name column holds the Sami name where one is official.
    nameSe: name !== nameNo ? name : null,
    fylke: r.fylkesnummer!,
    population: Number(r.folketall),
  };
});

// The demo plants one real reform chain (2020 merger into 1507 Ålesund, 2024 split into 1508 +
// 1580); keep exactly those Klass rows so the generator does not need the whole change table.
const REFORM_CODES = new Set(["1504", "1523", "1529", "1534", "1546", "1507"]);
const reform = klassRows
  .filter((r) => REFORM_CODES.has(r.oldCode!) && r.oldCode !== r.newCode)
  .map((r) => ({
    oldCode: r.oldCode!,
    oldName: r.oldName!,
    newCode: r.newCode!,
    newName: r.newName!,
    changedOn: r.changeOccurred!,
  }));

if (fylker.size !== 15 || kommuner.length !== 357) {
  throw new Error(`expected 15 fylker and 357 kommuner, got ${fylker.size} and ${kommuner.length}`);
}
if (reform.length !== 7) throw new Error(`expected 7 Ålesund reform rows, got ${reform.length}`);

const out = {
  about:
    "2024 fylker and kommuner (codes, official names, population 1.1.2024). Derived by derive-kommuner.ts; see SOURCE.md.",
  fylker: [...fylker].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => ({ code, name })),
  kommuner: kommuner.sort((a, b) => a.code.localeCompare(b.code)),
  reform,
};
const target = join(here, "kommuner.json");
// One kommune per line keeps the committed file readable and its diffs small.
const json = JSON.stringify(out, null, 1).replace(/\{\n\s+("code"|"oldCode")[\s\S]*?\n\s*\}/g, (m) =>
  m.replace(/\n\s*/g, " "),
);
writeFileSync(target, `${json}\n`);
console.error(`wrote ${target}: ${out.fylker.length} fylker, ${out.kommuner.length} kommuner, ${reform.length} reform rows`);
