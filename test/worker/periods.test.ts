import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { indicators, observations } from "../../db/schema";
import type { AreaBody, ChildrenResponse, IndicatorInfo, SeriesResponse } from "../../worker/api/schemas";
import { makeDb } from "../../worker/lib/create-app";
import { get, recomputeNow, seed } from "./fixtures";

// SSB 08487: offences reported per 1 000 residents for two-year periods, stored as the last year.
const CRIME = [
  [2012, 81.5],
  [2013, 77.1],
  [2014, 72.2],
  [2015, 70.4],
  [2016, 68.8],
  [2017, 68.5],
] as const;

beforeAll(async () => {
  await seed();
  const db = makeDb(env.DB);
  await db.insert(indicators).values({
    id: "crime_per_1000", nameNb: "Anmeldte lovbrudd per 1000 innbyggere", nameEn: "Reported offences per 1,000 residents", unit: "per1000", direction: "higher_worse",
    source: "SSB", tableId: "08487", definitionNb: "Toårsperiode", definitionEn: "Two-year period", finestLevel: "kommune", sortOrder: 9, periodSpan: 2,
  });
  await db.insert(observations).values(CRIME.map(([period, value]) => ({ areaCode: "0301", indicatorId: "crime_per_1000", period, value, sourceId: "test-stats" })));
  await db.insert(observations).values(CRIME.map(([period, value]) => ({ areaCode: "0", indicatorId: "crime_per_1000", period, value: value - 20, sourceId: "test-stats" })));
  await recomputeNow();
});

const crimeCard = async (code: string) => ((await (await get(`/api/v1/areas/${code}`)).json()) as AreaBody).cards.find((c) => c.indicator === "crime_per_1000")!;

describe("periods as published", () => {
  it("serves a two-year period's label beside its number in the area card, its change over the same span", async () => {
    const card = await crimeCard("0301");
    expect(card.periodSpan).toBe(2);
    expect(card.latest).toMatchObject({ period: 2017, periodLabel: "2016-2017", value: 68.5 });
    expect(card.series.map((p) => p.periodLabel)).toEqual(["2011-2012", "2012-2013", "2013-2014", "2014-2015", "2015-2016", "2016-2017"]);
    expect(card.norway).toMatchObject({ period: 2017, periodLabel: "2016-2017" });
    expect(card.change5y).toEqual({ from: 2012, to: 2017, delta: -13, fromLabel: "2011-2012", toLabel: "2016-2017" });
    // A one-year indicator beside it keeps its plain years.
    const population = ((await (await get("/api/v1/areas/0301")).json()) as AreaBody).cards.find((c) => c.indicator === "population")!;
    expect(population.latest).toMatchObject({ period: 2024, periodLabel: "2024" });
    expect(population.periodSpan).toBe(1);
  });

  it("labels the series endpoint's points and gives the span", async () => {
    const body = (await (await get("/api/v1/areas/0301/series?indicators=crime_per_1000")).json()) as SeriesResponse;
    expect(body.series[0]).toMatchObject({ indicator: "crime_per_1000", periodSpan: 2 });
    expect(body.series[0]!.points.at(-1)).toMatchObject({ period: 2017, periodLabel: "2016-2017" });
  });

  it("writes the label in the CSV download's period_label column and as JSON-stat2 time labels", async () => {
    const csv = await (await get("/api/v1/download?areas=0301&indicators=crime_per_1000&from=2016&to=2017")).text();
    const [meta, ...lines] = csv.trim().split("\n");
    // The dataset's comment line comes first (age-and-gaps.test.ts checks what it says).
    expect(meta).toMatch(/^# Area monitor snapshot v\d+\./);
    expect(lines).toEqual([
      "area_code,indicator,period,value,numerator,denominator,status,area_name,unit,period_label",
      "0301,crime_per_1000,2016,68.8,,,,Oslo,per1000,2015-2016",
      "0301,crime_per_1000,2017,68.5,,,,Oslo,per1000,2016-2017",
    ]);
    const stat = (await (await get("/api/v1/download?areas=0301&indicators=crime_per_1000&from=2016&to=2017&format=jsonstat2")).json()) as {
      dimension: { Tid: { category: { index: string[]; label: Record<string, string> } } };
      extension: { periodSpan: Record<string, number> };
      note: string[];
    };
    expect(stat.dimension.Tid.category).toEqual({ index: ["2016", "2017"], label: { 2016: "2015-2016", 2017: "2016-2017" } });
    expect(stat.extension.periodSpan).toEqual({ crime_per_1000: 2 });
    // Mixed spans share one time dimension: years as labels, and a note saying which indicators span several.
    const mixed = (await (await get("/api/v1/download?areas=0301&indicators=crime_per_1000,population&from=2016&to=2017&format=jsonstat2")).json()) as typeof stat;
    expect(mixed.dimension.Tid.category.label).toEqual({ 2016: "2016", 2017: "2017" });
    expect(mixed.note.join(" ")).toMatch(/crime_per_1000 \(2 years\)/);
  });

  it("gives the span in the indicator's metadata and the labels in a choropleth", async () => {
    const info = (await (await get("/api/v1/indicators/crime_per_1000")).json()) as IndicatorInfo;
    expect(info.periodSpan).toBe(2);
    const map = (await (await get("/api/v1/areas/03/children?indicator=crime_per_1000")).json()) as ChildrenResponse;
    expect(map).toMatchObject({ period: 2017, periodLabel: "2016-2017", periodSpan: 2 });
    expect(map.periodLabels.at(0)).toBe("2011-2012");
  });

  it("shows the published label in the embedded card", async () => {
    const html = await (await get("/embed/0301?indicators=crime_per_1000&lang=en")).text();
    expect(html).toContain("2016-2017");
    expect(html).toContain("Two-year period 2016–2017");
    expect(html).toContain("Change from 2011-2012 to 2016-2017:");
    const nb = await (await get("/embed/0301?indicators=crime_per_1000&lang=nb")).text();
    expect(nb).toContain("Toårsperiode 2016–2017");
  });
});
