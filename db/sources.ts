import type { Level } from "./schema";

/**
 * The SSB tables the scheduled fetcher keeps up to date (worker/import/ssb-fetch.ts): which
 * table, which categories of each dimension, and the mapping (db/mappings/<name>.json) that
 * turns the response into observations. Every dimension is listed: a category list, "*" for
 * all, { top: n } for the latest n (periods), or { areas: levels } for the categories that are
 * today's areas of those levels in the database (see `areaCategories` in ssb-fetch.ts).
 *
 * No request to SSB could be made where these were written: which table ids and dimension
 * codes come from SSB's documentation or others' published queries, and which are assumed,
 * is listed in the README (*Refreshing from SSB*). A code a table does not have stops that
 * table (nothing written, the others still fetched) with a message naming table, dimension
 * and code.
 */
export type DimensionQuery = string[] | "*" | { top: number } | { areas: Level[] };

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

/** Norway, the fylker and the kommuner of today. */
const TOP: Level[] = ["country", "fylke", "kommune"];

/** Single years of age as SSB codes them: "000" … "104", then "105+". */
export const AGES = [...Array.from({ length: 105 }, (_, a) => String(a).padStart(3, "0")), "105+"];

/**
 * Two years are asked for each night: the newest and the one before it, which SSB sometimes
 * revises. Older years come from the built-in dataset and the importers.
 */
const RECENT = { top: 2 } as const;

export const SSB_TABLES: SsbTable[] = [
  {
    table: "05300",
    mapping: "ssb-05300",
    query: { Avstand1: ["01", "02"], Kulturtilbud: ["01", "07"], ContentsCode: "*", Tid: "*" },
  },
  // Population on 1 January by single year of age: population, 0–17 and 67+.
  {
    table: "07459",
    mapping: "ssb-07459",
    query: { Region: { areas: TOP }, Kjonn: "*", Alder: AGES, ContentsCode: ["Personer1"], Tid: RECENT },
  },
  // Population of the bydeler of Oslo, Bergen, Stavanger and Trondheim.
  {
    table: "10826",
    mapping: "ssb-10826",
    query: { Region: { areas: ["bydel"] }, Kjonn: "*", Alder: "*", ContentsCode: "*", Tid: RECENT },
  },
  // Immigrants (born abroad to two foreign-born parents), all countries of origin together.
  {
    table: "09817",
    mapping: "ssb-09817",
    query: { Region: { areas: TOP }, InnvandrKat: ["B"], Landbakgrunn: ["999"], ContentsCode: ["Personer1"], Tid: RECENT },
  },
  // Reported offences per 1 000 residents by scene of crime, two-year periods.
  {
    table: "08487",
    mapping: "ssb-08487",
    query: { Gjerningssted: { areas: TOP }, LovbruddKrim: ["1AAAAA-9ZZZZz"], ContentsCode: ["AnmLovbrPer1000"], Tid: RECENT },
  },
  // Employed persons 15–74 in per cent of the population 15–74: everyone and immigrants, under
  // ids of their own (employment_rate_15_74…): IMDi's employment_rate counts ages 20–66.
  {
    table: "11607",
    mapping: "ssb-11607",
    query: { Region: { areas: TOP }, Alder: ["15-74"], Kjonn: ["0"], Landbakgrunn: ["tot", "zzz"], ContentsCode: ["Sysselsatte2"], Tid: RECENT },
  },
  // Share of residents 16 and over whose highest education is compulsory school.
  {
    table: "09429",
    mapping: "ssb-09429",
    query: { Region: { areas: TOP }, Nivaa: ["01"], Kjonn: ["0"], ContentsCode: ["PersonerProsent"], Tid: RECENT },
  },
];
