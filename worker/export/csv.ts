import type { DatasetInfo } from "../api/schemas";
import type { Cell } from "./table";

/**
 * The columns of the project's CSV import template, so a download can be imported again, then
 * the area's name, the unit and the period as published ("2016-2017" for the two-year period
 * stored as 2017), which the importer ignores. Numerators and denominators are never published
 * (they would reveal suppressed values), so those columns stay empty.
 */
export const CSV_COLUMNS = ["area_code", "indicator", "period", "value", "numerator", "denominator", "status", "area_name", "unit", "period_label"] as const;

export function field(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(",")}\n`;
}

/**
 * A comment line naming source, licence, snapshot and how old the data are, for files that
 * travel on their own (the importer skips it). Each row's year is in its `period` column.
 */
export function csvMetaLine(meta: { source: string; licence: string; snapshot: number; synthetic: boolean; dataset: DatasetInfo | null }): string {
  const synthetic = meta.synthetic ? " SYNTHETIC DEMO DATA, not real statistics." : "";
  return `# Area monitor snapshot v${meta.snapshot}. Source: ${meta.source}. Licence: ${meta.licence}.${datedText(meta.dataset)}${synthetic}\n`;
}

/** " Data updated 2026-12-06; figures computed 2026-12-06; newest period 2024." (what is known). */
export function datedText(dataset: DatasetInfo | null): string {
  if (!dataset) return "";
  const parts = [
    ...(dataset.dataUpdated ? [`data updated ${day(dataset.dataUpdated)}`] : []),
    `figures computed ${day(dataset.figuresUpdated)}`,
    ...(dataset.newestPeriod !== null ? [`newest period ${dataset.newestPeriod}`] : []),
  ];
  const text = parts.join("; ");
  return ` ${text.charAt(0).toUpperCase()}${text.slice(1)}; each figure's year is in the period column.`;
}

const day = (iso: string) => iso.slice(0, 10);

export function csvRows(cells: Cell[]): string {
  let out = "";
  for (const c of cells) {
    out += [c.area, c.indicator, String(c.period), c.value === null ? "" : String(c.value), "", "", c.status ?? "", field(c.areaName), c.unit, c.periodLabel].join(",") + "\n";
  }
  return out;
}
