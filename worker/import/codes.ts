import type { Level } from "../../db/schema";
import type { CodeRules, ParentRule } from "./mapping";

/** Country "0", fylke 2, kommune 4, bydel 6, grunnkrets 8, Oslo delbydel 10 digits (as the API). */
export const AREA_CODE = /^(0|\d{2}|\d{4}|\d{6}|\d{8}|\d{10})$/;

export const LEVEL_DIGITS: Record<Level, number> = { country: 1, fylke: 2, kommune: 4, bydel: 6, grunnkrets: 8 };

type CodeResult = { code: string } | { excluded: string };

/**
 * A raw code from a file → an area code. Spreadsheets drop leading zeros (0301 → 301,
 * 030101 → 30101), and area codes always have an even number of digits except the country's
 * "0", so an odd-length code gets its zero back.
 */
export function normaliseCode(raw: unknown, rules: CodeRules = {}): CodeResult {
  let code = String(raw ?? "").replace(/[\s\u00a0]/g, "");
  code = rules.map?.[code] ?? code;
  if (rules.prefix) code = rules.prefix + code;
  if (/^\d+$/.test(code) && code.length % 2 === 1 && code !== "0") code = `0${code}`;
  if (rules.exclude?.includes(code)) return { excluded: code };
  return { code };
}

export function parentOf(code: string, rule: ParentRule | undefined, column: (name: string) => unknown): string | null {
  if (!rule) return null;
  if ("prefix" in rule) return code.length > rule.prefix ? code.slice(0, rule.prefix) : null;
  if ("code" in rule) return rule.code;
  const value = column(rule.column);
  if (value === null || value === undefined || value === "") return null;
  const parent = normaliseCode(value);
  return "code" in parent ? parent.code : null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = above;
    }
  }
  return row[b.length]!;
}

/** The known codes most like an unknown one (at most two edits away): fewest edits, then numerically nearest. */
export function closestCodes(unknown: string, known: Iterable<string>, n = 3): string[] {
  const scored: { code: string; d: number; gap: number }[] = [];
  for (const code of known) {
    if (Math.abs(code.length - unknown.length) > 1) continue;
    const d = editDistance(unknown, code);
    if (d <= 2) scored.push({ code, d, gap: Math.abs(Number(code) - Number(unknown)) });
  }
  return scored
    .sort((a, b) => a.d - b.d || a.gap - b.gap)
    .slice(0, n)
    .map((s) => s.code);
}
