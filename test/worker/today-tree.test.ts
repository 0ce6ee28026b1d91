/// <reference types="vite/client" />
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledMapping } from "../../db/mappings";
import { areas, indicators, observations } from "../../db/schema";
import type { AreaBody, SearchResponse, SegregationBody } from "../../worker/api/schemas";
import { GROUPINGS, type ShareGrouping } from "../../worker/jobs/groupings";
import { makeDb } from "../../worker/lib/create-app";
import askerBaerum from "../fixtures/import/asker-baerum-excerpt.geojson?raw";
import immigrants from "../fixtures/import/immigrants-excerpt.json?raw";
import klassAskerBaerum from "../fixtures/import/klass131-asker-baerum.csv?raw";
import klassExcerpt from "../fixtures/import/klass131-excerpt.json?raw";
import { importText } from "../fixtures/import/helpers";
import { get, recomputeNow } from "./fixtures";

/**
 * Grunnkretser published under a kommune code a reform retired: the Asker/Bærum 2018 file
 * (0219 Bærum, 0220 Asker), which became 3024/3025 in 2020 and 3201/3203 in 2024. Today's
 * Bærum must list them, map them and measure segregation over them.
 */
// A share grouping measured over grunnkretser (its indicator is made below): the first
// groupings are over kommuner only, or need the world-region counts this fixture lacks.
const grouping = GROUPINGS.find((g): g is ShareGrouping => g.kind === "share" && g.units.includes("grunnkrets"))!;

beforeAll(async () => {
  const db = makeDb(env.DB);
  // Today's fylker come from the boundary files in a real import; two are enough here.
  await db.insert(areas).values([
    { code: "0", level: "country", parentCode: null, nameNb: "Norge", validFrom: "1838-01-01" },
    { code: "15", level: "fylke", parentCode: "0", nameNb: "Møre og Romsdal", validFrom: "2024-01-01" },
    { code: "32", level: "fylke", parentCode: "0", nameNb: "Akershus", validFrom: "2024-01-01" },
  ]);
  const klass = bundledMapping("klass131-kommuner")!;
  for (const [file, text] of [["klass131-excerpt.json", klassExcerpt], ["klass131-asker-baerum.csv", klassAskerBaerum]] as const) {
    const report = await importText(file, text, { mapping: klass });
    expect(report.status, report.summary).toBe("applied");
  }
  for (const [file, text, mapping] of [["ab.geojson", askerBaerum, "asker-baerum-grunnkretser"], ["immigrants.json", immigrants, "asker-baerum-innvandrere-2018"]] as const) {
    const report = await importText(file, text, { mapping: bundledMapping(mapping)! });
    expect(report.status, report.summary).toBe("applied");
  }
  // Three more Bærum grunnkretser (segregation needs five units), one of old Asker and one of
  // Ålesund 1507, which the 2024 reform split in two: hand-made, parents as published.
  const grunnkrets = (code: string, parentCode: string, nameNb: string) => ({ code, level: "grunnkrets" as const, parentCode, nameNb, validFrom: "2018-01-01" });
  await db.insert(areas).values([
    grunnkrets("02190301", "0219", "Bekkestua 01"),
    grunnkrets("02190302", "0219", "Bekkestua 02"),
    grunnkrets("02190303", "0219", "Bekkestua 03"),
    grunnkrets("02200101", "0220", "Asker sentrum 01"),
    grunnkrets("02200102", "0220", "Asker sentrum 02"),
    grunnkrets("02200103", "0220", "Asker sentrum 03"),
    grunnkrets("15070101", "1507", "Ålesund sentrum 01"),
  ]);
  await db.insert(indicators).values({
    id: grouping.indicator, nameNb: "Andel", nameEn: "Share", unit: "percent", direction: "neutral", source: "Test", definitionNb: "Andel", definitionEn: "Share", finestLevel: "grunnkrets",
  });
  const share = (areaCode: string, numerator: number, denominator: number) => ({ areaCode, indicatorId: grouping.indicator, period: 2018, numerator, denominator, value: Math.round((numerator / denominator) * 1000) / 10 });
  await db.insert(observations).values([
    share("02190101", 60, 1200), share("02190103", 90, 1000), share("02190207", 400, 1500),
    share("02190301", 300, 900), share("02190302", 50, 1100), share("02190303", 120, 800),
    // Old Asker as published: one grunnkrets confidential, and the kommune's total beside them.
    { areaCode: "02200101", indicatorId: "immigrants_western", period: 2018, value: 30 },
    { areaCode: "02200102", indicatorId: "immigrants_western", period: 2018, value: 25 },
    { areaCode: "02200103", indicatorId: "immigrants_western", period: 2018, status: ":" },
    { areaCode: "0220", indicatorId: "immigrants_western", period: 2018, value: 63 },
  ]);
  await recomputeNow();
});

const area = async (code: string) => (await (await get(`/api/v1/areas/${code}`)).json()) as AreaBody;
const codes = (list: { code: string }[]) => list.map((a) => a.code).sort();
const BAERUM_2018 = ["02190101", "02190103", "02190207", "02190301", "02190302", "02190303"];

describe("grunnkretser published under a retired kommune code", () => {
  it("hang under today's kommune: its sub-area list, and their ancestors and parent", async () => {
    expect(codes((await area("3201")).children)).toEqual(BAERUM_2018);
    const gk = await area("02190101");
    expect(gk.area.parentCode).toBe("3201");
    expect(gk.ancestors.map((a) => a.code)).toEqual(["0", "32", "3201"]);
    expect(gk.municipality?.code).toBe("3201");
    // Their codes stay as published.
    expect(gk.area.code).toBe("02190101");
  });

  it("leave the retired kommune's list, which points to its successor", async () => {
    const old = await area("0219");
    expect(old.area.validTo).toBe("2019-12-31");
    expect(old.children).toEqual([]);
    expect(old.replacedBy.map((a) => a.code)).toEqual(["3201"]);
  });

  it("follow a merger too: old Asker's grunnkrets hangs under 3203, the unique successor of 0220 (with Røyken and Hurum)", async () => {
    expect((await area("02200101")).area.parentCode).toBe("3203");
    expect(codes((await area("3203")).children)).toEqual(["02200101", "02200102", "02200103"]);
  });

  it("are protected against the kommune they were published under: old Asker's total minus the shown ones would reveal the hidden one", async () => {
    const body = (await (await get("/api/v1/areas/3203/children?indicator=immigrants_western&period=2018")).json()) as { children: { code: string; value: number | null }[] };
    const hidden = body.children.filter((c) => c.value === null).map((c) => c.code);
    expect(hidden).toContain("02200103");
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect((await area("0220")).cards.find((c) => c.indicator === "immigrants_western")!.latest!.value).toBe(63);
  });

  it("stay under a retired kommune that was split (no single place today)", async () => {
    expect((await area("15070101")).area.parentCode).toBe("1507");
    expect((await area("1508")).children).toEqual([]);
    expect((await area("1580")).children).toEqual([]);
  });

  it("fill today's kommune's map: values as published (suppressed stays suppressed) and boundaries", async () => {
    const res = await get("/api/v1/areas/3201/children?indicator=immigrants_western&period=2018");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { children: { code: string; value: number | null; status: string | null }[]; geometry: { features: { id: string }[] } | null };
    const byCode = Object.fromEntries(body.children.map((c) => [c.code, c.value]));
    expect(byCode).toMatchObject({ "02190101": 54, "02190103": 70, "02190207": 44 });
    expect(body.geometry!.features.map((f) => f.id).sort()).toEqual(["02190101", "02190103", "02190207"]);
    const hidden = (await (await get("/api/v1/areas/3201/children?indicator=immigrants_nonwestern&period=2018")).json()) as typeof body;
    expect(hidden.children.find((c) => c.code === "02190207")).toMatchObject({ value: null, status: ":" });
  });

  it("are what segregation within today's kommune is measured over", async () => {
    const res = await get(`/api/v1/segregation/3201?grouping=${grouping.id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SegregationBody;
    expect(body.unitLevel).toBe("grunnkrets");
    expect(body.series.map((p) => [p.period, p.units])).toEqual([[2018, 6]]);
    expect(body.series[0]!.population).toBe(6500);
    expect(body.locationQuotients!.units.map((u) => u.code).sort()).toEqual(BAERUM_2018);
    // Nothing is measured for the retired code.
    expect((await get(`/api/v1/segregation/0219?grouping=${grouping.id}`)).status).toBe(404);
  });

  it("are found by search with today's kommune as their parent", async () => {
    const found = (await (await get("/api/v1/search?q=osteras")).json()) as SearchResponse;
    expect(found.results.find((r) => r.code === "02190101")).toMatchObject({ parentName: "Bærum" });
  });
});
