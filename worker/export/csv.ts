import type { Cell } from "./table";

/**
 * The columns of the project's CSV import template, so a download can be imported again, then
 * the area's name, the unit and the period as published ("2016-2017" for the two-year period
 * stored as 2017), which the importer ignores. Numerators and denominators are never published
 * (they would reveal suppressed values), so those columns stay empty.
 */
export const CSV_COLUMNS = ["area_code", "indicator", "period", "value", "numerator", "denominator", "status", "area_name", "unit", "period_label"] as const;

function field(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(",")}\n`;
}

/** A comment line naming source, licence and snapshot, for files that travel on their own. */
export function csvMetaLine(meta: { source: string; licence: string; snapshot: number; synthetic: boolean }): string {
  const synthetic = meta.synthetic ? " SYNTHETIC DEMO DATA, not real statistics." : "";
  return `# Area monitor snapshot v${meta.snapshot}. Source: ${meta.source}. Licence: ${meta.licence}.${synthetic}\n`;
}

export function csvRows(cells: Cell[]): string {
  let out = "";
  for (const c of cells) {
    out += [c.area, c.indicator, String(c.period), c.value === null ? "" : String(c.value), "", "", c.status ?? "", field(c.areaName), c.unit, c.periodLabel].join(",") + "\n";
  }
  return out;
}
