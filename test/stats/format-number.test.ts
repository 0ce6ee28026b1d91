import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatFixed } from "../../web/src/components/card/fixed";

const LOCALES = { nb: "nb-NO", nn: "nb-NO", en: "en-GB" } as const;
const intl = (value: number, lang: keyof typeof LOCALES, min: number, max: number, signed: boolean) =>
  new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: min, maximumFractionDigits: max, signDisplay: signed ? "exceptZero" : "auto" }).format(value);

/** Values as the API serves them (rounded) and as pages compute them (raw doubles, ties, huge and tiny). */
const values = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e7, max: 1e7 }),
  fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 100),
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 1000 + 0.0005),
  fc.constantFrom(0, -0, 0.5, 1.005, 2.675, 9.995, 99.95, 999.5, 1e21, 1.5e-7, -1e-9, 123456789.125),
);

describe("numbers are written as Intl writes them for nb-NO and en-GB, without asking Intl", () => {
  it("fixed decimals, signed or not, in every language", () => {
    fc.assert(
      fc.property(values, fc.constantFrom("nb", "nn", "en" as const), fc.integer({ min: 0, max: 4 }), fc.boolean(), (value, lang, decimals, signed) => {
        expect(formatFixed(value, lang, decimals, decimals, signed)).toBe(intl(value, lang, decimals, decimals, signed));
      }),
      { numRuns: 5000 },
    );
  });

  it("up to a number of decimals, trailing zeros dropped", () => {
    fc.assert(
      fc.property(values, fc.constantFrom("nb", "en" as const), fc.integer({ min: 0, max: 4 }), (value, lang, max) => {
        expect(formatFixed(value, lang, 0, max)).toBe(intl(value, lang, 0, max, false));
      }),
      { numRuns: 3000 },
    );
  });

  it("groups thousands with a no-break space in Norwegian and a comma in English, and writes a true minus in Norwegian", () => {
    expect(formatFixed(-1234567.25, "nb", 1)).toBe("\u22121\u00a0234\u00a0567,3");
    expect(formatFixed(-1234567.25, "en", 1)).toBe("-1,234,567.3");
    expect(formatFixed(0.04, "nb", 1, 1, true)).toBe("0,0");
  });
});
