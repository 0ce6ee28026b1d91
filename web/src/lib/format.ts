// Numbers and units: components/card/format.ts, shared with the embed.
import type { Lang } from "./i18n.ts";

const DATE_LOCALES: Record<Lang, string> = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };

/** A date from the API ("2024-01-01") as "1. januar 2024" / "1 January 2024". */
export function formatDate(isoDate: string, lang: Lang): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(DATE_LOCALES[lang], {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}
