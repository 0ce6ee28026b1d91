/**
 * The SSB tables the scheduled fetcher keeps up to date (worker/import/ssb-fetch.ts): which
 * table, which categories of each dimension, and the mapping (db/mappings/<name>.json) that
 * turns the response into observations. Every dimension is listed: a category list, "*" for
 * all, or { top: n } for the latest n (periods).
 */
export type DimensionQuery = string[] | "*" | { top: number };

export interface SsbTable {
  table: string;
  mapping: string;
  query: Record<string, DimensionQuery>;
  /** PxWebApi v2 code lists per dimension, e.g. Region: "vs_Kommun" for kommuner only. */
  codelists?: Record<string, string>;
}

export const SSB_API = "https://data.ssb.no/api/pxwebapi/v2";

/** SSB's limit on the cells one data request may return; larger queries are split. */
export const SSB_MAX_CELLS = 800_000;

export const SSB_TABLES: SsbTable[] = [
  {
    table: "05300",
    mapping: "ssb-05300",
    query: { Avstand1: ["01", "02"], Kulturtilbud: ["01", "07"], ContentsCode: "*", Tid: "*" },
  },
];
