import type { CardLang } from "./text";

/*
 * Numbers as Intl.NumberFormat writes them for nb-NO ("−1 234,5") and en-GB ("-1,234.5"), written
 * out by hand: a page's first Intl.NumberFormat loads the locale's data, a long task of ~400 ms
 * on a slow phone before the first card shows. test/stats/format-number.test.ts holds this to
 * Intl's own output over many values.
 */

const SEPARATORS: Record<CardLang, { group: string; decimal: string; minus: string }> = {
  nb: { group: "\u00a0", decimal: ",", minus: "\u2212" },
  nn: { group: "\u00a0", decimal: ",", minus: "\u2212" },
  en: { group: ",", decimal: ".", minus: "-" },
};

/**
 * `value` with between `minDecimals` and `maxDecimals` decimals, rounded half away from zero on
 * its shortest decimal form (as Intl does), grouped in thousands. `signed` shows "+" on positive
 * numbers and no sign on what rounds to zero (Intl's signDisplay "exceptZero"); otherwise only
 * negative numbers, negative zero included, get a minus (signDisplay "auto").
 */
export function formatFixed(value: number, lang: CardLang, minDecimals: number, maxDecimals = minDecimals, signed = false): string {
  const sep = SEPARATORS[lang];
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : `${value < 0 ? sep.minus : signed ? "+" : ""}∞`;
  let [int, frac] = roundDigits(Math.abs(value), maxDecimals);
  let end = frac.length;
  while (end > minDecimals && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  const zero = /^0*$/.test(int) && /^0*$/.test(frac);
  const sign = signed ? (zero ? "" : value > 0 ? "+" : sep.minus) : value < 0 || Object.is(value, -0) ? sep.minus : "";
  int = int.replace(/\B(?=(\d{3})+(?!\d))/g, sep.group);
  return `${sign}${int}${frac ? sep.decimal + frac : ""}`;
}

/** A non-negative number's integer and fraction digits at `decimals`, rounded half up on its decimal digits. */
function roundDigits(abs: number, decimals: number): [string, string] {
  let s = String(abs);
  let exp = 0;
  const e = s.indexOf("e");
  if (e >= 0) {
    exp = Number(s.slice(e + 1));
    s = s.slice(0, e);
  }
  const dot = s.indexOf(".");
  let digits = dot >= 0 ? s.slice(0, dot) + s.slice(dot + 1) : s;
  let point = (dot >= 0 ? dot : s.length) + exp;
  if (point < 1) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  }
  if (digits.length < point + decimals + 1) digits += "0".repeat(point + decimals + 1 - digits.length);
  let kept = digits.slice(0, point + decimals);
  if (digits.charCodeAt(point + decimals) >= 53) {
    // Round up: carry from the last kept digit.
    const chars = kept.split("");
    let i = chars.length - 1;
    while (i >= 0 && chars[i] === "9") chars[i--] = "0";
    if (i >= 0) chars[i] = String(Number(chars[i]) + 1);
    else chars.unshift("1");
    kept = chars.join("");
  }
  const int = kept.slice(0, kept.length - decimals).replace(/^0+(?=\d)/, "");
  return [int || "0", kept.slice(kept.length - decimals)];
}
