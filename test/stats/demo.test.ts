import { describe, expect, it } from "vitest";
import {
  type DemoData,
  DEMO_INDICATOR_IDS,
  generateDemo,
  generateDemoStream,
  INDICATOR_IDS,
  MISSING_DELIVERY,
  type ObservationRow,
  PLANTED_BYDELER,
  sqlStatements,
  toSqlStatements,
} from "../../db/demo/dataset";
import { sqlLiteral } from "../../db/demo/sql";
import { LEVELS } from "../../db/schema";

// test/stats is type-checked with the worker's types (no @types/node), so the two node built-ins
// the SQLite load test needs are imported untyped and given the little shape used here.
// node:sqlite exists from Node 22.5; on older runtimes that test is skipped, not failed.
type Sqlite = {
  DatabaseSync: new (path: string) => {
    exec(sql: string): void;
    prepare(sql: string): { get(): unknown };
    close(): void;
  };
};
type Fs = { readFileSync(path: URL, encoding: "utf8"): string; readdirSync(path: URL): string[] };
const sqlite: Sqlite | null = await import(/* @vite-ignore */ "node:sqlite" as string).catch(() => null);
const fs: Fs = await import(/* @vite-ignore */ "node:fs" as string);
const here = (import.meta as unknown as { url: string }).url;

const demo = generateDemo({ scale: "demo" });
const key = (o: Pick<ObservationRow, "areaCode" | "indicatorId" | "period">) =>
  `${o.areaCode}|${o.indicatorId}|${o.period}`;
const byKey = new Map(demo.observations.map((o) => [key(o), o]));
const areaByCode = new Map(demo.areas.map((a) => [a.code, a]));
const childrenOf = new Map<string, string[]>();
for (const a of demo.areas) {
  if (a.parentCode) childrenOf.set(a.parentCode, [...(childrenOf.get(a.parentCode) ?? []), a.code]);
}
const series = (code: string, indicator: string) =>
  demo.observations
    .filter((o) => o.areaCode === code && o.indicatorId === indicator)
    .sort((a, b) => a.period - b.period);

describe("demo dataset: determinism", () => {
  it("gives identical output for the same seed", () => {
    const again = generateDemo({ scale: "demo" });
    expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
  });

  it("changes the values, not the areas or their boundaries, with another seed", () => {
    const other = generateDemo({ scale: "demo", seed: 7 });
    expect(other.areas).toEqual(demo.areas);
    expect(other.boundaries).toEqual(demo.boundaries);
    const values = (d: DemoData) => d.observations.map((o) => o.value).join(",");
    expect(values(other)).not.toBe(values(demo));
  });

  it("streams exactly the rows it materialises", () => {
    const stream = generateDemoStream({ scale: "demo" });
    let n = 0;
    for (const row of stream.observations) {
      if (n % 997 === 0) expect(row).toEqual(demo.observations[n]);
      n++;
    }
    expect(n).toBe(demo.observations.length);
  });
});

describe("demo dataset: geography", () => {
  it("has all five levels, 15 fylker and the 357 current kommuner", () => {
    const count = (level: string, current = true) =>
      demo.areas.filter((a) => a.level === level && (!current || a.validTo === null)).length;
    for (const level of LEVELS) expect(count(level)).toBeGreaterThan(0);
    expect(areaByCode.get("0")).toMatchObject({ level: "country", nameNb: "Norge", nameNn: "Noreg", nameEn: "Norway" });
    expect(count("fylke")).toBe(15);
    expect(count("kommune")).toBe(357);
    expect(count("grunnkrets")).toBeGreaterThanOrEqual(300);
  });

  it("gives at least three kommuner bydeler, and grunnkretser directly to Tromsø and Karasjok", () => {
    const withBydeler = new Set(demo.areas.filter((a) => a.level === "bydel").map((a) => a.parentCode));
    expect(withBydeler.size).toBeGreaterThanOrEqual(3);
    for (const code of ["0301", "4601", "5001", "1103"]) expect(withBydeler.has(code)).toBe(true);
    for (const kommune of ["5501", "5610"]) {
      const kids = childrenOf.get(kommune)!.map((c) => areaByCode.get(c)!);
      expect(kids.length).toBeGreaterThan(0);
      expect(kids.every((k) => k.level === "grunnkrets" && k.code.length === 8 && k.code.startsWith(kommune))).toBe(true);
    }
  });

  it("links every area to an existing parent one level up, with codes nested in the parent's", () => {
    for (const a of demo.areas) {
      if (a.level === "country") {
        expect(a.parentCode).toBeNull();
        continue;
      }
      const parent = areaByCode.get(a.parentCode!);
      expect(parent, a.code).toBeDefined();
      expect(LEVELS.indexOf(parent!.level)).toBeLessThan(LEVELS.indexOf(a.level));
      if (a.level === "bydel" || a.level === "grunnkrets") expect(a.code.startsWith(parent!.code)).toBe(true);
    }
    expect(new Set(demo.areas.map((a) => a.code)).size).toBe(demo.areas.length);
  });

  it("marks every area synthetic", () => {
    expect(demo.areas.every((a) => a.synthetic === true)).toBe(true);
  });

  it("invents unique names with æ, ø, å and Sami double names", () => {
    const invented = demo.areas.filter((a) => a.level === "bydel" || a.level === "grunnkrets");
    const names = invented.map((a) => a.nameNb);
    for (const letter of ["æ", "ø", "å"]) expect(names.some((n) => n.toLowerCase().includes(letter))).toBe(true);
    for (const letter of ["á", "č", "đ", "ŋ", "š", "ŧ", "ž"]) {
      expect(names.some((n) => n.toLowerCase().includes(letter)), letter).toBe(true);
    }
    const double = invented.find((a) => a.nameNb === "Čáhppesvárri - Svartfjell" && a.parentCode === "5610");
    expect(double).toMatchObject({ nameSe: "Čáhppesvárri", nameNn: null, nameEn: null });
    for (const kids of childrenOf.values()) {
      const sub = kids.map((c) => areaByCode.get(c)!).filter((a) => a.level === "bydel" || a.level === "grunnkrets");
      expect(new Set(sub.map((a) => a.nameNb)).size).toBe(sub.length);
    }
  });

  it("keeps the official Klass names of kommuner", () => {
    expect(areaByCode.get("5610")).toMatchObject({ nameNb: "Kárášjohka - Karasjok", nameSe: "Kárášjohka" });
    expect(areaByCode.get("5001")?.nameNb).toBe("Trondheim - Tråante");
    expect(areaByCode.get("5041")?.nameNb).toBe("Snåase - Snåsa");
  });
});

describe("demo dataset: Ålesund reform", () => {
  it("retires the five merged kommuner and 1507 with the Klass dates", () => {
    for (const code of ["1504", "1523", "1529", "1534", "1546"]) {
      expect(areaByCode.get(code)).toMatchObject({ level: "kommune", parentCode: "15", validTo: "2019-12-31" });
    }
    expect(areaByCode.get("1507")).toMatchObject({ validFrom: "2020-01-01", validTo: "2023-12-31" });
    expect(areaByCode.get("1508")).toMatchObject({ nameNb: "Ålesund", validFrom: "2024-01-01", validTo: null });
    expect(areaByCode.get("1580")).toMatchObject({ nameNb: "Haram", validFrom: "2024-01-01", validTo: null });
  });

  it("records the merger with weight 1 and the split with population shares", () => {
    const merges = demo.changes.filter((c) => c.newCode === "1507");
    expect(merges.map((c) => c.oldCode).sort()).toEqual(["1504", "1523", "1529", "1534", "1546"]);
    expect(merges.every((c) => c.weight === 1 && c.changedOn === "2020-01-01")).toBe(true);
    const split = demo.changes.filter((c) => c.oldCode === "1507");
    expect(split.map((c) => c.newCode).sort()).toEqual(["1508", "1580"]);
    expect(split.every((c) => c.changedOn === "2024-01-01")).toBe(true);
    const w = Object.fromEntries(split.map((c) => [c.newCode, c.weight!]));
    expect(w["1508"]! + w["1580"]!).toBeCloseTo(1, 6);
    const pop2024 = (code: string) => byKey.get(`${code}|population|2024`)!.value!;
    expect(w["1580"]).toBeCloseTo(pop2024("1580") / (pop2024("1508") + pop2024("1580")), 3);
  });

  it("publishes each code only for the years it was valid", () => {
    const years = (code: string) => series(code, "population").map((o) => o.period);
    expect(years("1504")).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019]);
    expect(years("1507")).toEqual([2020, 2021, 2022, 2023]);
    expect(years("1508")).toEqual([2024]);
    expect(years("1580")).toEqual([2024]);
  });
});

describe("demo dataset: observations", () => {
  it("refers only to existing areas and indicators, once per key", () => {
    const indicatorIds = new Set(demo.indicators.map((i) => i.id));
    expect(byKey.size).toBe(demo.observations.length);
    for (const o of demo.observations) {
      expect(areaByCode.has(o.areaCode)).toBe(true);
      expect(indicatorIds.has(o.indicatorId)).toBe(true);
    }
  });

  it("has at least 10 indicators with at least 10 years, all labelled synthetic", () => {
    expect(demo.indicators.map((i) => i.id)).toEqual([...DEMO_INDICATOR_IDS]);
    const years = new Map<string, Set<number>>();
    for (const o of demo.observations) years.set(o.indicatorId, (years.get(o.indicatorId) ?? new Set()).add(o.period));
    expect([...years.values()].filter((s) => s.size >= 10).length).toBeGreaterThanOrEqual(10);
    for (const i of demo.indicators) {
      expect(i.source).toMatch(/syntetisk/i);
      expect(i.source).toMatch(/synthetic/i);
      expect(i.tableId).toBeNull();
    }
    expect(Math.min(...years.get("neet_youth")!)).toBe(2016);
  });

  it("makes every parent the exact sum of its children where all children are published", () => {
    let compared = 0;
    for (const parent of demo.observations) {
      const unit = demo.indicators.find((i) => i.id === parent.indicatorId)!.unit;
      if (parent.status || unit === "nok" || unit === "years") continue;
      const rows = (childrenOf.get(parent.areaCode) ?? [])
        .map((c) => byKey.get(key({ ...parent, areaCode: c })))
        .filter((o) => o !== undefined);
      if (rows.length === 0 || rows.some((o) => o.status === ":" || o.status === "..")) continue;
      const sum = (f: (o: ObservationRow) => number | null | undefined) => rows.reduce((s, o) => s + (f(o) ?? 0), 0);
      if (unit === "count") {
        expect(sum((o) => o.value), key(parent)).toBe(parent.value);
      } else {
        expect(sum((o) => o.numerator), key(parent)).toBe(parent.numerator);
        expect(sum((o) => o.denominator), key(parent)).toBe(parent.denominator);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it("stores value = numerator / denominator rounded to one decimal", () => {
    for (const o of demo.observations) {
      if (o.numerator == null || o.denominator == null) continue;
      const scale = o.indicatorId === "crime_per_1000" ? 1000 : 100;
      expect(Math.abs(o.value! - (o.numerator / o.denominator) * scale)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
  });

  it("contains small counts and denominators for disclosure control to act on", () => {
    expect(demo.observations.some((o) => o.numerator != null && o.numerator < 5)).toBe(true);
    expect(demo.observations.some((o) => o.denominator != null && o.denominator < 20)).toBe(true);
    const tiny = demo.observations.filter(
      (o) => o.indicatorId === "population" && o.period === 2024 && o.areaCode.length === 8 && o.value! <= 40,
    );
    expect(tiny.length).toBeGreaterThanOrEqual(5);
  });

  it("carries missing (..) and confidential (:) cells with no numbers", () => {
    const withStatus = demo.observations.filter((o) => o.status);
    expect(withStatus.some((o) => o.status === "..")).toBe(true);
    expect(withStatus.some((o) => o.status === ":")).toBe(true);
    for (const o of withStatus) expect([o.value, o.numerator, o.denominator]).toEqual([null, null, null]);
    for (const o of demo.observations) if (!o.status) expect(o.value).not.toBeNull();
    expect(byKey.get(`${MISSING_DELIVERY.code}|unemployment|${MISSING_DELIVERY.year}`)?.status).toBe("..");
  });

  it("plants a worsening Oslo bydel and an improving Bergen bydel", () => {
    const values = (code: string, indicator: string) => series(code, indicator).map((o) => o.value!);
    const rising = (v: number[]) => v.every((x, i) => i === 0 || x > v[i - 1]!);
    const falling = (v: number[]) => v.every((x, i) => i === 0 || x < v[i - 1]!);
    expect(areaByCode.get(PLANTED_BYDELER.worsening)?.parentCode).toBe("0301");
    expect(rising(values(PLANTED_BYDELER.worsening, "low_income_persistent"))).toBe(true);
    expect(rising(values(PLANTED_BYDELER.worsening, "immigrant_share"))).toBe(true);
    expect(areaByCode.get(PLANTED_BYDELER.improving)?.parentCode).toBe("4601");
    expect(falling(values(PLANTED_BYDELER.improving, "low_income_persistent"))).toBe(true);
    expect(falling(values(PLANTED_BYDELER.improving, "social_assistance"))).toBe(true);
    const unemployment = values(PLANTED_BYDELER.improving, "unemployment");
    expect(unemployment.at(-1)!).toBeLessThan(unemployment[0]! * 0.7);
  });

  it("stays within plausible Norwegian ranges at kommune level", () => {
    const kommune2024 = (indicator: string) =>
      demo.observations
        .filter((o) => o.period === 2024 && o.indicatorId === indicator && o.areaCode.length === 4)
        .map((o) => o.value!);
    const within = (indicator: string, lo: number, hi: number) => {
      const v = kommune2024(indicator);
      expect(Math.min(...v), indicator).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...v), indicator).toBeLessThanOrEqual(hi);
    };
    within("immigrant_share", 2, 55);
    within("unemployment", 0, 8);
    within("life_expectancy", 78, 87);
    within("median_income", 400_000, 900_000);
    expect(byKey.get("0|population|2024")?.value).toBe(5_550_203);
  });
});

describe("demo dataset: SQL", () => {
  it("escapes strings and writes one single-line statement per insert", () => {
    expect(sqlLiteral("Bjørn's vei")).toBe("'Bjørn''s vei'");
    expect(sqlLiteral(null)).toBe("NULL");
    expect(sqlLiteral(true)).toBe("1");
    const statements = toSqlStatements(demo);
    expect(statements.every((s) => s.endsWith(";") && !s.includes("\n"))).toBe(true);
    const perTable = new Map<string, number>();
    for (const s of statements) {
      const table = /^INSERT INTO (\w+) /.exec(s)![1]!;
      perTable.set(table, (perTable.get(table) ?? 0) + 1);
    }
    expect(Object.fromEntries(perTable)).toMatchObject({
      areas: Math.ceil(demo.areas.length / 200),
      area_changes: 1,
      indicators: 1,
      sources: 1,
      observations: Math.ceil(demo.observations.length / 200),
    });
    // Boundaries are long: their INSERTs hold fewer rows so none passes D1's 100 KB limit.
    expect(perTable.get("boundaries")).toBeGreaterThan(Math.ceil(demo.boundaries.length / 200));
    const bytes = new TextEncoder();
    expect(Math.max(...statements.map((s) => bytes.encode(s).length))).toBeLessThan(100_000);
  });

  it.skipIf(!sqlite)("loads into SQLite after the migrations", () => {
    const db = new sqlite!.DatabaseSync(":memory:");
    const migrations = new URL("../../db/migrations/", here);
    for (const file of fs.readdirSync(migrations).filter((f) => f.endsWith(".sql")).sort()) {
      const migration = fs.readFileSync(new URL(file, migrations), "utf8");
      for (const statement of migration.split("--> statement-breakpoint")) db.exec(statement);
    }
    db.exec("BEGIN");
    for (const statement of sqlStatements(demo, 500)) db.exec(statement);
    db.exec("COMMIT");
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT count(*) n FROM areas")).toBe(demo.areas.length);
    expect(count("SELECT count(*) n FROM observations")).toBe(demo.observations.length);
    expect(count("SELECT count(*) n FROM area_changes")).toBe(7);
    expect(count("SELECT count(*) n FROM sources")).toBe(2);
    expect(count("SELECT count(*) n FROM boundaries")).toBe(demo.boundaries.length);
    expect(count("SELECT count(*) n FROM boundaries WHERE source_id NOT IN (SELECT id FROM sources)")).toBe(0);
    // The bounding-box prefilter finds Oslo sentrum's fylke, kommune, bydel and grunnkrets.
    const around = "min_lon <= 10.752 AND max_lon >= 10.752 AND min_lat <= 59.913 AND max_lat >= 59.913";
    expect(count(`SELECT count(DISTINCT length(code)) n FROM boundaries WHERE ${around} AND code LIKE '03%'`)).toBe(4);
    expect(count("SELECT count(*) n FROM areas WHERE name_nb = 'Čáhppesvárri - Svartfjell'")).toBe(2);
    expect(
      count("SELECT count(*) n FROM areas WHERE parent_code IS NOT NULL AND parent_code NOT IN (SELECT code FROM areas)"),
    ).toBe(0);
    db.close();
  });
});

describe("national scale", () => {
  it("has ~14,000 grunnkretser and exactly 30 indicators", () => {
    const national = generateDemoStream({ scale: "national" });
    const grunnkretser = national.areas.filter((a) => a.level === "grunnkrets").length;
    expect(grunnkretser).toBeGreaterThan(13_500);
    expect(grunnkretser).toBeLessThan(14_500);
    expect(national.indicators.map((i) => i.id)).toEqual([...INDICATOR_IDS]);
    expect(national.indicators).toHaveLength(30);
    const first = national.observations[Symbol.iterator]().next().value!;
    expect(first.period).toBe(2010);
  });
});
