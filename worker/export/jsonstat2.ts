import type { DatasetInfo } from "../api/schemas";
import { datedText } from "./csv";
import type { Cell } from "./table";

export interface JsonStatMeta {
  label: string;
  source: string;
  licence: string;
  /** When the data were last updated (JSON-stat's `updated`), and the rest of the dataset's dates. */
  dataset: DatasetInfo | null;
  snapshot: number;
  synthetic: boolean;
  indicatorLabels: Map<string, string>;
}

/**
 * A JSON-stat 2.0 dataset in the layout SSB's API returns (dimensions Region, ContentsCode,
 * Tid; row-major `value`; `status` keyed by cell index), so SSB users' tools read it as is.
 * Time ids are the periods' last years; their labels are the periods as published ("2016-2017")
 * when every indicator in the dataset has the same span; otherwise the years, with a note and
 * `extension.periodSpan` saying which indicators' periods cover several years.
 */
export function toJsonStat2(cells: Cell[], meta: JsonStatMeta) {
  const regions = new Map<string, string>();
  const contents = new Map<string, string>();
  const periods = new Set<number>();
  const spans = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const c of cells) {
    regions.set(c.area, c.areaName);
    contents.set(c.indicator, c.unit);
    periods.add(c.period);
    spans.set(c.indicator, c.periodSpan);
    labels.set(String(c.period), c.periodLabel);
  }
  const oneSpan = new Set(spans.values()).size <= 1;
  const longer = [...spans].filter(([, span]) => span > 1);
  const regionIds = [...regions.keys()];
  const contentIds = [...contents.keys()];
  const timeIds = [...periods].sort((a, b) => a - b).map(String);
  // Arrays, not id → position objects: JavaScript reorders integer-like keys such as "5501".
  const positions = (ids: string[]) => Object.fromEntries(ids.map((id, i) => [id, i]));
  const size = [regionIds.length, contentIds.length, timeIds.length];
  const value: (number | null)[] = new Array(size[0]! * size[1]! * size[2]!).fill(null);
  // Cells absent from the snapshot are missing, which SSB writes as "..".
  const status: Record<string, string> = {};
  for (let i = 0; i < value.length; i++) status[i] = "..";
  const ri = positions(regionIds), ci = positions(contentIds), ti = positions(timeIds);
  for (const c of cells) {
    const k = (ri[c.area]! * size[1]! + ci[c.indicator]!) * size[2]! + ti[String(c.period)]!;
    value[k] = c.value;
    if (c.status) status[k] = c.status;
    else delete status[k];
  }
  return {
    version: "2.0",
    class: "dataset",
    label: meta.label,
    source: meta.source,
    // When the data changed, not when this file was made (JSON-stat's meaning of the field).
    ...(meta.dataset ? { updated: meta.dataset.dataUpdated ?? meta.dataset.figuresUpdated } : {}),
    note: [
      `Licence: ${meta.licence}`,
      ...(meta.dataset ? [datedText(meta.dataset).trim()] : []),
      ...(oneSpan || longer.length === 0
        ? []
        : [`Time is the last year of each period; these indicators' periods cover several years: ${longer.map(([id, span]) => `${id} (${span} years)`).join(", ")}`]),
      ...(meta.synthetic ? ["SYNTHETIC DEMO DATA – not real statistics"] : []),
    ],
    id: ["Region", "ContentsCode", "Tid"],
    size,
    role: { geo: ["Region"], metric: ["ContentsCode"], time: ["Tid"] },
    dimension: {
      Region: { label: "region", category: { index: regionIds, label: Object.fromEntries(regions) } },
      ContentsCode: {
        label: "contents",
        category: {
          index: contentIds,
          label: Object.fromEntries(contentIds.map((id) => [id, meta.indicatorLabels.get(id) ?? id])),
          unit: Object.fromEntries(contentIds.map((id) => [id, { base: contents.get(id)!, decimals: 1 }])),
        },
      },
      Tid: { label: "time", category: { index: timeIds, label: Object.fromEntries(timeIds.map((t) => [t, oneSpan ? (labels.get(t) ?? t) : t])) } },
    },
    value,
    status,
    extension: { snapshot: meta.snapshot, synthetic: meta.synthetic, periodSpan: Object.fromEntries(spans), dataset: meta.dataset },
  };
}
