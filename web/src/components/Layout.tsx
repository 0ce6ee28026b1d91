import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { useDataset } from "../lib/dataset.ts";
import { formatDate } from "../lib/format.ts";
import { href, LANG_NAMES, LANGS, rememberLang, switchLangHref, useI18n } from "../lib/i18n.ts";
import { NORWAY_CODE, PATHS, segregationPath } from "../lib/paths.ts";
import { builderText } from "../pages/Embed/text.ts";
import { apiDocsPath, FOOTER_LINKS } from "../pages/Editions/footer-text.ts";
import { API_BASE } from "../lib/api.ts";
import { Search } from "./Search.tsx";

/**
 * The site header. On phones it is two short rows (brand and a menu button; the search), so a
 * page's own heading shows on the first screen; the menu and the language switch open from the
 * button. From 48rem everything shows at once and the button is gone (styles.css).
 */
export function Header() {
  const { lang, t } = useI18n();
  const { path, query } = useLocation();
  const [open, setOpen] = useState(false);
  // A new page (or language) closes the menu that led there.
  useEffect(() => setOpen(false), [path, lang]);
  const menu = [
    { path: PATHS.classification, label: t.navClassification },
    // Norway's view (over all kommuner); each kommune's is linked from its area page.
    { path: segregationPath(NORWAY_CODE), label: t.navSegregation },
    { path: PATHS.initiatives, label: t.navInitiatives },
    { path: PATHS.compare, label: t.navCompare },
    { path: PATHS.about, label: t.navAbout },
  ];
  return (
    <header class="site-header">
      <div class="site-header-inner">
        <a class="brand" href={href(PATHS.home, lang)}>
          {t.siteName}
        </a>
        <button
          type="button"
          class="ds-button menu-toggle"
          data-variant="tertiary"
          aria-expanded={open}
          aria-controls="site-menu"
          onClick={() => setOpen((o) => !o)}
        >
          {t.menu}
        </button>
        <div id="site-menu" class="site-menu" data-open={open ? "" : undefined}>
          <nav class="site-nav" aria-label={t.navLabel}>
            <ul>
              {menu.map((item) => (
                <li key={item.path}>
                  <a href={href(item.path, lang)} aria-current={path === item.path ? "page" : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <nav class="lang-menu" aria-label={t.langNav}>
            <ul>
              {LANGS.map((l) => (
                <li key={l}>
                  <a
                    href={switchLangHref(path, query, l)}
                    hreflang={l}
                    lang={l}
                    aria-current={l === lang ? "true" : undefined}
                    onClick={() => rememberLang(l)}
                  >
                    {LANG_NAMES[l]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
        {/* The front page has its own large search box. */}
        {path !== PATHS.home && (
          <div class="site-header-search">
            <Search variant="compact" />
          </div>
        )}
      </div>
    </header>
  );
}

/** "Figures updated <date>", from the live snapshot; nothing until it is known. */
export function FiguresUpdated() {
  const { lang, t } = useI18n();
  const dataset = useDataset();
  return (
    <p class="figures-updated" data-updated={dataset?.figuresUpdated}>
      {dataset && t.figuresUpdated(formatDate(dataset.figuresUpdated, lang))}
    </p>
  );
}

export function Footer() {
  const { lang, t } = useI18n();
  return (
    <footer class="site-footer">
      <div class="site-footer-inner">
        <FiguresUpdated />
        <p>
          {t.footer}{" "}
          <span class="footer-links">
            <a href={href(PATHS.about, lang)}>{t.navAbout}</a> · <a href={href("/widget", lang)}>{builderText(lang).title}</a> ·{" "}
            <a href={href(PATHS.editions, lang)}>{FOOTER_LINKS[lang].editions}</a> ·{" "}
            <a href={`${API_BASE}${apiDocsPath(lang)}`} hreflang={lang === "en" ? "en" : "nb"}>
              {FOOTER_LINKS[lang].apiDocs}
            </a>
          </span>
        </p>
      </div>
    </footer>
  );
}
