/**
 * `npm run indices`, run as a user runs it: a child process on a CSV file, JSON on stdout,
 * errors on stderr naming the file line and column.
 */
import { beforeAll, describe, expect, it } from "vitest";

// test/stats is type-checked with the worker's types (no @types/node): the few node
// built-ins used here are imported untyped and given the shape used.
type Spawn = (cmd: string, args: string[], opts: { encoding: "utf8"; cwd: string }) => { status: number | null; stdout: string; stderr: string };
type Fs = { mkdtempSync(prefix: string): string; writeFileSync(path: string, text: string): void };
const { spawnSync } = (await import(/* @vite-ignore */ "node:child_process" as string)) as { spawnSync: Spawn };
const fs = (await import(/* @vite-ignore */ "node:fs" as string)) as Fs;
const { tmpdir } = (await import(/* @vite-ignore */ "node:os" as string)) as { tmpdir(): string };
const proc = (await import(/* @vite-ignore */ "node:process" as string)) as { execPath: string; cwd(): string };

const SCHOOLS = "test/fixtures/segregation/schools00_district_race.csv";
let dir = "";

function indices(...args: string[]) {
  const run = spawnSync(proc.execPath, ["--import", "tsx", "scripts/indices.ts", ...args], { encoding: "utf8", cwd: proc.cwd() });
  return { status: run.status, out: run.stdout, err: run.stderr, json: () => JSON.parse(run.stdout) as Record<string, any> };
}

function file(name: string, text: string) {
  const path = `${dir}/${name}`;
  fs.writeFileSync(path, text);
  return path;
}

beforeAll(() => {
  dir = fs.mkdtempSync(`${tmpdir()}/indices-`);
});

describe("npm run indices", () => {
  it("prints the documented keys and Elbers' published decomposition for schools00 districts", () => {
    const run = indices(SCHOOLS, "--unit", "district", "--group", "race", "--weight", "n", "--within", "state");
    expect(run.err).toBe("");
    expect(run.status).toBe(0);
    const r = run.json();
    expect(Object.keys(r)).toEqual(["columns", "population", "units", "groups", "dropped", "M", "H", "entropy", "D", "isolation", "exposure", "within", "bootstrap"]);
    expect(r.columns).toEqual({ unit: "district", group: "race", weight: "n", within: "state" });
    expect(r.population).toBe(877739); // the vignette's "bootstrap iterations on 877739 observations"
    expect(r.groups).toEqual(["asian", "black", "hisp", "native", "white"]);
    expect(r.D).toBeNull(); // five groups
    // mutual_total_nested (vignette): district within state M 0.23870880, between states 0.09924370.
    expect(r.within.M_within).toBeCloseTo(0.2387088, 7);
    expect(r.within.M_between).toBeCloseTo(0.0992437, 7);
    expect(Object.keys(r.within.strata)).toEqual(["A", "B", "C"]);
    expect(Object.keys(r.within.strata.A)).toEqual(["p", "ent_ratio", "M", "H", "entropy", "D", "isolation", "exposure"]);
    expect(r.within.strata.A.p).toBeCloseTo(0.2768819, 7);
    expect(Object.keys(r.exposure.black)).toEqual(["asian", "hisp", "native", "white"]);
    expect(r.bootstrap).toBeNull();
  });

  it("reads semicolons, quotes and CRLF, and adds D, location quotients and bootstrap intervals for two groups", () => {
    const csv = file(
      "two.csv",
      '\ufeff"krets";"gruppe";"antall"\r\n"A; nord";innvandrer;30\r\n"A; nord";"øvrige";10\r\nB;innvandrer;10\r\nB;øvrige;30\r\n\r\n',
    );
    const args = [csv, "--unit", "krets", "--group", "gruppe", "--weight", "antall", "--lq", "--bootstrap", "50", "--seed", "9"];
    const run = indices(...args);
    expect(run.err).toBe("");
    const r = run.json();
    expect(r.D).toBeCloseTo(0.5, 12);
    expect(r.M).toBeCloseTo(0.75 * Math.log(1.5) + 0.25 * Math.log(0.5), 12);
    expect(r.isolation.innvandrer).toBeCloseTo(0.625, 12);
    expect(r.exposure.innvandrer.øvrige).toBeCloseTo(0.375, 12);
    expect(r.lq["A; nord"]).toEqual({ innvandrer: 1.5, øvrige: 0.5 });
    expect(r.within).toBeNull();
    expect(r.bootstrap).toMatchObject({ replicates: 50, seed: 9, level: 0.95 });
    expect(Object.keys(r.bootstrap.intervals.M)).toEqual(["se", "lower", "upper", "bias"]);
    expect(r.bootstrap.intervals.exposure.innvandrer.øvrige.se).toBeGreaterThan(0);
    expect(r.bootstrap.intervals.lq.B.innvandrer.se).toBeGreaterThan(0);
    expect(indices(...args).out).toBe(run.out); // same seed, same intervals
  });

  it.each([
    [["--unit", "district", "--group", "race", "--weight", "count"], /unknown weight column "count" \(columns: state, district, race, n\)/],
    [["--unit", "state", "--group", "race", "--weight", "n", "--within", "state"], /column "state" cannot be both unit and within/],
    [["--group", "race"], /--unit and --group are required/],
    [["--unit", "district", "--group", "race", "--bootstrap", "ten"], /--bootstrap must be a whole number, got "ten"/],
    [["--unit", "district", "--group", "race", "--seed", "1"], /--seed and --level only apply with --bootstrap/],
    [["--unit", "district", "--group", "race", "--colour", "red"], /Unknown option '--colour'/],
  ])("fails clearly on %j", (args, message) => {
    const run = indices(SCHOOLS, ...args);
    expect(run.status).toBe(1);
    expect(run.out).toBe("");
    expect(run.err).toMatch(message);
  });

  it("names the file line and column of a bad value", () => {
    const csv = file("bad.csv", 'unit,group,n\na,x,1\n"b\nwith a line break",x,2\nb,y,-4\n');
    const run = indices(csv, "--unit", "unit", "--group", "group", "--weight", "n");
    expect(run.status).toBe(1);
    expect(run.err).toContain(`${csv} line 5, column "n": negative count -4`);
  });

  it.each([
    ["ragged.csv", "unit,group,n\na,x,1\nb,y\n", "line 3: 2 fields, the header has 3"],
    ["twice.csv", "unit,group,n,n\na,x,1,2\n", 'line 1: the header has column "n" twice'],
    ["open.csv", 'unit,group,n\na,x,1\n"b,y,2\n', "line 3: a quoted field is not closed"],
  ])("names the line of a malformed CSV (%s)", (name, text, message) => {
    const csv = file(name, text);
    const run = indices(csv, "--unit", "unit", "--group", "group", "--weight", "n");
    expect(run.status).toBe(1);
    expect(run.err).toContain(`${csv} ${message}`);
  });

  it("says when a file cannot be read", () => {
    const run = indices(`${dir}/missing.csv`, "--unit", "u", "--group", "g");
    expect(run.status).toBe(1);
    expect(run.err).toMatch(/cannot read .*missing\.csv/);
  });
});
