import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { ROOT } from "../../scripts/local-stack";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AreaBody } from "../../worker/api/schemas";
import { WEB_CSP } from "../../worker/embed/security";
import { parseAtom } from "../worker/atom-check";
import { launchBrowser } from "./browser";

const skip = inject("browserSkipReason");
const base = inject("realBaseUrl");
const SHOTS = join(ROOT, "test-results", "screenshots");

/** Screenshots at desktop and phone width, for a person to look at (test-results/screenshots/). */
async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [label, width] of [["desktop", 1280], ["phone", 390]] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${label}.png`) });
  }
}

/** The content of a <meta> in served HTML. */
const meta = (html: string, attr: string, key: string) => new RegExp(`<meta ${attr}="${key}" content="([^"]*)">`).exec(html)?.[1];

describe.skipIf(skip !== "")("Atom feeds and the area page's head, as npm start serves them", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("an area page shows a feed link; following it gives Atom XML that Chromium's XML parser reads, and the head carries the same feed", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/omrade/5501`);
      const link = page.locator("a[data-feed='5501']");
      await link.waitFor({ state: "visible" });
      expect((await link.textContent())?.trim()).toBe("Følg med (Atom)");
      const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
      expect(href).toBe(`${base}/feeds/omrade/5501.atom`);
      await shoot(page, "area-feed-link");
      const discovered = await page.evaluate(() => (document.querySelector('head link[rel="alternate"][type="application/atom+xml"]') as HTMLLinkElement | null)?.href);
      expect(discovered).toBe(href);

      const feed = await page.evaluate(async (url) => {
        const res = await fetch(url);
        const text = await res.text();
        const doc = new DOMParser().parseFromString(text, "application/xml");
        const root = doc.documentElement;
        return {
          status: res.status,
          type: res.headers.get("content-type"),
          etag: res.headers.get("etag"),
          text,
          error: doc.getElementsByTagName("parsererror").length > 0,
          root: root.localName,
          ns: root.namespaceURI,
          title: root.getElementsByTagName("title")[0]?.textContent,
          self: Array.from(root.getElementsByTagName("link")).find((l) => l.getAttribute("rel") === "self")?.getAttribute("href"),
        };
      }, href);
      expect(feed.status).toBe(200);
      expect(feed.type).toBe("application/atom+xml; charset=utf-8");
      expect(feed.etag).toMatch(/^"v\d+/);
      expect(feed.error).toBe(false);
      expect(feed.root).toBe("feed");
      expect(feed.ns).toBe("http://www.w3.org/2005/Atom");
      expect(feed.title).toBe("Tromsø: nye tall og endringer");
      expect(feed.self).toBe(href);
      // And by the tests' own strict checker: the feed elements RFC 4287 requires.
      expect(parseAtom(feed.text).id).toBe(href);
    } finally {
      await page.close();
    }
  });

  it("the kommune and list feeds are Atom too", async () => {
    for (const path of ["/feeds/kommune/5501.atom?lang=nn", "/feeds/levekar/norway_default.atom?lang=en", "/api/v1/feeds/area/0?lang=en"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      const atom = parseAtom(await res.text());
      expect(atom.self, path).toBe(`${base}${path.startsWith("/api") ? "/feeds/omrade/0.atom?lang=en" : path}`);
    }
  });

  it("the served area page names the area and its population in title, description and Open Graph tags", async () => {
    const res = await fetch(`${base}/omrade/5501?lang=en`);
    expect(res.headers.get("Content-Security-Policy")).toBe(WEB_CSP);
    const html = await res.text();
    const body = (await (await fetch(`${base}/api/v1/areas/5501`)).json()) as AreaBody;
    const population = body.cards.find((c) => c.indicator === "population")!.latest!;
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain("<title>Tromsø – Area monitor</title>");
    const description = meta(html, "name", "description")!;
    expect(description).toContain(`population ${population.value!.toLocaleString("en-GB")} (${population.periodLabel})`);
    expect(meta(html, "property", "og:title")).toBe("Tromsø – Area monitor");
    expect(meta(html, "property", "og:description")).toBe(description);
    expect(meta(html, "property", "og:url")).toBe(`${base}/omrade/5501?lang=en`);
    expect(meta(html, "property", "og:type")).toBe("website");
    expect(meta(html, "property", "og:locale")).toBe("en_GB");
    expect(meta(html, "property", "og:site_name")).toBe("Area monitor");
    expect(meta(html, "name", "twitter:card")).toBe("summary");
    expect(html).toContain(`<link rel="alternate" type="application/atom+xml" title="Tromsø: new figures and changes (Atom)" href="${base}/feeds/omrade/5501.atom?lang=en">`);
    // A repeat with the page's ETag is answered 304.
    const etag = res.headers.get("ETag")!;
    expect((await fetch(`${base}/omrade/5501?lang=en`, { headers: { "If-None-Match": etag } })).status).toBe(304);
  });

  it("an area page asks for its own code and first figures before any script runs, and the app takes them (one request each); the front page asks for neither", async () => {
    const html = await (await fetch(`${base}/omrade/5501`)).text();
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).not.toContain("<template");
    const chunk = /<link rel="modulepreload" crossorigin href="(\/assets\/Area-[\w-]+\.js)">/.exec(head)?.[1];
    expect(chunk, head).toBeDefined();
    for (const path of ["/api/v1/areas/5501", "/api/v1/indicators", "/api/v1/rulesets"]) expect(head).toContain(`<link rel="preload" as="fetch" crossorigin href="${path}">`);
    const front = await (await fetch(`${base}/`)).text();
    expect(front).toMatch(new RegExp(`<template id="area-preload">[^]*${chunk}[^]*</template>`));

    const page = await browser.newPage();
    const requested: string[] = [];
    const warnings: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    page.on("console", (m) => m.type() !== "log" && warnings.push(m.text()));
    try {
      await page.goto(`${base}/`);
      await page.locator("#home-title").waitFor();
      expect(requested).not.toContain(chunk);
      requested.length = 0;
      await page.goto(`${base}/omrade/5501`);
      await page.locator("[data-testid='status-summary']").waitFor();
      await page.waitForTimeout(3500); // Chromium warns of an unused preload after 3 s
      const count = (path: string) => requested.filter((p) => p === path).length;
      expect({ chunk: count(chunk!), area: count("/api/v1/areas/5501"), indicators: count("/api/v1/indicators"), rulesets: count("/api/v1/rulesets") }).toEqual({ chunk: 1, area: 1, indicators: 1, rulesets: 1 });
      expect(warnings.filter((w) => /preload/i.test(w))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("a visitor without JavaScript reads the cards' figures under the site's header; with JavaScript the app replaces them without showing them, and draws its header over that one", async () => {
    const body = (await (await fetch(`${base}/api/v1/areas/5501`)).json()) as AreaBody;
    const population = body.cards.find((c) => c.indicator === "population")!.latest!;
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await noJs.newPage();
      await page.goto(`${base}/omrade/5501`);
      const row = page.locator(".noscript-figures tr[data-indicator='population']");
      await expect(row.isVisible()).resolves.toBe(true);
      // On the first screen, under the header, not a screen further down.
      expect((await row.boundingBox())!.y).toBeLessThan(page.viewportSize()!.height);
      const cells = await row.locator("td").allTextContents();
      expect(cells[0]!.replace(/\s/g, "")).toBe(population.value!.toLocaleString("nb-NO").replace(/\s/g, ""));
      expect(cells[1]).toBe(population.periodLabel);
      expect(await page.locator(".noscript-figures h1").textContent()).toMatch(/^Tromsø, kommune i \S/);
      // The header drawn before the app is there without it too, in the page's language.
      await page.goto(`${base}/omrade/5501?lang=en`);
      await expect(page.locator("header.site-header a.brand").isVisible()).resolves.toBe(true);
      expect([await page.locator("a.brand").textContent(), await page.locator("a.brand").getAttribute("href")]).toEqual(["Area monitor", "/?lang=en"]);
    } finally {
      await noJs.close();
    }
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/omrade/5501`);
      await page.locator("a[data-feed='5501']").waitFor();
      expect(await page.locator(".noscript-figures").count()).toBe(0);
      // The app draws its header over that one: one header, one brand.
      expect([await page.locator("header.site-header").count(), await page.locator("a.brand").count()]).toEqual([1, 1]);
    } finally {
      await page.close();
    }
  });

  it("the widget builder shows the area's feed address", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/widget?area=5501&lang=en`);
      const input = page.locator("#feed-url");
      await input.waitFor();
      expect(await input.inputValue()).toBe(`${base}/feeds/omrade/5501.atom?lang=en`);
      await input.scrollIntoViewIfNeeded();
      await shoot(page, "widget-feed-url");
    } finally {
      await page.close();
    }
  });
});
