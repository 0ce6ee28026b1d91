/**
 * The area tree of the demo: real fylker and kommuner (kommuner.json), the real 2020/2024 Ålesund
 * reform, and invented bydeler and grunnkretser. Everything here is structure only and does not
 * depend on the data seed, so codes and names stay the same whatever numbers are generated.
 */
import type { AreaChange, NewArea } from "../schema";
import kommunerJson from "./kommuner.json";
import { NamePool } from "./names";

export type Scale = "demo" | "national";

export type Planted = "worsening" | "improving";

/** A bydel or grunnkrets. */
export type SubArea = {
  code: string;
  level: "bydel" | "grunnkrets";
  children: SubArea[];
  /** Gets 8–40 residents, so disclosure control has something to suppress. */
  tiny: boolean;
  planted: Planted | null;
};

/**
 * A kommune-sized piece of land with its own synthetic profile. Usually one 2024 kommune; for the
 * Ålesund reform the five pre-2020 kommuner, which later codes are published as sums of.
 */
export type Unit = {
  code: string;
  population2024: number;
  children: SubArea[];
};

/** A kommune code as published: the sum of its units, for the years the code was in use. */
export type PublishedKommune = {
  code: string;
  fylke: string;
  units: string[];
  from: number;
  to: number;
};

export type Geography = {
  scale: Scale;
  years: number[];
  areas: NewArea[];
  changes: AreaChange[];
  fylker: string[];
  units: Unit[];
  /** Ordered so that every unit's published codes follow it closely (streaming keeps little state). */
  kommuner: PublishedKommune[];
};

type KommuneJson = { code: string; name: string; nameSe: string | null; fylke: string; population: number };
const KOMMUNER: KommuneJson[] = kommunerJson.kommuner;

export const YEARS: Record<Scale, readonly [number, number]> = {
  demo: [2013, 2024],
  national: [2010, 2024],
};

/**
 * Synthetic sub-kommune codes use numbers from 61 up (bydel = kommune + 61.., grunnkrets = bydel +
 * 01.., or kommune + 61.. + 01.. without bydeler). Real codes in these cities stop below that
 * (Oslo: bydeler 01–17, 88, 99; grunnkrets "delområder" 02–60, 99), so no synthetic area — and
 * no planted problem — shares a code with a real neighbourhood.
 */
const FIRST_SYNTHETIC_NUMBER = 61;

/** The planted patterns (documented in README.md; stable across seeds). */
export const PLANTED_BYDELER: Record<Planted, string> = {
  worsening: "030169", // Oslo: steadily rising persistent low income and immigrant share
  improving: "460164", // Bergen: falling low income, unemployment and social assistance
};

/**
 * The synthetic initiative with a planted effect (`db/initiatives/demo.json`,
 * `demo-nabolagsloftet`): from `from` on, the grunnkretser of these bydeler get `dep` added to
 * their deprivation score, so their low income, unemployment and social assistance fall against
 * similar bydeler. The follow-up of that initiative should find it; the other demo initiatives
 * have nothing planted.
 */
export const PLANTED_INITIATIVE = { bydeler: ["030162", "030163"], from: 2018, dep: -0.5 } as const;

type CityLayout = { bydeler: number; demoGrunnkretser: number; tiny: number; sami: "all" | "some" | "none" };

/**
 * Where the demo scale has sub-areas. Bydel counts follow the real cities; grunnkrets counts are
 * scaled down (≈350 in all) so the demo stays small.
 */
const CITIES: Record<string, CityLayout> = {
  "0301": { bydeler: 15, demoGrunnkretser: 130, tiny: 2, sami: "none" }, // Oslo
  "4601": { bydeler: 8, demoGrunnkretser: 80, tiny: 1, sami: "none" }, // Bergen
  "5001": { bydeler: 4, demoGrunnkretser: 52, tiny: 1, sami: "none" }, // Trondheim - Tråante
  "1103": { bydeler: 7, demoGrunnkretser: 45, tiny: 1, sami: "none" }, // Stavanger
  "5501": { bydeler: 0, demoGrunnkretser: 30, tiny: 2, sami: "some" }, // Tromsø
  "5610": { bydeler: 0, demoGrunnkretser: 12, tiny: 3, sami: "all" }, // Kárášjohka - Karasjok
};

/** National scale: about 14,000 grunnkretser, growing less than proportionally with population. */
const NATIONAL_GRUNNKRETSER = 14_000;
const NATIONAL_EXPONENT = 0.7;
const MAX_PER_BYDEL = 99;
const GRUNNKRETSER_PER_DELOMRADE = 20;

/** The reform chain, as in Klass: five kommuner merged in 2020 and split again in 2024. */
const REFORM = kommunerJson.reform;
const MERGED_CODE = "1507";
const REFORM_FYLKE = "15";
/** New code → the pre-2020 units it covers (1580 Haram is old 1534 Haram; 1508 the rest). */
const SPLIT_UNITS: Record<string, string[]> = {
  "1508": ["1504", "1523", "1529", "1546"],
  "1580": ["1534"],
};
/**
 * Rough 2019 proportions within today's 1508 Ålesund (old 1504 Ålesund, 1523 Ørskog, 1529 Skodje,
 * 1546 Sandøy); only used to size the synthetic pre-2020 units.
 */
const SHARE_OF_1508: Record<string, number> = { "1504": 0.853, "1523": 0.041, "1529": 0.084, "1546": 0.022 };

const pad2 = (n: number): string => String(n).padStart(2, "0");

function area(row: Omit<NewArea, "synthetic" | "validTo"> & { validTo?: string | null }): NewArea {
  return { nameNn: null, nameEn: null, nameSe: null, validTo: null, ...row, synthetic: true };
}

/** Grunnkretser per kommune at national scale; solved once so the total lands near 14,000. */
function nationalCounts(): Map<string, number> {
  const eligible = KOMMUNER.filter((k) => !(k.code in SPLIT_UNITS));
  const weight = (k: KommuneJson) => k.population ** NATIONAL_EXPONENT;
  const c = NATIONAL_GRUNNKRETSER / eligible.reduce((s, k) => s + weight(k), 0);
  return new Map(
    eligible.map((k) => {
      const layout = CITIES[k.code];
      const n = Math.max(2, Math.round(c * weight(k)), layout?.demoGrunnkretser ?? 0);
      return [k.code, n];
    }),
  );
}

/** Splits n as evenly as possible into k parts (earlier parts get the remainder). */
function evenSplit(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

export function buildGeography(scale: Scale): Geography {
  const [first, last] = YEARS[scale];
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const areas: NewArea[] = [
    area({
      code: "0", level: "country", parentCode: null, nameNb: "Norge", nameNn: "Noreg", nameEn: "Norway",
      nameSe: "Norga", validFrom: "1838-01-01",
    }),
    ...kommunerJson.fylker.map((f) =>
      area({ code: f.code, level: "fylke", parentCode: "0", nameNb: f.name, validFrom: "2024-01-01" }),
    ),
  ];
  const subAreaRows: NewArea[] = [];
  const units: Unit[] = [];
  const kommuner: PublishedKommune[] = [];
  const counts = scale === "national" ? nationalCounts() : null;

  for (const k of KOMMUNER) {
    areas.push(
      area({
        code: k.code, level: "kommune", parentCode: k.fylke, nameNb: k.name, nameSe: k.nameSe,
        validFrom: "2024-01-01",
      }),
    );
    if (k.code in SPLIT_UNITS) continue; // published from the reform units below
    const layout = CITIES[k.code];
    const grunnkretser = counts?.get(k.code) ?? layout?.demoGrunnkretser ?? 0;
    const children = buildSubAreas(k, layout, grunnkretser, subAreaRows);
    units.push({ code: k.code, population2024: k.population, children });
    kommuner.push({ code: k.code, fylke: k.fylke, units: [k.code], from: first, to: last });
  }

  const reform = buildReform(first, last);
  areas.push(...reform.areas, ...subAreaRows);
  units.push(...reform.units);
  kommuner.push(...reform.kommuner);

  return {
    scale,
    years,
    areas,
    changes: reform.changes,
    fylker: kommunerJson.fylker.map((f) => f.code),
    units,
    kommuner,
  };
}

function buildSubAreas(
  k: KommuneJson,
  layout: CityLayout | undefined,
  grunnkretser: number,
  rows: NewArea[],
): SubArea[] {
  if (grunnkretser === 0) return [];
  const sami = layout?.sami ?? (k.nameSe ? "all" : "none");
  const gk = (code: string, parent: string, pool: NamePool, i: number, planted: Planted | null): SubArea => {
    const useSami = sami === "all" || (sami === "some" && i % 3 === 1);
    const name = useSami ? pool.sami() : pool.norwegian();
    rows.push(
      area({ code, level: "grunnkrets", parentCode: parent, nameNb: name.nb, nameSe: name.se, validFrom: "2024-01-01" }),
    );
    return { code, level: "grunnkrets", children: [], tiny: false, planted };
  };

  let children: SubArea[];
  let leaves: SubArea[];
  if (layout && layout.bydeler > 0) {
    const bydelPool = new NamePool(k.code);
    const perBydel = evenSplit(grunnkretser, layout.bydeler).map((n) => Math.min(n, MAX_PER_BYDEL));
    children = perBydel.map((n, b) => {
      const code = k.code + pad2(FIRST_SYNTHETIC_NUMBER + b);
      const planted =
        code === PLANTED_BYDELER.worsening ? "worsening" : code === PLANTED_BYDELER.improving ? "improving" : null;
      rows.push(
        area({ code, level: "bydel", parentCode: k.code, nameNb: bydelPool.norwegian().nb, validFrom: "2024-01-01" }),
      );
      const pool = new NamePool(code);
      const kids = Array.from({ length: n }, (_, j) => gk(code + pad2(j + 1), code, pool, j, planted));
      return { code, level: "bydel" as const, children: kids, tiny: false, planted };
    });
    // Tiny grunnkretser: the last one of each of the last `tiny` bydeler (never a planted bydel).
    const eligible = children.filter((b) => !b.planted);
    leaves = eligible.slice(eligible.length - layout.tiny).map((b) => b.children[b.children.length - 1]!);
  } else {
    const pool = new NamePool(k.code);
    children = Array.from({ length: grunnkretser }, (_, j) => {
      const delomrade = FIRST_SYNTHETIC_NUMBER + Math.floor(j / GRUNNKRETSER_PER_DELOMRADE);
      const code = k.code + pad2(delomrade) + pad2((j % GRUNNKRETSER_PER_DELOMRADE) + 1);
      return gk(code, k.code, pool, j, null);
    });
    leaves = children.slice(children.length - (layout?.tiny ?? 0));
  }
  for (const leaf of leaves) leaf.tiny = true;
  return children;
}

function buildReform(first: number, last: number) {
  const pop = new Map(KOMMUNER.map((k) => [k.code, k.population]));
  const oldRows = REFORM.filter((r) => r.newCode === MERGED_CODE);
  const splitRows = REFORM.filter((r) => r.oldCode === MERGED_CODE);
  const areas: NewArea[] = [
    ...oldRows.map((r) =>
      area({
        code: r.oldCode, level: "kommune", parentCode: REFORM_FYLKE, nameNb: r.oldName,
        // Klass history (our source) starts in 2008; the codes themselves are older.
        validFrom: "2008-01-01", validTo: "2019-12-31",
      }),
    ),
    area({
      code: MERGED_CODE, level: "kommune", parentCode: REFORM_FYLKE, nameNb: oldRows[0]!.newName,
      validFrom: "2020-01-01", validTo: "2023-12-31",
    }),
  ];
  const splitTotal = splitRows.reduce((s, r) => s + pop.get(r.newCode)!, 0);
  const changes: AreaChange[] = [
    ...oldRows.map((r) => ({ oldCode: r.oldCode, newCode: r.newCode, changedOn: r.changedOn, weight: 1 })),
    // A split's weight is the population share each successor got at the change.
    ...splitRows.map((r) => ({
      oldCode: r.oldCode,
      newCode: r.newCode,
      changedOn: r.changedOn,
      weight: Math.round((pop.get(r.newCode)! / splitTotal) * 10_000) / 10_000,
    })),
  ];
  const units: Unit[] = Object.entries(SPLIT_UNITS).flatMap(([newCode, olds]) => {
    const total = pop.get(newCode)!;
    if (olds.length === 1) return [{ code: olds[0]!, population2024: total, children: [] }];
    // Largest-remainder rounding so the units add up to the real 2024 population exactly.
    const raw = olds.map((c) => SHARE_OF_1508[c]! * total);
    const sizes = raw.map(Math.floor);
    const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
    const missing = total - sizes.reduce((s, x) => s + x, 0);
    for (const [, j] of order.slice(0, missing)) sizes[j] = sizes[j]! + 1;
    return olds.map((c, i) => ({ code: c, population2024: sizes[i]!, children: [] }));
  });
  const allOld = oldRows.map((r) => r.oldCode);
  const kommuner: PublishedKommune[] = [
    ...allOld.map((c) => ({ code: c, fylke: REFORM_FYLKE, units: [c], from: first, to: 2019 })),
    { code: MERGED_CODE, fylke: REFORM_FYLKE, units: allOld, from: 2020, to: 2023 },
    ...Object.entries(SPLIT_UNITS).map(([c, olds]) => ({ code: c, fylke: REFORM_FYLKE, units: olds, from: 2024, to: last })),
  ];
  return { areas, changes, units, kommuner };
}
