import { useState } from "preact/hooks";
import { formatDate } from "../../lib/format.ts";
import { areaHref, type Lang } from "../../lib/i18n.ts";
import { areaText } from "./text.ts";

/** The page's own address in its language, absolute, for sharing and for the printed page. */
export function pageUrl(code: string, lang: Lang): string {
  return new URL(areaHref(code, lang), window.location.origin).toString();
}

/**
 * Print and share: a print button, "copy link", an e-mail link and the page's address as a plain
 * link (the last two work without JavaScript). The printed page names its address instead.
 */
export function Share({ code, name, siteName, lang }: { code: string; name: string; siteName: string; lang: Lang }) {
  const s = areaText(lang);
  const url = pageUrl(code, lang);
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);
  const copy = () => {
    const done = navigator.clipboard?.writeText(url);
    if (!done) return setCopied("failed");
    done.then(
      () => setCopied("ok"),
      () => setCopied("failed"),
    );
  };
  const mail = `mailto:?subject=${encodeURIComponent(s.emailSubject(name, siteName))}&body=${encodeURIComponent(url)}`;
  return (
    <div class="share" role="group" aria-label={s.shareTitle}>
      <button type="button" class="button share-print" onClick={() => window.print()}>
        {s.print}
      </button>
      <button type="button" class="button share-copy" onClick={copy}>
        {s.copyLink}
      </button>
      <a class="ds-link share-email" href={mail}>
        {s.email}
      </a>
      <a class="ds-link share-link" href={url}>
        {s.pageLink}
      </a>
      <span class="share-status" role="status">
        {copied === "ok" ? s.copied : copied === "failed" ? s.copyFailed : ""}
      </span>
    </div>
  );
}

/** Shown only on paper: where the page came from, and when. */
export function PrintSource({ code, siteName, lang }: { code: string; siteName: string; lang: Lang }) {
  const s = areaText(lang);
  const url = pageUrl(code, lang);
  return (
    <p class="print-source">
      {s.printedFrom(siteName, formatDate(new Date().toISOString().slice(0, 10), lang))} {url}
    </p>
  );
}
