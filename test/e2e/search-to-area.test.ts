import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";
import { openAllDetails, settled } from "./page-helpers";

const skip = inject("browserSkipReason");
const base = inject("baseUrl");

describe.skipIf(skip !== "")("citizen finds their area in the browser", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("runs every view under the strict CSP (script-src 'self') without a single violation", { timeout: 600_000 }, async () => {
    const p = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    const violations: string[] = [];
    // Playwright's init script is not subject to the page's policy; the page's own code is.
    await p.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    p.on("console", (m) => {
      if (/Content Security Policy|CSP violation/i.test(m.text())) violations.push(m.text());
    });
    const errors: string[] = [];
    p.on("pageerror", (e) => errors.push(e.message));
    for (const path of ["/", "/omrade/5501", "/omrade/0301", "/sammenlign?omrader=0301,5501", "/om", "/segregasjon/0301", "/levekar", "/widget"]) {
      const res = await p.goto(`${base}${path}`);
      expect(res!.headers()["content-security-policy"], path).toContain("script-src 'self'");
      await settled(p);
    }
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await p.close();
  });

  async function openFresh() {
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(base);
    return errors;
  }

  it("searches 'tromso' with the keyboard, opens Tromsø and sees its cards", async () => {
    const errors = await openFresh();
    const box = page.getByRole("combobox");
    await box.fill("tromso");
    const option = page.getByRole("option").filter({ hasText: "Tromsø" }).first();
    await option.waitFor();
    await box.press("ArrowDown");
    await box.press("Enter");
    await page.waitForURL(/\/omrade\/5501/);
    await expect.poll(() => page.locator("h1").innerText()).toContain("Tromsø");
    const cards = page.locator("article.card");
    await cards.first().waitFor();
    // On a phone the themes after the first are closed: opened, every card shows.
    await openAllDetails(page);
    expect(await cards.count()).toBeGreaterThanOrEqual(10);
    // The numbers are synthetic and the page says so.
    expect(await page.getByText(/syntetiske/i).count()).toBeGreaterThan(0);
    // A card shows a value with its period and a comparison with Norway.
    const text = await cards.first().innerText();
    expect(text).toMatch(/20\d\d/);
    expect(text).toMatch(/Norge/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("finds a Sami double name without Sami letters and shows suppressed values as words, never 0", async () => {
    await openFresh();
    const box = page.getByRole("combobox");
    await box.fill("karasjok");
    await page.getByRole("option").filter({ hasText: "Karasjok" }).first().click();
    await page.waitForURL(/\/omrade\/5610/);
    await page.locator("article.card").first().waitFor();
    // Some of Karasjok's grunnkretser are tiny: open each until a suppressed value shows.
    const children = await page.locator("ul.children a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    let found = false;
    for (const href of children) {
      await page.goto(href);
      await page.locator("article.card").first().waitFor();
      await openAllDetails(page);
      // In a card: tables behind toggles and map areas carry the same attribute, unseen.
      const suppressed = page.locator('article.card [data-status=":"]');
      if ((await suppressed.count()) > 0) {
        expect(await suppressed.first().innerText()).toMatch(/skjermet/i);
        found = true;
        break;
      }
    }
    expect(found, "some Karasjok grunnkrets should have a suppressed value").toBe(true);
    await page.close();
  });

  it("switches to English and keeps the page", async () => {
    await openFresh();
    await page.goto(`${base}/omrade/0301`);
    await page.locator("article.card").first().waitFor();
    // On a phone the language switch sits in the header's menu.
    const menu = page.locator(".menu-toggle");
    if (await menu.isVisible()) await menu.click();
    await page.getByRole("link", { name: /english/i }).or(page.getByRole("button", { name: /english/i })).first().click();
    await expect.poll(() => page.locator("body").innerText()).toMatch(/Norway/);
    expect(page.url()).toContain("/omrade/0301");
    await page.close();
  });
});
