import type { Area } from "../../db/schema";
import type { AreaBody } from "../api/schemas";
import { toRef } from "../stats/cards";
import type { ChangeGraph } from "../stats/change-graph";
import { currentParents, treeKeys } from "../stats/hierarchy";
import type { Context } from "./context";

/**
 * Today's tree of areas for the recompute: retired codes' successors, areas re-placed under
 * today's parents, ancestors and the published kommune of an area, and chunks of whole kommune
 * subtrees in tree order.
 */

/**
 * Each retired code's next codes. A unit that a split re-established has that code as its one
 * successor (1534 Haram → 1580 Haram, not 1507 and on to both halves of it): its territory is
 * today's Haram, so its page points there and its sub-areas hang under it.
 */
export function successorsOf(changes: readonly { oldCode: string; newCode: string; changedOn: string }[], graph: ChangeGraph): Context["successors"] {
  const successors = new Map<string, { code: string; changedOn: string }[]>();
  for (const ch of changes) {
    if (ch.oldCode === ch.newCode) continue;
    const list = successors.get(ch.oldCode) ?? [];
    list.push({ code: ch.newCode, changedOn: ch.changedOn });
    successors.set(ch.oldCode, list);
  }
  for (const [key, identity] of graph.identities ?? []) {
    const [code, changedOn] = key.split("@") as [string, string];
    for (const unit of identity.codes) successors.set(unit, [{ code, changedOn }]);
  }
  return successors;
}

/**
 * Areas (in code order, parents as published) placed in today's tree: re-placed areas get
 * today's parent, and the list is sorted by tree key so that every kommune's subtree, re-placed
 * parts included, is one contiguous run.
 */
export function placeInTodaysTree(asPublished: Area[], successors: ReadonlyMap<string, readonly { code: string }[]>) {
  const moved = currentParents(asPublished, successors);
  const publishedParents = new Map<string, string>();
  if (moved.size === 0) return { areas: asPublished, keys: new Map<string, string>(), publishedParents };
  const keys = treeKeys(asPublished, moved);
  const areas = asPublished.map((a) => {
    const now = moved.get(a.code);
    if (now === undefined) return a;
    publishedParents.set(a.code, a.parentCode!);
    return { ...a, parentCode: now };
  });
  const keyOf = (a: Area) => keys.get(a.code) ?? a.code;
  areas.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return { areas, keys, publishedParents };
}

/**
 * The kommune whose figures an area's were published beside: the tree as published, not
 * today's, since a re-placed grunnkrets adds up to its retired kommune, not to the successor.
 */
export function publishedKommuneOf(ctx: Pick<Context, "byCode" | "publishedParents">, area: Area): Area | null {
  let code: string | null = area.code;
  for (let depth = 0; code !== null && depth < 8; depth++) {
    const a = ctx.byCode.get(code);
    if (!a) return null;
    if (a.level === "kommune") return a;
    code = ctx.publishedParents.get(code) ?? a.parentCode;
  }
  return null;
}

export function ancestorsOf(ctx: Pick<Context, "byCode">, area: Area): Area[] {
  const chain: Area[] = [];
  let parent = area.parentCode ? ctx.byCode.get(area.parentCode) : undefined;
  while (parent && chain.length < 8) {
    chain.unshift(parent);
    parent = parent.parentCode ? ctx.byCode.get(parent.parentCode) : undefined;
  }
  return chain;
}

/** Follows reforms to the codes in use today (a 2020 merger later split in 2024 gives both). */
export function currentSuccessors(ctx: Pick<Context, "successors" | "byCode">, code: string, seen = new Set<string>()): AreaBody["replacedBy"] {
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
 * The next chunk of areas after `cursor` (a tree key) in tree order, never cutting a kommune's
 * subtree: codes nest (03 < 0301 < 030101 < 03010101), and keys nest re-placed areas the same
 * way, so a kommune with its bydeler and grunnkretser is one contiguous run, which lets a chunk
 * see every relation it must keep consistent.
 */
export function nextChunk(ctx: Pick<Context, "areas" | "keyOf">, cursor: string | null, size: number): Area[] {
  let start = 0;
  if (cursor !== null) {
    while (start < ctx.areas.length && ctx.keyOf(ctx.areas[start]!.code) <= cursor) start++;
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
