import { env, exports } from "cloudflare:workers";
import { areaChanges, areas, boundaries, indicators, observations, sources, type NewArea, type NewIndicator } from "../../db/schema";
import { chunkForInsert } from "../../worker/lib/batch";
import { makeDb } from "../../worker/lib/create-app";

export const ADMIN = { Authorization: "Bearer test-admin-token" };

export function get(path: string, headers: Record<string, string> = {}) {
  return exports.default.fetch(new Request(`http://localhost${path}`, { headers }));
}

export function post(path: string, headers: Record<string, string> = {}) {
  return exports.default.fetch(new Request(`http://localhost${path}`, { method: "POST", headers }));
}

export async function recomputeNow(query = "?full=true") {
  const res = await post(`/api/admin/recompute${query}`, ADMIN);
  if (res.status !== 200) throw new Error(`recompute answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { version: number; state: string };
}

const area = (code: string, level: NewArea["level"], parentCode: string | null, nameNb: string, extra: Partial<NewArea> = {}): NewArea => ({
  code, level, parentCode, nameNb, validFrom: "2024-01-01", ...extra,
});

/** A hand-made slice of Norway: small enough to reason about, shaped like the real thing. */
export const AREAS: NewArea[] = [
  area("0", "country", null, "Norge", { nameNn: "Noreg", nameEn: "Norway" }),
  area("03", "fylke", "0", "Oslo"),
  area("0301", "kommune", "03", "Oslo"),
  area("030101", "bydel", "0301", "Gamle Oslo"),
  area("03010101", "grunnkrets", "030101", "Grønland"),
  area("03010102", "grunnkrets", "030101", "Tøyen"),
  area("03010103", "grunnkrets", "030101", "Vålerenga"),
  area("15", "fylke", "0", "Møre og Romsdal"),
  area("1507", "kommune", "15", "Ålesund", { validFrom: "2020-01-01", validTo: "2023-12-31" }),
  area("1508", "kommune", "15", "Ålesund"),
  area("1580", "kommune", "15", "Haram"),
  area("32", "fylke", "0", "Akershus"),
  area("3201", "kommune", "32", "Bærum"),
  area("55", "fylke", "0", "Troms", { nameSe: "Romsa" }),
  area("5501", "kommune", "55", "Tromsø", { nameSe: "Romsa" }),
  area("55010101", "grunnkrets", "5501", "Čáhppesvárri - Svartfjell", { nameSe: "Čáhppesvárri" }),
  area("56", "fylke", "0", "Finnmark", { nameSe: "Finnmárku" }),
  area("5610", "kommune", "56", "Kárášjohka - Karasjok", { nameSe: "Kárášjohka" }),
];

export const INDICATORS: NewIndicator[] = [
  { id: "population", nameNb: "Folkemengde", nameEn: "Population", unit: "count", direction: "neutral", source: "Test", definitionNb: "Bosatte", definitionEn: "Residents", finestLevel: "grunnkrets", sortOrder: 1 },
  { id: "low_income_persistent", nameNb: "Lavinntekt", nameEn: "Low income", unit: "percent", direction: "higher_worse", source: "Test", definitionNb: "EU60", definitionEn: "EU60", finestLevel: "grunnkrets", sortOrder: 2 },
  { id: "median_income", nameNb: "Medianinntekt", nameEn: "Median income", unit: "nok", direction: "higher_better", source: "Test", definitionNb: "Median", definitionEn: "Median", finestLevel: "kommune", sortOrder: 3 },
];

type Obs = typeof observations.$inferInsert;
const share = (areaCode: string, period: number, numerator: number, denominator: number): Obs => ({
  areaCode, indicatorId: "low_income_persistent", period, numerator, denominator, value: Math.round((numerator / denominator) * 1000) / 10, sourceId: "test-stats",
});
const count = (areaCode: string, period: number, value: number): Obs => ({ areaCode, indicatorId: "population", period, value });

export function observationRows(): Obs[] {
  const rows: Obs[] = [];
  for (let year = 2015; year <= 2024; year++) {
    const t = year - 2015;
    rows.push(share("0", year, 500_000 + t * 1000, 5_000_000));
    rows.push(count("0", year, 5_000_000 + t * 30_000));
    rows.push(share("0301", year, 80_000 + t * 2000, 700_000));
    rows.push(count("0301", year, 700_000));
    rows.push(share("030101", year, 9_000 + t * 600, 60_000));
    // Grønland: big enough to show, rising clearly.
    rows.push(share("03010101", year, 400 + t * 40, 1_500));
    rows.push(count("03010101", year, 1_500));
    // Tøyen: few low-income residents (numerator < 5) and a tiny population: always suppressed.
    rows.push(share("03010102", year, 3, 40));
    rows.push(count("03010102", year, 4));
    // Vålerenga is big enough to show on its own, but it is the smallest sibling left: it must
    // be hidden too, or Tøyen = Gamle Oslo − Grønland − Vålerenga.
    rows.push(share("03010103", year, 40 + t, 200));
    rows.push(count("03010103", year, 200));
    rows.push(share("5501", year, 7_000, 78_000));
    rows.push({ areaCode: "5501", indicatorId: "median_income", period: year, value: 550_000 + t * 10_000 });
    // Denominator < 20: suppressed although the numerator is large enough.
    rows.push(share("55010101", year, 6, 15));
  }
  // The source itself marked a value confidential, and a year is missing.
  rows.push({ areaCode: "5610", indicatorId: "low_income_persistent", period: 2024, status: ":" });
  rows.push({ areaCode: "5610", indicatorId: "low_income_persistent", period: 2023, status: ".." });
  rows.push(share("5610", 2022, 300, 2_500));
  rows.push(share("1507", 2021, 5_000, 66_000));
  return rows;
}

/** A lon/lat rectangle as a GeoJSON polygon. */
export function rect(minLon: number, minLat: number, maxLon: number, maxLat: number) {
  return { type: "Polygon" as const, coordinates: [[[minLon, minLat], [maxLon, minLat], [maxLon, maxLat], [minLon, maxLat], [minLon, minLat]]] };
}

/** Nested rectangles around Oslo (10.6–10.9 E, 59.8–60.0 N) and one for Tromsø. */
export const SHAPES: Record<string, ReturnType<typeof rect>> = {
  "03": rect(10.5, 59.7, 11.0, 60.1),
  "0301": rect(10.6, 59.8, 10.9, 60.0),
  "030101": rect(10.7, 59.85, 10.8, 59.95),
  "03010101": rect(10.7, 59.85, 10.75, 59.95),
  "03010102": rect(10.75, 59.85, 10.8, 59.9),
  "03010103": rect(10.75, 59.9, 10.8, 59.95),
  "55": rect(17.0, 68.5, 21.0, 70.5),
  "5501": rect(18.5, 69.4, 19.5, 69.9),
};

export const seed = () => seedInto(env.DB);

/** The hand-made slice into a database (the test file's own, or a second one: `env.OTHER_DB`). */
export async function seedInto(d1: D1Database) {
  const db = makeDb(d1);
  const statements = [
    ...chunkForInsert(AREAS, 11).map((r) => db.insert(areas).values(r)),
    ...chunkForInsert(INDICATORS, 12).map((r) => db.insert(indicators).values(r)),
    db.insert(areaChanges).values([
      { oldCode: "1507", newCode: "1508", changedOn: "2024-01-01", weight: 0.9 },
      { oldCode: "1507", newCode: "1580", changedOn: "2024-01-01", weight: 0.1 },
    ]),
    ...chunkForInsert(observationRows(), 8).map((r) => db.insert(observations).values(r)),
    db.insert(sources).values([
      { id: "test-geo", name: "Test boundaries", publisher: "Kartverket", licence: "CC BY 4.0" },
      { id: "test-stats", name: "Test statistics", publisher: "Statistisk sentralbyrå", licence: "CC BY 4.0", url: "https://www.ssb.no" },
    ]),
    ...Object.entries(SHAPES).map(([code, g]) =>
      db.insert(boundaries).values({
        code, level: AREAS.find((a) => a.code === code)!.level, geometry: JSON.stringify(g), sourceId: "test-geo",
        minLon: g.coordinates[0]![0]![0]!, minLat: g.coordinates[0]![0]![1]!, maxLon: g.coordinates[0]![2]![0]!, maxLat: g.coordinates[0]![2]![1]!,
      }),
    ),
  ];
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
}
