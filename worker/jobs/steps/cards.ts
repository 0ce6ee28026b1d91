import { inArray } from "drizzle-orm";
import { DEFAULT_RULE_SET_ID } from "../../../db/rulesets";
import { areaCards, areaSeries, childValues, classificationMet, classificationResults, postcodes, searchTerms, type Area, type Level } from "../../../db/schema";
import type { Card } from "../../api/schemas";
import { insertMany, rowWriter, type Statement } from "../../lib/batch";
import type { Db } from "../../lib/create-app";
import { packCard } from "../../stats/card-store";
import { buildAreaBody, buildCards, toRef, type SeriesByIndicator, type SeriesPoint } from "../../stats/cards";
import { packBucket } from "../../stats/classification-store";
import { packFrame } from "../../stats/frame-store";
import { coverageOf } from "../../stats/coverage";
import { evaluate, type Classification, type ClassifyArea } from "../../stats/classify";
import { decisionValue } from "../../stats/decision";
import { postcodeTerm, searchTerms as termsOf } from "../../stats/fold";
import { indicatorsOf } from "../../stats/ruleset-schema";
import { rateScale } from "../../stats/intervals";
import { shrinkRates } from "../../stats/shrinkage";
import { COUNTRY, type Context } from "../context";
import { needsWeights } from "../protection";
import { ancestorsOf, currentSuccessors, nextChunk } from "../tree";
import { withBreakdowns } from "../groupings";
import { compositesOf, distributionKey, distributionsOf, latestScore, scaleIndex, type Scores } from "./composite";
import { childValueRows, mappedWithCards } from "./maps";
import { coverageStatements, type ChunkCoverage } from "./coverage";
import { isTop, municipalityOf, packedObservations, POPULATION, protectedSeries, weightCodes } from "./served-series";
import { pooledKey, pooledSpread, type PooledSpread } from "./smoothing";
import type { Step } from "./types";

// The composite and segregation steps read the served series from here.

/**
 * Area cards, search terms and classifications, one kommune subtree at a time: the subtree's
 * values are protected against its kommune's already-published ones, so nothing hidden can be
 * recovered from a total minus the shown parts.
 */
export const cardsStep: Step = {
  name: "cards",
  async next(db, ctx, version, cursor, opts) {
    const chunk = nextChunk(ctx, cursor, opts.chunkSize);
    if (chunk.length === 0) return null;
    // A series-only run rebuilds the changed indicators' cards and nothing that other data feeds.
    const indicators = ctx.only ? ctx.indicators.filter((i) => ctx.only!.has(i.id)) : ctx.indicators;
    const full = !ctx.only;
    const composites: Scores = full ? await compositesOf(db, version, ctx.keyOf(chunk[0]!.code), ctx.keyOf(chunk[chunk.length - 1]!.code), ctx.keyOf) : new Map();
    const norway = ctx.top.get(COUNTRY) ?? new Map();
    const statements: Statement[] = [];
    // Each area's latest evaluated result under every rule set, for its frame; the results
    // themselves are packed as soon as they are made, not held through the chunk.
    const ownClassifications = new Map<string, Map<string, Classification>>();
    // Each area's latest published population, which ranks equal search matches.
    const population = new Map<string, number>();
    // The chunk's observations in one read (one pass over its code range), each group's
    // unpacked only when its turn comes.
    // A series-only run of rates or amounts reads population too where a sub-area was reshaped:
    // means across a merge weigh by it.
    const read = ctx.only && indicators.some((i) => needsWeights(i.unit)) && weightCodes(ctx, chunk).size > 0 ? new Set([...ctx.only, POPULATION]) : ctx.only;
    const packed = await packedObservations(db, ctx, chunk, read);
    // The smoothing priors' spread, fitted once per run on the whole country.
    const pooled = await pooledSpread(db, ctx);
    // The chunk's cards, every group's (upserts keep a repeated chunk harmless).
    const cards = rowWriter(db, areaSeries, ["body"]);
    // A few indicators at a time: a big kommune's subtree (Oslo: 750 areas) with all of them at
    // once does not fit a Worker's memory. The rule sets' indicators come first, as the
    // classifications need them together.
    for (const [i, group] of indicatorGroups(ctx, indicators).entries()) {
      const { series, sources } = await protectedSeries(db, ctx, chunk, group, packed);
      // A group's packed observations are read once (population's may weigh a later group's means).
      for (const ind of group) if (ind.id !== POPULATION) packed.delete(ind.id);
      if (full && i === 0) {
        // Each rule set's year is packed into its bucket row as soon as it is evaluated: a big
        // kommune's results of every rule set and year at once (Oslo: ~34,000) filled the
        // capped heap. Only each area's shown result per rule set stays, for its frame.
        const buckets = rowWriter(db, classificationResults, ["sizes", "body"]);
        const met: (typeof classificationMet.$inferInsert)[] = [];
        const coverage = classify(ctx, chunk, series, composites, (classifications) => {
          for (const c of classifications) {
            const mine = ownClassifications.get(c.code) ?? new Map<string, Classification>();
            const seen = mine.get(c.ruleSet.id);
            if (!seen || shownBefore(seen, c)) mine.set(c.ruleSet.id, c);
            ownClassifications.set(c.code, mine);
          }
          buckets.add(bucketRow(ctx, version, chunk[0]!.code, classifications, met));
        });
        statements.push(...buckets.statements(), ...insertMany(db, classificationMet, met), ...coverageStatements(db, version, coverage));
      }
      if (full && group.some((ind) => ind.id === POPULATION)) {
        for (const area of chunk) {
          const shown = series.get(area.code)?.get(POPULATION)?.findLast((p) => p.value !== null);
          if (shown) population.set(area.code, Math.round(shown.value!));
        }
      }
      const smoothed = smooth(ctx, chunk, series, group, pooled);
      for (const area of chunk) {
        const kommune = municipalityOf(ctx, area);
        const bydel = bydelOf(ctx, area);
        for (const card of buildCards({
          indicators: group,
          own: series.get(area.code) ?? new Map(),
          ofMunicipality: kommune ? (series.get(kommune.code) ?? null) : null,
          ...(bydel ? { ofBydel: series.get(bydel.code) ?? null } : {}),
          ofNorway: area.code === COUNTRY ? null : norway,
          smoothed: smoothed.get(area.code),
          // Country, fylker and kommuner were harmonised (and added up) with the whole country.
          sources: isTop(area) ? ctx.topSources.get(area.code) : sources.get(area.code),
        })) {
          // Encoded at once: the card and its packed form die young.
          cards.add({ snapshot: version, code: area.code, indicator: card.indicator, body: packCard(card) });
        }
      }
      // Choropleths of the kommuner and bydeler in this chunk: their children's series are all
      // here, the very ones their cards were built from.
      const maps = chunk
        .filter((a) => !a.validTo && mappedWithCards(a.level) && ctx.children.has(a.code))
        .flatMap((a) => childValueRows(version, a.code, ctx.children.get(a.code)!, group, (code, id) => series.get(code)?.get(id)));
      statements.push(...insertMany(db, childValues, maps));
    }
    statements.push(...cards.statements());
    if (!full) return { statements, cursor: ctx.keyOf(chunk[chunk.length - 1]!.code), units: chunk.length };

    const frames: (typeof areaCards.$inferInsert)[] = [];
    const terms: (typeof searchTerms.$inferInsert)[] = [];
    const postcodesOf = await postcodesOfKommuner(db, chunk);
    const distributions = await distributionsOf(db, version, [...new Set(chunk.map((a) => a.level))]);
    for (const area of chunk) {
      const ancestors = ancestorsOf(ctx, area);
      const kommune = municipalityOf(ctx, area);
      const bydel = bydelOf(ctx, area);
      const latestComposite = latestScore(composites, area.code);
      const results = ownClassifications.get(area.code);
      // The default rule set first, then the others in the order they are configured.
      const classifications = ctx.ruleSets.map((rs) => results?.get(rs.id)).filter((c): c is Classification => !!c);
      classifications.sort((a, b) => Number(b.ruleSet.id === DEFAULT_RULE_SET_ID) - Number(a.ruleSet.id === DEFAULT_RULE_SET_ID));
      const body = buildAreaBody({
        snapshot: version,
        synthetic: area.synthetic,
        area,
        ancestors: ancestors.map(toRef),
        children: ctx.children.get(area.code) ?? [],
        municipality: kommune ? toRef(kommune) : null,
        bydel: bydel ? toRef(bydel) : null,
        replacedBy: area.validTo ? currentSuccessors(ctx, area.code) : [],
        // The indicator cards are rows of their own (above).
        indicators: [],
        own: new Map(),
        ofMunicipality: null,
        ofNorway: null,
        composite: latestComposite
          ? {
              period: latestComposite.period,
              status: latestComposite.score.status,
              dynamics: latestComposite.score.dynamics,
              distribution: distributions.get(distributionKey(area.level, latestComposite.period)) ?? null,
            }
          : null,
        classification: results?.get(DEFAULT_RULE_SET_ID) ?? null,
        classifications,
      });
      frames.push({ snapshot: version, code: area.code, body: packFrame(body) });
      if (!area.validTo) terms.push(...termRows(version, area, ancestors, population.get(area.code) ?? null, postcodesOf.get(area.code) ?? []));
    }
    statements.push(...insertMany(db, areaCards, frames, ["body"]), ...insertMany(db, searchTerms, terms));
    return { statements, cursor: ctx.keyOf(chunk[chunk.length - 1]!.code), units: chunk.length };
  },
};

/**
 * One rule set's results of one year for the chunk as its bucket row (the chunk is the bucket,
 * named by its first code), in code order, and the areas that meet the rule set (added to
 * `met`). The name travels with each result so a list of classified areas needs no further reads.
 */
function bucketRow(ctx: Context, version: number, bucket: string, classifications: readonly Classification[], met: (typeof classificationMet.$inferInsert)[]): typeof classificationResults.$inferInsert {
  const sizes: Partial<Record<Level, number>> = {};
  const results: { result: Classification; name: string }[] = [];
  for (const c of [...classifications].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    results.push({ result: c, name: ctx.byCode.get(c.code)?.nameNb ?? c.code });
    sizes[c.level] = (sizes[c.level] ?? 0) + 1;
    if (c.met) met.push({ snapshot: version, ruleSet: c.ruleSet.id, period: c.period, code: c.code, level: c.level, bucket });
  }
  const first = classifications[0]!;
  return { snapshot: version, ruleSet: first.ruleSet.id, period: first.period, bucket, sizes, body: packBucket(results) };
}

/** Indicators per protection pass; the classifications' own come first, as one group. */
const GROUP_SIZE = 8;

function indicatorGroups(ctx: Context, indicators: Context["indicators"]): Context["indicators"][] {
  const forRules = new Set(ctx.ruleSets.flatMap(indicatorsOf));
  const first = withBreakdowns(indicators, indicators.filter((i) => forRules.has(i.id)));
  const groups = first.length > 0 ? [first] : [];
  const placed = new Set(first.map((i) => i.id));
  let group: Context["indicators"] = [];
  for (const ind of indicators) {
    if (placed.has(ind.id)) continue;
    // A breakdown's indicators go together (a group may then pass GROUP_SIZE).
    const unit = withBreakdowns(indicators, [ind]);
    if (group.length > 0 && group.length + unit.length > GROUP_SIZE) (groups.push(group), (group = []));
    for (const i of unit) placed.add(i.id);
    group = [...group, ...unit];
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** The bydel a grunnkrets lies in, if its kommune has bydeler: its cards compare with it too. */
function bydelOf(ctx: Context, area: Area): Area | null {
  if (area.level !== "grunnkrets") return null;
  return ancestorsOf(ctx, area).find((a) => a.level === "bydel") ?? null;
}

/**
 * Whether `next` replaces `seen` as the result an area page shows: a later year, unless it
 * has nothing evaluated while the earlier one has (the latest year of a rule set's figures is
 * often a year with only population, where every criterion is "missing").
 */
function shownBefore(seen: Classification, next: Classification): boolean {
  const evaluated = (c: Classification) => (c.scale ? c.scale.index !== null : c.criteria.some((k) => k.reason === null));
  if (evaluated(seen) !== evaluated(next)) return evaluated(next);
  return next.period > seen.period;
}


/** A series' point of a period: series come in period order, most year by year, so it is usually where its year says. */
const at = (s: SeriesPoint[] | undefined, period: number): SeriesPoint | undefined => {
  if (!s || s.length === 0) return undefined;
  const guess = s[period - s[0]!.period];
  return guess !== undefined && guess.period === period ? guess : s.find((p) => p.period === period);
};

/**
 * Every active rule set, every year, for the chunk's areas at the levels it is meant for, each
 * rule set's year given to `emit` as soon as it is evaluated; returns which of each rule set's
 * indicators these areas had figures for (see stats/coverage.ts).
 */
function classify(ctx: Context, chunk: Area[], series: Map<string, SeriesByIndicator>, composites: Scores, emit: (results: Classification[]) => void): ChunkCoverage[] {
  const coverage: ChunkCoverage[] = [];
  const norway = ctx.top.get(COUNTRY);
  const units = new Map(ctx.indicators.map((i) => [i.id, i.unit]));
  // An indicator not in the catalogue has no values either; "count" only keeps the type whole.
  const unitOf = (id: string) => units.get(id) ?? "count";
  // Rule sets share indicators: each served point's value as the rules read it, with its decision
  // value (an interval from its counts), is made once and shared by every rule set that reads it
  // (evaluate only reads it). A point is of one indicator, so of one unit.
  type Entry = NonNullable<ClassifyArea["values"][string]>;
  // A Map, not a WeakMap: it is dropped with the chunk anyway, and a WeakMap of ~100,000 points
  // made every garbage collection under the capped heap trace its ephemerons.
  const entries = new Map<SeriesPoint, Entry>();
  const entryOf = (p: SeriesPoint, unit: ReturnType<typeof unitOf>) => {
    let e = entries.get(p);
    if (e === undefined) entries.set(p, (e = { value: p.value, status: p.status, decision: decisionValue(p, unit) }));
    return e;
  };
  for (const rs of ctx.ruleSets) {
    const eligible = chunk.filter((a) => !a.validTo && (rs.levels as string[]).includes(a.level));
    if (eligible.length === 0) continue;
    const ids = [...new Set([...indicatorsOf(rs), rs.population.indicator])];
    const regionalLevel = rs.kind === "criteria" ? rs.regionalLevel : "kommune";
    const regionOf = new Map(eligible.map((a) => [a.code, ancestorsOf(ctx, a).find((x) => x.level === regionalLevel) ?? null]));
    for (const period of ctx.periodsOf(ids)) {
      // Served values as they are; decisions and references at full precision (stats/decision.ts).
      const valuesOf = (s: SeriesByIndicator | undefined): ClassifyArea["values"] => {
        const values: Record<string, Entry | undefined> = {};
        for (const id of ids) {
          const p = at(s?.get(id), period);
          values[id] = p ? entryOf(p, unitOf(id)) : undefined;
        }
        return values;
      };
      const reference = (s: SeriesByIndicator | undefined, id: string) => {
        const p = at(s?.get(id), period);
        return p ? (entryOf(p, unitOf(id)).decision?.value ?? null) : null;
      };
      const regional = new Map<string, Record<string, number | null>>();
      const areas: ClassifyArea[] = eligible.map((a) => {
        const region = regionOf.get(a.code) ?? null;
        if (region && !regional.has(region.code)) {
          const rseries = series.get(region.code) ?? ctx.top.get(region.code);
          regional.set(region.code, Object.fromEntries(ids.map((id) => [id, reference(rseries, id)])));
        }
        return {
          code: a.code,
          level: a.level,
          region: region?.code ?? null,
          values: valuesOf(series.get(a.code)),
          index: rs.kind === "scale" ? scaleIndex(composites, a.code, period, rs.id) : undefined,
        };
      });
      const national = Object.fromEntries(ids.map((id) => [id, reference(norway, id)]));
      const results = evaluate(rs, areas, { period, national, regional });
      coverage.push({ ruleSet: rs.id, period, coverage: coverageOf(rs, areas, results) });
      if (results.length > 0) emit(results);
    }
  }
  return coverage;
}

/**
 * Empirical-Bayes estimates for sub-areas in the indicator's latest year, pulled toward their
 * parent's rate by a prior whose spread was fitted on every area of their level in the country
 * (smoothing.ts); siblings of mixed levels, or a level without a national fit, fit their own.
 */
function smooth(ctx: Context, chunk: Area[], series: Map<string, SeriesByIndicator>, indicators: Context["indicators"], pooled: PooledSpread) {
  const out = new Map<string, Map<string, NonNullable<Card["smoothed"]>>>();
  const parents = chunk.filter((a) => !a.validTo && (a.level === "kommune" || a.level === "bydel") && ctx.children.has(a.code));
  for (const ind of indicators) {
    // Each indicator's own latest year, so a year another indicator adds changes nothing here.
    const latest = ctx.periodsOf([ind.id]).at(-1);
    if (rateScale(ind.unit) === null || latest === undefined) continue;
    for (const parent of parents) {
      const kids = ctx.children.get(parent.code)!.filter((k) => k.level === "bydel" || k.level === "grunnkrets");
      const rows = kids.map((k) => {
        const p = at(series.get(k.code)?.get(ind.id), latest);
        return { code: k.code, value: p?.value ?? null, status: p ? p.status : "..", numerator: p?.counts?.numerator ?? null, denominator: p?.counts?.denominator ?? null };
      });
      const pp = at(series.get(parent.code)?.get(ind.id), latest);
      const levels = new Set(kids.map((k) => k.level));
      const spread = levels.size === 1 ? (pooled.get(pooledKey(ind.id, kids[0]!.level)) ?? null) : null;
      const { areas } = shrinkRates({ areas: rows, unit: ind.unit, parent: pp?.counts ?? null, spread });
      for (const a of areas) {
        if (a.shrunk === null || a.weight === null) continue;
        const m = out.get(a.code) ?? new Map();
        m.set(ind.id, { value: Math.round(a.shrunk * 1000) / 1000, weight: Math.round(a.weight * 1000) / 1000 });
        out.set(a.code, m);
      }
    }
  }
  return out;
}

/** The postcodes of the chunk's current kommuner (a few dozen per kommune), by kommune. */
async function postcodesOfKommuner(db: Db, chunk: Area[]): Promise<Map<string, string[]>> {
  const kommuner = chunk.filter((a) => a.level === "kommune" && !a.validTo).map((a) => a.code);
  const out = new Map<string, string[]>();
  for (let i = 0; i < kommuner.length; i += 90) {
    const rows = await db.select({ code: postcodes.code, areaCode: postcodes.areaCode }).from(postcodes).where(inArray(postcodes.areaCode, kommuner.slice(i, i + 90))).all();
    for (const r of rows) out.set(r.areaCode, [...(out.get(r.areaCode) ?? []), r.code]);
  }
  return out;
}

/**
 * An area's search terms: its code, every word-start suffix of its names, and for a kommune its
 * postcodes under `POSTCODE_TERM` + the digits, which folding never produces from a query: a
 * prefix search for "46" does not wander through the postcodes 4600–4699, and a four-digit
 * query looks its postcode up exactly (queries/search.ts).
 */
function termRows(version: number, area: Area, ancestors: Area[], population: number | null, postcodesOfArea: readonly string[]): (typeof searchTerms.$inferInsert)[] {
  const names = [area.nameNb, area.nameNn, area.nameEn, area.nameSe].filter((n): n is string => !!n);
  const terms = new Set([area.code, ...names.flatMap(termsOf), ...postcodesOfArea.map(postcodeTerm)]);
  const parent = ancestors[ancestors.length - 1];
  const kommune = area.level === "bydel" || area.level === "grunnkrets" ? ancestors.find((a) => a.level === "kommune") : undefined;
  return [...terms].map((term) => ({
    snapshot: version,
    term,
    code: area.code,
    name: area.nameNb,
    level: area.level,
    parentName: parent && parent.level !== "country" ? parent.nameNb : null,
    kommuneName: kommune?.nameNb ?? null,
    population,
  }));
}

