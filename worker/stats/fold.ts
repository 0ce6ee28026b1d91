/**
 * Folding for search: the same function runs on indexed names and on queries, so they meet.
 *
 * NFD + stripping combining marks handles á, š, č, å, é (å → a). The Nordic and Sami letters
 * ø, æ, đ, ŋ, ŧ are letters of their own and have no decomposition, so they are mapped by hand.
 */
const OWN_LETTERS: Record<string, string> = { ø: "o", æ: "ae", đ: "d", ŋ: "n", ŧ: "t", ß: "ss" };

export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[øæđŋŧß]/g, (ch) => OWN_LETTERS[ch] ?? ch)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * A postcode's search term: a mark no folded query starts with, then the four digits. Prefix
 * searches never reach these; a four-digit query asks for exactly one.
 */
export const POSTCODE_MARK = "#";
export const postcodeTerm = (postcode: string) => `${POSTCODE_MARK}${postcode}`;
export const isPostcodeQuery = (folded: string) => /^\d{4}$/.test(folded);

/**
 * The terms a name is indexed under: every word-start suffix of its folded form, so that a
 * prefix scan finds "gamle oslo" from "oslo" and from "gamle os". Because people type "a" for
 * "æ" as often as "ae" ("barum" for Bærum), names with æ are indexed both ways.
 */
export function searchTerms(name: string): string[] {
  const variants = new Set([fold(name), fold(name.replace(/æ/gi, "a"))]);
  const terms = new Set<string>();
  for (const folded of variants) {
    if (!folded) continue;
    const words = folded.split(" ");
    for (let i = 0; i < words.length; i++) terms.add(words.slice(i).join(" "));
  }
  return [...terms];
}
