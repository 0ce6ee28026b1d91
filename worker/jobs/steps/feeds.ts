import { and, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { DEFAULT_RULE_SET_ID } from "../../../db/rulesets";
import { areaSeries, classificationMet, classificationResults, feedEntries, liveSnapshot, snapshots, type Area } from "../../../db/schema";
import type { Card, IndicatorInfo } from "../../api/schemas";
import { insertMany, type Statement } from "../../lib/batch";
import type { Db } from "../../lib/create-app";
import { manifestSchema, type Manifest } from "../../lib/manifest";
import { listIndicators } from "../../queries/indicators";
import { unpackCard, type StoredCard } from "../../stats/card-store";
import { indicatorsOf, type RuleSet } from "../../stats/ruleset-schema";
import { clearTrend, listChanges, newFigure } from "../../feeds/changes";
import { LIST_NAMED, type AreaFact, type FeedBody, type Figure, type Names, type RuleSetFact, type TrendFact } from "../../feeds/entries";
import type { Context } from "../context";
import { ancestorsOf, nextChunk } from "../tree";
import type { Step } from "./types";

/**
 * The feeds' entries of a snapshot, written while it is built and published when it goes live
 * (see `feedFlipStatements`): which indicators got a new year, which trends became clear, and which
 * areas entered or left a list, each against the snapshot that is live while this one is built.
 * The first snapshot of a database has nothing to compare with and writes none.
 */

interface Previous {
  version: number;
  manifest: Manifest | null;
  /** The building snapshot's identity: entry keys carry it, so two databases never share one. */
  identity: string;
  indicators: Map<string, IndicatorInfo>;
}

// Read once per invocation (a resumed run reads them again): the live pointer, the building
// snapshot's identity and the indicator names. Keyed by the run's context.
const memo = new WeakMap<Context, Promise<Previous | null>>();

function previousOf(db: Db, ctx: Context, version: number): Promise<Previous | null> {
  let p = memo.get(ctx);
  if (!p) {
    p = (async () => {
      const [live, own, infos] = await Promise.all([
        db.select({ version: liveSnapshot.version, manifest: liveSnapshot.manifest }).from(liveSnapshot).where(eq(liveSnapshot.id, 1)).get(),
        db.select({ identity: snapshots.identity }).from(snapshots).where(eq(snapshots.version, version)).get(),
        listIndicators(db),
      ]);
      if (!live || live.version === version) return null;
      const parsed = manifestSchema.safeParse(live.manifest);
      return { version: live.version, manifest: parsed.success ? parsed.data : null, identity: own?.identity ?? `v${version}`, indicators: new Map(infos.map((i) => [i.id, i])) };
    })();
    memo.set(ctx, p);
  }
  return p;
}

const namesOf = (a: Pick<Area, "nameNb" | "nameNn" | "nameEn">): Names => ({ nb: a.nameNb, nn: a.nameNn, en: a.nameEn });
const infoNames = (info: IndicatorInfo | undefined, id: string): Names => (info ? { nb: info.name.nb, nn: info.name.nn, en: info.name.en } : { nb: id, nn: null, en: id });

function kommuneOf(ctx: Context, area: Area): Area | null {
  if (area.level === "kommune") return area;
  if (area.level !== "bydel" && area.level !== "grunnkrets") return null;
  return ancestorsOf(ctx, area).find((a) => a.level === "kommune") ?? null;
}

function areaFact(ctx: Context, area: Area): AreaFact {
  const kommune = area.level === "kommune" ? null : kommuneOf(ctx, area);
  return { code: area.code, level: area.level, names: namesOf(area), kommune: kommune ? namesOf(kommune) : null };
}

type Row = typeof feedEntries.$inferInsert;
const entry = (prev: Previous, version: number, key: string, row: Omit<Row, "key" | "snapshot" | "publishedAt">): Row => ({
  ...row,
  key: `${prev.identity}/${key}`,
  snapshot: version,
  publishedAt: null,
});

/** The snapshot an indicator's cards are in, in the live manifest (everything in `version` before manifests). */
const seriesIn = (prev: Previous, indicator: string) => (prev.manifest ? prev.manifest.series.find(([id]) => id === indicator)?.[1] : prev.version);

/**
 * Per kommune subtree, as the cards step walks them: each area's rebuilt cards against the live
 * snapshot's. New figures go to the area's feed, and once per kommune to the kommune's feed (its
 * own, and how many of its areas got which); clear trends go to the area's and its kommune's.
 */
export const feedFiguresStep: Step = {
  name: "feed-figures",
  async next(db, ctx, version, cursor, opts) {
    const prev = await previousOf(db, ctx, version);
    if (!prev) return null;
    const chunk = nextChunk(ctx, cursor, opts.chunkSize);
    if (chunk.length === 0) return null;
    const ids = ctx.only ? ctx.indicators.filter((i) => ctx.only!.has(i.id)).map((i) => i.id) : ctx.indicators.map((i) => i.id);
    const cards = await cardsOf(db, ctx, chunk, version, prev, ids);

    const rows: Row[] = [];
    const subAreaNews = new Map<string, { count: number; periods: Map<string, { indicator: string; periodLabel: string; period: number }> }>();
    const figureRows = new Map<string, Row>();
    for (const area of chunk) {
      if (area.validTo) continue;
      const own = cards.get(area.code);
      if (!own) continue;
      const figures: Figure[] = [];
      const trends: TrendFact[] = [];
      for (const id of ids) {
        const next = own.next.get(id);
        if (!next) continue;
        const before = own.previous.get(id) ?? null;
        const info = prev.indicators.get(id);
        const fresh = newFigure(before, next);
        if (fresh) figures.push({ indicator: id, names: infoNames(info, id), unit: next.unit, period: fresh.period, periodLabel: fresh.periodLabel, value: fresh.value!, ...(fresh.low !== undefined && fresh.high !== undefined ? { low: fresh.low, high: fresh.high } : {}) });
        const clear = clearTrend(before, next);
        if (clear) {
          trends.push({
            indicator: id, names: infoNames(info, id), unit: next.unit, direction: info?.direction ?? "neutral", trend: clear.trend,
            from: { periodLabel: clear.from.periodLabel, value: clear.from.value! }, to: { periodLabel: clear.to.periodLabel, value: clear.to.value! },
          });
        }
      }
      const kommune = kommuneOf(ctx, area);
      const fact = areaFact(ctx, area);
      if (figures.length > 0) {
        const body: FeedBody<"figures"> = { area: fact, figures, subAreas: null };
        figureRows.set(area.code, entry(prev, version, `figures/${area.code}`, { kind: "figures", areaCode: area.code, kommuneCode: area.level === "kommune" ? area.code : null, body }));
        if (kommune && kommune !== area) {
          const news = subAreaNews.get(kommune.code) ?? { count: 0, periods: new Map() };
          news.count++;
          for (const f of figures) news.periods.set(`${f.indicator}|${f.period}`, { indicator: f.indicator, periodLabel: f.periodLabel, period: f.period });
          subAreaNews.set(kommune.code, news);
        }
      }
      if (trends.length > 0) {
        const body: FeedBody<"trend"> = { area: fact, trends };
        rows.push(entry(prev, version, `trend/${area.code}`, { kind: "trend", areaCode: area.code, kommuneCode: kommune?.code ?? null, body }));
      }
    }
    // A kommune's feed gets one entry for the whole kommune: its own new figures and a count of
    // its areas', not one entry per grunnkrets.
    for (const [code, news] of subAreaNews) {
      const kommune = ctx.byCode.get(code)!;
      const periods = [...news.periods.values()]
        .sort((a, b) => ids.indexOf(a.indicator) - ids.indexOf(b.indicator) || a.period - b.period)
        .map((p) => ({ indicator: p.indicator, names: infoNames(prev.indicators.get(p.indicator), p.indicator), unit: prev.indicators.get(p.indicator)?.unit ?? "count", periodLabel: p.periodLabel }));
      const existing = figureRows.get(code);
      const body: FeedBody<"figures"> = { ...((existing?.body as FeedBody<"figures"> | undefined) ?? { area: areaFact(ctx, kommune), figures: [] }), subAreas: { count: news.count, periods } };
      figureRows.set(code, entry(prev, version, `figures/${code}`, { kind: "figures", areaCode: code, kommuneCode: code, body }));
    }
    rows.push(...figureRows.values());
    return { statements: insertMany(db, feedEntries, rows, ["body"]), cursor: ctx.keyOf(chunk[chunk.length - 1]!.code), units: chunk.length };
  },
};

/**
 * The chunk's rebuilt cards that differ from the live snapshot's cards of the same indicators,
 * each with the live one (null where there was none). A card stored exactly as before says
 * nothing new (its newest figure and its trend are the ones the live card has), so SQLite
 * compares the stored texts and only the cards that changed travel and are unpacked: a full run
 * on mostly unchanged data read and parsed both snapshots' ~400,000 cards before. The chunk's
 * nested codes are one code range (codes nest) and re-placed areas are asked by code.
 */
async function cardsOf(db: Db, ctx: Context, chunk: Area[], version: number, prev: Previous, ids: string[]) {
  const out = new Map<string, { next: Map<string, Card>; previous: Map<string, Card> }>();
  const wanted = new Set(chunk.filter((a) => !a.validTo).map((a) => a.code));
  if (wanted.size === 0 || ids.length === 0) return out;
  // The indicators by the snapshot their live cards are in (one group in most runs; null: none live).
  const byBefore = new Map<number | null, string[]>();
  for (const id of ids) {
    const v = seriesIn(prev, id) ?? null;
    byBefore.set(v, [...(byBefore.get(v) ?? []), id]);
  }
  const nested = chunk.filter((a) => ctx.keyOf(a.code) === a.code).map((a) => a.code).sort();
  const placed = chunk.filter((a) => ctx.keyOf(a.code) !== a.code).map((a) => a.code);
  const n = alias(areaSeries, "n");
  const p = alias(areaSeries, "p");
  for (const [before, group] of byBefore) {
    const wheres: SQL[] = [];
    if (nested.length > 0) wheres.push(and(gte(n.code, nested[0]!), lte(n.code, nested[nested.length - 1]!))!);
    // D1 binds at most 100 parameters per statement.
    const step = 90 - 2 - group.length;
    for (let i = 0; i < placed.length; i += step) wheres.push(inArray(n.code, placed.slice(i, i + step)));
    for (const where of wheres) {
      const mine = and(eq(n.snapshot, version), where, inArray(n.indicator, group));
      // Bodies as stored text (sql, not the JSON column): compared by SQLite, parsed here only when
      // changed. Named apart: a driver that returns rows as objects would keep only one "body".
      const next = sql<string>`${n.body}`.as("next_body");
      const rows =
        before === null
          ? await db.select({ code: n.code, indicator: n.indicator, next, previous: sql<string | null>`null`.as("previous_body") }).from(n).where(mine).all()
          : await db
              .select({ code: n.code, indicator: n.indicator, next, previous: sql<string | null>`${p.body}`.as("previous_body") })
              .from(n)
              .leftJoin(p, and(eq(p.snapshot, before), eq(p.code, n.code), eq(p.indicator, n.indicator)))
              .where(and(mine, or(isNull(p.body), ne(p.body, n.body))))
              .all();
      for (const r of rows) {
        if (!wanted.has(r.code)) continue;
        const own = out.get(r.code) ?? { next: new Map(), previous: new Map() };
        own.next.set(r.indicator, unpackCard(JSON.parse(r.next) as StoredCard, r.indicator));
        if (r.previous !== null) own.previous.set(r.indicator, unpackCard(JSON.parse(r.previous) as StoredCard, r.indicator));
        out.set(r.code, own);
      }
    }
  }
  return out;
}

const ruleSetFact = (rs: RuleSet): RuleSetFact => ({ id: rs.id, version: rs.version, name: { nb: rs.name.nb, nn: null, en: rs.name.en } });

/**
 * One chunk per rule set (a full run only: a series-only run leaves the lists as they are): the
 * areas that entered or left its list in each year. The list feed gets one entry per rule set and
 * year; the areas' and kommuner's feeds get one per area, for the default rule set only (the list
 * the public pages show first), so an area's feed does not repeat itself for every rule set.
 */
export const feedListStep: Step = {
  name: "feed-list",
  async next(db, ctx, version, cursor) {
    if (ctx.only) return null;
    const prev = await previousOf(db, ctx, version);
    if (!prev) return null;
    const ruleSets = [...ctx.ruleSets].sort((a, b) => (a.id < b.id ? -1 : 1));
    const rs = ruleSets.find((r) => cursor === null || r.id > cursor);
    if (!rs) return null;
    const before = prev.manifest?.tables.classification_results ?? prev.version;
    const [nextMet, prevMet, prevPeriods] = await Promise.all([
      metOf(db, version, rs.id),
      metOf(db, before, rs.id),
      db.selectDistinct({ period: classificationResults.period }).from(classificationResults).where(and(eq(classificationResults.snapshot, before), eq(classificationResults.ruleSet, rs.id))).all(),
    ]);
    const changes = listChanges(
      { periods: prevPeriods.map((p) => p.period), met: prevMet },
      { periods: ctx.periodsOf([...new Set([...indicatorsOf(rs), rs.population.indicator])]), met: nextMet },
    );
    const rows: Row[] = [];
    const fact = ruleSetFact(rs);
    const factOf = (code: string) => {
      const area = ctx.byCode.get(code);
      return area ? areaFact(ctx, area) : null;
    };
    for (const change of changes) {
      const entered = change.entered.map(factOf).filter((a): a is AreaFact => !!a);
      const left = change.left.map(factOf).filter((a): a is AreaFact => !!a);
      const compared = { revised: change.revised, since: change.since };
      const body: FeedBody<"list_change"> = { ruleSet: fact, period: change.period, compared, entered: entered.slice(0, LIST_NAMED), left: left.slice(0, LIST_NAMED), enteredCount: entered.length, leftCount: left.length };
      rows.push(entry(prev, version, `list/${rs.id}/${change.period}`, { kind: "list_change", ruleSet: rs.id, body }));
      if (rs.id !== DEFAULT_RULE_SET_ID) continue;
      for (const [kind, areas] of [["entered", entered], ["left", left]] as const) {
        for (const area of areas) {
          const kommune = kommuneOf(ctx, ctx.byCode.get(area.code)!);
          const membership: FeedBody<"entered"> = { area, ruleSet: fact, period: change.period, compared };
          rows.push(entry(prev, version, `${kind}/${rs.id}/${change.period}/${area.code}`, { kind, areaCode: area.code, kommuneCode: kommune?.code ?? null, body: membership }));
        }
      }
    }
    return { statements: insertMany(db, feedEntries, rows, ["body"]), cursor: rs.id, units: 0 };
  },
};

async function metOf(db: Db, snapshot: number, ruleSet: string): Promise<Map<number, Set<string>>> {
  const rows = await db
    .select({ period: classificationMet.period, code: classificationMet.code })
    .from(classificationMet)
    .where(and(eq(classificationMet.snapshot, snapshot), eq(classificationMet.ruleSet, ruleSet)))
    .all();
  const out = new Map<number, Set<string>>();
  for (const r of rows) out.set(r.period, (out.get(r.period) ?? new Set()).add(r.code));
  return out;
}

/**
 * For the flip's transaction: this snapshot's entries are published with it, and entries of
 * builds that were abandoned (never to go live) are deleted.
 */
export function feedFlipStatements(db: Db, version: number, at: string): Statement[] {
  return [
    db.update(feedEntries).set({ publishedAt: at }).where(and(eq(feedEntries.snapshot, version), isNull(feedEntries.publishedAt))),
    // By the snapshot index: only the abandoned builds' rows are read, never the feeds' history.
    db.delete(feedEntries).where(and(inArray(feedEntries.snapshot, db.select({ v: snapshots.version }).from(snapshots).where(eq(snapshots.state, "failed"))), isNull(feedEntries.publishedAt))),
  ];
}
