import { useLocation } from "preact-iso";
import { href, rememberLang, switchLangHref, useI18n } from "../lib/i18n.ts";
import { Search } from "./Search.tsx";

export function Header() {
  const { lang, t } = useI18n();
  const { path, query } = useLocation();
  const other = t.switchToLang;
  return (
    <header class="site-header">
      <div class="site-header-inner">
        <a class="brand" href={href("/", lang)}>
          {t.siteName}
        </a>
        <a
          class="lang-switch"
          href={switchLangHref(path, query, other)}
          hreflang={other}
          lang={other}
          aria-label={t.switchLabel}
          onClick={() => rememberLang(other)}
        >
          {t.switchTo}
        </a>
        {/* The front page has its own large search box. */}
        {path !== "/" && (
          <div class="site-header-search">
            <Search variant="compact" />
          </div>
        )}
      </div>
    </header>
  );
}

export function Footer() {
  const { t } = useI18n();
  return (
    <footer class="site-footer">
      <p>{t.footer}</p>
    </footer>
  );
}
