import type { Lang } from "../lib/i18n.ts";

/** Words of the search box beyond the shared dictionary: no matches and why, postcodes, parents. */
const nb = {
  noMatch: (q: string) => `Ingen områder passer «${q}».`,
  noPostcode: (q: string) => `Ingen kommune har postnummer ${q}.`,
  why: (locate: string) => `Vi søker ikke etter adresser, bare etter områdenavn, kommunenummer og postnummer. Prøv kommunenavnet, et postnummer eller «${locate}».`,
  postcode: (code: string, name: string) => `Postnummer ${code} → ${name}`,
  within: (level: string, parent: string, kommune: string) => `${level} i ${parent}, ${kommune}`,
};

export type SearchText = typeof nb;

const nn: SearchText = {
  noMatch: (q) => `Ingen område passar til «${q}».`,
  noPostcode: (q) => `Ingen kommune har postnummer ${q}.`,
  why: (locate) => `Vi søkjer ikkje etter adresser, berre etter områdenamn, kommunenummer og postnummer. Prøv kommunenamnet, eit postnummer eller «${locate}».`,
  postcode: (code, name) => `Postnummer ${code} → ${name}`,
  within: (level, parent, kommune) => `${level} i ${parent}, ${kommune}`,
};

const en: SearchText = {
  noMatch: (q) => `No areas match “${q}”.`,
  noPostcode: (q) => `No municipality has the postcode ${q}.`,
  why: (locate) => `Addresses are not searched, only area names, municipality numbers and postcodes. Try the municipality's name, a postcode or “${locate}”.`,
  postcode: (code, name) => `Postcode ${code} → ${name}`,
  within: (level, parent, kommune) => `${level} in ${parent}, ${kommune}`,
};

const TEXTS: Record<Lang, SearchText> = { nb, nn, en };

export const searchText = (lang: Lang): SearchText => TEXTS[lang];
