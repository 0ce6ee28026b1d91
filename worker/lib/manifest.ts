import { z } from "zod";
import { datasetInfoSchema, type DatasetInfo } from "../api/schemas";

/**
 * Snapshot tables that are rebuilt whole or not at all. `area_series` and `child_values` are
 * per indicator instead: an incremental run rebuilds only the indicators whose data changed.
 */
/** `overviews` is written by every run, series-only ones too: it says what the run changed. */
export const WHOLE_TABLES = ["area_cards", "search_terms", "classification_results", "composite_scores", "segregation_results", "child_geometry", "locate_tiles", "overviews"] as const;
export type WholeTable = (typeof WHOLE_TABLES)[number];

/**
 * Bumped when the recompute's output changes for the same input (a new measure, a fixed
 * formula): a snapshot built by another engine is never carried forward.
 */
export const ENGINE_VERSION = 15;

/** Which snapshot holds each part of a published snapshot. */
export const manifestSchema = z.object({
  engine: z.number().int(),
  tables: z.record(z.enum(WHOLE_TABLES), z.number().int()),
  /** Indicator → the snapshot holding its `area_series` and `child_values`, in catalogue order. */
  series: z.array(z.tuple([z.string(), z.number().int()])),
  /** The rule set versions the classifications were computed with. */
  ruleSets: z.record(z.string(), z.number().int()),
  /**
   * How old the data and figures are, set when the snapshot goes live: every request reads this
   * row anyway, so cards and downloads can say it without another read.
   */
  dataset: datasetInfoSchema.optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The live snapshot as a request sees it. */
export interface Live {
  version: number;
  /**
   * Random per snapshot (null for one published before identities): versions restart at 1 in
   * a new database, so ETags and cache keys carry this too (see `snapshotTag`).
   */
  identity?: string | null;
  /** Null for a snapshot published before manifests: then everything is in `version`. */
  manifest: Manifest | null;
  /** Null for a snapshot published before it was recorded. */
  dataset: DatasetInfo | null;
}

export const tableVersion = (live: Live, table: WholeTable): number => live.manifest?.tables[table] ?? live.version;

export function seriesVersion(live: Live, indicator: string): number | undefined {
  if (!live.manifest) return live.version;
  return live.manifest.series.find(([id]) => id === indicator)?.[1];
}

/** The snapshots a full set of an area's indicator cards is spread over (usually one or two). */
export const seriesVersions = (live: Live): number[] => (live.manifest ? [...new Set(live.manifest.series.map(([, v]) => v))] : [live.version]);

/** A new snapshot's identity: 64 random bits as hex. */
export function newSnapshotIdentity(): string {
  return [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * What names the live snapshot in ETags and cache keys: its version and identity, so two
 * databases that both publish v1 (the demo, then real data) never share a cached answer. A
 * snapshot without identity (an older database) falls back to the version alone.
 */
export const snapshotTag = (live: Pick<Live, "version" | "identity">): string => (live.identity ? `v${live.version}-${live.identity}` : `v${live.version}`);
