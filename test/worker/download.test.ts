import { beforeAll, describe, expect, it } from "vitest";
import { DOWNLOAD_CELL_LIMIT } from "../../worker/routes/download";
import { get, recomputeNow, seed } from "./fixtures";

beforeAll(async () => {
  await seed();
  await recomputeNow();
});

function parseCsv(text: string) {
  const lines = text.trim().split("\n").filter((l) => !l.startsWith("#"));
  const header = lines[0]!.split(",");
  return lines.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [header[i]!, v])));
}

describe("GET /api/v1/download", () => {
  it("streams CSV in the import template's columns, suppressed cells empty with ':'", async () => {
    const res = await get("/api/v1/download?childrenOf=030101&indicators=low_income_persistent&from=2023&to=2024");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const rows = parseCsv(await res.text());
    expect(rows).toEqual([
      { area_code: "03010101", indicator: "low_income_persistent", period: "2023", value: "48", numerator: "", denominator: "", status: "", area_name: "Grønland", unit: "percent", period_label: "2023" },
      { area_code: "03010101", indicator: "low_income_persistent", period: "2024", value: "50.7", numerator: "", denominator: "", status: "", area_name: "Grønland", unit: "percent", period_label: "2024" },
      { area_code: "03010102", indicator: "low_income_persistent", period: "2023", value: "", numerator: "", denominator: "", status: ":", area_name: "Tøyen", unit: "percent", period_label: "2023" },
      { area_code: "03010102", indicator: "low_income_persistent", period: "2024", value: "", numerator: "", denominator: "", status: ":", area_name: "Tøyen", unit: "percent", period_label: "2024" },
      // Hidden to protect Tøyen (complementary suppression).
      { area_code: "03010103", indicator: "low_income_persistent", period: "2023", value: "", numerator: "", denominator: "", status: ":", area_name: "Vålerenga", unit: "percent", period_label: "2023" },
      { area_code: "03010103", indicator: "low_income_persistent", period: "2024", value: "", numerator: "", denominator: "", status: ":", area_name: "Vålerenga", unit: "percent", period_label: "2024" },
    ]);
  });

  it("adds a source and licence line on request", async () => {
    const text = await (await get("/api/v1/download?areas=0301&indicators=low_income_persistent&meta=true")).text();
    expect(text.split("\n")[0]).toMatch(/^# Area monitor snapshot v\d+\. Source: .*Licence: CC BY 4\.0/);
  });

  it("writes JSON-stat2 that keeps status symbols and never a number for a suppressed cell", async () => {
    const res = await get("/api/v1/download?areas=03010101,03010102&indicators=low_income_persistent,population&from=2024&to=2024&format=jsonstat2");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { id: string[]; size: number[]; value: (number | null)[]; status: Record<string, string>; role: { geo: string[] } };
    expect(doc.id).toEqual(["Region", "ContentsCode", "Tid"]);
    expect(doc.size).toEqual([2, 2, 1]);
    expect(doc.role.geo).toEqual(["Region"]);
    // Order: Region × ContentsCode × Tid. Tøyen's two cells (index 2 and 3) are confidential.
    expect(doc.value).toEqual([50.7, 1500, null, null]);
    expect(doc.status).toEqual({ 2: ":", 3: ":" });
  });

  it("answers 413 past the cell limit, saying how to split", async () => {
    const codes = Array.from({ length: 500 }, (_, i) => String(10_000_000 + i));
    const res = await get(`/api/v1/download?areas=${codes.join(",")}&from=1900&to=2100`);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { message: string; details: { limit: number } } };
    expect(body.error.details.limit).toBe(DOWNLOAD_CELL_LIMIT);
    expect(body.error.message).toMatch(/Split it/);
  });

  it("names the bad field: no selection, unknown area, reversed period range", async () => {
    const none = await get("/api/v1/download?indicators=low_income_persistent");
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(/^query\.areas/);
    const reversed = await get("/api/v1/download?areas=0301&from=2024&to=2020");
    expect(((await reversed.json()) as { error: { message: string } }).error.message).toMatch(/^query\.from/);
    const unknown = await get("/api/v1/download?areas=0301,9999");
    expect(unknown.status).toBe(404);
  });
});
