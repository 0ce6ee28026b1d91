import type { ComponentChildren } from "preact";
import { Card, methodPath } from "../../web/src/components/card/Card";
import { areaDisplayName } from "../../web/src/components/card/names";
import { type CardLang, cardText } from "../../web/src/components/card/text";
import { areaPageUrl } from "../../web/src/embed/snippets";
import type { EmbedContent } from "./content";
import { RESIZE_SCRIPT } from "./resize-script";
import { embedText } from "./text";

/** Links out of the card open the monitor in a new tab: navigating inside the frame would trap the reader. */
function OutLink({ href, lang, children }: { href: string; lang: CardLang; children: ComponentChildren }) {
  return (
    <a href={href} target="_blank" rel="noopener">
      {children}
      <span class="visually-hidden"> {embedText(lang).newTab}</span>
    </a>
  );
}

function Document({ lang, title, css, children }: { lang: CardLang; title: string; css: string; children: ComponentChildren }) {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        {children}
        <script dangerouslySetInnerHTML={{ __html: RESIZE_SCRIPT }} />
      </body>
    </html>
  );
}

export interface EmbedCardProps extends EmbedContent {
  lang: CardLang;
  css: string;
  origin: string;
}

/** The whole embedded card: area name, the chosen indicators' trend cards, a link to the area page. */
export function EmbedCard({ body, cards, lang, css, origin }: EmbedCardProps) {
  const e = embedText(lang);
  const { area, municipality, replacedBy } = body;
  const name = areaDisplayName(area, lang);
  const level = e.levels[area.level];
  const inMunicipality = municipality && (area.level === "bydel" || area.level === "grunnkrets");
  return (
    <Document lang={lang} title={`${name} – ${e.siteName}`} css={css}>
      <main class="embed" aria-labelledby="embed-title" data-area={area.code}>
        <h1 id="embed-title" class="embed-title">
          {name} <span class="embed-level">{inMunicipality ? e.levelIn(level, municipality.name) : level}</span>
        </h1>
        {body.synthetic && (
          <p class="embed-demo" data-synthetic="true">
            <strong>{e.demoLead}</strong> {e.demoText}
          </p>
        )}
        {replacedBy.length > 0 ? (
          <p class="embed-notice">
            {e.replacedBy}{" "}
            {replacedBy.map((r, i) => (
              <span key={r.code}>
                {i > 0 && (i === replacedBy.length - 1 ? ` ${e.and} ` : ", ")}
                <OutLink href={areaPageUrl(origin, r.code, lang)} lang={lang}>
                  {r.name}
                </OutLink>
              </span>
            ))}
            .
          </p>
        ) : (
          <div class="cards">
            {cards.map(({ card, info }) => (
              <Card
                key={card.indicator}
                card={card}
                info={info}
                area={area}
                municipality={municipality}
                dataset={body.dataset}
                lang={lang}
                t={cardText(lang)}
                headingLevel={2}
                methodHref={`${origin}${methodPath(lang)}`}
                outLinks
              />
            ))}
          </div>
        )}
        <p class="embed-footer">
          <OutLink href={areaPageUrl(origin, area.code, lang)} lang={lang}>
            {e.seeAll(name)}
          </OutLink>
          <span>{e.siteName}</span>
        </p>
      </main>
    </Document>
  );
}

export type EmbedErrorKind = keyof ReturnType<typeof embedText>["error"];

interface EmbedErrorProps {
  kind: EmbedErrorKind;
  /** The area code asked for, named in the "not found" text. */
  code: string;
  /** What was wrong with the parameters, one line each. */
  details: string[];
  lang: CardLang;
  css: string;
  origin: string;
}

/** A small readable card instead of a blank frame: what went wrong, and a way to the monitor. */
export function EmbedError({ kind, code, details, lang, css, origin }: EmbedErrorProps) {
  const e = embedText(lang);
  const { title } = e.error[kind];
  const text = kind === "notFound" ? e.error.notFound.text(code) : e.error[kind].text;
  return (
    <Document lang={lang} title={`${title} – ${e.siteName}`} css={css}>
      <main class="embed embed-error" aria-labelledby="embed-title" data-error={kind}>
        <h1 id="embed-title" class="embed-title">
          {title}
        </h1>
        <p>{text}</p>
        {details.length > 0 && (
          <ul>
            {details.map((d) => (
              <li key={d}>
                <code>{d}</code>
              </li>
            ))}
          </ul>
        )}
        <p class="embed-footer">
          <OutLink href={`${origin}/${lang === "nb" ? "" : `?lang=${lang}`}`} lang={lang}>
            {e.toSite}
          </OutLink>
        </p>
      </main>
    </Document>
  );
}
