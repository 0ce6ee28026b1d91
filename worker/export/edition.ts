import type { DatasetInfo } from "../api/schemas";
import type { EditionArea } from "../stats/editions";
import { datedText, field } from "./csv";
import { toJsonStat2 } from "./jsonstat2";
import type { Cell } from "./table";

export interface EditionFileMeta {
  id: string;
  title: string;
  citation: string;
  year: number;
  ruleSet: { id: string; version: number };
  snapshot: number;
  synthetic: boolean;
  dataset: DatasetInfo | null;
  licence: string;
  /** Indicator id → unit, for the JSON-stat units of values and thresholds. */
  units: Record<string, string>;
}

/** One row per area and criterion (an area without criteria gets one row with them empty). */
export const EDITION_CSV_COLUMNS = [
  "edition", "area_code", "area_name", "level", "outcome", "met", "borderline", "population",
  "criterion", "tier", "indicator", "value", "threshold", "criterion_met", "criterion_borderline", "reason",
] as const;

const num = (x: number | null) => (x === null ? "" : String(x));
const bool = (x: boolean) => (x ? "true" : "false");

/** The edition as CSV: a `#` line saying what it is and how to cite it, the header, the rows. */
export function editionCsv(meta: EditionFileMeta, areas: readonly EditionArea[]): string {
  const synthetic = meta.synthetic ? " SYNTHETIC DEMO DATA, not real statistics." : "";
  let out = `# ${meta.title} (${meta.ruleSet.id} version ${meta.ruleSet.version}), from snapshot v${meta.snapshot}. Licence: ${meta.licence}. Cite as: ${meta.citation}.${datedText(meta.dataset)}${synthetic}\n`;
  out += `${EDITION_CSV_COLUMNS.join(",")}\n`;
  for (const a of areas) {
    const head = [meta.id, a.code, field(a.name), a.level, a.outcome, bool(a.met), bool(a.borderline), num(a.population)];
    const rows = a.criteria.length ? a.criteria : [null];
    for (const c of rows) {
      const tail = c ? [c.id, c.tier ?? "", c.indicator, num(c.value), num(c.threshold), bool(c.met), bool(c.borderline), c.reason ?? ""] : ["", "", "", "", "", "", "", ""];
      out += [...head, ...tail].join(",") + "\n";
    }
  }
  return out;
}

const STATUS_OF_REASON: Record<string, Cell["status"]> = { suppressed: ":", missing: "..", not_applicable: "." };

/**
 * The edition as JSON-stat 2.0 in the download's layout (Region × ContentsCode × Tid, one
 * year): per criterion its value (`<criterion>`), the threshold applied
 * (`<criterion>.threshold`) and whether it held (`<criterion>.met`, 1 or 0), and whether the
 * area is on the list (`met`). The edition's own facts are in `extension.edition`.
 */
export function editionJsonStat2(meta: EditionFileMeta, areas: readonly EditionArea[]) {
  const cells: Cell[] = [];
  const base = { period: meta.year, periodLabel: String(meta.year), periodSpan: 1 };
  const labels = new Map<string, string>([["met", "On the list (1 = yes)"]]);
  for (const a of areas) {
    const at = { ...base, area: a.code, areaName: a.name };
    cells.push({ ...at, indicator: "met", unit: "flag", value: a.met ? 1 : 0, status: null });
    for (const c of a.criteria) {
      const unit = meta.units[c.indicator] ?? "";
      const status = c.value === null ? (STATUS_OF_REASON[c.reason ?? "missing"] ?? "..") : null;
      cells.push({ ...at, indicator: c.id, unit, value: c.value, status });
      cells.push({ ...at, indicator: `${c.id}.threshold`, unit, value: c.threshold, status: c.threshold === null ? ".." : null });
      cells.push({ ...at, indicator: `${c.id}.met`, unit: "flag", value: c.reason === null ? (c.met ? 1 : 0) : null, status: c.reason === null ? null : (STATUS_OF_REASON[c.reason] ?? "..") });
      labels.set(c.id, `${c.id} (${c.indicator})`);
      labels.set(`${c.id}.threshold`, `${c.id}: threshold applied`);
      labels.set(`${c.id}.met`, `${c.id}: criterion holds (1 = yes)`);
    }
  }
  const doc = toJsonStat2(cells, { label: meta.title, source: "Områdemonitoren (IMDi)", licence: meta.licence, dataset: meta.dataset, snapshot: meta.snapshot, synthetic: meta.synthetic, indicatorLabels: labels });
  return {
    ...doc,
    note: [...doc.note, `Cite as: ${meta.citation}`],
    extension: { ...doc.extension, edition: { id: meta.id, title: meta.title, citation: meta.citation, ruleSet: meta.ruleSet, year: meta.year } },
  };
}
