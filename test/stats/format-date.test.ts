import { describe, expect, it } from "vitest";
import { formatDate } from "../../web/src/components/card/format";

/** What the browser's Intl says for the same date: the hand-written names must never differ from it. */
const intl = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

describe("dates are written as Intl writes them, without asking Intl", () => {
  const days = Array.from({ length: 12 }, (_, m) => [`2024-${String(m + 1).padStart(2, "0")}-01`, `2025-${String(m + 1).padStart(2, "0")}-28`]).flat();

  it.each(days)("%s in nb, nn and en", (iso) => {
    expect(formatDate(iso, "nb")).toBe(intl(iso, "nb-NO"));
    // Nynorsk names the months as Bokmål does.
    expect(formatDate(iso, "nn")).toBe(intl(iso, "nb-NO"));
    expect(formatDate(iso, "en")).toBe(intl(iso, "en-GB"));
  });

  it("reads a timestamp's date in UTC and gives back what it cannot read", () => {
    expect(formatDate("2026-12-06T23:45:29Z", "nb")).toBe("6. desember 2026");
    expect(formatDate("2026-01-31T00:00:00Z", "en")).toBe("31 January 2026");
    expect(formatDate("not a date", "en")).toBe("not a date");
  });
});
