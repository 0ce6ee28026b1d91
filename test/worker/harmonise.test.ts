import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { areaChanges, areas, indicators, observations, sources, type NewArea, type NewIndicator } from "../../db/schema";
import type { AreaBody, Card } from "../../worker/api/schemas";
import { chunkForInsert } from "../../worker/lib/batch";
import { makeDb } from "../../worker/lib/create-app";
import { get, post, ADMIN, recomputeNow } from "./fixtures";

/**
 * A slice of Norway shaped like the real files: SSB's 07459 export on 2018 codes lacks the
 * kommuner merged on 2017-01-01 for 2015–2016; FHI gives Norway's total on 2024 borders for
 * 2016 only (here), and re-codes the split Ålesund with flat shares; Bergen's and Trondheim's
 * bydeler changed code with their kommune. Old Ålesund is three kommuner here (1504 Ålesund, 1523
 * Ørskog, 1534 Haram), merged into 1507 in 2020 and split into 1508 Ålesund and 1580 Haram in
 * 2024, which re-establishes 1534.
 */
const area = (code: string, level: NewArea["level"], parentCode: string | null, nameNb: string, extra: Partial<NewArea> = {}): NewArea => ({
  code, level, parentCode, nameNb, validFrom: "2024-01-01", ...extra,
});
const retired = (validTo: string) => ({ validFrom: "1838-01-01", validTo });

const AREAS: NewArea[] = [
  area("0", "country", null, "Norge"),
  area("15", "fylke", "0", "Møre og Romsdal"),
  area("1504", "kommune", "15", "Ålesund", retired("2019-12-31")),
  area("1523", "kommune", "15", "Ørskog", retired("2019-12-31")),
  area("1534", "kommune", "15", "Haram", retired("2019-12-31")),
  area("1507", "kommune", "15", "Ålesund", { validFrom: "2020-01-01", validTo: "2023-12-31" }),
  area("1508", "kommune", "15", "Ålesund"),
  area("1580", "kommune", "15", "Haram"),
  area("39", "fylke", "0", "Vestfold"),
  area("0701", "kommune", null, "Horten", retired("2019-12-31")),
  area("0706", "kommune", null, "Sandefjord", retired("2016-12-31")),
  area("0719", "kommune", null, "Andebu", retired("2016-12-31")),
  area("0720", "kommune", null, "Stokke", retired("2016-12-31")),
  area("0710", "kommune", null, "Sandefjord", { validFrom: "2017-01-01", validTo: "2019-12-31" }),
  area("3801", "kommune", null, "Horten", { validFrom: "2020-01-01", validTo: "2023-12-31" }),
  area("3804", "kommune", null, "Sandefjord", { validFrom: "2020-01-01", validTo: "2023-12-31" }),
  area("3901", "kommune", "39", "Horten"),
  area("3907", "kommune", "39", "Sandefjord"),
  area("46", "fylke", "0", "Vestland"),
  area("1201", "kommune", null, "Bergen", retired("2019-12-31")),
  area("120101", "bydel", "1201", "Arna", retired("2019-12-31")),
  area("4601", "kommune", "46", "Bergen", { validFrom: "2020-01-01" }),
  area("460101", "bydel", "4601", "Arna", { validFrom: "2020-01-01" }),
  area("50", "fylke", "0", "Trøndelag", { validFrom: "2018-01-01" }),
  area("1601", "kommune", null, "Trondheim", retired("2017-12-31")),
  area("160101", "bydel", "1601", "Midtbyen", retired("2017-12-31")),
  area("1662", "kommune", null, "Klæbu", retired("2017-12-31")),
  area("5030", "kommune", null, "Klæbu", { validFrom: "2018-01-01", validTo: "2019-12-31" }),
  area("5001", "kommune", "50", "Trondheim - Tråante", { validFrom: "2018-01-01" }),
  area("500101", "bydel", "5001", "Midtbyen", { validFrom: "2018-01-01" }),
  // Two old districts joined into one when the codes changed (invented, to test a bydel merge).
  area("160102", "bydel", "1601", "Strinda", retired("2017-12-31")),
  area("160103", "bydel", "1601", "Byåsen", retired("2017-12-31")),
  area("500102", "bydel", "5001", "Strinda og Byåsen", { validFrom: "2018-01-01" }),
];

const change = (oldCode: string, newCode: string, changedOn: string, weight = 1) => ({ oldCode, newCode, changedOn, weight });
const CHANGES = [
  change("1504", "1507", "2020-01-01"), change("1523", "1507", "2020-01-01"), change("1534", "1507", "2020-01-01"),
  change("1507", "1508", "2024-01-01", 0.8), change("1507", "1580", "2024-01-01", 0.2),
  change("0706", "0710", "2017-01-01"), change("0719", "0710", "2017-01-01"), change("0720", "0710", "2017-01-01"),
  change("0701", "3801", "2020-01-01"), change("0710", "3804", "2020-01-01"),
  change("3801", "3901", "2024-01-01"), change("3804", "3907", "2024-01-01"),
  change("1201", "4601", "2020-01-01"), change("120101", "460101", "2020-01-01"),
  change("1601", "5001", "2018-01-01"), change("1662", "5030", "2018-01-01"), change("160101", "500101", "2018-01-01"),
  change("160102", "500102", "2018-01-01"), change("160103", "500102", "2018-01-01"),
  change("5001", "5001", "2020-01-01"), change("5030", "5001", "2020-01-01"), change("5001", "5001", "2023-01-01"),
];

const indicator = (id: string, unit: NewIndicator["unit"]): NewIndicator => ({
  id, nameNb: id, nameEn: id, unit, direction: "neutral", source: "Test", definitionNb: id, definitionEn: id, finestLevel: "bydel",
});
// Violence: a display-only rate (no rule set reads it), so a new figure is a series-only change.
// Immigrants and renting: shares with counts, the kind whose pseudo-counts a split used to pass off as observed.
const INDICATORS = [
  indicator("population", "count"), indicator("crime_per_1000", "per1000"), indicator("violence_per_1000", "per1000"),
  indicator("immigrants", "percent"), indicator("renting", "percent"),
];

type Obs = typeof observations.$inferInsert;
const pop = (areaCode: string, period: number, value: number, sourceId = "ssb-07459"): Obs => ({ areaCode, indicatorId: "population", period, value, sourceId });
const crime = (areaCode: string, period: number, value: number, indicatorId = "crime_per_1000"): Obs => ({ areaCode, indicatorId, period, value, sourceId: "ssb-08487" });
const share = (indicatorId: string, areaCode: string, period: number, numerator: number, denominator: number): Obs => ({
  areaCode, indicatorId, period, value: (100 * numerator) / denominator, numerator, denominator, sourceId: "ssb-07459",
});

function rows(): Obs[] {
  const out: Obs[] = [];
  // Horten's figures under the code of each year; Sandefjord's old kommuner are missing for
  // 2015–2016 (the export's 2018 region list no longer has them).
  for (const year of [2015, 2016, 2017, 2018, 2019]) out.push(pop("0701", year, 27000 + year - 2015));
  for (const year of [2017, 2018, 2019]) out.push(pop("0710", year, 62000 + year - 2017));
  for (const year of [2020, 2021, 2022, 2023]) out.push(pop("3801", year, 27100), pop("3804", year, 64000));
  out.push(pop("3901", 2024, 27200), pop("3907", 2024, 65000));
  // Old Ålesund: SSB's own figures of the old kommuner, and FHI's flat halves on today's codes.
  for (const year of [2015, 2016, 2017, 2018, 2019]) out.push(pop("1504", year, 47000), pop("1523", year, 2300), pop("1534", year, 9000));
  for (const year of [2020, 2021, 2022, 2023]) out.push(pop("1507", year, 66000));
  for (const year of [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]) out.push(pop("1508", year, 33000, "fhi-csdata"), pop("1580", year, 33000, "fhi-csdata"));
  out.push(pop("1508", 2024, 58000), pop("1580", 2024, 9300));
  // FHI's national total for 2016 only; SSB has none in these files.
  out.push(pop("0", 2016, 5_213_985, "fhi-csdata"));
  // Bergen and Trondheim: the same bydel under its code of the time.
  for (const year of [2015, 2016, 2017, 2018, 2019]) out.push(pop("1201", year, 280000), pop("120101", year, 29000 + year - 2015));
  for (const year of [2020, 2021, 2022, 2023, 2024]) out.push(pop("4601", year, 285000), pop("460101", year, 29100 + year - 2020));
  for (const year of [2015, 2016, 2017]) out.push(pop("1601", year, 190000), pop("1662", year, 6000), pop("160101", year, 40000 + year - 2015));
  for (const year of [2018, 2019]) out.push(pop("5001", year, 195000), pop("5030", year, 6100));
  for (const year of [2018, 2019, 2020, 2021, 2022, 2023, 2024]) out.push(pop("500101", year, 41000 + year - 2018));
  for (const year of [2020, 2021, 2022, 2023, 2024]) out.push(pop("5001", year, 205000));
  // Crime per 1 000 (two-year periods, rates only): Sandefjord's old kommuner for 2014-2015 and
  // 2015-2016, the merged 0710 from 2016-2017.
  out.push(crime("0706", 2016, 73.3), crime("0719", 2016, 34.5), crime("0720", 2016, 40), crime("0710", 2017, 27.7));
  out.push(crime("1504", 2017, 60), crime("1523", 2017, 20));
  // Old Ålesund's immigrants 18.2 % in 2019, old Haram's own 13.8 %; Haram 14.4 % in 2024.
  out.push(share("immigrants", "1504", 2019, 9500, 47000), share("immigrants", "1523", 2019, 150, 2300), share("immigrants", "1534", 2019, 1242, 9000));
  out.push(share("immigrants", "1580", 2024, 1339, 9300));
  // Renting: only old Ålesund as one (2020, 23.6 %) before Haram's own 16.0 % of 2025.
  out.push(share("renting", "1507", 2020, 15576, 66000), share("renting", "1580", 2025, 1488, 9300));
  out.push(crime("160102", 2017, 50, "violence_per_1000"), crime("160103", 2017, 30, "violence_per_1000"), pop("160102", 2017, 10000), pop("160103", 2017, 30000));
  return out;
}

async function seed() {
  const db = makeDb(env.DB);
  const statements = [
    ...chunkForInsert(AREAS, 11).map((r) => db.insert(areas).values(r)),
    db.insert(indicators).values(INDICATORS),
    ...chunkForInsert(CHANGES, 20).map((r) => db.insert(areaChanges).values(r)),
    ...chunkForInsert(rows(), 8).map((r) => db.insert(observations).values(r)),
    db.insert(sources).values([
      { id: "ssb-07459", name: "SSB 07459", publisher: "Statistisk sentralbyrå", licence: "CC BY 4.0", priority: 100 },
      { id: "ssb-08487", name: "SSB 08487", publisher: "Statistisk sentralbyrå", licence: "CC BY 4.0", priority: 100 },
      { id: "fhi-csdata", name: "FHI csdata", publisher: "Folkehelseinstituttet", licence: "MIT", priority: 40 },
    ]),
  ];
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
}

beforeAll(async () => {
  await seed();
  await recomputeNow();
});

async function card(code: string, id = "population"): Promise<Card> {
  const res = await get(`/api/v1/areas/${code}`);
  expect(res.status).toBe(200);
  const found = ((await res.json()) as AreaBody).cards.find((c) => c.indicator === id);
  expect(found, `${code} has a ${id} card`).toBeDefined();
  return found!;
}
const points = (c: Card) => Object.fromEntries(c.series.map((p) => [p.period, p.status ?? (p.estimated ? `~${p.value}` : p.value)]));

describe("harmonised series on today's codes, end to end", () => {
  it("gives a kommune no figure for years its predecessors are missing, and the exact sum after", async () => {
    const sandefjord = points(await card("3907"));
    expect(sandefjord[2015]).toBeUndefined();
    expect(sandefjord[2016]).toBeUndefined();
    expect(sandefjord).toMatchObject({ 2017: 62000, 2019: 62002, 2020: 64000, 2024: 65000 });
  });

  it("serves Norway's 2015 as missing, not the sum of an incomplete set, and its published 2016 total", async () => {
    const norway = await card("0");
    const served = points(norway);
    expect(served[2015]).toBe("..");
    expect(served[2016]).toBe(5_213_985);
    // 2017: every kommune has a figure, so Norway is the sum of its fylker (Trondheim with Klæbu).
    expect(served[2017]).toBe(27002 + 62000 + 58300 + 280000 + 196000);
    const vestfold = points(await card("39"));
    expect([vestfold[2015], vestfold[2016], vestfold[2017]]).toEqual(["..", "..", 27002 + 62000]);
    // The fylke names the sources of what it adds up; Norway names FHI's total as well.
    expect((await card("39")).sources).toEqual(["ssb-07459"]);
    expect(norway.sources?.sort()).toEqual(["fhi-csdata", "ssb-07459"]);
  });

  it("gives re-established Haram old Haram's own figures before 2020, and a marked share of old Ålesund only while that existed", async () => {
    const haram = await card("1580");
    // 1534's own 9 000 (SSB) before 2020, not FHI's flat half nor 20 % of 1504 + 1523 + 1534.
    expect(haram.series.find((p) => p.period === 2019)).toEqual({ period: 2019, periodLabel: "2019", value: 9000, status: null });
    // 2020–2023: 20 % of 1507's 66 000, an estimate.
    expect(haram.series.find((p) => p.period === 2022)).toMatchObject({ value: 13200, estimated: true });
    expect(haram.series.find((p) => p.period === 2024)).toMatchObject({ value: 9300 });
    expect(haram.series.find((p) => p.period === 2024)!.estimated).toBeUndefined();
    expect(haram.sources).toEqual(["ssb-07459"]);
    // Today's Ålesund before 2020: old Ålesund and Ørskog summed, exact.
    expect((await card("1508")).series.find((p) => p.period === 2019)).toEqual({ period: 2019, periodLabel: "2019", value: 49300, status: null });
    // The two parts add back to the three old kommuner exactly: the fylke is no estimate.
    const fylke = (await card("15")).series.find((p) => p.period === 2019)!;
    expect(fylke).toMatchObject({ value: 58300 });
    expect(fylke.estimated).toBeUndefined();
    // Old Haram's page points to today's Haram alone.
    const old = (await (await get("/api/v1/areas/1534")).json()) as AreaBody;
    expect(old.replacedBy.map((a) => a.code)).toEqual(["1580"]);
  });

  it("measures Haram's change from 1534's own 2019 share, not from old Ålesund's rate given to it by population", async () => {
    const immigrants = await card("1580", "immigrants");
    expect(immigrants.series.find((p) => p.period === 2019)).toMatchObject({ value: 13.8 });
    expect(immigrants.series.find((p) => p.period === 2019)!.estimated).toBeUndefined();
    expect(immigrants.change5y).toMatchObject({ from: 2019, to: 2024 });
    expect(immigrants.change5y!.delta).toBeCloseTo(14.398 - 13.8, 2);
    // 13.8 % of 9 000 → 14.4 % of 9 300 is within the noise; 18.2 % → 14.4 % was "falling".
    expect(immigrants.trend).toBe("stable");
  });

  it("serves no trend word across a split's estimate: 23.6 % of old Ålesund is no base for Haram's own 16.0 %", async () => {
    const renting = await card("1580", "renting");
    expect(renting.series.find((p) => p.period === 2020)).toMatchObject({ estimated: true });
    expect(renting.trend).toBe("not_comparable");
    expect(renting.change5y).toMatchObject({ from: 2020, to: 2025, delta: null });
  });

  it("averages a rate without counts across a merge by population, flagged estimated, and leaves it missing without the weights", async () => {
    const c = await card("1508", "crime_per_1000");
    // (60 × 47 000 + 20 × 2 300) / 49 300 = 58.133…; the weights are SSB's 2017 populations. Served
    // at the unit's one decimal, not as the unrounded mean (5.8734399947864055 in the demo's kind).
    expect(c.series.find((p) => p.period === 2017)!.value).toBe(58.1);
    expect(c.series.find((p) => p.period === 2017)!.estimated).toBe(true);
    const sandefjord = points(await card("3907", "crime_per_1000"));
    // 2015-2016: no population of Sandefjord's old kommuner anywhere near: missing, not a guess.
    expect(sandefjord[2016]).toBe("..");
    expect(sandefjord[2017]).toBe(27.7);
    // Norway gets no sum of rates: SSB's national rate has offences with no kommune as scene.
    const norway = await get("/api/v1/areas/0");
    expect(((await norway.json()) as AreaBody).cards.some((x) => x.indicator === "crime_per_1000")).toBe(false);
  });

  it("weighs a merged bydel's rate by its old districts' population, in a full run and in a run of that indicator alone", async () => {
    // (50 × 10 000 + 30 × 30 000) / 40 000 = 35.
    const full = (await card("500102", "violence_per_1000")).series.find((p) => p.period === 2017);
    expect(full).toMatchObject({ value: 35, estimated: true });
    // A new figure: the incremental run rebuilds this indicator only, reading population for the weights.
    await env.DB.prepare("INSERT INTO observations (area_code, indicator_id, period, value, source_id) VALUES ('500102', 'violence_per_1000', 2019, 33, 'ssb-08487')").run();
    await env.DB.prepare("INSERT INTO data_changes (target, indicator_id, changed_at) VALUES ('observations', 'violence_per_1000', ?)").bind(new Date().toISOString()).run();
    const res = await post("/api/admin/recompute", ADMIN);
    expect(((await res.json()) as { plan: { mode: string } }).plan.mode).toBe("series");
    const after = await card("500102", "violence_per_1000");
    expect(after.series.find((p) => p.period === 2017)).toMatchObject({ value: 35, estimated: true });
    expect(after.series.find((p) => p.period === 2019)).toMatchObject({ value: 33 });
  });

  it("carries a bydel's series through its code changes with its kommune's", async () => {
    const arna = points(await card("460101"));
    expect(arna).toMatchObject({ 2015: 29000, 2019: 29004, 2020: 29100, 2024: 29104 });
    const midtbyen = await card("500101");
    expect(points(midtbyen)).toMatchObject({ 2015: 40000, 2017: 40002, 2018: 41000, 2024: 41006 });
    expect(midtbyen.series.every((p) => !p.estimated)).toBe(true);
    // The kommune itself takes in Klæbu before 2020; its bydel is the same district throughout.
    expect(points(await card("5001"))).toMatchObject({ 2017: 196000, 2019: 201100, 2020: 205000 });
    // The old code still answers with its successor.
    const old = (await (await get("/api/v1/areas/120101")).json()) as AreaBody;
    expect(old.replacedBy.map((a) => a.code)).toEqual(["460101"]);
  });
});
