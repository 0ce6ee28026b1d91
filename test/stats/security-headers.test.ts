import { describe, expect, it } from "vitest";
import { COMMON_HEADERS, WEB_CSP } from "../../worker/embed/security";

// Typed by hand: this project is checked with the worker's types, which have no node:fs.
type Fs = { readFileSync(path: URL, encoding: "utf8"): string };
const fs: Fs = await import(/* @vite-ignore */ "node:fs" as string);
const read = (path: string) => fs.readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

/** web/public/_headers, as `path → header → value` (Cloudflare's format: a path line, indented headers). */
function readHeadersFile(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let path = "";
  for (const line of read("web/public/_headers").split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    if (!/^\s/.test(line)) out[(path = line.trim())] = {};
    else {
      const i = line.indexOf(":");
      out[path]![line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
  }
  return out;
}

describe("web/public/_headers", () => {
  it("gives every static file the Worker's web policy and common headers, so pages read the same wherever they are served", () => {
    const all = readHeadersFile()["/*"]!;
    expect(all["Content-Security-Policy"]).toBe(WEB_CSP);
    for (const [name, value] of Object.entries(COMMON_HEADERS)) expect(all[name], name).toBe(value);
  });

  it("allows scripts only from the site itself: no inline script, no eval, no other origin", () => {
    const directives = Object.fromEntries(WEB_CSP.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
    expect(directives["script-src"]).toEqual(["'self'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["base-uri"]).toEqual(["'none'"]);
    expect(WEB_CSP).not.toMatch(/unsafe-|\*|https?:/);
  });

  it("needs no hash: the web app's index.html has no inline script or style", () => {
    const html = read("web/index.html");
    for (const [, attrs, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(attrs, "every script is a file").toMatch(/\ssrc=/);
      expect(body!.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });
});
