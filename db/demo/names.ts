/**
 * Invented names for synthetic bydeler and grunnkretser. They are composed from nature words and
 * landscape suffixes rather than taken from any register, because the demo plants "problems" in
 * some of these areas and no real neighbourhood should carry them. Names come out Norwegian-looking
 * on purpose (æ, ø, å; Sami letters in the double names) so search folding gets exercised.
 */
import { rng, shuffled } from "./random";

const NB_PREFIXES = [
  "Ærfugl", "Ørne", "Måke", "Tyttebær", "Multe", "Blåbær", "Reinrose", "Tiur", "Orre", "Hegre",
  "Gauk", "Lerke", "Svale", "Trost", "Linnea", "Sildre", "Kvann", "Hassel", "Older", "Osp",
  "Bjørke", "Rogne", "Selje", "Ekorn", "Bæver", "Gaupe", "Jerv", "Oter", "Tjeld", "Skjære",
  "Stær", "Rødstrupe", "Spove", "Vipe", "Snipe", "Sæter", "Krøkebær", "Bringebær", "Snøugle",
  "Fjellrev", "Myrull", "Blåklokke", "Hvitveis", "Sølvbjørk", "Åkerbær", "Rype", "Lemen",
] as const;

const NB_SUFFIXES = [
  "lia", "vika", "myra", "haugen", "åsen", "dalen", "moen", "bakken", "sletta", "tjønna",
  "stranda", "jordet", "kollen", "neset", "øya", "rud", "vollen", "hagen", "løkka", "berget",
  "skogen", "bekken", "sætra", "enga", "tunet", "åkeren", "bråten", "grenda", "kleiva", "holtet",
  "lunden", "nuten", "stølen", "gløtten",
] as const;

/** Used only if a parent needs more names than prefix × suffix gives (never at current sizes). */
const NB_QUALIFIERS = ["Øvre", "Nedre", "Indre", "Ytre", "Nordre", "Søndre"] as const;

/** Northern Sami word parts with a Norwegian rendering, for "Sami - Norwegian" double names. */
const SE_PREFIXES: readonly (readonly [se: string, nb: string])[] = [
  ["Čáhppes", "Svart"], ["Jieŋa", "Is"], ["Ođđa", "Ny"], ["Ruoŧŧa", "Svenske"], ["Ávže", "Juv"],
  ["Šalde", "Bru"], ["Vilges", "Kvit"], ["Rukses", "Rød"], ["Ruoná", "Grønn"], ["Alit", "Blå"],
  ["Stuorra", "Stor"], ["Unna", "Lille"], ["Guhkes", "Lang"], ["Boares", "Gammel"],
  ["Goaskin", "Ørne"], ["Njukča", "Svane"], ["Miesse", "Kalve"], ["Guolle", "Fiske"],
  ["Luossa", "Laks"],
];
const SE_SUFFIXES: readonly (readonly [se: string, nb: string])[] = [
  ["várri", "fjell"], ["jávri", "vatnet"], ["johka", "elva"], ["njárga", "neset"],
  ["vuotna", "fjorden"], ["gieddi", "jordet"], ["suolu", "øya"], ["čohkka", "tind"],
  ["gáddi", "stranda"], ["roavvi", "åsen"], ["ája", "kilden"], ["vággi", "dalen"],
];
/**
 * The first Sami names handed out under a parent, so that every special letter (á č đ ŋ š ŧ ž)
 * is present even in the small demo.
 */
const SE_PINNED: readonly (readonly [number, number])[] = [
  [0, 0], // Čáhppesvárri - Svartfjell
  [1, 1], // Jieŋajávri - Isvatnet
  [2, 5], // Ođđagieddi - Nyjordet
  [3, 0], // Ruoŧŧavárri - Svenskefjell
  [4, 2], // Ávžejohka - Juvelva
  [5, 5], // Šaldegieddi - Brujordet
];

/**
 * Never produced: real district names of the cities that get synthetic bydeler, and real place
 * names that a combination happens to spell (found by checking against the Oslo, Asker/Bærum and
 * Telemark area lists in ../shared/data).
 */
const BLOCKED = new Set(
  [
    "Rognerud", "Nydalen", "Ođđavággi - Nydalen", "Luossajohka - Lakselva",
    "Gamle Oslo", "Grünerløkka", "Sagene", "St. Hanshaugen", "Frogner", "Ullern", "Vestre Aker",
    "Nordre Aker", "Bjerke", "Grorud", "Stovner", "Alna", "Østensjø", "Nordstrand",
    "Søndre Nordstrand", "Sentrum", "Marka", "Arna", "Bergenhus", "Fana", "Fyllingsdalen",
    "Laksevåg", "Ytrebygda", "Årstad", "Åsane", "Midtbyen", "Østbyen", "Lerkendal", "Heimdal",
    "Hundvåg", "Tasta", "Eiganes og Våland", "Madla", "Hillevåg", "Hinna", "Storhaug", "Finnøy",
    "Rennesøy",
  ].map((n) => n.toLowerCase()),
);

/** Norwegian spelling drops the third of three equal letters at a joint: Kvann + neset → Kvanneset. */
function compound(first: string, second: string): string {
  return (first + second).replace(/(.)\1\1/gu, "$1$1");
}

export type InventedName = { nb: string; se: string | null };

/**
 * Hands out names unique within one parent. The order depends only on the parent code (not on the
 * data seed), so codes and names stay stable across seeds and documentation can cite them.
 */
export class NamePool {
  private readonly nb: string[];
  private readonly se: InventedName[];
  private readonly used = new Set<string>();
  private nbIndex = 0;
  private seIndex = 0;

  constructor(parentCode: string) {
    const combos = NB_PREFIXES.flatMap((p) => NB_SUFFIXES.map((s) => compound(p, s)));
    this.nb = shuffled(combos, rng("names", parentCode));
    const pinned = new Set(SE_PINNED.map(([p, s]) => `${p}:${s}`));
    const rest = SE_PREFIXES.flatMap((_, p) => SE_SUFFIXES.map((_, s) => [p, s] as const)).filter(
      ([p, s]) => !pinned.has(`${p}:${s}`),
    );
    this.se = [...SE_PINNED, ...shuffled(rest, rng("sami-names", parentCode))].map(([p, s]) => {
      const [pSe, pNb] = SE_PREFIXES[p]!;
      const [sSe, sNb] = SE_SUFFIXES[s]!;
      const se = pSe + sSe;
      return { nb: `${se} - ${compound(pNb, sNb)}`, se };
    });
  }

  /** A Norwegian-only name. */
  norwegian(): InventedName {
    while (this.nbIndex < this.nb.length * (NB_QUALIFIERS.length + 1)) {
      const i = this.nbIndex++;
      const base = this.nb[i % this.nb.length]!;
      const round = Math.floor(i / this.nb.length);
      const name = round === 0 ? base : `${NB_QUALIFIERS[round - 1]} ${base}`;
      if (this.take(name)) return { nb: name, se: null };
    }
    throw new Error("name pool exhausted");
  }

  /** A Northern Sami - Norwegian double name (falls back to Norwegian when exhausted). */
  sami(): InventedName {
    while (this.seIndex < this.se.length) {
      const candidate = this.se[this.seIndex++]!;
      if (this.take(candidate.nb)) return candidate;
    }
    return this.norwegian();
  }

  private take(name: string): boolean {
    const key = name.toLowerCase();
    if (this.used.has(key) || BLOCKED.has(key)) return false;
    this.used.add(key);
    return true;
  }
}
