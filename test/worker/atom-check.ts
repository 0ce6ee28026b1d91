/**
 * A strict XML 1.0 well-formedness parser and an Atom 1.0 (RFC 4287) checker for the tests. No
 * XML parser package is installed and workerd has no DOMParser, so this one is written for the
 * tests: it rejects what a conforming parser rejects in the documents we write (unclosed or
 * crossed tags, a bare `&` or `<` in text or attributes, unknown entities, unquoted or repeated
 * attributes, characters XML forbids, text outside the root, a second root). The browser suite
 * also parses the feed with Chromium's own DOMParser. Pure, so both test projects can use it.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (character data and entity references resolved), concatenated. */
  text: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9._:-]*/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export class XmlError extends Error {}

function decode(raw: string, where: number): string {
  if (FORBIDDEN.test(raw)) throw new XmlError(`character not allowed in XML near offset ${where}`);
  if (raw.includes("<")) throw new XmlError(`unescaped "<" near offset ${where}`);
  return raw.replace(/&([^;]*);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError(`bare "&" near offset ${where}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(ref);
    if (!num) throw new XmlError(`unknown entity &${ref}; near offset ${where}`);
    const code = num[1]!.startsWith("x") ? parseInt(num[1]!.slice(1), 16) : parseInt(num[1]!, 10);
    return String.fromCodePoint(code);
  });
}

/** Parses a whole document; throws XmlError on anything not well-formed. */
export function parseXml(doc: string): XmlElement {
  let i = 0;
  const rest = () => doc.slice(i);
  const skipSpace = () => {
    while (i < doc.length && /\s/.test(doc[i]!)) i++;
  };
  if (doc.startsWith("<?xml")) {
    const end = doc.indexOf("?>");
    if (end < 0) throw new XmlError("unterminated XML declaration");
    if (!/^<\?xml\s+version="1\.[0-9]"(\s+encoding="[A-Za-z0-9._-]+")?(\s+standalone="(yes|no)")?\s*\?>$/.test(doc.slice(0, end + 2))) throw new XmlError("malformed XML declaration");
    i = end + 2;
  }
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (rest().startsWith("<!--")) {
        const end = doc.indexOf("-->", i + 4);
        if (end < 0) throw new XmlError("unterminated comment");
        i = end + 3;
      } else return;
    }
  };
  skipMisc();
  if (doc[i] !== "<") throw new XmlError("no root element");
  const root = element();
  skipMisc();
  if (i !== doc.length) throw new XmlError(`content after the root element at offset ${i}`);
  return root;

  function element(): XmlElement {
    i++; // <
    const m = NAME.exec(rest());
    if (!m) throw new XmlError(`malformed tag name at offset ${i}`);
    const name = m[0];
    i += name.length;
    const attrs: Record<string, string> = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (rest().startsWith("/>")) {
        i += 2;
        return { name, attrs, children: [], text: "" };
      }
      if (doc[i] === ">") {
        i++;
        break;
      }
      if (i === before) throw new XmlError(`expected whitespace between attributes at offset ${i}`);
      const a = NAME.exec(rest());
      if (!a) throw new XmlError(`malformed attribute at offset ${i}`);
      i += a[0].length;
      skipSpace();
      if (doc[i] !== "=") throw new XmlError(`attribute ${a[0]} without a value at offset ${i}`);
      i++;
      skipSpace();
      const q = doc[i];
      if (q !== '"' && q !== "'") throw new XmlError(`unquoted attribute ${a[0]} at offset ${i}`);
      const end = doc.indexOf(q, i + 1);
      if (end < 0) throw new XmlError(`unterminated attribute ${a[0]}`);
      if (a[0] in attrs) throw new XmlError(`repeated attribute ${a[0]} in <${name}>`);
      attrs[a[0]] = decode(doc.slice(i + 1, end), i);
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = "";
    for (;;) {
      if (i >= doc.length) throw new XmlError(`<${name}> is never closed`);
      if (rest().startsWith("</")) {
        i += 2;
        const close = NAME.exec(rest());
        if (!close || close[0] !== name) throw new XmlError(`<${name}> closed by </${close?.[0] ?? "?"}> at offset ${i}`);
        i += close[0].length;
        skipSpace();
        if (doc[i] !== ">") throw new XmlError(`malformed end tag </${name} at offset ${i}`);
        i++;
        return { name, attrs, children, text };
      }
      if (rest().startsWith("<!--")) {
        const end = doc.indexOf("-->", i + 4);
        if (end < 0) throw new XmlError("unterminated comment");
        i = end + 3;
      } else if (rest().startsWith("<![CDATA[")) {
        const end = doc.indexOf("]]>", i);
        if (end < 0) throw new XmlError("unterminated CDATA");
        text += doc.slice(i + 9, end);
        i = end + 3;
      } else if (doc[i] === "<") {
        children.push(element());
      } else {
        const end = doc.indexOf("<", i);
        const raw = doc.slice(i, end < 0 ? doc.length : end);
        if (raw.includes("]]>")) throw new XmlError(`"]]>" in text at offset ${i}`);
        text += decode(raw, i);
        i += raw.length;
      }
    }
  }
}

const ATOM_NS = "http://www.w3.org/2005/Atom";
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const IRI = /^(https?:\/\/[^\s]+|tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:[^\s]+)$/;

export interface AtomFeedParsed {
  root: XmlElement;
  id: string;
  title: string;
  updated: string;
  self: string;
  entries: { id: string; title: string; updated: string; link: string; summary: string; category: string | null }[];
}

const one = (parent: XmlElement, name: string, where: string): XmlElement => {
  const found = parent.children.filter((c) => c.name === name);
  if (found.length !== 1) throw new XmlError(`${where} must have exactly one <${name}>, has ${found.length}`);
  return found[0]!;
};

/**
 * Parses an Atom feed and checks what RFC 4287 requires: the namespace; a feed with exactly one
 * id (an IRI), title and updated (RFC 3339), a rel="self" link and an author (on the feed, as no
 * entry has its own); entries each with exactly one id, title and updated, an alternate link, and
 * a summary or content; ids unique.
 */
export function parseAtom(doc: string): AtomFeedParsed {
  const root = parseXml(doc);
  if (root.name !== "feed" || root.attrs.xmlns !== ATOM_NS) throw new XmlError(`root must be <feed xmlns="${ATOM_NS}">`);
  const id = one(root, "id", "feed").text.trim();
  if (!IRI.test(id)) throw new XmlError(`feed id is not an IRI: ${id}`);
  const title = one(root, "title", "feed").text;
  const updated = one(root, "updated", "feed").text.trim();
  if (!DATE.test(updated)) throw new XmlError(`feed updated is not an RFC 3339 date: ${updated}`);
  const links = root.children.filter((c) => c.name === "link");
  const self = links.filter((l) => l.attrs.rel === "self");
  if (self.length !== 1 || !self[0]!.attrs.href) throw new XmlError("feed must have one link rel=self with an href");
  const authors = root.children.filter((c) => c.name === "author");
  if (authors.length === 0 || authors.some((a) => a.children.filter((c) => c.name === "name").length !== 1)) throw new XmlError("feed must have an author with a name");
  const seen = new Set<string>();
  const entries = root.children
    .filter((c) => c.name === "entry")
    .map((e, n) => {
      const where = `entry ${n + 1}`;
      const eid = one(e, "id", where).text.trim();
      if (!IRI.test(eid)) throw new XmlError(`${where}: id is not an IRI: ${eid}`);
      if (seen.has(eid)) throw new XmlError(`${where}: id ${eid} repeats`);
      seen.add(eid);
      const eupdated = one(e, "updated", where).text.trim();
      if (!DATE.test(eupdated)) throw new XmlError(`${where}: updated is not an RFC 3339 date`);
      const alternate = e.children.filter((c) => c.name === "link" && (c.attrs.rel ?? "alternate") === "alternate");
      if (alternate.length === 0 || !alternate[0]!.attrs.href) throw new XmlError(`${where}: no alternate link`);
      const summary = e.children.filter((c) => c.name === "summary" || c.name === "content");
      if (summary.length === 0) throw new XmlError(`${where}: neither summary nor content`);
      const category = e.children.find((c) => c.name === "category")?.attrs.term ?? null;
      return { id: eid, title: one(e, "title", where).text, updated: eupdated, link: alternate[0]!.attrs.href!, summary: summary[0]!.text, category };
    });
  return { root, id, title, updated, self: self[0]!.attrs.href!, entries };
}
