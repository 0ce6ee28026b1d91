import { z } from "zod";
import { DIRECTIONS, LEVELS, STATUS_SYMBOLS, UNITS, type NewArea, type NewIndicator } from "../../db/schema";
import { ENCODINGS } from "./decode";

/**
 * Mapping files (db/mappings/*.json) say how one published file becomes rows: which column or
 * dimension holds the area, period and indicator, what to sum or select, and which indicators,
 * areas and source the file brings. Users write these instead of code (docs/IMPORTING.md).
 */

export const FORMATS = ["csv", "records", "jsonstat2", "geo", "klass"] as const;
export type Format = (typeof FORMATS)[number];

const code = z.string().regex(/^\d+$/, "must be digits");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

export const sourceSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  publisher: z.string().min(1),
  licence: z.string().min(1),
  url: z.string().url().nullish(),
  /** Higher wins when two sources give the same cell (official statistics above re-publications). */
  priority: z.number().int().optional(),
});

export const indicatorDeclSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, "must be lower_snake_case"),
  nameNb: z.string().min(1),
  nameNn: z.string().nullish(),
  nameEn: z.string().min(1),
  unit: z.enum(UNITS),
  direction: z.enum(DIRECTIONS),
  source: z.string().min(1),
  tableId: z.string().nullish(),
  definitionNb: z.string().min(1),
  definitionEn: z.string().min(1),
  finestLevel: z.enum(LEVELS),
  sortOrder: z.number().int().optional(),
  /** Years one period covers (2 for SSB's "2016-2017", stored as period 2017). */
  periodSpan: z.number().int().min(1).max(10).optional(),
}) satisfies z.ZodType<NewIndicator>;

export const areaDeclSchema = z.object({
  code: z.string().regex(/^(0|\d{2}|\d{4}|\d{6}|\d{8}|\d{10})$/, "must be an area code"),
  level: z.enum(LEVELS),
  parentCode: z.string().nullish(),
  nameNb: z.string().min(1),
  nameNn: z.string().nullish(),
  nameEn: z.string().nullish(),
  nameSe: z.string().nullish(),
  validFrom: isoDate,
  validTo: isoDate.nullish(),
}) satisfies z.ZodType<NewArea>;

/** Where a new area's parent comes from: the first digits of its code, a fixed code, or a column. */
export const parentRuleSchema = z.union([
  z.object({ prefix: z.number().int().min(1) }),
  z.object({ code }),
  z.object({ column: z.string() }),
]);
export type ParentRule = z.infer<typeof parentRuleSchema>;

/** Create areas the database does not know yet, from the file's own columns or properties. */
export const createAreasSchema = z.object({
  level: z.enum(LEVELS),
  /** Column or property holding the name; the first non-empty one of a list wins. */
  name: z.union([z.string(), z.array(z.string()).min(1)]),
  parent: parentRuleSchema.optional(),
  validFrom: isoDate.default("2024-01-01"),
});

/** How raw codes become area codes: a fixed prefix, a lookup, codes to leave out. */
export const codeRulesSchema = z.object({
  prefix: z.string().regex(/^\d*$/).optional(),
  map: z.record(z.string(), z.string()).optional(),
  /** Rows with these codes (after prefix/map) are skipped and counted, not rejected. */
  exclude: z.array(z.string()).optional(),
});
export type CodeRules = z.infer<typeof codeRulesSchema>;

/**
 * Symbols in the data → SSB status, or a number written as digits: `"0"` turns a symbol into
 * zero, and a file that suppresses small counts may count them at a stated value when they are
 * added up (say so in the mapping's description). The key `""` gives empty cells a meaning.
 */
export const symbolsSchema = z.record(z.string(), z.union([z.enum(STATUS_SYMBOLS), z.string().regex(/^\d+(\.\d+)?$/, "must be . .. : or a number")]));

/** A regular expression given as text, checked when the mapping is read. */
const regex = z.string().refine((s) => {
  try {
    new RegExp(s, "u");
    return true;
  } catch {
    return false;
  }
}, "must be a valid regular expression");

/**
 * A column computed from others: the first non-empty of `from`, then the first capture group of
 * `pattern` (rows it does not match get an empty cell), then `map` (a value missing from the map
 * stays as it is unless `mapOnly`, which empties it). E.g. `"K-0301 Oslo"` → `0301` →
 * a bydel's successor code, or a country of birth → its world region.
 */
export const derivedColumnSchema = z.object({
  from: z.union([z.string(), z.array(z.string()).min(1)]),
  /** Cell values that mean "nothing here" besides the empty cell (e.g. `NULL`). */
  empty: z.array(z.string()).default([]),
  pattern: regex.optional(),
  map: z.record(z.string(), z.string()).optional(),
  mapOnly: z.boolean().default(false),
  /** The cell's value when every source is empty. */
  default: z.string().optional(),
});
export type DerivedColumn = z.infer<typeof derivedColumnSchema>;

/** Wide → long: every column whose name matches becomes one row; the named groups become columns. */
export const unpivotSchema = z.object({
  pattern: regex.refine((s) => /\(\?<[A-Za-z_]\w*>/.test(s), "needs at least one named group, e.g. (?<year>\\d{4})"),
  /** The column the matched cell's content goes to. */
  into: z.string().default("value"),
});

const common = {
  /** Shown in import reports and stored on import runs. */
  description: z.string().optional(),
  source: sourceSchema.optional(),
  indicators: z.array(indicatorDeclSchema).default([]),
  /** Areas the file needs but does not describe itself (e.g. the country for national tables). */
  areas: z.array(areaDeclSchema).default([]),
  periods: z.object({ min: z.number().int(), max: z.number().int() }).optional(),
  symbols: symbolsSchema.optional(),
};

/** Keep only rows whose column holds one of the listed values. */
const whereSchema = z.record(z.string(), z.array(z.string()));
/** Keep only rows whose column matches the regular expression. */
const matchSchema = z.record(z.string(), regex);

/** One series of observations from a row: its indicator and the columns of its numbers. */
const measureSchema = z
  .object({
    /** This measure reads only the rows that also pass these (e.g. the ages 0–17 of an age table). */
    where: whereSchema.optional(),
    match: matchSchema.optional(),
    indicator: z.string().optional(),
    indicatorColumn: z.string().optional(),
    value: z.string().optional(),
    numerator: z.string().optional(),
    denominator: z.string().optional(),
    status: z.string().optional(),
  })
  .refine((m) => !!m.indicator !== !!m.indicatorColumn, "give either indicator or indicatorColumn")
  .refine((m) => !!(m.value || m.numerator || m.status), "give at least a value, numerator or status column");

const tableFields = {
  ...common,
  area: codeRulesSchema.extend({ column: z.string() }),
  period: z.union([z.object({ column: z.string() }), z.object({ value: z.number().int() })]).optional(),
  measures: z.array(measureSchema).default([]),
  where: whereSchema.optional(),
  match: matchSchema.optional(),
  /** Rows whose column matches are skipped and counted (e.g. a historic set of districts). */
  skip: matchSchema.optional(),
  /** Computed columns, by name; the other settings may refer to them like to the file's own. */
  columns: z.record(z.string(), derivedColumnSchema).optional(),
  unpivot: unpivotSchema.optional(),
  /** Rows sharing area, indicator and period are added up (e.g. over age and sex). */
  sum: z.boolean().default(false),
  /**
   * A sum of exactly zero gets this status (a district's zeros before it existed), or is left
   * out (`skip`: an export's zeros for a code that did not exist yet, which would otherwise
   * stand in for its predecessors' figures).
   */
  zeroSumAs: z.enum([...STATUS_SYMBOLS, "skip"]).optional(),
  createAreas: createAreasSchema.optional(),
  /** Measure columns that may be missing from the header (the template's optional columns). */
  optionalColumns: z.array(z.string()).default([]),
  /**
   * Rows that give a postcode of the row's kommune (and the post office's place name): search
   * finds the kommune by it. Postcodes written without their leading zeros ("150") are read as
   * the four digits they stand for ("0150").
   */
  postcode: z.object({ column: z.string(), place: z.string().optional() }).optional(),
};

export const csvMappingSchema = z.object({
  format: z.literal("csv"),
  ...tableFields,
  delimiter: z.enum([",", ";", "\t"]).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  decimal: z.enum([",", "."]).optional(),
  /** Header lines, joined with " | " per column (cross tables put one dimension on each line). */
  headerRows: z.number().int().min(1).max(10).default(1),
});

export const recordsMappingSchema = z.object({
  format: z.literal("records"),
  ...tableFields,
  /** For an object keyed by code: the column name its keys get. */
  keyColumn: z.string().default("key"),
  /**
   * A property holding an array of objects (a kommune's postcodes): each element becomes a row of
   * its own, its fields as columns named `<property>.<field>` beside the record's other columns.
   */
  explode: z.string().optional(),
});

/** JSON-stat: categories per dimension; several categories are summed. */
const selectSchema = z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)]));

export const jsonstatMappingSchema = z.object({
  format: z.literal("jsonstat2"),
  ...common,
  table: z.string().optional(),
  area: z.union([codeRulesSchema.extend({ dimension: z.string() }), z.object({ code: z.string() })]),
  period: z.object({ dimension: z.string() }),
  series: z
    .array(
      z.object({
        indicator: z.string(),
        select: selectSchema.default({}),
        /** Dimensions whose categories are all added up. */
        sum: z.array(z.string()).default([]),
      }),
    )
    .min(1),
});

export const geoMappingSchema = z.object({
  format: z.literal("geo"),
  ...common,
  level: z.enum(LEVELS),
  code: codeRulesSchema.extend({ property: z.string() }),
  /** For files without a `crs` member: the CRS of their coordinates (default WGS84). */
  crs: z.string().optional(),
  /** TopoJSON: the object to read (default: the only one). */
  object: z.string().optional(),
  /** Smallest triangle (m²) a vertex may span and survive simplification; defaults per level. */
  minArea: z.number().nonnegative().optional(),
  createAreas: createAreasSchema.omit({ level: true }).optional(),
});

export const klassMappingSchema = z.object({
  format: z.literal("klass"),
  ...common,
  level: z.enum(LEVELS),
  parent: parentRuleSchema.optional(),
  /** valid_from of codes that were already in use when the changes table starts. */
  coverageFrom: isoDate,
  /** Indicator whose values give split weights (population share at the change). */
  weightIndicator: z.string().default("population"),
  /** Known weights, "old>new" → share, used before population shares. */
  weights: z.record(z.string().regex(/^\d+>\d+$/), z.number().min(0).max(1)).optional(),
});

export const mappingSchema = z.discriminatedUnion("format", [
  csvMappingSchema,
  recordsMappingSchema,
  jsonstatMappingSchema,
  geoMappingSchema,
  klassMappingSchema,
]);

export type Mapping = z.infer<typeof mappingSchema>;
type CsvMapping = z.infer<typeof csvMappingSchema>;
export type TableMapping = CsvMapping | z.infer<typeof recordsMappingSchema>;
export type JsonstatMapping = z.infer<typeof jsonstatMappingSchema>;
export type GeoMapping = z.infer<typeof geoMappingSchema>;
export type KlassMapping = z.infer<typeof klassMappingSchema>;
export type Source = z.infer<typeof sourceSchema>;

/**
 * The CSV template (docs/IMPORTING.md): one observation per row. Used when a CSV comes without
 * a mapping.
 */
export const CSV_TEMPLATE: CsvMapping = csvMappingSchema.parse({
  format: "csv",
  area: { column: "area_code" },
  period: { column: "period" },
  measures: [{ indicatorColumn: "indicator", value: "value", numerator: "numerator", denominator: "denominator", status: "status" }],
  optionalColumns: ["numerator", "denominator", "status"],
});

/** Defaults for the other formats when no mapping is given. */
export function defaultMapping(format: Format): Mapping | null {
  if (format === "csv") return CSV_TEMPLATE;
  return null;
}

/** Validates a mapping and names the offending field, like every other bad input. */
export function parseMapping(raw: unknown, name: string): Mapping {
  const result = mappingSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new MappingError(`${name}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

export class MappingError extends Error {}
