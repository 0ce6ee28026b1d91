import type { Lang } from "../../lib/i18n.ts";

/** The footer's links to the editions and the API docs: tiny, so the front page carries no more. */
export const FOOTER_LINKS: Record<Lang, { editions: string; apiDocs: string }> = {
  nb: { editions: "Utgaver av levekårslisten", apiDocs: "API-dokumentasjon" },
  nn: { editions: "Utgåver av levekårslista", apiDocs: "API-dokumentasjon" },
  en: { editions: "Editions of the list", apiDocs: "API documentation" },
};

/** The docs page has English and Bokmål; Nynorsk readers get Bokmål. */
export const apiDocsPath = (lang: Lang) => (lang === "en" ? "/api/docs" : "/api/docs?lang=nb");
