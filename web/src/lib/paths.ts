import { href, type Lang } from "./i18n.ts";

/**
 * The app's pages. Routes in main.tsx and links everywhere use these, so a page is renamed in
 * one place.
 */
export const PATHS = {
  home: "/",
  area: "/omrade/:code",
  compare: "/sammenlign",
  about: "/om",
  /** Segregation indices of a kommune (or of Norway, "0") over its sub-areas. */
  segregation: "/segregasjon/:code",
  /** Areas meeting a classification rule set, with the what-if panel. */
  classification: "/levekar",
  /** Published editions of the list, and one edition (`2025-1`, or a year for its current edition). */
  editions: "/levekar/utgaver",
  edition: "/levekar/utgaver/:id",
  /** The registry of area-based initiatives, and one initiative's follow-up. */
  initiatives: "/initiativ",
  initiative: "/initiativ/:id",
} as const;

/** An edition's page (the same path the API's `url` and citation give). */
export function editionPath(id: string): string {
  return PATHS.edition.replace(":id", encodeURIComponent(id));
}

/** Norway's code: the segregation view over all kommuner. */
export const NORWAY_CODE = "0";

/** At most this many areas side by side (the compare endpoint's limit). */
export const COMPARE_MAX = 3;

// Digits only; the API says which codes exist (404) or are malformed (400).
const AREA_CODE = /^\d{1,10}$/;

/** Area codes from `?codes=a,b,c`: well-formed, without repeats, at most COMPARE_MAX. */
export function parseCodes(value: string | undefined): string[] {
  const codes = (value ?? "").split(",").map((c) => c.trim()).filter((c) => AREA_CODE.test(c));
  return [...new Set(codes)].slice(0, COMPARE_MAX);
}

export function compareHref(codes: readonly string[], lang: Lang): string {
  return href(codes.length > 0 ? `${PATHS.compare}?codes=${codes.join(",")}` : PATHS.compare, lang);
}

export function segregationPath(code: string): string {
  return PATHS.segregation.replace(":code", encodeURIComponent(code));
}

export function segregationHref(code: string, lang: Lang): string {
  return href(segregationPath(code), lang);
}

export function initiativePath(id: string): string {
  return PATHS.initiative.replace(":id", encodeURIComponent(id));
}

export function initiativeHref(id: string, lang: Lang): string {
  return href(initiativePath(id), lang);
}
