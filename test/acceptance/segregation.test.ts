/**
 * The segregation indices against the reference packages' published values on their full
 * example data, read from ../shared/data (see its PROVENANCE.md). Skipped, with a message,
 * where that folder is absent: the committed suite (test/stats/segregation-*.test.ts) does not
 * need it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  computeIndices,
  exposure,
  mutual,
  pick,
  prepare,
  type Row,
  type SegregationResult,
  type Slot,
  type StatName,
} from "../../worker/stats/segregation/index";

const DATA = process.env.SHARED_DATA ?? fileURLToPath(new URL("../../../shared/data/", import.meta.url));
const SCHOOLS = `${DATA}/elbers_segregation/schools00.csv`;
const SACRAMENTO = `${DATA}/pysal_sacramento/sacramento_tracts.csv`;
const FIXTURE = fileURLToPath(new URL("../fixtures/segregation/sacramento_tracts_race.csv", import.meta.url));

for (const [path, what] of [[SCHOOLS, "Elbers' schools00"], [SACRAMENTO, "PySAL's Sacramento tracts"]] as const) {
  if (!existsSync(path)) console.warn(`segregation acceptance: ${what} not found at ${path}; those tests are skipped (set SHARED_DATA to the folder)`);
}

function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, "utf8").trim().split("\n");
  const names = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [names[i]!, v])));
}

const value = (r: SegregationResult, stat: StatName, where: Omit<Slot, "stat"> = {}) => pick(r, stat, where)!.est;
/** Agreement with a printed value to its last printed digit. */
const close = (actual: number, printed: string) =>
  expect(Math.abs(actual - Number(printed))).toBeLessThanOrEqual(0.5 * 10 ** -printed.split(".")[1]!.length + 1e-15);

describe.skipIf(!existsSync(SCHOOLS))("Elbers' segregation on the full schools00 (../shared/data/elbers_segregation)", () => {
  const schools = existsSync(SCHOOLS) ? readCsv(SCHOOLS) : [];
  const race = { unit: "school", group: "race", weight: "n" };

  // All values from the vignette "A walkthrough of the segregation package"
  // (elbersb/segregation articles/segregation.html) unless noted.
  it("M and H, and the group entropy", () => {
    const r = mutual(schools, race);
    close(value(r, "M"), "0.4255390");
    close(value(r, "H"), "0.4188083");
    close(value(r, "entropy"), "1.016071");
  });

  it("switching groups and units keeps M and changes H; the school entropy", () => {
    const r = mutual(schools, { unit: "race", group: "school", weight: "n" });
    close(value(r, "M"), "0.42553898");
    close(value(r, "H"), "0.05642991");
    close(value(r, "entropy"), "7.541018");
  });

  it("the between/within decomposition over states and each state's indices", () => {
    const r = mutual(schools, { ...race, within: "state" });
    close(value(r, "M_between"), "0.09924370");
    close(value(r, "H_between"), "0.09767398");
    close(value(r, "M_within"), "0.3262953");
    close(value(r, "H_within"), "0.3211343");
    // mutual_within(schools00, "race", "school", within = "state", weight = "n", wide = TRUE)
    const published = {
      A: ["0.4085965", "0.2768819", "0.4969216", "0.8092501"],
      B: ["0.2549959", "0.4035425", "0.2680884", "0.9361190"],
      C: ["0.3450221", "0.3195756", "0.3611257", "0.9402955"],
    };
    for (const [stratum, [M, p, H, ratio]] of Object.entries(published)) {
      close(value(r, "M", { stratum }), M!);
      close(value(r, "p", { stratum }), p!);
      close(value(r, "H", { stratum }), H!);
      close(value(r, "ent_ratio", { stratum }), ratio!);
      // mutual_total on the state's schools alone gives the same M.
      close(value(mutual(schools.filter((s) => s.state === stratum), race), "M"), M!);
    }
  });

  it("segregation between schools within districts (mutual_total_nested; reference: M => .087)", () => {
    const r = mutual(schools, { ...race, within: "district" });
    close(value(r, "M_within"), "0.08758648");
    close(value(r, "H_within"), "0.08620114");
  });

  it("bootstrap by resampling students matches the published se, interval and bias", () => {
    // Vignette, 500 iterations: M est 0.4219736 (bias-corrected), se 0.0007937, CI 0.4203842–0.4235208,
    // bias 0.003565 (an earlier build of the same vignette: 0.4219199, 0.0007736, 0.4204878–0.4234295,
    // 0.003619). With 200 replicates here, Monte Carlo error allows a few 1e-4.
    const r = mutual(schools, { ...race, bootstrap: { replicates: 200, seed: 2026 } });
    const m = pick(r, "M")!;
    expect(m.bias!).toBeGreaterThan(0.0033);
    expect(m.bias!).toBeLessThan(0.0039);
    expect(m.se!).toBeGreaterThan(0.0006);
    expect(m.se!).toBeLessThan(0.001);
    expect(Math.abs(m.est - m.bias! - 0.42195)).toBeLessThan(0.0002);
    expect(Math.abs(m.lower! - 0.42043)).toBeLessThan(0.0004);
    expect(Math.abs(m.upper! - 0.42348)).toBeLessThan(0.0004);
    const h = pick(r, "H")!;
    expect(Math.abs(h.bias! - 0.00354)).toBeLessThan(0.0003); // published 0.003544434 / 0.003537435
  }, 60_000);

  it("exposure and isolation relations of Elbers' test_exposure_isolation.R", () => {
    const all = exposure(schools, race);
    for (const of of all.groups) {
      const sum = all.estimates.filter((e) => e.group === of && e.stratum === undefined).reduce((s, e) => s + e.est, 0);
      expect(sum).toBeCloseTo(1, 12);
    }
    const two = schools.filter((s) => s.race === "white" || s.race === "black");
    const total = (g: string) => two.filter((s) => s.race === g).reduce((s, r) => s + Number(r.n), 0);
    const r = computeIndices(prepare(two, race), ["exposure", "dissimilarity"]);
    expect(value(r, "exposure", { group: "black", to: "white" })).toBeCloseTo(
      (value(r, "exposure", { group: "white", to: "black" }) * total("white")) / total("black"),
      12,
    );
    expect(value(r, "D")).toBeGreaterThan(0);
    expect(value(r, "D")).toBeLessThan(1);
  });

  it("the CLI prints the same published numbers", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/indices.ts", SCHOOLS, "--unit", "school", "--group", "race", "--weight", "n", "--within", "state"], {
      encoding: "utf8",
      cwd: fileURLToPath(new URL("../../", import.meta.url)),
    });
    expect(run.stderr).toBe("");
    const r = JSON.parse(run.stdout);
    close(r.M, "0.4255390");
    close(r.H, "0.4188083");
    close(r.entropy, "1.016071");
    close(r.within.M_within, "0.3262953");
    close(r.within.strata.A.H, "0.4969216");
    expect(r.units).toBe(2045); // "2,045 schools"
    expect(r.population).toBe(877739);
  });
});

describe.skipIf(!existsSync(SACRAMENTO))("PySAL's segregation on the full Sacramento tracts (../shared/data/pysal_sacramento)", () => {
  const tracts = existsSync(SACRAMENTO) ? readCsv(SACRAMENTO) : [];
  const cols = { unit: "tract", group: "group", weight: "n" };
  const agree = (actual: number, published: number, decimals = 7) => expect(Math.abs(actual - published)).toBeLessThan(1.5 * 10 ** -decimals);

  it("the committed excerpt is the source, column for column", () => {
    const excerpt = readCsv(FIXTURE);
    expect(excerpt).toHaveLength(403);
    excerpt.forEach((row, i) => {
      for (const [column, v] of Object.entries(row)) expect(tracts[i]![column]).toBe(v);
    });
  });

  it("Dissim, Entropy, Exposure and Isolation of Hispanics vs the rest", () => {
    // pysal/segregation segregation/tests: test_dissim.py, test_entropy.py (decimal=4),
    // test_exposure.py, test_isolation.py.
    const rows: Row[] = tracts.flatMap((t) => [
      { tract: t.FIPS, group: "hisp", n: Number(t.HISP) },
      { tract: t.FIPS, group: "rest", n: Number(t.TOT_POP) - Number(t.HISP) },
    ]);
    const r = computeIndices(prepare(rows, cols), ["mutual", "dissimilarity", "exposure"]);
    agree(value(r, "D"), 0.32184656076566864);
    agree(value(r, "H"), 0.09626774479970557, 4);
    agree(value(r, "exposure", { group: "hisp", to: "rest" }), 0.7680384513540848);
    agree(value(r, "isolation", { group: "hisp" }), 0.2319615486459151);
  });

  it("MultiInfoTheory over White, Black, Asian and Hispanic", () => {
    // test_multi_information_theory.py → 0.1710160297858887
    const rows: Row[] = tracts.flatMap((t) => ["WHITE", "BLACK", "ASIAN", "HISP"].map((g) => ({ tract: t.FIPS, group: g, n: Number(t[g]) })));
    agree(value(mutual(rows, cols), "H"), 0.1710160297858887);
  });
});
