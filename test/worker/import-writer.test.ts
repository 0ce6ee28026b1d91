import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diff } from "../../worker/import/diff";
import { csvMappingSchema } from "../../worker/import/mapping";
import { applyDiff } from "../../worker/import/writer";
import { importText, query, seedBase, tableContents } from "../fixtures/import/helpers";

beforeAll(seedBase);

const empty = () => ({ added: [], updated: [], unchanged: 0 });
const stagedRows = async () => {
  const exists = await query<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE name = 'import_staging'");
  return exists[0]!.n === 0 ? 0 : (await query<{ n: number }>("SELECT count(*) AS n FROM import_staging"))[0]!.n;
};

describe("all-or-nothing writes", () => {
  it("stages a large file over many batches and swaps it in at once", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const code = `0301${String(1000 + i)}`;
      return [2022, 2023, 2024].map((year) => `${code},Krets ${i},${year},${100 + i + year - 2022}`).join("\n");
    });
    const mapping = csvMappingSchema.parse({
      format: "csv",
      area: { column: "kode" },
      period: { column: "år" },
      measures: [{ indicator: "population", value: "bosatte" }],
      createAreas: { level: "grunnkrets", name: "navn", parent: { code: "030101" } },
    });
    const progress: number[] = [];
    const report = await importText("many.csv", `kode,navn,år,bosatte\n${rows.join("\n")}\n`, { mapping }, {
      limits: { chunkBytes: 4000, statementsPerBatch: 3 },
      onProgress: (_phase, done) => progress.push(done),
    });
    expect(report.status, report.summary).toBe("applied");
    expect(report.tables.observations.added).toBe(3000);
    expect(report.tables.areas.added).toBe(1000);
    // Many staging batches ran before the one that made the rows visible.
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(4000);
    expect(await query("SELECT count(*) AS n FROM observations WHERE area_code LIKE '03011%' OR area_code LIKE '030120%'")).toEqual([{ n: 3000 }]);
    expect(await query("SELECT value FROM observations WHERE area_code = '03011999' AND period = 2024")).toEqual([{ value: 100 + 999 + 2 }]);
    expect(await stagedRows()).toBe(0);
  });

  it("leaves every table as it was when the final batch fails, and clears its staging rows", async () => {
    const before = await tableContents();
    const diff: Diff = {
      sources: { added: [{ id: "never", name: "Never", publisher: "Nobody", licence: "none", url: null }], updated: [], unchanged: 0 },
      indicators: empty(),
      areas: { added: [{ code: "03010199", level: "grunnkrets", parentCode: "030101", nameNb: "Never", validFrom: "2024-01-01" }], updated: [], unchanged: 0 },
      area_changes: empty(),
      boundaries: empty(),
      postcodes: empty(),
      conflicts: [],
      observations: {
        added: [
          { areaCode: "0301", indicatorId: "population", period: 2030, value: 1 },
          // indicator_id is NOT NULL: this row fails inside the final transaction.
          { areaCode: "0301", indicatorId: null as unknown as string, period: 2031, value: 2 },
        ],
        updated: [],
        unchanged: 0,
      },
    };
    await expect(applyDiff(env.DB, diff, { startedAt: new Date().toISOString(), file: "broken", format: "csv", report: {} }, { limits: { chunkBytes: 50, statementsPerBatch: 1 } })).rejects.toThrow(/NOT NULL/);
    expect(await tableContents()).toEqual(before);
    expect(await stagedRows()).toBe(0);
  });
});
