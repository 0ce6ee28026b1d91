import type { AreaBody, IndicatorInfo } from "../../../../worker/api/schemas";
import type { CardLang } from "./text";

/** An indicator's name in the reader's language; Nynorsk falls back to Bokmål where missing. */
export function indicatorName(info: IndicatorInfo, lang: CardLang): string {
  if (lang === "en") return info.name.en;
  return (lang === "nn" ? info.name.nn : null) ?? info.name.nb;
}

/** Definitions exist in Bokmål and English; Nynorsk readers get Bokmål. */
export function indicatorDefinition(info: IndicatorInfo, lang: CardLang): string {
  return lang === "en" ? info.definition.en : info.definition.nb;
}

const NORWAY: Record<CardLang, string> = { nb: "Norge", nn: "Noreg", en: "Norway" };

/** An area's own name in the reader's language, falling back to Bokmål. */
export function areaDisplayName(area: AreaBody["area"], lang: CardLang): string {
  if (area.level === "country") return NORWAY[lang];
  return (lang === "nb" ? null : area.names[lang]) ?? area.names.nb ?? area.name;
}
