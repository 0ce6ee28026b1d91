import { asc, eq } from "drizzle-orm";
import { areaChanges, areas, indicators, observations, type Area, type Indicator, type Observation } from "../../db/schema";
import type { AreaBody, AreaRef } from "../api/schemas";
import type { Db } from "../lib/create-app";
import { toRef } from "../stats/cards";

export const COUNTRY = "0";

/** What every step needs about the whole country; loaded once per run (a few thousand rows). */
export interface Context {
  areas: Area[];
  byCode: Map<string, Area>;
  children: Map<string, AreaRef[]>;
  successors: Map<string, { code: string; changedOn: string }[]>;
  indicators: Pick<Indicator, "id" | "unit">[];
  norway: Map<string, Observation[]>;
}

export async function loadContext(db: Db): Promise<Context> {
  const [allAreas, changes, inds, norwayRows] = await Promise.all([
    db.select().from(areas).orderBy(asc(areas.code)).all(),
    db.select().from(areaChanges).all(),
    db.select({ id: indicators.id, unit: indicators.unit }).from(indicators).orderBy(asc(indicators.sortOrder), asc(indicators.id)).all(),
    db.select().from(observations).where(eq(observations.areaCode, COUNTRY)).all(),
  ]);
  const byCode = new Map(allAreas.map((a) => [a.code, a]));
  const children = new Map<string, AreaRef[]>();
  for (const a of allAreas) {
    // Children lists serve navigation, so retired codes stay out of them.
    if (!a.parentCode || a.validTo) continue;
    const list = children.get(a.parentCode) ?? [];
    list.push(toRef(a));
    children.set(a.parentCode, list);
  }
  const successors = new Map<string, { code: string; changedOn: string }[]>();
  for (const ch of changes) {
    if (ch.oldCode === ch.newCode) continue;
    const list = successors.get(ch.oldCode) ?? [];
    list.push({ code: ch.newCode, changedOn: ch.changedOn });
    successors.set(ch.oldCode, list);
  }
  return { areas: allAreas, byCode, children, successors, indicators: inds, norway: groupBy(norwayRows, (r) => r.indicatorId) };
}

export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

export function ancestorsOf(ctx: Context, area: Area): Area[] {
  const chain: Area[] = [];
  let parent = area.parentCode ? ctx.byCode.get(area.parentCode) : undefined;
  while (parent && chain.length < 8) {
    chain.unshift(parent);
    parent = parent.parentCode ? ctx.byCode.get(parent.parentCode) : undefined;
  }
  return chain;
}

/** Follows reforms to the codes in use today (a 2020 merger later split in 2024 gives both). */
export function currentSuccessors(ctx: Context, code: string, seen = new Set<string>()): AreaBody["replacedBy"] {
  const out: AreaBody["replacedBy"] = [];
  for (const next of ctx.successors.get(code) ?? []) {
    if (seen.has(next.code)) continue;
    seen.add(next.code);
    const area = ctx.byCode.get(next.code);
    if (area && !area.validTo) out.push({ ...toRef(area), changedOn: next.changedOn });
    else out.push(...currentSuccessors(ctx, next.code, seen));
  }
  return out;
}

/**
 * The next chunk of areas after `cursor` in code order, never cutting a kommune's subtree:
 * codes nest (03 < 0301 < 030101 < 03010101), so a kommune with its bydeler and grunnkretser
 * is one contiguous run, which lets a chunk see every relation it must keep consistent.
 */
export function nextChunk(ctx: Context, cursor: string | null, size: number): Area[] {
  let start = 0;
  if (cursor !== null) {
    while (start < ctx.areas.length && ctx.areas[start]!.code <= cursor) start++;
  }
  const chunk: Area[] = [];
  for (let i = start; i < ctx.areas.length; i++) {
    const area = ctx.areas[i]!;
    const startsSubtree = area.level === "country" || area.level === "fylke" || area.level === "kommune";
    if (chunk.length >= size && startsSubtree) break;
    chunk.push(area);
  }
  return chunk;
}
