import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledMapping } from "../../db/mappings";
import type { ChildrenResponse, OverviewResponse, SearchResponse } from "../../worker/api/schemas";
import { app } from "../../worker/app";
import aprestmo from "../fixtures/import/aprestmo-municipalities-excerpt.json?raw";
import { expectRejected, importText, query } from "../fixtures/import/helpers";
import { AREAS, get, recomputeNow, seed } from "./fixtures";

const postcodeMapping = () => ({ mapping: bundledMapping("aprestmo-postnummer")!, mappingName: "aprestmo-postnummer" });

beforeAll(async () => {
  await seed();
  const report = await importText("municipalities-2025.json", aprestmo, postcodeMapping());
  expect(report.status, report.summary).toBe("applied");
  await recomputeNow();
});

const measured = async (path: string) => {
  const res = await app.request(path, {}, { ...env, MEASURE_ROWS_READ: "true" } as Env);
  expect(res.status, path).toBe(200);
  return { rows: Number(res.headers.get("X-D1-Rows-Read")), body: (await res.json()) as unknown };
};

const search = async (q: string) => ((await (await get(`/api/v1/search?q=${encodeURIComponent(q)}`)).json()) as SearchResponse).results;

describe("importing postcodes", () => {
  it("reads aprestmo's postcodes per kommune, putting back the leading zeros its numbers lost", async () => {
    expect(await query("SELECT code, area_code, place FROM postcodes ORDER BY code")).toEqual([
      { code: "0001", area_code: "0301", place: "Oslo" },
      { code: "0150", area_code: "0301", place: "Oslo" },
      { code: "0151", area_code: "0301", place: "Oslo" },
      { code: "0301", area_code: "0301", place: "Oslo" },
      { code: "9008", area_code: "5501", place: "Tromsø" },
      { code: "9019", area_code: "5501", place: "Tromsø" },
    ]);
    const again = await importText("municipalities-2025.json", aprestmo, postcodeMapping());
    expect(again.status).toBe("unchanged");
    expect(again.tables.postcodes).toEqual({ added: 0, updated: 0, unchanged: 6 });
  });

  it("rejects, writing nothing, a postcode of an unknown kommune, of a bydel, given for two kommuner, or not four digits", async () => {
    const file = (rows: { id: string; codes: string[] }[]) => JSON.stringify(rows.map((r) => ({ id: r.id, name: "x", postal_codes: r.codes.map((code) => ({ code, place: "X" })) })));
    await expectRejected(() => importText("p.json", file([{ id: "4699", codes: ["4700"] }]), postcodeMapping()), /unknown area code 4699/);
    await expectRejected(() => importText("p.json", file([{ id: "030101", codes: ["0190"] }]), postcodeMapping()), /postcode 0190 is given for 030101, a bydel/);
    await expectRejected(() => importText("p.json", file([{ id: "0301", codes: ["9999"] }, { id: "5501", codes: ["9999"] }]), postcodeMapping()), /\$\[1\]\.postal_codes\[0\].*postcode 9999 is given for 0301 .* and for 5501 here/);
    await expectRejected(() => importText("p.json", file([{ id: "0301", codes: ["01500"] }]), postcodeMapping()), /"01500" is not a postcode/);
  });
});

describe("search by postcode", () => {
  it("finds the kommune of a four-digit postcode and says it was found by that postcode", async () => {
    const [first] = await search("0150");
    expect(first).toMatchObject({ code: "0301", name: "Oslo", level: "kommune", postcode: "0150" });
    expect((await search("9008"))[0]).toMatchObject({ code: "5501", postcode: "9008" });
  });

  it("lists the postcode's kommune first when the digits are also an area code, and the area by its code after it", async () => {
    // 0301 is both Oslo's kommune code and one of its postcodes: one result, found by postcode.
    expect((await search("0301")).filter((r) => r.code === "0301")).toHaveLength(1);
    expect((await search("0301"))[0]).toMatchObject({ code: "0301", postcode: "0301" });
    // Kommune code 5501 (Tromsø) is nobody's postcode here: found by code, without a postcode.
    expect((await search("5501"))[0]).toMatchObject({ code: "5501", postcode: null });
  });

  it("matches postcodes only whole: a prefix of digits finds area codes, never postcodes", async () => {
    for (const q of ["0", "01", "015", "900"]) expect((await search(q)).filter((r) => r.postcode !== null), q).toEqual([]);
    expect(await search("01500").then((r) => r.filter((x) => x.postcode))).toEqual([]);
  });

  it("reads a row or two more than a name search: pointer, the term range and the postcode's row", async () => {
    const { rows, body } = await measured("/api/v1/search?q=0150");
    expect((body as SearchResponse).results[0]!.postcode).toBe("0150");
    // Pointer, the (empty) term range and the row ending it, the postcode's row and the row ending that.
    expect(rows).toBeLessThanOrEqual(4);
    expect((await measured("/api/v1/search?q=o")).rows).toBeLessThanOrEqual(50);
  });
});

describe("search results name the kommune of sub-areas", () => {
  it("gives a grunnkrets its bydel as parent and its kommune besides", async () => {
    expect((await search("gronland"))[0]).toMatchObject({ code: "03010101", parentName: "Gamle Oslo", kommuneName: "Oslo", postcode: null });
    expect((await search("gamle oslo"))[0]).toMatchObject({ code: "030101", parentName: "Oslo", kommuneName: "Oslo" });
    expect((await search("tromso"))[0]).toMatchObject({ code: "5501", kommuneName: null });
  });
});

describe("GET /api/v1/areas/0/children?level=kommune: the national map", () => {
  it("answers every current kommune's value and boundary from three rows", async () => {
    const { rows, body } = await measured("/api/v1/areas/0/children?indicator=low_income_persistent&level=kommune");
    const map = body as ChildrenResponse;
    expect(rows).toBe(3);
    const current = AREAS.filter((a) => a.level === "kommune" && !a.validTo).map((a) => a.code);
    expect(map.children.map((c) => c.code)).toEqual(current);
    expect(map.period).toBe(2024);
    expect(map.children.find((c) => c.code === "0301")).toMatchObject({ value: 14, status: null });
    // As the kommune's own card serves it.
    const card = ((await (await get("/api/v1/areas/5610")).json()) as { cards: { indicator: string; series: { period: number; status: string | null }[] }[] }).cards.find((c) => c.indicator === "low_income_persistent")!;
    expect(map.children.find((c) => c.code === "5610")!.status).toBe(card.series.find((p) => p.period === 2024)!.status);
    expect(map.children.find((c) => c.code === "5610")!.status).toBe(":");
    expect(map.geometry!.features.map((f) => f.id).sort()).toEqual(["0301", "5501"]);
  });

  it("answers 400 naming level for an area other than Norway", async () => {
    const res = await get("/api/v1/areas/0301/children?indicator=low_income_persistent&level=kommune");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe("query.level");
  });
});

describe("GET /api/v1/overview", () => {
  it("offers the key figures with their newest period and lists the largest clear changes, from two rows", async () => {
    const { rows, body } = await measured("/api/v1/overview");
    const o = body as OverviewResponse;
    expect(rows).toBe(2);
    expect(o.dataset?.figuresUpdated).toBeTruthy();
    // Counts (population) are not offered; the fixture's two figures are, the newest first.
    expect(o.indicators.map((i) => [i.id, i.period])).toEqual([
      ["low_income_persistent", 2024],
      ["median_income", 2024],
    ]);
    const low = o.changes.find((c) => c.indicator === "low_income_persistent")!;
    // Oslo's share rose clearly over five years; Tromsø's did not change.
    const oslo = ((await (await get("/api/v1/areas/0301")).json()) as { cards: { indicator: string; change5y: { delta: number }; trend: string }[] }).cards.find((c) => c.indicator === "low_income_persistent")!;
    expect(oslo.trend).toBe("rising");
    expect(low.kommuner.map((k) => k.code)).toContain("0301");
    expect(low.kommuner.find((k) => k.code === "0301")).toMatchObject({ trend: "rising", delta: oslo.change5y.delta, to: { period: 2024, value: 14 } });
    expect(low.kommuner.map((k) => k.code)).not.toContain("5501");
  });

  it("says which indicators got a new period since the snapshot before", async () => {
    const first = ((await (await get("/api/v1/overview")).json()) as OverviewResponse);
    expect(first.newPeriods).toEqual([]);
    const csv = ["area_code,indicator,period,value,numerator,denominator", "0301,low_income_persistent,2025,15,105000,700000", "5501,low_income_persistent,2025,9,7020,78000"].join("\n");
    expect((await importText("new-year.csv", csv)).status).toBe("applied");
    await recomputeNow("");
    const after = (await (await get("/api/v1/overview")).json()) as OverviewResponse;
    expect(after.comparedWithPrevious).toBe(true);
    expect(after.newPeriods.map((p) => [p.id, p.period, p.previous])).toEqual([["low_income_persistent", 2025, 2024]]);
    expect(after.indicators.find((i) => i.id === "low_income_persistent")).toMatchObject({ period: 2025, isNew: true });
    expect(after.indicators.find((i) => i.id === "median_income")).toMatchObject({ isNew: false });
  });
});
