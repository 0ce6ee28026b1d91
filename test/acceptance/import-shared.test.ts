/// <reference path="../../worker/worker-configuration.d.ts" />
/// <reference path="../../worker/env.d.ts" />
/**
 * The real files of ../shared/data imported exactly as `npm run import:shared` does, into a
 * database of their own (.wrangler/acceptance-import-state), then checked against facts
 * published elsewhere. Skipped, with a message, where ../shared/data is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AreaBody } from "../../worker/api/schemas";
import { unpackCard, type StoredCard } from "../../worker/stats/card-store";
import { runImport } from "../../worker/import/run";
import { localEnv, loadMapping, ROOT } from "../../scripts/import";
import { importShared, SHARED_DATA, type SharedResult } from "../../scripts/import-shared";

const present = existsSync(SHARED_DATA);
if (!present) console.warn(`import acceptance: ${SHARED_DATA} not found; skipped`);
const STATE = join(ROOT, ".wrangler", "acceptance-import-state");

describe.skipIf(!present)("npm run import:shared on the real files", () => {
  let result: SharedResult;
  let local: Awaited<ReturnType<typeof localEnv>>;
  const all = async <T>(sql: string, ...params: unknown[]) => (await local.env.DB.prepare(sql).bind(...params).all<T>()).results;

  beforeAll(async () => {
    result = await importShared({ stateDir: STATE, log: () => {} });
    local = await localEnv(STATE);
  });
  afterAll(() => local?.dispose());

  it("imports every file without a rejection and builds a snapshot of every area", async () => {
    expect(result.reports.map((r) => `${r.file}: ${r.status}`).filter((s) => s.endsWith("rejected"))).toEqual([]);
    const [{ n }] = await all<{ n: number }>("SELECT count(*) AS n FROM areas");
    expect(result.recompute).toMatchObject({ state: "complete", areasDone: n });
  });

  it("holds today's geography: 15 fylker and 357 kommuner, each with a boundary", async () => {
    expect(await all("SELECT a.level, count(*) AS current, count(b.code) AS with_boundary FROM areas a LEFT JOIN boundaries b USING (code) WHERE a.valid_to IS NULL AND a.level IN ('fylke', 'kommune') GROUP BY a.level ORDER BY a.level")).toEqual([
      { level: "fylke", current: 15, with_boundary: 15 },
      { level: "kommune", current: 357, with_boundary: 357 },
    ]);
    expect(await all("SELECT count(*) AS n FROM boundaries WHERE level = 'grunnkrets'")).toEqual([{ n: 535 }]);
    // Every boundary is lon/lat inside Norway's mainland-and-islands box.
    expect(await all("SELECT count(*) AS n FROM boundaries WHERE min_lon < 4 OR max_lon > 32 OR min_lat < 57.9 OR max_lat > 71.3")).toEqual([{ n: 0 }]);
  });

  it("adds Oslo's bydeler up to Oslo's population on 1 January 2024 (717,710)", async () => {
    expect(await all("SELECT sum(value) AS total, count(*) AS n FROM observations WHERE indicator_id = 'population' AND period = 2024 AND area_code LIKE '0301__'")).toEqual([{ total: 717_710, n: 18 }]);
    expect(await all("SELECT value FROM observations WHERE indicator_id = 'population' AND period = 2024 AND area_code = '0301'")).toEqual([{ value: 717_710 }]);
    expect(await all("SELECT sum(value) AS total FROM observations WHERE indicator_id = 'population' AND period = 2024 AND length(area_code) = 4")).toEqual([{ total: 5_550_203 }]);
  });

  const card = async (code: string) => {
    const [row] = await all<{ body: string }>("SELECT body FROM area_cards WHERE code = ? AND snapshot = (SELECT version FROM live_snapshot WHERE id = 1)", code);
    return JSON.parse(row!.body) as AreaBody;
  };

  it("answers for retired codes with their successors, a split weighed by population", async () => {
    expect((await card("1507")).replacedBy.map((r) => r.code)).toEqual(["1508", "1580"]);
    expect((await card("0220")).replacedBy.map((r) => `${r.code} ${r.name}`)).toEqual(["3203 Asker"]);
    const weights = await all<{ new_code: string; weight: number }>("SELECT new_code, weight FROM area_changes WHERE old_code = '1507' ORDER BY new_code");
    const pop = await all<{ area_code: string; value: number }>("SELECT area_code, value FROM observations WHERE indicator_id = 'population' AND period = 2024 AND area_code IN ('1508', '1580') ORDER BY area_code");
    const total = pop[0]!.value + pop[1]!.value;
    expect(weights).toEqual([
      { new_code: "1508", weight: pop[0]!.value / total },
      { new_code: "1580", weight: pop[1]!.value / total },
    ]);
  });

  it("gives re-established 1580 Haram old 1534 Haram's own figures before the 2020 merger, and points 1534 to it", async () => {
    expect((await card("1534")).replacedBy.map((r) => r.code)).toEqual(["1580"]);
    const own = await all<{ indicator_id: string; value: number }>("SELECT indicator_id, value FROM observations WHERE area_code = '1534' AND period = 2019 AND value IS NOT NULL AND indicator_id IN ('population', 'immigrants_count') ORDER BY indicator_id");
    expect(own.map((r) => r.indicator_id)).toEqual(["immigrants_count", "population"]);
    for (const { indicator_id, value } of own) {
      const [row] = await all<{ body: string }>("SELECT body FROM area_series WHERE code = '1580' AND indicator = ? AND snapshot = (SELECT version FROM live_snapshot WHERE id = 1)", indicator_id);
      const haram = unpackCard(JSON.parse(row!.body) as StoredCard, indicator_id);
      const point = haram.series.find((p) => p.period === 2019);
      expect(point, `1580 ${indicator_id} 2019`).toMatchObject({ value });
      expect(point!.estimated, `1580 ${indicator_id} 2019 is observed`).toBeUndefined();
      // 2020–2023 are old Ålesund's (1507) figures shared by population: marked, and never a trend's end.
      expect(haram.series.find((p) => p.period === 2021)?.estimated, `1580 ${indicator_id} 2021`).toBe(true);
      if ([haram.change5y?.from, haram.change5y?.to].some((y) => y !== undefined && y >= 2020 && y <= 2023)) expect(haram.trend).toBe("not_comparable");
    }
  });

  it("hangs the 2018 grunnkretser of Bærum (0219) and Asker (0220) under today's 3201 and 3203", async () => {
    const [baerum, asker, old] = [await card("3201"), await card("3203"), await card("0219")];
    expect(baerum.children.filter((c) => c.level === "grunnkrets")).toHaveLength(437);
    expect(asker.children.filter((c) => c.level === "grunnkrets" && c.code.startsWith("0220"))).toHaveLength(98);
    expect(old.children).toEqual([]);
    expect((await card("02190101")).ancestors.map((a) => a.code)).toEqual(["0", "32", "3201"]);
  });

  it("keeps '-' in the immigrant counts as suppressed, never as a number", async () => {
    // The file has "-" in 27 non-western and 13 western counts (of the 516 grunnkretser kept).
    expect(await all("SELECT indicator_id, count(*) AS n FROM observations WHERE indicator_id LIKE 'immigrants_%western' AND status = ':' AND value IS NULL GROUP BY indicator_id ORDER BY indicator_id")).toEqual([
      { indicator_id: "immigrants_nonwestern", n: 27 },
      { indicator_id: "immigrants_western", n: 13 },
    ]);
    expect(await all("SELECT count(*) AS n, sum(source_id = 'ssb-budstikka-2018') AS sourced FROM observations WHERE indicator_id LIKE 'immigrants_%western'")).toEqual([{ n: 1032, sourced: 1032 }]);
  });

  it("holds SSB 07459 as published: every kommune's sum over single ages, all ages, 0–17 and 67+, each year of every export layout", async () => {
    // Read the seven exports with plain code: any delimiter, a title line or not, one or more year columns.
    const expected = new Map<string, number>();
    for (const y of ["2015-2018", "2019", "2020", "2021", "2022", "2023", "2024"]) {
      const lines = new TextDecoder("latin1").decode(readFileSync(join(SHARED_DATA, `ssb_population/Personer${y}.csv`))).split(/\r?\n/);
      const h = lines.findIndex((l) => /region/.test(l) && /Persons \d{4}/.test(l));
      const sep = lines[h]!.includes("\t") ? "\t" : lines[h]!.includes(";") ? ";" : ",";
      const cells = (l: string) => l.split(sep).map((c) => c.replace(/^"|"$/g, ""));
      const years = cells(lines[h]!).slice(2).map((c) => Number(/\d{4}/.exec(c)?.[0]));
      for (const line of lines.slice(h + 1)) {
        const [region, age, ...values] = cells(line);
        const code = /^(?:K-)?(\d{4}) /.exec(region ?? "")?.[1];
        if (!code) continue;
        const years0 = Number(/^\d+/.exec(age ?? "")![0]);
        values.forEach((v, i) => {
          if (!years[i]) return;
          const add = (indicator: string) => expected.set(`${code} ${indicator} ${years[i]}`, (expected.get(`${code} ${indicator} ${years[i]}`) ?? 0) + Number(v));
          add("population");
          if (years0 <= 17) add("population_0_17");
          if (years0 >= 67) add("population_67plus");
        });
      }
    }
    // A code that did not exist yet has only zeros in a year: the importer leaves those out.
    for (const [k, v] of expected) if (v === 0 && k.includes(" population ")) for (const ind of ["population", "population_0_17", "population_67plus"]) expected.delete(k.replace(" population ", ` ${ind} `));
    const rows = await all<{ k: string; value: number }>("SELECT area_code || ' ' || indicator_id || ' ' || period AS k, value FROM observations WHERE source_id = 'ssb-07459'");
    expect(rows.length).toBe(expected.size);
    const wrong = rows.filter((r) => expected.get(r.k) !== r.value).slice(0, 5);
    expect(wrong).toEqual([]);
    // SSB's published national totals on 1 January (every kommune present in these years).
    expect(await all("SELECT period, sum(value) AS total FROM observations WHERE source_id = 'ssb-07459' AND indicator_id = 'population' AND period IN (2020, 2024) GROUP BY period ORDER BY period")).toEqual([
      { period: 2020, total: 5_367_580 },
      { period: 2024, total: 5_550_203 },
    ]);
  });

  it("changes nothing when a file is imported a second time", async () => {
    const { mapping, name } = loadMapping("robhop-kommuner");
    const report = await runImport(local.env, { file: "Kommuner-S.topojson", bytes: readFileSync(join(SHARED_DATA, "robhop/Kommuner-S.topojson")), mapping, mappingName: name });
    expect(report.status).toBe("unchanged");
  });
});
