/**
 * Today's tree for areas published under a code a reform has since retired. Asker's and
 * Bærum's 2018 grunnkretser came with their kommune's 2018 codes (0220, 0219), which became
 * 3025/3024 in 2020 and 3203/3201 in 2024: as published they hang under a retired kommune, so
 * today's Bærum would list none of them and its map and segregation would be empty. A current
 * area whose parent is retired is placed under the parent's current successor when there is
 * exactly one of the same level (a parent later split between two has no single place today,
 * and stays where it was). Its code is kept: grunnkrets codes are not renumbered here.
 *
 * Codes nest (03 < 0301 < 030101 < 03010101) and the recompute walks areas in code order,
 * one kommune subtree per chunk. A re-placed subtree no longer nests under its new parent's
 * code, so each area also gets a tree key: its code, or for a re-placed area and everything
 * below it, the new parent's key + "/" + its code. Keys nest the way codes did, and sort a
 * re-placed subtree directly after its new parent ("3201" < "3201/02190101" < "32010101").
 */

export interface TreeArea {
  code: string;
  level: string;
  parentCode: string | null;
  validTo: string | null;
}

/**
 * The current parent of each current area whose parent a reform retired and whose parent has
 * exactly one current successor of its own level: code → new parent code.
 */
export function currentParents(areas: readonly TreeArea[], successors: ReadonlyMap<string, readonly { code: string }[]>): Map<string, string> {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const placeOf = new Map<string, string | null>();
  /** The unique current successor of a retired area at its level, or null. */
  const place = (retired: TreeArea): string | null => {
    if (placeOf.has(retired.code)) return placeOf.get(retired.code)!;
    const found = new Set<string>();
    const seen = new Set<string>([retired.code]);
    const stack = [retired.code];
    while (stack.length > 0) {
      for (const next of successors.get(stack.pop()!) ?? []) {
        if (seen.has(next.code)) continue;
        seen.add(next.code);
        const area = byCode.get(next.code);
        if (area && !area.validTo) {
          if (area.level === retired.level) found.add(area.code);
        } else stack.push(next.code);
      }
    }
    const result = found.size === 1 ? [...found][0]! : null;
    placeOf.set(retired.code, result);
    return result;
  };
  const out = new Map<string, string>();
  for (const a of areas) {
    if (a.validTo || !a.parentCode) continue;
    const parent = byCode.get(a.parentCode);
    if (!parent?.validTo) continue;
    const now = place(parent);
    if (now) out.set(a.code, now);
  }
  return out;
}

/**
 * Each area's tree key (see above), given the areas with their parents as published and the
 * re-placements from `currentParents`. Only keys that differ from the code are returned.
 */
export function treeKeys(areas: readonly TreeArea[], moved: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  if (moved.size === 0) return out;
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const memo = new Map<string, string>();
  const keyOf = (code: string, depth = 0): string => {
    const known = memo.get(code);
    if (known !== undefined) return known;
    const area = byCode.get(code);
    let key = code;
    // Levels are few; a cycle in bad data must not hang the recompute.
    if (area && depth < 12) {
      const newParent = moved.get(code);
      if (newParent !== undefined) key = `${keyOf(newParent, depth + 1)}/${code}`;
      else if (area.parentCode && byCode.has(area.parentCode)) {
        const parentKey = keyOf(area.parentCode, depth + 1);
        if (parentKey !== area.parentCode) key = code.startsWith(area.parentCode) ? parentKey + code.slice(area.parentCode.length) : `${parentKey}/${code}`;
      }
    }
    memo.set(code, key);
    return key;
  };
  for (const a of areas) {
    const key = keyOf(a.code);
    if (key !== a.code) out.set(a.code, key);
  }
  return out;
}
