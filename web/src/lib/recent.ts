import type { SearchResponse } from "../../../worker/api/schemas.ts";

/** An area the reader opened from the search: enough to show it again without a request. */
export type RecentArea = Pick<SearchResponse["results"][number], "code" | "name" | "level" | "parentName">;

const STORAGE_KEY = "areamonitor.recent";
export const RECENT_MAX = 5;

function isRecent(value: unknown): value is RecentArea {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && typeof v.name === "string" && typeof v.level === "string" &&
    (v.parentName === null || typeof v.parentName === "string");
}

/** The last searches, newest first. Stored only in this browser. */
export function recentSearches(): RecentArea[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isRecent).slice(0, RECENT_MAX) : [];
  } catch {
    return []; // storage blocked or damaged: start afresh
  }
}

export function rememberSearch(area: RecentArea): void {
  const { code, name, level, parentName } = area;
  const list = [{ code, name, level, parentName }, ...recentSearches().filter((r) => r.code !== code)];
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(list.slice(0, RECENT_MAX)));
  } catch {
    // not fatal: the list is a convenience
  }
}

export function clearRecentSearches(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored then either
  }
}
