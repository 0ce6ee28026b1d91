/// <reference types="vite/client" />
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledMapping } from "../../db/mappings";
import { SSB_MAX_CELLS, SSB_TABLES, type SsbTable } from "../../db/sources";
import metadata05300 from "../fixtures/import/ssb-05300-metadata-v2.json?raw";
import data05300 from "../fixtures/import/ssb-05300-v0.json?raw";
import { importText, query, seedBase, tableContents } from "../fixtures/import/helpers";
import { cellsOf, fetchSources, splitSelection, type Fetch, type Selection } from "../../worker/import/ssb-fetch";
import { replaySsb, type Request } from "../fixtures/import/ssb-replay";

beforeAll(seedBase);

const TABLE_05300 = SSB_TABLES.find((t) => t.table === "05300")!;
const recordedSsb = (log: Request[]) => replaySsb({ "05300": { data: data05300, metadata: metadata05300 } }, log);

describe("SSB fetcher", () => {
  it("splits a national query into requests under SSB's 800,000-cell limit that cover every cell once", () => {
    const codes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const national: Selection = { Region: codes("r", 14_000), ContentsCode: codes("c", 30), Tid: codes("t", 15) };
    const parts = splitSelection(national, SSB_MAX_CELLS);
    expect(parts.length).toBe(8);
    for (const p of parts) expect(cellsOf(p)).toBeLessThanOrEqual(SSB_MAX_CELLS);
    expect(parts.reduce((n, p) => n + cellsOf(p), 0)).toBe(cellsOf(national));
    expect(new Set(parts.flatMap((p) => p.Region!)).size).toBe(14_000);
  });

  it("fetches a table of db/sources.ts in parts, joins them and imports them as one file", async () => {
    const log: Request[] = [];
    const { reports: [report], failures } = await fetchSources(env, new Date(), { fetch: recordedSsb(log), maxCells: 10, tables: [TABLE_05300] });
    expect(failures).toEqual([]);
    expect(report!.status, report!.summary).toBe("applied");
    // 2 bands × 2 venues × 1 × 9 years = 36 cells, asked for at most 10 at a time.
    const data = log.filter((l) => l.method === "POST");
    expect(data.length).toBe(5);
    expect(data.every((l) => l.cells <= 10)).toBe(true);
    expect(data.reduce((n, l) => n + l.cells, 0)).toBe(36);
    expect(report!.notes).toContain("fetched from SSB in 5 requests");
    expect(await query("SELECT period, value, status FROM observations WHERE indicator_id = 'cinema_within_5km' AND period IN (1991, 2016, 2021) ORDER BY period")).toEqual([
      { period: 1991, value: 55, status: null },
      { period: 2016, value: 54, status: null },
      { period: 2021, value: null, status: "." },
    ]);
    // The joined parts hold exactly what the whole recorded response holds.
    const direct = await importText("05300.json", data05300, { mapping: bundledMapping("ssb-05300") });
    expect(direct.status).toBe("unchanged");
  });

  it("writes nothing when SSB refuses a request, and names the table and status", async () => {
    const before = await tableContents();
    const broken: SsbTable = { ...TABLE_05300, query: { ...TABLE_05300.query, Tid: { top: 2 } } };
    const failing: Fetch = async (url, init) => (init?.method === "POST" ? new Response("Too many cells", { status: 403 }) : recordedSsb([])(url, init));
    const { reports, failures } = await fetchSources(env, new Date(), { fetch: failing, tables: [broken] });
    expect(reports).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.table).toBe("05300");
    expect(failures[0]!.error).toMatch(/SSB answered 403 for POST https:\/\/data\.ssb\.no\/api\/pxwebapi\/v2\/tables\/05300\/data/);
    expect(await tableContents()).toEqual(before);
  });

  it("refuses a query that names a category the table does not have", async () => {
    const wrong: SsbTable = { ...TABLE_05300, query: { ...TABLE_05300.query, Kulturtilbud: ["99"] } };
    const { failures } = await fetchSources(env, new Date(), { fetch: recordedSsb([]), tables: [wrong] });
    expect(failures).toEqual([{ table: "05300", error: "table 05300: dimension Kulturtilbud has no 99" }]);
  });
});
