import { WEB_CSP } from "../../worker/embed/security";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, ElementHandle, Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AreaBody } from "../../worker/api/schemas";
import { buildEmbedScript, GENERATED, generatedModule } from "../../scripts/build-embed";
import { freePort } from "../../scripts/local-stack";
import { iframeSnippet } from "../../web/src/embed/snippets";
import { launchBrowser } from "./browser";

const skip = inject("browserSkipReason");
const base = inject("baseUrl");
/** The real figures: no demo banner in the cards, so their height is what sites will see. */
const realBase = inject("realBaseUrl");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

describe("embed.js build", () => {
  it("the served script is built from its current source", async () => {
    expect(readFileSync(GENERATED, "utf8"), "run: npx tsx scripts/build-embed.ts").toBe(generatedModule(await buildEmbedScript()));
  });
});

/** The digits of a shown value ("12,9 %", "NOK 585,200", "717 710") as a number. */
function shownNumber(text: string, lang: "nb" | "en"): number {
  const digits = text.replace(lang === "nb" ? /[^\d,−-]/g : /[^\d.−-]/g, "").replace(",", ".").replace("−", "-");
  return Number(digits);
}

const DECIMALS = { count: 0, percent: 1, per1000: 1, nok: 0, years: 1, points: 1 } as const;

async function api(code: string): Promise<AreaBody> {
  return (await (await fetch(`${base}/api/v1/areas/${code}`)).json()) as AreaBody;
}

/** Every card in the frame shows the latest value the API serves for that area and indicator. */
async function expectNumbersMatchApi(frame: Frame, code: string, lang: "nb" | "en") {
  const body = await api(code);
  const shown = await frame.$$eval("article.card", (cards) =>
    cards.map((c) => ({ indicator: c.getAttribute("data-indicator")!, value: c.querySelector(".card-latest .value")!.textContent!, period: c.querySelector(".card-latest .period")?.textContent ?? "" })),
  );
  expect(shown.length).toBeGreaterThan(0);
  for (const s of shown) {
    const card = body.cards.find((c) => c.indicator === s.indicator)!;
    expect(card.latest?.value, s.indicator).not.toBeNull();
    expect(shownNumber(s.value, lang), s.indicator).toBeCloseTo(card.latest!.value!, DECIMALS[card.unit]);
    expect(s.period).toContain(String(card.latest!.period));
  }
  return shown.map((s) => s.indicator);
}

/** The iframe's height and its document's content height, once the card has loaded. */
async function heights(frame: ElementHandle<HTMLIFrameElement>) {
  const content = (await frame.contentFrame())!;
  await content.waitForSelector("main");
  return {
    iframe: await frame.evaluate((f) => f.getBoundingClientRect().height),
    content: await content.evaluate(() => document.documentElement.getBoundingClientRect().height),
  };
}

async function expectFitted(frame: ElementHandle<HTMLIFrameElement>) {
  await expect.poll(async () => {
    const h = await heights(frame);
    return Math.abs(h.iframe - h.content);
  }, { timeout: 10_000 }).toBeLessThanOrEqual(2);
}

describe.skipIf(skip !== "")("in the browser", () => {
  let browser: Browser;
  let host: Server;
  let hostUrl: string;
  /** What the third-party site serves at /pasted: a snippet copied from the builder. */
  let pasted = "";

  const hostPage = () => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Municipality of Example: our neighbourhoods</title>
<style>body { font: 18px/1.5 Georgia, serif; margin: 0 } .slot { width: 560px; margin: 16px }</style></head>
<body>
<main>
<h1>Our neighbourhoods</h1>
<div class="slot"><div id="oslo" data-area-monitor="0301" data-indicators="low_income_persistent,unemployment,population"><a href="${base}/omrade/0301">Figures for Oslo</a></div></div>
<div class="slot"><div id="karasjok" data-area-monitor="5610" data-indicators="population" data-lang="en" data-theme="dark"></div></div>
<div class="slot"><iframe id="tromso" src="${base}/embed/5501?indicators=median_income&amp;lang=en" title="Tromsø: median income" height="200" loading="lazy" style="border:0;width:100%"></iframe></div>
</main>
<script src="${base}/embed.js" async></script>
</body>
</html>`;

  beforeAll(async () => {
    browser = await launchBrowser();
    // The third-party site: another origin (its own port), serving nothing but its page.
    host = createServer((req, res) => {
      // No favicon, without a 404 in the console that would read as one of the widget's errors.
      if (req.url === "/favicon.ico") return void res.writeHead(204).end();
      const page = req.url === "/" ? hostPage() : req.url?.startsWith("/pasted") ? `<!doctype html><title>Pasted</title><body style="margin:0">${pasted}</body>` : null;
      res.writeHead(page ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
      res.end(page ?? "not found");
    });
    const port = await freePort();
    await new Promise<void>((resolve) => host.listen(port, "127.0.0.1", resolve));
    hostUrl = `http://127.0.0.1:${port}/`;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => host?.close(resolve));
  });

  async function openHost(context?: BrowserContext) {
    const page = await (context ?? browser).newPage();
    await page.setViewportSize({ width: 1000, height: 3000 });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // Console errors and warnings of the host page and of its frames (e.g. a postMessage to a
    // frame whose document is not yet the card's).
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(`console ${m.type()}: ${m.text()}`);
    });
    await page.goto(hostUrl);
    return { page, errors };
  }

  /** A page of another site holding `html` in a column `width` px wide; the frame's and its card's heights. */
  async function pastedAt(html: string, width: number) {
    pasted = `<div style="width:${width}px">${html}</div>`;
    const page = await browser.newPage({ viewport: { width: width + 40, height: 900 } });
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
    });
    await page.goto(`${hostUrl}pasted?w=${width}`);
    const frame = (await page.waitForSelector("iframe")) as ElementHandle<HTMLIFrameElement>;
    await frame.scrollIntoViewIfNeeded();
    const content = (await frame.contentFrame())!;
    await content.waitForSelector("article.card");
    const h = await heights(frame);
    await page.close();
    return { ...h, errors };
  }

  it("turns script widgets and a plain iframe into cards that fit their content and show the API's numbers", async () => {
    const { page, errors } = await openHost();
    const oslo = (await page.waitForSelector("#oslo iframe")) as ElementHandle<HTMLIFrameElement>;
    const karasjok = (await page.waitForSelector("#karasjok iframe")) as ElementHandle<HTMLIFrameElement>;
    const tromso = (await page.$("#tromso")) as ElementHandle<HTMLIFrameElement>;

    // The placeholder became a lazy iframe with a title (the card's own, once it has loaded).
    expect(await oslo.getAttribute("loading")).toBe("lazy");
    await expect.poll(() => oslo.getAttribute("title")).toBe("Oslo – Områdemonitor");
    await expect.poll(() => karasjok.getAttribute("title")).toMatch(/Karasjok – Area monitor/);
    // A plain iframe keeps the title its author wrote.
    expect(await tromso.getAttribute("title")).toBe("Tromsø: median income");

    for (const frame of [oslo, karasjok, tromso]) await expectFitted(frame);
    // Each is sized on its own: three cards, one card, one card of another area.
    const [h1, h2, h3] = await Promise.all([oslo, karasjok, tromso].map((f) => f.evaluate((e) => e.getBoundingClientRect().height)));
    expect(h1).toBeGreaterThan(h2! + 100);
    expect(h3).not.toBe(200);

    const osloFrame = (await oslo.contentFrame())!;
    expect(await expectNumbersMatchApi(osloFrame, "0301", "nb")).toEqual(["low_income_persistent", "unemployment", "population"]);
    expect(await osloFrame.locator("h1").innerText()).toContain("Oslo");
    expect(await osloFrame.locator("[data-synthetic]").innerText()).toMatch(/syntetiske/);
    expect(await expectNumbersMatchApi((await tromso.contentFrame())!, "5501", "en")).toEqual(["median_income"]);
    const karasjokFrame = (await karasjok.contentFrame())!;
    expect(await expectNumbersMatchApi(karasjokFrame, "5610", "en")).toEqual(["population"]);
    expect(await karasjokFrame.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe("dark");

    // The card's rem units follow the host page's font size (18px here, not the default 16px).
    expect(await osloFrame.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("18px");
    // The link to the full area page points to the monitor.
    expect(await osloFrame.locator("a", { hasText: "Se alle tall for Oslo" }).getAttribute("href")).toBe(`${base}/omrade/0301`);

    expect(errors).toEqual([]);
    await page.close();
  });

  it("ignores height messages from another origin, another widget's id or another window", async () => {
    const { page } = await openHost();
    const oslo = (await page.waitForSelector("#oslo iframe")) as ElementHandle<HTMLIFrameElement>;
    const karasjok = (await page.waitForSelector("#karasjok iframe")) as ElementHandle<HTMLIFrameElement>;
    await expectFitted(oslo);
    await expectFitted(karasjok);
    const before = await Promise.all([oslo, karasjok].map((f) => f.evaluate((e) => e.style.height)));
    const osloId = await oslo.evaluate((f) => new URL(f.src).hash.slice(1));
    const karasjokId = await karasjok.evaluate((f) => new URL(f.src).hash.slice(1));
    expect(osloId).not.toBe(karasjokId);

    // The host page itself (wrong origin) posts a height with the right id.
    await page.evaluate((id) => postMessage({ type: "area-monitor:size", id, height: 7 }, "*"), osloId);
    // The Oslo card (right origin) posts a height naming the Karasjok widget, and one with a wrong id.
    const osloFrame = (await oslo.contentFrame())!;
    await osloFrame.evaluate((id) => parent.postMessage({ type: "area-monitor:size", id, height: 9 }, "*"), karasjokId);
    await osloFrame.evaluate(() => parent.postMessage({ type: "area-monitor:size", id: "w99-forged", height: 11 }, "*"));
    await page.waitForTimeout(300);
    expect(await Promise.all([oslo, karasjok].map((f) => f.evaluate((e) => e.style.height)))).toEqual(before);

    // The genuine message is obeyed: a card that grows (its details opened) grows its frame.
    await osloFrame.locator("details summary").first().click();
    await expect.poll(() => oslo.evaluate((e) => e.style.height)).not.toBe(before[0]);
    await expectFitted(oslo);
    await page.close();
  });

  it("sizes the plain iframe snippet to its card at phone, column and wide widths, with no script", async () => {
    for (const [indicators, cards] of [["population", 1], [undefined, 3]] as const) {
      const html = iframeSnippet(realBase, { code: "0301", ...(indicators && { indicators }) }, { title: "Oslo", cards });
      for (const width of [360, 600, 1000]) {
        const h = await pastedAt(html, width);
        const at = `${cards} card(s) at ${width} px`;
        // Nothing cut off, and no more than a little empty space below the card.
        expect(h.iframe, at).toBeGreaterThanOrEqual(h.content - 1);
        expect(h.iframe, at).toBeLessThanOrEqual(h.content * 1.3);
        expect(h.errors, at).toEqual([]);
      }
    }
  });

  it("oEmbed answers with the card's real size at the width asked for", async () => {
    for (const maxwidth of [360, 600]) {
      const url = `${realBase}/oembed?url=${encodeURIComponent(`${realBase}/omrade/0301`)}&maxwidth=${maxwidth}`;
      const body = (await (await fetch(url)).json()) as { html: string; width: number; height: number };
      expect(body.width).toBe(maxwidth);
      // Pasted into a wider column, as a CMS does: the frame takes the size oEmbed announced.
      const h = await pastedAt(body.html, 900);
      expect(Math.abs(h.iframe - body.height), `${maxwidth}`).toBeLessThanOrEqual(1);
      expect(body.height, `${maxwidth}`).toBeGreaterThanOrEqual(h.content - 1);
      expect(body.height, `${maxwidth}`).toBeLessThanOrEqual(h.content * 1.3);
    }
  });

  it("works with JavaScript disabled: the card is all server-rendered HTML", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    // Directly, as a page of its own.
    const page = await context.newPage();
    const res = await page.goto(`${base}/embed/0301?indicators=low_income_persistent,population`);
    expect(res!.status()).toBe(200);
    expect(await page.locator("h1").innerText()).toContain("Oslo");
    await expectNumbersMatchApi(page.mainFrame(), "0301", "nb");
    expect(await page.locator("svg.sparkline").count()).toBe(2);
    // A change in the indicator's own words ("Større andel …", "Færre …"), or no clear change.
    expect(await page.locator("[data-trend] .trend-words").first().innerText()).toMatch(/^(Større|Mindre|Flere|Færre|Høyere|Lavere|Økende|Synkende|Ingen klar endring|Ukjent utvikling)/);
    // And in a plain iframe on the third-party page.
    const { page: hostPage } = await openHost(context);
    const tromso = (await hostPage.waitForSelector("#tromso")) as ElementHandle<HTMLIFrameElement>;
    const frame = (await tromso.contentFrame())!;
    await frame.waitForSelector("article.card");
    await expectNumbersMatchApi(frame, "5501", "en");
    // Without embed.js the script widget stays a working link.
    expect(await hostPage.locator("#oslo a").getAttribute("href")).toBe(`${base}/omrade/0301`);
    await context.close();
  });

  it("shows a readable error card, not a blank frame, for an unknown area or indicator", async () => {
    const page = await browser.newPage();
    const missing = await page.goto(`${base}/embed/9999?lang=en`);
    expect(missing!.status()).toBe(404);
    expect(await page.locator("h1").innerText()).toBe("Area not found");
    const bad = await page.goto(`${base}/embed/0301?indicators=nope`);
    expect(bad!.status()).toBe(400);
    expect(await page.locator("main").innerText()).toMatch(/nope/);
    await page.close();
  });

  it("has no accessibility violations (axe-core), light and dark, card and error card", async () => {
    // The card's CSP admits only its own script; axe is injected by the test, so the policy is bypassed here.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const path of [
      "/embed/0301?indicators=low_income_persistent,unemployment,population",
      "/embed/030169?indicators=low_income_persistent,median_income&lang=en&theme=dark",
      "/embed/5610?lang=nn",
      "/embed/9999",
    ]) {
      await page.goto(`${base}${path}`);
      await page.evaluate(readFileSync(AXE, "utf8"));
      const result = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[]; passes: unknown[] }> } }).axe;
        const { violations, passes } = await axe.run();
        return { violations: violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(" ")}`), passed: passes.length };
      });
      expect(result.violations, path).toEqual([]);
      expect(result.passed, path).toBeGreaterThan(10);
    }
    await context.close();
  });

  it("builder page: picks an area, indicators, language and theme, previews the card and copies the snippets", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 1600 }, permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "Vis tallene på ditt nettsted" }).click();
    await page.waitForURL(/\/widget/);

    await page.getByLabel("Søk etter område (navn eller kode)").fill("tromso");
    await page.getByRole("button", { name: /^Tromsø/ }).first().click();
    await expect.poll(() => page.locator(".embed-builder-chosen").innerText()).toContain("Tromsø (5501)");

    await page.getByRole("checkbox", { name: "Registrert ledighet" }).check();
    await page.getByRole("checkbox", { name: "Folkemengde" }).check();
    // The snippet's own words follow the card's language, not the page's.
    await page.getByRole("radio", { name: "Nynorsk" }).check();
    await expect.poll(() => page.locator("textarea").first().inputValue()).toContain(">Sjå tal for Tromsø i Områdemonitor</a>");
    await page.getByRole("radio", { name: "English" }).check();
    await page.getByRole("radio", { name: "Mørk" }).check();

    const expectedSrc = `${base}/embed/5501?indicators=unemployment,population&lang=en&theme=dark`;
    const preview = page.locator("iframe.embed-builder-preview");
    await expect.poll(() => preview.getAttribute("src")).toBe(`${expectedSrc}#preview`);
    const frame = (await (await preview.elementHandle())!.contentFrame())!;
    await frame.waitForSelector('article[data-indicator="population"]');
    expect(await frame.locator("h1").innerText()).toContain("Tromsø");
    await expectFitted((await preview.elementHandle()) as ElementHandle<HTMLIFrameElement>);

    await page.getByRole("button", { name: "Kopier skriptkoden" }).click();
    await expect.poll(() => page.getByText("Koden er kopiert.").count()).toBe(1);
    const script = await page.evaluate(() => navigator.clipboard.readText());
    expect(script).toContain('<div data-area-monitor="5501" data-indicators="unemployment,population" data-lang="en" data-theme="dark">');
    expect(script).toContain(`<script src="${base}/embed.js" async></script>`);
    expect(script).toContain(">See figures for Tromsø in the Area monitor</a>");

    await page.getByRole("button", { name: "Kopier iframe-koden" }).click();
    const iframe = await page.evaluate(() => navigator.clipboard.readText());
    expect(iframe).toContain(`<iframe src="${expectedSrc.replaceAll("&", "&amp;")}" title="Tromsø – Area monitor"`);

    // The snippets work: pasted into another site's page, they render the card previewed.
    pasted = `${script}\n${iframe}`;
    const other = await context.newPage();
    await other.goto(`${hostUrl}pasted`);
    for (const frame of await other.$$("iframe")) {
      await frame.scrollIntoViewIfNeeded();
      await (await frame.contentFrame())!.waitForSelector('article[data-indicator="unemployment"]');
    }
    expect(await other.locator("iframe").count()).toBe(2);
    await other.close();

    await page.evaluate(readFileSync(AXE, "utf8"));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string }[] }> } }).axe;
      return (await axe.run({ exclude: [["iframe"]] }, {})).violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.skipIf(skip !== "")("oEmbed discovery, on the running product", () => {
  it("gives every area page a discovery link to its oEmbed, which a CMS can follow to the card", async () => {
    const page = await fetch(`${base}/omrade/0301?lang=en`);
    expect(page.status).toBe(200);
    const html = await page.text();
    // Still the web app's page, with the link in its head.
    expect(html).toContain('<div id="app">');
    const head = html.slice(0, html.indexOf("</head>"));
    const href = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)">/.exec(head)?.[1]?.replaceAll("&amp;", "&");
    expect(href).toBe(`${base}/oembed?url=${encodeURIComponent(`${base}/omrade/0301?lang=en`)}`);
    const oembed = (await (await fetch(href!)).json()) as { type: string; html: string };
    expect(oembed.type).toBe("rich");
    expect(oembed.html).toContain(`src="${base}/embed/0301?lang=en"`);
    // Other pages under /omrade/ are the web app's as before, without a link.
    for (const path of ["/omrade/", "/omrade/not-a-code"]) {
      const other = await fetch(`${base}${path}`);
      expect(other.status, path).toBe(200);
      expect(await other.text(), path).not.toContain("json+oembed");
    }
  });
});

describe.skipIf(skip !== "")("who may frame what, on the running product", () => {
  it("lets other sites frame the embed card, and the web app's own pages only from its origin", async () => {
    const csp = async (path: string) => (await fetch(`${base}${path}`)).headers.get("content-security-policy");
    // Static files and the single-page app's routes get their headers from web/public/_headers;
    // /omrade/* from the Worker, with the same policy.
    for (const path of ["/", "/omrade/0301", "/widget", "/sammenlign"]) {
      expect(await csp(path), path).toBe(WEB_CSP);
    }
    expect(await csp("/embed/0301")).toContain("frame-ancestors *");
    for (const path of ["/", "/omrade/0301", "/api/v1/areas/0301", "/embed/0301", "/assets/no-such.js"]) {
      const headers = (await fetch(`${base}${path}`)).headers;
      expect(headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(headers.get("strict-transport-security"), path).toMatch(/^max-age=/);
    }
  });
});
