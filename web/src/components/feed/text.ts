import type { Lang } from "../../lib/i18n.ts";

/** Words of the Atom feed links (area page, widget builder). */
const nb = {
  follow: "Følg med (Atom)",
  hint: (name: string) => `Nye tall og endringer for ${name} i en feedleser eller på ditt nettsted.`,
  builderLabel: (name: string) => `Nyhetsstrøm (Atom) for ${name}`,
  builderHint: "Lim adressen inn i en feedleser eller publiseringsløsning for å få beskjed om nye tall, tydelige endringer og endringer på listen. Ingen konto trengs.",
};
type FeedText = typeof nb;

const nn: FeedText = {
  follow: "Følg med (Atom)",
  hint: (name) => `Nye tal og endringar for ${name} i ein feedlesar eller på nettstaden din.`,
  builderLabel: (name) => `Nyheitsstraum (Atom) for ${name}`,
  builderHint: "Lim adressa inn i ein feedlesar eller publiseringsløysing for å få melding om nye tal, tydelege endringar og endringar på lista. Du treng ingen konto.",
};

const en: FeedText = {
  follow: "Follow (Atom)",
  hint: (name) => `New figures and changes for ${name} in a feed reader or on your website.`,
  builderLabel: (name) => `News feed (Atom) for ${name}`,
  builderHint: "Paste the address into a feed reader or publishing system to hear of new figures, clear changes and changes on the list. No account needed.",
};

export const feedText = (lang: Lang): FeedText => ({ nb, nn, en })[lang];
