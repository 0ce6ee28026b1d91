import type { StatusSymbol } from "../../db/schema";

/**
 * One cell → a number or an SSB status. Spreadsheet exports carry decimal commas, spaces and
 * non-breaking spaces as thousands separators, a typographic minus, and suppression markers.
 */

/** Non-breaking, narrow and figure spaces: spreadsheets put them in numbers and around names. */
const ODD_SPACES = /[\u00a0\u202f\u2007\u2009]/g;

export const cleanCell = (cell: string) => cell.replace(ODD_SPACES, " ").trim();

/**
 * SSB's symbols: `.` not applicable, `..` missing, `...` not yet available, `:` confidential.
 * Older tables and municipal files use `-` for values they suppress, so it is read as `:` —
 * never as a number (a mapping may say `"-": "0"` where it means zero).
 */
export const DEFAULT_SYMBOLS: Symbols = { ".": ".", "..": "..", "...": "..", ":": ":", "-": ":" };

/** Symbol → status, or → a number written as digits (`"0"`, or a stated value for a suppressed count). */
export type Symbols = Record<string, StatusSymbol | string>;

export type Cell = { value: number } | { status: StatusSymbol } | { empty: true } | { invalid: string };

/** What a symbol stands for: a status, a number, or nothing (not a symbol). */
export function symbolMeaning(symbols: Symbols, text: string): { status: StatusSymbol } | { value: number } | null {
  const symbol = symbols[text];
  if (symbol === undefined) return null;
  return /^\d/.test(symbol) ? { value: Number(symbol) } : { status: symbol as StatusSymbol };
}

export function readCell(raw: unknown, symbols: Symbols, decimal?: "," | "."): Cell {
  if (raw === null || raw === undefined) raw = "";
  if (typeof raw === "number") return Number.isFinite(raw) ? { value: raw } : { invalid: String(raw) };
  if (typeof raw !== "string") return { invalid: JSON.stringify(raw) };
  const cell = cleanCell(raw);
  const symbol = symbolMeaning(symbols, cell);
  if (symbol) return symbol;
  if (cell === "") return { empty: true };
  const value = parseNumber(cell, decimal);
  return value === null ? { invalid: cell } : { value };
}

const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = (sep: string) => new RegExp(`^[+-]?\\d{1,3}(\\${sep}\\d{3})+$`);

/**
 * "1 234,5", "1.234,5", "1,234.5", "12,5", "−3" → numbers. With no decimal mark given, a lone
 * comma is a decimal comma (Norwegian spreadsheets); a lone point is a decimal point.
 */
function parseNumber(cell: string, decimal?: "," | "."): number | null {
  let s = cell.replace(/\s/g, "").replace(/^\u2212/, "-");
  const comma = s.lastIndexOf(",");
  const point = s.lastIndexOf(".");
  if (comma >= 0 && point >= 0) {
    const mark = comma > point ? "," : ".";
    if (decimal && mark !== decimal) return null;
    const other = mark === "," ? "." : ",";
    s = s.split(other).join("").replace(mark, ".");
  } else if (comma >= 0) {
    if (decimal === ".") {
      if (!GROUPED(",").test(s)) return null;
      s = s.split(",").join("");
    } else s = s.replace(",", ".");
  } else if (point >= 0 && decimal === ",") {
    if (!GROUPED(".").test(s)) return null;
    s = s.split(".").join("");
  }
  if (!PLAIN.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Integer years: "2024", "2024-01-01", "01.01.2024", and SSB's "2019-2021" (its last year). */
export function parsePeriod(raw: unknown): number | null {
  if (typeof raw === "number") return Number.isInteger(raw) ? raw : null;
  if (typeof raw !== "string") return null;
  const s = cleanCell(raw);
  const m = /^(\d{4})$/.exec(s) ?? /^(\d{4})-\d{2}-\d{2}$/.exec(s) ?? /^\d{1,2}\.\d{1,2}\.(\d{4})$/.exec(s) ?? /^\d{4}-(\d{4})$/.exec(s);
  return m ? Number(m[1]) : null;
}
