import { useDocumentTitle } from "../lib/dom.ts";
import { href, useI18n } from "../lib/i18n.ts";

export function NotFound() {
  const { lang, t } = useI18n();
  useDocumentTitle(`${t.notFoundPage} – ${t.siteName}`);
  return (
    <div class="notice-page">
      <h1>{t.notFoundPage}</h1>
      <p>{t.notFoundPageText}</p>
      <p>
        <a href={href("/", lang)}>{t.toFrontPage}</a>
      </p>
    </div>
  );
}
