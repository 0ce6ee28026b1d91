import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { parseMapping } from "../../worker/import/mapping";
import { runImport } from "../../worker/import/run";
import { get, recomputeNow, seed } from "./fixtures";

beforeAll(async () => {
  await seed();
  await recomputeNow();
});

const SELECTION = "areas=030101,03010101,03010102,5501,5610&indicators=low_income_persistent,population,median_income";

type Cell = { area: string; indicator: string; period: number; value: number | null; status: string | null };

const byKey = (a: Cell, b: Cell) => a.area.localeCompare(b.area) || a.indicator.localeCompare(b.indicator) || a.period - b.period;

async function storedCells(): Promise<Cell[]> {
  const { results } = await env.DB.prepare("SELECT area_code AS area, indicator_id AS indicator, period, value, status FROM observations").all<Cell>();
  return results.sort(byKey);
}

function csvCells(text: string): Cell[] {
  const [header, ...lines] = text.trim().split("\n").filter((l) => !l.startsWith("#"));
  const cols = header!.split(",");
  return lines
    .map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i]!, v])))
    .map((r) => ({ area: r.area_code!, indicator: r.indicator!, period: Number(r.period), value: r.value === "" ? null : Number(r.value), status: r.status || null }))
    .sort(byKey);
}

describe("downloads round-trip through the project's own importer", () => {
  it("imports the CSV download back to the same numbers and symbols", async () => {
    const text = await (await get(`/api/v1/download?${SELECTION}&meta=true`)).text();
    const expected = csvCells(text);
    expect(expected.some((c) => c.status === ":")).toBe(true);
    await env.DB.prepare("DELETE FROM observations").run();
    const report = await runImport(env, { file: "area-monitor.csv", bytes: new TextEncoder().encode(text) });
    expect(report.status).toBe("applied");
    expect(await storedCells()).toEqual(expected);
  });

  it("imports the JSON-stat2 download back to the same numbers and symbols", async () => {
    await env.DB.prepare("DELETE FROM observations").run();
    const { observationRows } = await import("./fixtures");
    for (const r of observationRows()) {
      await env.DB.prepare("INSERT INTO observations (area_code, indicator_id, period, value, numerator, denominator, status, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(r.areaCode, r.indicatorId, r.period, r.value ?? null, r.numerator ?? null, r.denominator ?? null, r.status ?? null, r.sourceId ?? null)
        .run();
    }
    await recomputeNow();
    const doc = (await (await get(`/api/v1/download?${SELECTION}&format=jsonstat2`)).json()) as {
      dimension: { Region: { category: { index: string[] } }; ContentsCode: { category: { index: string[] } }; Tid: { category: { index: string[] } } };
      value: (number | null)[];
      status: Record<string, string>;
      size: number[];
    };
    const regions = doc.dimension.Region.category.index;
    const contents = doc.dimension.ContentsCode.category.index;
    const times = doc.dimension.Tid.category.index;
    const expected: Cell[] = [];
    regions.forEach((area, r) =>
      contents.forEach((indicator, c) =>
        times.forEach((t, k) => {
          const i = (r * contents.length + c) * times.length + k;
          const status = doc.status[i] ?? null;
          // Cells the area never had (".." for the whole dataset's shape) are not imported as rows.
          if (status === ".." && doc.value[i] === null) return;
          expected.push({ area, indicator, period: Number(t), value: doc.value[i] ?? null, status });
        }),
      ),
    );
    await env.DB.prepare("DELETE FROM observations").run();
    const mapping = parseMapping(
      {
        format: "jsonstat2",
        area: { dimension: "Region" },
        period: { dimension: "Tid" },
        series: contents.map((id) => ({ indicator: id, select: { ContentsCode: id } })),
      },
      "area-monitor-download",
    );
    const report = await runImport(env, { file: "area-monitor.json", bytes: new TextEncoder().encode(JSON.stringify(doc)), mapping });
    expect(report.status).toBe("applied");
    const stored = (await storedCells()).filter((c) => !(c.status === ".." && c.value === null));
    expect(stored).toEqual(expected.sort(byKey));
  });
});
