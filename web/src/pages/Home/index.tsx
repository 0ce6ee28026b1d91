import { Fragment } from "preact";
import { useLocation } from "preact-iso";
import { Search } from "../../components/Search.tsx";
import { useDocumentTitle } from "../../lib/dom.ts";
import { areaHref, href, useI18n } from "../../lib/i18n.ts";
import { PATHS } from "../../lib/paths.ts";
import { Locate } from "./Locate.tsx";
import { NationalMapSection, useOverview, WhatChanged } from "./Overview.tsx";
import { Recent } from "./Recent.tsx";

/** A few well-known municipalities (codes valid since 1 January 2024). */
const EXAMPLES = [
  { code: "0301", name: "Oslo" },
  { code: "4601", name: "Bergen" },
  { code: "5001", name: "Trondheim" },
  { code: "5501", name: "Tromsø" },
];

export function Home() {
  const { lang, t } = useI18n();
  const { path } = useLocation();
  useDocumentTitle(t.siteName);
  const overview = useOverview();
  return (
    <div class="home">
      <div class="home-top">
        <section class="hero" aria-labelledby="home-title">
          <h1 id="home-title">{t.homeTitle}</h1>
          <p class="lead">{t.homeLead}</p>
          {/* While the next page loads, the header already has its search: never show two. */}
          {path === "/" && <Search variant="large" />}
          <Locate />
          <p class="examples">
            <span>{t.examples}</span>{" "}
            {EXAMPLES.map((e, i) => (
              <Fragment key={e.code}>
                {i > 0 && " · "}
                <a href={areaHref(e.code, lang)}>{e.name}</a>
              </Fragment>
            ))}
          </p>
        </section>
        {/* The map's box is reserved; "what changed" comes after it, so its arrival moves nothing on screen. */}
        <NationalMapSection res={overview} lang={lang} />
        <WhatChanged res={overview} lang={lang} />
      </div>
      <Recent />
      <section class="about" aria-labelledby="about-title">
        <h2 id="about-title">{t.aboutTitle}</h2>
        <ul>
          {t.about.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>
          <a href={href(PATHS.about, lang)}>{t.aboutMore}</a>
        </p>
      </section>
    </div>
  );
}
