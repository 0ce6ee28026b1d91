import type { Card } from "../../../../worker/api/schemas";
import { formatFixed } from "./fixed";
import { type CardLang, cardText } from "./text";

export type Unit = Card["unit"];

const NBSP = "\u00a0";

/**
 * Decimals shown per unit. Percent values are on the 0–100 scale (12.3 means 12.3 %); points are
 * differences of two percentages (a gap of 12.3 percentage points), never shown with "%".
 */
const DECIMALS: Record<Unit, number> = { count: 0, percent: 1, per1000: 1, nok: 0, years: 1, points: 1 };

/** Nynorsk writes numbers exactly as Bokmål does (see ./fixed.ts for why not Intl). */
function numberFormat(lang: CardLang, decimals: number, signed = false): { format: (value: number) => string } {
  return { format: (value) => formatFixed(value, lang, decimals, decimals, signed) };
}

/** Decimals a unit is shown with (as worker/stats/precision.ts serves it). */
export const decimalsOf = (unit: Unit): number => DECIMALS[unit];

/** A plain number in the reader's locale: "1 234", "12,3" (nb) or "1,234", "12.3" (en). */
export function formatNumber(value: number, lang: CardLang, decimals = 0): string {
  return numberFormat(lang, decimals).format(value);
}

export function withUnit(number: string, unit: Unit | undefined, lang: CardLang): string {
  const t = cardText(lang);
  switch (unit) {
    case "percent":
      return lang === "en" ? `${number}%` : `${number}${NBSP}%`;
    case "per1000":
      return `${number}${NBSP}${t.per1000}`;
    case "nok":
      return `${t.nok}${NBSP}${number}`;
    case "years":
      return `${number}${NBSP}${t.years}`;
    case "points":
      return `${number}${NBSP}${t.points}`;
    default:
      return number;
  }
}

/**
 * A value with its unit: "12,3 %", "1 234", "NOK 512 000", "82,1 år", "4,2 per 1000",
 * "14,1 prosentpoeng" ("14.1 pp").
 * An unknown unit (indicator list not loaded) shows the number with up to one decimal.
 */
export function formatValue(value: number, unit: Unit | undefined, lang: CardLang): string {
  const decimals = unit ? DECIMALS[unit] : Number.isInteger(value) ? 0 : 1;
  return withUnit(numberFormat(lang, decimals).format(value), unit, lang);
}

/**
 * A chart's scale label: whole ticks without decimals ("0 %", "20 %"), others at the unit's
 * decimals ("2,5 %"). Only "%" is short enough to repeat beside the chart; other units are
 * named by the value above it.
 */
export function formatTick(value: number, unit: Unit | undefined, lang: CardLang): string {
  const decimals = Number.isInteger(value) ? 0 : unit ? DECIMALS[unit] : 1;
  const number = numberFormat(lang, decimals).format(value);
  return unit === "percent" ? withUnit(number, unit, lang) : number;
}

/** A signed change: "+1,2 prosentpoeng", "−340", "+NOK 12 000", "+0,4 år"; a gap's change is in its own points. */
export function formatDelta(delta: number, unit: Unit | undefined, lang: CardLang): string {
  const decimals = unit ? DECIMALS[unit] : Number.isInteger(delta) ? 0 : 1;
  const number = numberFormat(lang, decimals, true).format(delta);
  if (unit === "percent") return `${number}${NBSP}${cardText(lang).percentagePoints}`;
  if (unit === "nok") {
    // Keep the sign in front of the currency: "+NOK 12 000".
    const sign = /^[+\-\u2212]/.test(number) ? number.charAt(0) : "";
    return `${sign}${withUnit(number.slice(sign.length), unit, lang)}`;
  }
  return withUnit(number, unit, lang);
}

// Nynorsk names the months as Bokmål does. Written out rather than asked of Intl: a phone's first
// Intl.DateTimeFormat loads the locale's calendar data, one long task of ~300 ms on a slow CPU
// for the footer's one date (test/stats/format-date.test.ts checks these against Intl).
const MONTHS_NB = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A date or timestamp from the API ("2024-01-01", "2026-12-06T01:45:29Z") as "1. januar 2024" / "1 January 2024". */
export function formatDate(isoDate: string, lang: CardLang): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  const [day, month, year] = [date.getUTCDate(), date.getUTCMonth(), date.getUTCFullYear()];
  return lang === "en" ? `${day} ${MONTHS_EN[month]} ${year}` : `${day}. ${MONTHS_NB[month]} ${year}`;
}
