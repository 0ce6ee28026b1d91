/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { DERIVED } from "../../db/derived";
import { BUNDLED_MAPPINGS, bundledMapping } from "../../db/mappings";
import { parseMapping, type Mapping } from "../../worker/import/mapping";

/**
 * Several mappings bring the same source or indicator: the nightly JSON-stat fetch of SSB 07459
 * and the CSV mapping for the statistics bank's exports of it, FHI, Oslo and aprestmo beside SSB
 * for population, IMDi's file and SSB 09817 for immigrants. The catalogue has one row per id,
 * and every import writes its own declaration over the stored one, so two mappings that
 * declare an id differently rewrite each other's text on every run, and each rewrite makes the
 * next recompute rebuild everything. One id, one declaration.
 */

type Declared = Record<string, unknown>;

/** A declaration as the import writes it (worker/import/diff.ts: diffPlan fills these defaults). */
const indicatorRow = (i: Mapping["indicators"][number]): Declared => ({ ...i, nameNn: i.nameNn ?? null, tableId: i.tableId ?? null, sortOrder: i.sortOrder ?? 0, periodSpan: i.periodSpan ?? 1 });
const sourceRow = (s: NonNullable<Mapping["source"]>): Declared => ({ ...s, url: s.url ?? null, priority: s.priority ?? 0 });

/** "id: field differs (a: …, b: …)" for every id that two of the named mappings declare differently. */
function conflictingDeclarations(mappings: readonly { name: string; mapping: Mapping }[]): string[] {
  const indicators = new Map<string, { name: string; row: Declared }[]>();
  const sources = new Map<string, { name: string; row: Declared }[]>();
  const add = (into: typeof indicators, id: string, name: string, row: Declared) => into.set(id, [...(into.get(id) ?? []), { name, row }]);
  for (const { name, mapping } of mappings) {
    for (const i of mapping.indicators) add(indicators, i.id, name, indicatorRow(i));
    if (mapping.source) add(sources, mapping.source.id, name, sourceRow(mapping.source));
  }
  const out: string[] = [];
  for (const [kind, byId] of [["indicator", indicators], ["source", sources]] as const) {
    for (const [id, list] of byId) {
      const [first, ...rest] = list;
      for (const other of rest) {
        const fields = [...new Set([...Object.keys(first!.row), ...Object.keys(other.row)])];
        for (const f of fields) {
          const a = JSON.stringify(first!.row[f] ?? null);
          const b = JSON.stringify(other.row[f] ?? null);
          if (a !== b) out.push(`${kind} ${id}: ${f} differs (${first!.name}: ${a}, ${other.name}: ${b})`);
        }
      }
    }
  }
  return out;
}

const bundled = BUNDLED_MAPPINGS.map((name) => ({ name, mapping: bundledMapping(name)! }));

/** The built-in dataset's mappings (db/real, written by `npm run data:build` from the catalogue). */
const shipped = Object.entries(import.meta.glob("../../db/real/*.mapping.json", { eager: true, import: "default" })).map(([path, raw]) => {
  const name = path.replace("../../", "");
  return { name, mapping: parseMapping(raw, name) };
});

describe("mapping declarations", () => {
  it("finds a difference in any field, and an omitted period span differing from a stated one", () => {
    const decl = { id: "crime_per_1000", nameNb: "Lovbrudd", nameEn: "Offences", unit: "per1000", direction: "higher_worse", source: "SSB", definitionNb: "d", definitionEn: "d", finestLevel: "kommune" } as const;
    const source = { id: "ssb-08487", name: "SSB 08487", publisher: "SSB", licence: "CC BY 4.0", priority: 100 };
    const a = parseMapping({ format: "records", area: { column: "code" }, source, indicators: [{ ...decl, periodSpan: 2 }] }, "a");
    const b = parseMapping({ format: "records", area: { column: "code" }, source: { ...source, name: "Statistikkbanken 08487" }, indicators: [decl] }, "b");
    expect(conflictingDeclarations([{ name: "a", mapping: a }, { name: "b", mapping: b }])).toEqual([
      "indicator crime_per_1000: periodSpan differs (a: 2, b: 1)",
      'source ssb-08487: name differs (a: "SSB 08487", b: "Statistikkbanken 08487")',
    ]);
    // Left out and stated as the default are the same declaration.
    const c = parseMapping({ format: "records", area: { column: "code" }, indicators: [{ ...decl, periodSpan: 1, sortOrder: 0, tableId: null }] }, "c");
    const d = parseMapping({ format: "records", area: { column: "code" }, indicators: [decl] }, "d");
    expect(conflictingDeclarations([{ name: "c", mapping: c }, { name: "d", mapping: d }])).toEqual([]);
  });

  it("every bundled mapping declares a shared indicator id or source id exactly as the others do", () => {
    expect(bundled.length).toBeGreaterThan(20);
    expect(conflictingDeclarations(bundled)).toEqual([]);
  });

  it("the built-in dataset (db/real) declares them as the bundled mappings do, so the nightly fetch rewrites nothing it loaded", () => {
    expect(shipped.length).toBeGreaterThan(5);
    expect(conflictingDeclarations([...bundled, ...shipped])).toEqual([]);
  });

  it("no mapping declares an indicator the monitor derives itself (db/derived.ts writes those declarations)", () => {
    const derived = new Set(DERIVED.map((d) => d.id));
    const declared = [...bundled, ...shipped].flatMap(({ name, mapping }) => mapping.indicators.filter((i) => derived.has(i.id)).map((i) => `${name}: ${i.id}`));
    expect(declared).toEqual([]);
  });
});
