/**
 * Atom 1.0 (RFC 4287) documents, written by hand: the format is small, and every piece of text
 * goes through `xmlText`, so an area or rule set name with markup in it stays text.
 */

/** Characters XML 1.0 does not allow at all (controls, lone surrogates, U+FFFE/U+FFFF) are dropped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for element content or a quoted attribute value. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

export interface AtomLink {
  rel: "self" | "alternate" | "related";
  href: string;
  type?: string;
}

export interface AtomEntry {
  id: string;
  title: string;
  /** ISO timestamps. */
  updated: string;
  published: string;
  link: string;
  summary: string;
  category: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  lang: string;
  updated: string;
  links: AtomLink[];
  author: string;
  entries: AtomEntry[];
}

const link = (l: AtomLink) => `<link rel="${l.rel}" href="${xmlText(l.href)}"${l.type ? ` type="${xmlText(l.type)}"` : ""}/>`;

export function atomDocument(feed: AtomFeed): string {
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.lang)}">`,
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title type="text">${xmlText(feed.title)}</title>`,
    `  <subtitle type="text">${xmlText(feed.subtitle)}</subtitle>`,
    `  <updated>${xmlText(feed.updated)}</updated>`,
    ...feed.links.map((l) => `  ${link(l)}`),
    `  <author><name>${xmlText(feed.author)}</name></author>`,
    `  <generator>area-monitor</generator>`,
  ];
  for (const e of feed.entries) {
    lines.push(
      `  <entry>`,
      `    <id>${xmlText(e.id)}</id>`,
      `    <title type="text">${xmlText(e.title)}</title>`,
      `    <updated>${xmlText(e.updated)}</updated>`,
      `    <published>${xmlText(e.published)}</published>`,
      `    ${link({ rel: "alternate", href: e.link, type: "text/html" })}`,
      `    <category term="${xmlText(e.category)}"/>`,
      `    <summary type="text">${xmlText(e.summary)}</summary>`,
      `  </entry>`,
    );
  }
  lines.push(`</feed>`, "");
  return lines.join("\n");
}

/**
 * A tag: URI (RFC 4151) for an entry: the serving host names the authority, dated by the year the
 * feeds began, and the stored key (the snapshot's random identity and what the entry is about)
 * keeps it unique and the same in every language and on every request.
 */
export function tagUri(host: string, key: string): string {
  const authority = host.replace(/:\d+$/, "").toLowerCase() || "localhost";
  return `tag:${authority},2026:${key.replace(/[^A-Za-z0-9._~\-/:]/g, (c) => encodeURIComponent(c))}`;
}
