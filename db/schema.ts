import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Levels of the Norwegian area hierarchy, coarsest first. */
export const LEVELS = ["country", "fylke", "kommune", "bydel", "grunnkrets"] as const;
export type Level = (typeof LEVELS)[number];

/** SSB status symbols: `.` not applicable, `..` missing, `:` confidential (suppressed). */
export const STATUS_SYMBOLS = [".", "..", ":"] as const;
export type StatusSymbol = (typeof STATUS_SYMBOLS)[number];

/** `points`: percentage points, the unit of a gap between two percentages (never a share itself). */
export const UNITS = ["count", "percent", "per1000", "nok", "years", "points"] as const;
export const DIRECTIONS = ["higher_worse", "higher_better", "neutral"] as const;

// ---- Raw data, as published ----

export const areas = sqliteTable(
  "areas",
  {
    code: text("code").primaryKey(),
    level: text("level", { enum: LEVELS }).notNull(),
    parentCode: text("parent_code"),
    nameNb: text("name_nb").notNull(),
    nameNn: text("name_nn"),
    nameEn: text("name_en"),
    nameSe: text("name_se"),
    validFrom: text("valid_from").notNull(),
    // Null while the code is in use; set when a reform retires it.
    validTo: text("valid_to"),
    // Marks rows of the built-in synthetic demo so nobody mistakes them for statistics.
    synthetic: integer("synthetic", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("areas_parent_idx").on(t.parentCode), index("areas_level_idx").on(t.level)],
);

export const areaChanges = sqliteTable(
  "area_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    oldCode: text("old_code").notNull(),
    newCode: text("new_code").notNull(),
    changedOn: text("changed_on").notNull(),
    // Share of the old area's population that went to the new code (1 for merges and renames).
    weight: real("weight").notNull().default(1),
  },
  (t) => [index("area_changes_old_idx").on(t.oldCode), index("area_changes_new_idx").on(t.newCode)],
);

export const indicators = sqliteTable("indicators", {
  id: text("id").primaryKey(),
  nameNb: text("name_nb").notNull(),
  nameNn: text("name_nn"),
  nameEn: text("name_en").notNull(),
  unit: text("unit", { enum: UNITS }).notNull(),
  direction: text("direction", { enum: DIRECTIONS }).notNull(),
  source: text("source").notNull(),
  tableId: text("table_id"),
  definitionNb: text("definition_nb").notNull(),
  definitionEn: text("definition_en").notNull(),
  finestLevel: text("finest_level", { enum: LEVELS }).notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
  // Years one period covers: the period column holds its last year, so 2 with period 2017 is
  // SSB's "2016-2017" and 3 with 2013 is the three-year income period ending 2013.
  periodSpan: integer("period_span").notNull().default(1),
});

export const observations = sqliteTable(
  "observations",
  {
    areaCode: text("area_code").notNull(),
    indicatorId: text("indicator_id").notNull(),
    period: integer("period").notNull(),
    // Null whenever `status` is set: a missing or confidential value is never stored as a number.
    value: real("value"),
    numerator: real("numerator"),
    denominator: real("denominator"),
    status: text("status", { enum: STATUS_SYMBOLS }),
    // Where the number came from, so its licence and source travel with it to the API.
    sourceId: text("source_id"),
  },
  (t) => [
    primaryKey({ columns: [t.areaCode, t.indicatorId, t.period] }),
    // Covering: the composite index reads every area's values of a few indicators and years,
    // straight from the index rather than a table lookup per row (~4× faster nationally).
    index("observations_indicator_period_idx").on(t.indicatorId, t.period, t.areaCode, t.value, t.numerator, t.denominator, t.status),
  ],
);

/** Publishers and licences of imported data (SSB, Kartverket, a municipality, the demo). */
export const sources = sqliteTable("sources", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  publisher: text("publisher").notNull(),
  licence: text("licence").notNull(),
  url: text("url"),
  // Which figure wins when two sources give one cell (higher first): the official statistic
  // outranks re-publications, never the order in which files happen to be read.
  priority: integer("priority").notNull().default(0),
});

/**
 * Simplified boundaries in WGS84 (GeoJSON geometry text). The bounding-box columns are an
 * ordinary indexed prefilter for point lookups: D1 documents no R*Tree support.
 */
export const boundaries = sqliteTable(
  "boundaries",
  {
    code: text("code").primaryKey(),
    level: text("level", { enum: LEVELS }).notNull(),
    geometry: text("geometry").notNull(),
    minLon: real("min_lon").notNull(),
    minLat: real("min_lat").notNull(),
    maxLon: real("max_lon").notNull(),
    maxLat: real("max_lat").notNull(),
    sourceId: text("source_id"),
  },
  (t) => [index("boundaries_bbox_idx").on(t.minLon, t.maxLon, t.minLat, t.maxLat)],
);

/**
 * Postcodes (postnummer) and the kommune each belongs to, as a publisher lists them: search finds
 * a kommune by its postcode. Raw data like boundaries; the recompute writes them into the
 * snapshot's search terms.
 */
export const postcodes = sqliteTable(
  "postcodes",
  {
    // Four digits, leading zeros kept ("0150").
    code: text("code").primaryKey(),
    areaCode: text("area_code").notNull(),
    // The post office's place name (poststed), as published.
    place: text("place"),
    sourceId: text("source_id"),
  },
  (t) => [index("postcodes_area_idx").on(t.areaCode)],
);

/** One row per import run: what came in and what it changed. */
export const importRuns = sqliteTable("import_runs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  startedAt: text("started_at").notNull(),
  file: text("file").notNull(),
  format: text("format").notNull(),
  report: text("report", { mode: "json" }).notNull(),
});

/**
 * Classification rule sets as data, versioned: an edit adds a version, so every published
 * classification can be traced to the exact criteria that produced it.
 */
export const ruleSets = sqliteTable(
  "rule_sets",
  {
    id: text("id").notNull(),
    version: integer("version").notNull(),
    definition: text("definition", { mode: "json" }).notNull(),
    createdAt: text("created_at").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

// ---- Snapshots: recompute writes version N+1 beside N, then flips `live_snapshot` ----

export const SNAPSHOT_STATES = ["building", "complete", "failed", "superseded"] as const;

export const snapshots = sqliteTable("snapshots", {
  version: integer("version").primaryKey({ autoIncrement: true }),
  state: text("state", { enum: SNAPSHOT_STATES }).notNull(),
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  finishedAt: text("finished_at"),
  // The step in progress and the last key it wrote; a resumed run continues after it.
  step: text("step"),
  cursor: text("cursor"),
  areasDone: integer("areas_done").notNull().default(0),
  error: text("error"),
  // What this snapshot rebuilds (full, or some indicators' series) and which data changes it
  // includes; a resumed run follows the same plan.
  plan: text("plan", { mode: "json" }),
  basis: integer("basis").notNull().default(0),
  // Where each table's rows live: unchanged parts stay in the snapshot that built them.
  manifest: text("manifest", { mode: "json" }),
  // Random per snapshot: versions restart at 1 in a new database, so caches key on this.
  identity: text("identity"),
});

/** Exactly one row (id = 1): the version readers use. */
export const liveSnapshot = sqliteTable("live_snapshot", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull(),
  flippedAt: text("flipped_at").notNull(),
  // The live snapshot's manifest, so a request learns every table's version from this one row.
  manifest: text("manifest", { mode: "json" }),
  identity: text("identity"),
});

/**
 * At most one row (id = 1): who may run a recompute invocation now, and until when. Taken with a
 * single conditional upsert (D1 has no transactions across statements), renewed with every
 * chunk a run commits, released when the invocation ends; a run that crashed without releasing
 * it blocks others only until `expiresAt`.
 */
export const recomputeLease = sqliteTable("recompute_lease", {
  id: integer("id").primaryKey(),
  // Random per invocation: renewals and the release only touch a lease still held by their run.
  holder: text("holder").notNull(),
  // The snapshot the holder is building, once it knows (null while it decides).
  version: integer("version"),
  acquiredAt: text("acquired_at").notNull(),
  // ISO timestamps of one width compare correctly as text.
  expiresAt: text("expires_at").notNull(),
});

/**
 * What imports changed, in order: the recompute compares the newest id with its snapshot's
 * basis to decide between rebuilding everything and only the series of changed indicators.
 */
export const dataChanges = sqliteTable("data_changes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  target: text("target").notNull(),
  // For observations: the indicator whose values changed; null for other targets.
  indicatorId: text("indicator_id"),
  changedAt: text("changed_at").notNull(),
});

/**
 * One row per area and snapshot: what `GET /api/v1/areas/:code` returns except the indicator
 * cards, which are in `area_series` so that one indicator can be rebuilt on its own.
 */
export const areaCards = sqliteTable(
  "area_cards",
  {
    snapshot: integer("snapshot").notNull(),
    code: text("code").notNull(),
    body: text("body", { mode: "json" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshot, t.code] })],
);

/** One area's card for one indicator: the series, comparisons, trend and smoothing. */
export const areaSeries = sqliteTable(
  "area_series",
  {
    snapshot: integer("snapshot").notNull(),
    code: text("code").notNull(),
    indicator: text("indicator").notNull(),
    body: text("body", { mode: "json" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshot, t.code, t.indicator] })],
);

/**
 * Search terms: every word-start suffix of every folded name, so a prefix range scan on
 * (snapshot, term) finds "oslo" in "gamle oslo" and reads no more rows than it returns.
 */
export const searchTerms = sqliteTable(
  "search_terms",
  {
    snapshot: integer("snapshot").notNull(),
    term: text("term").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    level: text("level", { enum: LEVELS }).notNull(),
    parentName: text("parent_name"),
    // The kommune of a bydel or grunnkrets: several areas share names ("Sentrum"), so results
    // name both the parent and the kommune.
    kommuneName: text("kommune_name"),
    // The area's latest published population (null where it is hidden): ranks equal matches.
    population: integer("population"),
  },
  (t) => [primaryKey({ columns: [t.snapshot, t.term, t.code] })],
);

/**
 * The home page's overview of one snapshot, in one row: the key figures offered on the national
 * map with their newest period, which indicators got a new period since the snapshot before, and
 * the kommuner with the largest changes that exceed their uncertainty.
 */
export const overviews = sqliteTable("overviews", {
  snapshot: integer("snapshot").primaryKey(),
  body: text("body", { mode: "json" }).notNull(),
});

/** Segregation indices of one parent area and grouping, the whole series in one row. */
export const segregationResults = sqliteTable(
  "segregation_results",
  {
    snapshot: integer("snapshot").notNull(),
    code: text("code").notNull(),
    grouping: text("grouping").notNull(),
    body: text("body", { mode: "json" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshot, t.code, t.grouping] })],
);

/**
 * Classification results of one rule set and year for a bucket of areas (one cards chunk: whole
 * kommune subtrees, named by their first code), in code order as [code, level, stored result].
 * Nationally that is ~630,000 results a snapshot; as rows of their own they cost more to write
 * than everything else the cards step writes. `sizes` counts the bucket's areas by level, so a
 * page of the full list reads only the buckets it shows.
 */
export const classificationResults = sqliteTable(
  "classification_results",
  {
    snapshot: integer("snapshot").notNull(),
    ruleSet: text("rule_set").notNull(),
    period: integer("period").notNull(),
    bucket: text("bucket").notNull(),
    sizes: text("sizes", { mode: "json" }).$type<Partial<Record<Level, number>>>().notNull(),
    body: text("body", { mode: "json" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshot, t.ruleSet, t.period, t.bucket] })],
);

/** The areas that meet a rule set in a year, and the bucket holding each one's result. */
export const classificationMet = sqliteTable(
  "classification_met",
  {
    snapshot: integer("snapshot").notNull(),
    ruleSet: text("rule_set").notNull(),
    period: integer("period").notNull(),
    code: text("code").notNull(),
    level: text("level", { enum: LEVELS }).notNull(),
    bucket: text("bucket").notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshot, t.ruleSet, t.period, t.code] })],
);

/** Values of one indicator for all children of an area, every period: one choropleth per row. */
export const childValues = sqliteTable(
  "child_values",
  {
    snapshot: integer("snapshot").notNull(),
    code: text("code").notNull(),
    indicator: text("indicator").notNull(),
    body: text("body", { mode: "json" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshot, t.code, t.indicator] })],
);

/** The simplified boundaries of all children of an area, as one GeoJSON FeatureCollection. */
export const childGeometry = sqliteTable(
  "child_geometry",
  {
    snapshot: integer("snapshot").notNull(),
    code: text("code").notNull(),
    body: text("body", { mode: "json" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshot, t.code] })],
);

/**
 * Which boundaries touch each grid cell (0.1° × 0.1°): a point lookup reads one cell's few
 * rows instead of scanning bounding boxes.
 */
export const locateTiles = sqliteTable(
  "locate_tiles",
  {
    snapshot: integer("snapshot").notNull(),
    tile: text("tile").notNull(),
    code: text("code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshot, t.tile, t.code] })],
);

/**
 * The composite living-conditions index (status and dynamics, classes) of one year for a bucket
 * of areas: a kommune's subtree, or a fylke or Norway on its own, by code. A cards chunk holds
 * whole kommune subtrees, so it reads its scores as a few rows rather than one per area and year.
 */
export const compositeScores = sqliteTable(
  "composite_scores",
  {
    snapshot: integer("snapshot").notNull(),
    bucket: text("bucket").notNull(),
    period: integer("period").notNull(),
    body: text("body", { mode: "json" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshot, t.bucket, t.period] })],
);

// ---- Editions: published, frozen copies of a classification list (migration 0011) ----

/**
 * One published edition of a list: a rule set (id and version), a year and a level, frozen from
 * the live snapshot at publishing time. Rows are never updated or deleted (triggers refuse it):
 * a correction is a new edition that names the one it corrects and why. `id` is
 * `<year>-<n>`, n counting the editions of that year from 1; `/levekar/utgaver/<year>` shows the
 * newest correction of the year's first edition.
 */
export const editions = sqliteTable(
  "editions",
  {
    id: text("id").primaryKey(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    ruleSet: text("rule_set").notNull(),
    ruleSetVersion: integer("rule_set_version").notNull(),
    level: text("level", { enum: LEVELS }).notNull(),
    publishedAt: text("published_at").notNull(),
    // The edition this one corrects, and why; null for a first edition.
    corrects: text("corrects"),
    reason: text("reason"),
    // The edition of an earlier year it was compared with for entered/left (at publishing time).
    previous: text("previous"),
    // The data it came from: the snapshot (version, identity, engine) and the dataset's dates.
    snapshot: integer("snapshot").notNull(),
    snapshotIdentity: text("snapshot_identity"),
    dataset: text("dataset", { mode: "json" }),
    synthetic: integer("synthetic", { mode: "boolean" }).notNull().default(false),
    title: text("title").notNull(),
    citation: text("citation").notNull(),
    // The rule set definition as it was (its legend), the counts, and the frozen diffs.
    ruleSetDefinition: text("rule_set_definition", { mode: "json" }).notNull(),
    counts: text("counts", { mode: "json" }).notNull(),
    changes: text("changes", { mode: "json" }).notNull(),
  },
  (t) => [
    uniqueIndex("editions_year_seq_idx").on(t.year, t.seq),
    // An edition is corrected at most once: a later correction corrects the correction.
    uniqueIndex("editions_corrects_idx").on(t.corrects),
    // One first edition per rule set, level and year; the rest are corrections.
    uniqueIndex("editions_first_idx").on(t.ruleSet, t.level, t.year).where(sql`corrects IS NULL`),
  ],
);

/** Every area an edition evaluated, with each criterion's value, threshold and result, frozen. */
export const editionAreas = sqliteTable(
  "edition_areas",
  {
    edition: text("edition").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    level: text("level", { enum: LEVELS }).notNull(),
    outcome: text("outcome").notNull(),
    met: integer("met", { mode: "boolean" }).notNull(),
    borderline: integer("borderline", { mode: "boolean" }).notNull(),
    population: real("population"),
    criteria: text("criteria", { mode: "json" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.edition, t.code] }), index("edition_areas_met_idx").on(t.edition, t.met)],
);
// ---- Area-based initiatives (områdesatsinger): a registry kept as data ----

/**
 * The initiative registry: seeded from `db/initiatives` by the recompute and edited through
 * `PUT/DELETE /api/admin/initiatives/{id}`. A deleted entry stays as a tombstone (`deleted`), so
 * the shipped registry never brings back what an admin removed. Every write takes the next
 * `revision`: the registry's highest revision names its state in cache keys and ETags.
 */
export const initiatives = sqliteTable("initiatives", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  kommune: text("kommune").notNull(),
  /** Area codes, all of one level. */
  areas: text("areas", { mode: "json" }).$type<string[]>().notNull(),
  startYear: integer("start_year").notNull(),
  endYear: integer("end_year"),
  url: text("url").notNull(),
  example: integer("example", { mode: "boolean" }).notNull().default(false),
  synthetic: integer("synthetic", { mode: "boolean" }).notNull().default(false),
  note: text("note"),
  revision: integer("revision").notNull(),
  updatedAt: text("updated_at").notNull(),
  deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
});

/**
 * Each initiative's follow-up, computed on the first request after a new snapshot or a registry
 * change and kept here (one row per initiative, replaced when either changes).
 */
export const initiativeFollowups = sqliteTable("initiative_followups", {
  initiativeId: text("initiative_id").primaryKey(),
  /** The snapshot tag (version and identity) it was computed from. */
  snapshot: text("snapshot").notNull(),
  /** The registry revision it was computed with (other initiatives' areas leave the comparison pool). */
  revision: integer("revision").notNull(),
  body: text("body", { mode: "json" }).notNull(),
  computedAt: text("computed_at").notNull(),
});

export type Area = typeof areas.$inferSelect;
export type NewArea = typeof areas.$inferInsert;
export type AreaChange = typeof areaChanges.$inferInsert;
export type Indicator = typeof indicators.$inferSelect;
export type NewIndicator = typeof indicators.$inferInsert;
export type Observation = typeof observations.$inferSelect;

/**
 * The Atom feeds' entries (areas, kommuner, the list), kept apart from the snapshots: a snapshot
 * is pruned once two newer ones are live, but what a feed has said stays said. Each entry is
 * written while its snapshot is built and published (`published_at` set) when that snapshot goes
 * live; entries of a build that never went live are never shown and are deleted at the next flip.
 * An entry says only what the pages served: rounded values, names, years. `body` holds the facts
 * (names in every language included), so an entry reads the same after the catalogue changes.
 */
export const FEED_KINDS = ["figures", "trend", "entered", "left", "list_change", "edition"] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export const feedEntries = sqliteTable(
  "feed_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stable within the database and across languages: the entry's Atom id is made from it. */
    key: text("key").notNull().unique(),
    /** The snapshot whose build wrote it; null for entries written outside a recompute (an edition). */
    snapshot: integer("snapshot"),
    kind: text("kind", { enum: FEED_KINDS }).notNull(),
    /** The area feed that shows it (null: none). */
    areaCode: text("area_code"),
    /** The kommune feed that shows it (null: none). */
    kommuneCode: text("kommune_code"),
    /** The list feed (per rule set) that shows it (null: none). */
    ruleSet: text("rule_set"),
    /** When it was published (ISO); null while its snapshot is still being built. */
    publishedAt: text("published_at"),
    body: text("body", { mode: "json" }).notNull(),
  },
  (t) => [
    index("feed_entries_area_idx").on(t.areaCode, t.id),
    index("feed_entries_kommune_idx").on(t.kommuneCode, t.id),
    index("feed_entries_rule_set_idx").on(t.ruleSet, t.id),
    index("feed_entries_snapshot_idx").on(t.snapshot),
  ],
);
export type InitiativeRow = typeof initiatives.$inferSelect;
export type NewPostcode = typeof postcodes.$inferInsert;
