import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AreaBody } from "../../worker/api/schemas";
import { MAX_IMPORT_BYTES } from "../../worker/import/body";
import { query, seedBase, tableContents } from "../fixtures/import/helpers";
import { ADMIN, get } from "./fixtures";

beforeAll(seedBase);

function postImport(query: string, body: BodyInit | null, headers: Record<string, string> = ADMIN) {
  return exports.default.fetch(new Request(`http://localhost/api/admin/import${query}`, { method: "POST", headers, body, duplex: "half" } as RequestInit));
}

const GOOD = "area_code,indicator,period,value\n0301,population,2025,720000\n1508,population,2025,68000\n";

describe("POST /api/admin/import", () => {
  it("answers 401 without the bearer token and writes nothing", async () => {
    const before = await tableContents();
    const res = await postImport("?file=good.csv", GOOD, {});
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    expect(await tableContents()).toEqual(before);
  });

  it("imports a good file and answers with the report", async () => {
    const res = await postImport("?file=good.csv", GOOD);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { status: string; totals: object; areasTouched: { codes: string[] }; recompute: { due: boolean } };
    expect(report).toMatchObject({ status: "applied", totals: { added: 2, updated: 0, rejected: 0 }, areasTouched: { codes: ["0301", "1508"] }, recompute: { due: true } });
    expect(await query("SELECT value FROM observations WHERE area_code = '1508' AND period = 2025")).toEqual([{ value: 68000 }]);
  });

  it("answers 400 with every error located, and writes nothing, for a bad file", async () => {
    const before = await tableContents();
    const res = await postImport("?file=bad.csv", "area_code,indicator,period,value\n0301,population,2025,abc\n9999,population,2025,1\n");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: { errors: { text: string }[] } } };
    expect(body.error.code).toBe("import_rejected");
    expect(body.error.message).toMatch(/bad\.csv: rejected, nothing was written \(2 errors; first: bad\.csv, row 2, column "value": non-numeric value "abc"\)/);
    expect(body.error.details.errors.map((e) => e.text)).toEqual([
      'bad.csv, row 2, column "value": non-numeric value "abc"',
      'bad.csv, row 3, column "area_code": unknown area code 9999',
    ]);
    expect(await tableContents()).toEqual(before);
  });

  it("answers 413 past the limit, whether the size is declared or only streamed", async () => {
    const before = await tableContents();
    const declared = await postImport("?file=big.csv", "x", { ...ADMIN, "Content-Length": String(MAX_IMPORT_BYTES + 1) });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    const chunk = new Uint8Array(1024 * 1024).fill(0x41);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_IMPORT_BYTES) controller.close();
        else {
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        }
      },
    });
    const streamed = await postImport("?file=big.csv", stream);
    expect(streamed.status).toBe(413);
    expect(await tableContents()).toEqual(before);
  });

  it("takes a bundled mapping by name, or an inline one from X-Import-Mapping, and rejects unknown ones", async () => {
    const unknown = await postImport("?mapping=no-such-mapping", GOOD);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/query\.mapping: no bundled mapping "no-such-mapping" \(known: .*klass131-kommuner/);

    const mapping = { format: "csv", area: { column: "kode" }, period: { value: 2025 }, measures: [{ indicator: "median_income", value: "median" }] };
    const header = btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(mapping))));
    const res = await postImport("?file=inntekt.csv", "kode;median\n301;612 000\n", { ...ADMIN, "X-Import-Mapping": header });
    expect(res.status).toBe(200);
    expect(await query("SELECT value FROM observations WHERE area_code = '0301' AND indicator_id = 'median_income' AND period = 2025")).toEqual([{ value: 612000 }]);

    const broken = await postImport("?file=x.csv", GOOD, { ...ADMIN, "X-Import-Mapping": btoa(JSON.stringify({ format: "csv" })) });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string; message: string } }).error).toEqual({ code: "invalid_mapping", message: expect.stringMatching(/^X-Import-Mapping: area: /) });
  });

  it("validates and counts without writing on a dry run", async () => {
    const before = await tableContents();
    const res = await postImport("?file=try.csv&dryRun=true", "area_code,indicator,period,value\n5501,population,2026,80000\n");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dryRun: true, totals: { added: 1 }, summary: expect.stringMatching(/1 added.*a dry run: nothing was written$/) });
    expect(await tableContents()).toEqual(before);
  });

  it("recomputes when asked, so the data is served right away", async () => {
    const res = await postImport("?file=later.csv&recompute=true", "area_code,indicator,period,value\n5501,population,2025,79000\n");
    expect(res.status).toBe(200);
    const report = (await res.json()) as { recompute: { due: boolean; result: { state: string } } };
    expect(report.recompute).toMatchObject({ due: false, result: { state: "complete" } });
    const card = (await (await get("/api/v1/areas/5501")).json()) as AreaBody;
    expect(card.cards.find((c) => c.indicator === "population")?.latest).toEqual({ period: 2025, periodLabel: "2025", value: 79000, status: null });
  });
});
