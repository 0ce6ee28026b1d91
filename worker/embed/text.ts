import type { Level } from "../../db/schema";
import type { CardLang } from "../../web/src/components/card/text";

/** Words of the embed around the shared trend cards: heading, banners, link, error cards. */
export interface EmbedText {
  siteName: string;
  levels: Record<Level, string>;
  levelIn: (level: string, parent: string) => string;
  demoLead: string;
  demoText: string;
  seeAll: (name: string) => string;
  newTab: string;
  replacedBy: string;
  and: string;
  error: {
    notFound: { title: string; text: (code: string) => string };
    badRequest: { title: string; text: string };
    unavailable: { title: string; text: string };
    failed: { title: string; text: string };
  };
  toSite: string;
}

const nb: EmbedText = {
  siteName: "Områdemonitor",
  levels: { country: "land", fylke: "fylke", kommune: "kommune", bydel: "bydel", grunnkrets: "grunnkrets" },
  levelIn: (level, parent) => `${level} i ${parent}`,
  demoLead: "Demodata:",
  demoText: "tallene er syntetiske, ikke ekte statistikk.",
  seeAll: (name) => `Se alle tall for ${name}`,
  newTab: "(åpnes i ny fane)",
  replacedBy: "Denne koden er ikke lenger i bruk. Den ble erstattet av",
  and: "og",
  error: {
    notFound: { title: "Fant ikke området", text: (code) => `Vi finner ikke noe område med koden «${code}».` },
    badRequest: { title: "Feil i innstillingene", text: "Tallkortet kan ikke vises slik det er satt opp:" },
    unavailable: { title: "Tallene er ikke klare", text: "Tjenesten har ikke publisert tall ennå. Prøv igjen senere." },
    failed: { title: "Noe gikk galt", text: "Tjenesten svarte med en feil. Prøv igjen om litt." },
  },
  toSite: "Gå til Områdemonitor",
};

const nn: EmbedText = {
  siteName: "Områdemonitor",
  levels: { country: "land", fylke: "fylke", kommune: "kommune", bydel: "bydel", grunnkrets: "grunnkrins" },
  levelIn: (level, parent) => `${level} i ${parent}`,
  demoLead: "Demodata:",
  demoText: "tala er syntetiske, ikkje ekte statistikk.",
  seeAll: (name) => `Sjå alle tal for ${name}`,
  newTab: "(opnar i ny fane)",
  replacedBy: "Denne koden er ikkje lenger i bruk. Han vart erstatta av",
  and: "og",
  error: {
    notFound: { title: "Fann ikkje området", text: (code) => `Vi finn ikkje noko område med koden «${code}».` },
    badRequest: { title: "Feil i innstillingane", text: "Talkortet kan ikkje visast slik det er sett opp:" },
    unavailable: { title: "Tala er ikkje klare", text: "Tenesta har ikkje publisert tal enno. Prøv igjen seinare." },
    failed: { title: "Noko gjekk gale", text: "Tenesta svarte med ein feil. Prøv igjen om litt." },
  },
  toSite: "Gå til Områdemonitor",
};

const en: EmbedText = {
  siteName: "Area monitor",
  levels: { country: "country", fylke: "county", kommune: "municipality", bydel: "city district", grunnkrets: "basic statistical unit" },
  levelIn: (level, parent) => `${level} in ${parent}`,
  demoLead: "Demo data:",
  demoText: "the numbers are synthetic, not real statistics.",
  seeAll: (name) => `See all figures for ${name}`,
  newTab: "(opens in a new tab)",
  replacedBy: "This code is no longer in use. It was replaced by",
  and: "and",
  error: {
    notFound: { title: "Area not found", text: (code) => `We cannot find an area with the code “${code}”.` },
    badRequest: { title: "Invalid settings", text: "The card cannot be shown as it is set up:" },
    unavailable: { title: "No figures yet", text: "The service has not published any figures yet. Please try again later." },
    failed: { title: "Something went wrong", text: "The service answered with an error. Please try again shortly." },
  },
  toSite: "Go to the Area monitor",
};

const TEXTS: Record<CardLang, EmbedText> = { nb, nn, en };

export function embedText(lang: CardLang): EmbedText {
  return TEXTS[lang];
}
