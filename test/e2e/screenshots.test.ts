/**
 * The pages as a reader sees them, on the real figures (as `npm start` serves them): full-page
 * screenshots of home, an area page of a kommune, a bydel and a grunnkrets, /levekar and compare,
 * on a desktop (1280×900) and a phone (390×844), written to test-results/screenshots/ for review
 * (the folder is git-ignored). Alongside, the layout promises that hold on every one of them: a
 * compact header on phones, no horizontal scrolling, and "figures updated <date>" in the footer.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DatasetInfo } from "../../worker/api/schemas";
import { formatDate } from "../../web/src/components/card/format";
import { launchBrowser } from "./browser";
import { api, settled, SHOTS, withLang } from "./page-helpers";

const skip = inject("browserSkipReason");
const base = inject("realBaseUrl");

export const SHOT_PAGES = [
  { name: "home", path: "/" },
  { name: "kommune", path: "/omrade/0301" },
  { name: "bydel", path: "/omrade/030102" },
  { name: "grunnkrets", path: "/omrade/02190101" },
  { name: "levekar", path: "/levekar" },
  { name: "compare", path: "/sammenlign?codes=0301,5501" },
] as const;

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** The header's height limit on a phone: the page's own heading must show on the first screen. */
const PHONE_HEADER_MAX = 100;

describe.skipIf(skip !== "")("screenshots and layout, on the real figures", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(path: string, viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}${path}`);
    await settled(page);
    return { page, errors, close: () => context.close() };
  }

  it("writes a screenshot of every page on desktop and phone, each laid out without horizontal scrolling", async () => {
    const wide: Record<string, number> = {};
    for (const viewport of VIEWPORTS) {
      for (const { name, path } of SHOT_PAGES) {
        const { page, errors, close } = await open(path, viewport);
        await page.screenshot({ path: join(SHOTS, `${name}-${viewport.name}.png`), fullPage: true });
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scroll > viewport.width) wide[`${name} (${viewport.name})`] = scroll;
        expect(errors, `${name} (${viewport.name})`).toEqual([]);
        await close();
      }
    }
    expect(wide).toEqual({});
  }, 240_000);

  it("keeps the header compact on a phone, so the page's heading shows on the first screen", async () => {
    for (const { name, path } of SHOT_PAGES) {
      const { page, close } = await open(path, { width: 390, height: 844 });
      const header = await page.locator(".site-header").boundingBox();
      expect(header!.height, name).toBeLessThanOrEqual(PHONE_HEADER_MAX);
      const heading = await page.locator("main h1").boundingBox();
      expect(heading!.y + heading!.height, name).toBeLessThan(844 / 2);
      // The search stays in view on every page but home (which has its own big one).
      if (name !== "home") expect(await page.locator(".site-header-search input").isVisible(), name).toBe(true);
      await close();
    }
  });

  it("opens the menu and the language switch from the header's button on a phone, and shows them at once on a desktop", async () => {
    const phone = await open("/omrade/0301", { width: 390, height: 844 });
    const menu = phone.page.getByRole("button", { name: "Meny" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    const pages = phone.page.locator("#site-menu");
    expect(await pages.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    expect(await pages.isVisible()).toBe(true);
    await phone.page.getByRole("navigation", { name: "Språk" }).getByRole("link", { name: "English" }).click();
    await phone.page.waitForURL(/lang=en/);
    // A new page closes the menu again.
    expect(await phone.page.getByRole("button", { name: "Menu" }).getAttribute("aria-expanded")).toBe("false");
    await phone.close();

    const desktop = await open("/omrade/0301", { width: 1280, height: 900 });
    expect(await desktop.page.getByRole("button", { name: "Meny" }).isVisible()).toBe(false);
    expect(await desktop.page.getByRole("navigation", { name: "Hovedmeny" }).isVisible()).toBe(true);
    expect(await desktop.page.getByRole("navigation", { name: "Språk" }).isVisible()).toBe(true);
    await desktop.close();
  });

  it("says in the footer when the figures were updated, from the live snapshot, in each language", async () => {
    const { snapshot } = await api<{ snapshot: { dataset: DatasetInfo } }>(base, "/api/health");
    const updated = snapshot.dataset.figuresUpdated;
    const words = { nb: "Tall oppdatert", nn: "Tal oppdaterte", en: "Figures updated" } as const;
    for (const lang of ["nb", "nn", "en"] as const) {
      const { page, close } = await open(withLang("/omrade/0301", lang), { width: 1280, height: 900 });
      const line = page.locator(".site-footer .figures-updated");
      await expect.poll(() => line.innerText(), { timeout: 15_000 }).toBe(`${words[lang]} ${formatDate(updated, lang)}`);
      await close();
    }
  });
});
