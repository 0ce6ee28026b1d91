/**
 * The area page's themes on a phone: the first open with its first cards, the others closed
 * with their first figure and count; a theme link in the in-page navigation opens its theme;
 * printing shows every card; the maps wait until the reader nears them. On a wide screen every
 * theme stays open. The page fills in a part per frame, top down. On the synthetic demo; what the page must show is read from the API.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AreaBody } from "../../worker/api/schemas";
import { byTheme } from "../../web/src/pages/Area/themes";
import { launchBrowser } from "./browser";
import { api as apiAt, axeViolations, pageOpener, SHOTS } from "./page-helpers";

const skip = inject("browserSkipReason");
const base = inject("baseUrl");
const api = <T>(path: string) => apiAt<T>(base, path);

/** The themes' names in Bokmål, as the page's button says them ("Vis alle 18 tall om befolkning"). */
const THEMES_NB: Record<string, string> = { population: "befolkning", income: "inntekt", work: "arbeid", education: "utdanning", housing: "bolig", safety: "trygghet", other: "annet" };

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe.skipIf(skip !== "")("area page themes: collapsed on a phone, open on a wide screen, all printed", () => {
  let browser: Browser;
  let opener: ReturnType<typeof pageOpener>;
  /** The demo kommune with the most cards, and its themes in page order. */
  let kommune: AreaBody;
  let groups: ReturnType<typeof byTheme<AreaBody["cards"][number]>>;

  beforeAll(async () => {
    browser = await launchBrowser();
    opener = pageOpener(base, () => browser);
    const norway = await api<AreaBody>("/api/v1/areas/0");
    const fylke = await api<AreaBody>(`/api/v1/areas/${norway.children[0]!.code}`);
    const kommuner = await Promise.all(fylke.children.map((c) => api<AreaBody>(`/api/v1/areas/${c.code}`)));
    kommune = kommuner.sort((a, b) => b.cards.length - a.cards.length)[0]!;
    groups = byTheme(kommune.cards, (c) => c.indicator);
    expect(groups.length, "a kommune with figures under several themes").toBeGreaterThan(2);
  }, 120_000);

  afterAll(async () => {
    await opener?.closeAll();
    await browser?.close();
  });

  const themeOf = (page: Page, theme: string) => page.locator(`.theme-group[data-theme="${theme}"]`);

  it("opens the first theme on a phone and closes the others, each naming its first figure and how many it has", async () => {
    const { page, errors } = await opener.open(`/omrade/${kommune.area.code}`, PHONE);
    const [first, ...rest] = groups;
    const firstGroup = themeOf(page, first!.theme);
    expect(await firstGroup.getAttribute("data-open")).toBe("true");
    expect(await firstGroup.locator(".theme-toggle").getAttribute("aria-expanded")).toBe("true");
    // Its first four cards, and a button for the rest when there are more than five.
    const shown = await firstGroup.locator(".card-cell").count();
    if (first!.items.length > 5) {
      expect(shown).toBe(4);
      await firstGroup.getByRole("button", { name: `Vis alle ${first!.items.length} tall om ${THEMES_NB[first!.theme]}` }).click();
      // The button goes; focus moves to the first card it brought, not back to the page's top.
      await expect.poll(() => page.evaluate(() => document.activeElement?.matches(".card-cell:nth-child(5)") ?? false)).toBe(true);
    }
    await expect.poll(() => firstGroup.locator(".card-cell").count()).toBe(first!.items.length);

    for (const { theme, items } of rest) {
      const group = themeOf(page, theme);
      const toggle = group.locator(".theme-toggle");
      expect(await toggle.getAttribute("aria-expanded"), theme).toBe("false");
      // A closed theme draws none of its cards.
      expect(await group.locator(".card-cell").count(), theme).toBe(0);
      expect(await group.locator(".cards").isVisible(), theme).toBe(false);
      expect(await group.locator(".theme-summary").innerText(), theme).toContain(`${items.length} tall`);
    }
    // No horizontal scroll, and nothing for axe.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);

    // The button opens a theme with all its cards, and closes it again.
    const { theme, items } = rest[0]!;
    const toggle = themeOf(page, theme).locator(".theme-toggle");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => themeOf(page, theme).locator(".card-cell").count()).toBe(items.length);
    expect(await themeOf(page, theme).locator("article.card").first().isVisible()).toBe(true);
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await themeOf(page, theme).locator(".cards").isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it("opens a closed theme from the in-page navigation's theme link, and from an address that names it", async () => {
    const { page } = await opener.open(`/omrade/${kommune.area.code}`, PHONE);
    const { theme, items } = groups[groups.length - 1]!;
    const nav = page.getByRole("navigation", { name: "På denne siden" });
    // The page's parts, then a link to each theme under the figures.
    const parts = ["#status", "#figures", ...(kommune.ancestors.length + kommune.children.length > 0 ? ["#maps-title"] : []), ...(kommune.children.length > 0 ? ["#children"] : [])];
    expect(await nav.locator(":scope > ul > li > a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(parts);
    expect(await nav.locator(".page-nav-themes a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(groups.map((g) => `#theme-${g.theme}`));

    await nav.locator(`a[href="#theme-${theme}"]`).click();
    expect(new URL(page.url()).hash).toBe(`#theme-${theme}`);
    const group = themeOf(page, theme);
    await expect.poll(() => group.locator(".theme-toggle").getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => group.locator(".card-cell").count()).toBe(items.length);
    // The theme's heading is on screen (the page scrolls smoothly there).
    const top = async () => (await group.locator(".theme-title").boundingBox())!.y;
    await expect.poll(top).toBeLessThan(844);
    expect(await top()).toBeGreaterThanOrEqual(-1);

    const linked = await opener.open(`/omrade/${kommune.area.code}#theme-${groups[1]!.theme}`, PHONE);
    expect(await themeOf(linked.page, groups[1]!.theme).getAttribute("data-open")).toBe("true");
    expect(await themeOf(linked.page, groups[1]!.theme).locator(".card-cell").count()).toBe(groups[1]!.items.length);
  });

  it("draws the maps on a phone only when the reader nears them, in their reserved room", async () => {
    const { page } = await opener.open(`/omrade/${kommune.area.code}`, PHONE);
    expect(await page.locator("#maps-title").count()).toBe(1);
    expect(await page.locator(".map-block").count()).toBe(0);
    await page.getByRole("navigation", { name: "På denne siden" }).locator('a[href="#maps-title"]').click();
    await page.locator(".map-block .map-svg").first().waitFor();
    expect(await page.locator("#maps-title").count()).toBe(1);
  });

  it("prints every theme's cards from a phone, without the theme buttons", async () => {
    const { page } = await opener.open(`/omrade/${kommune.area.code}`, PHONE);
    await page.emulateMedia({ media: "print" });
    const cards = page.locator("article.card");
    await expect.poll(() => cards.count()).toBe(kommune.cards.length);
    const hidden = await cards.evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height === 0).length);
    expect(hidden).toBe(0);
    expect(await page.locator(".theme-toggle").first().isVisible()).toBe(false);
    expect(await page.locator(".theme-more").count()).toBe(0);
    await page.pdf({ path: join(SHOTS, "area-themes-phone-print.pdf") });
    // Back on screen, the closed themes are closed again.
    await page.emulateMedia({ media: "screen" });
    await expect.poll(() => themeOf(page, groups[1]!.theme).locator(".card-cell").count()).toBe(0);
  });

  it("keeps every theme open on a wide screen, with plain theme headings", async () => {
    const { page } = await opener.open(`/omrade/${kommune.area.code}`);
    expect(await page.locator(".theme-toggle").count()).toBe(0);
    for (const { theme, items } of groups) expect(await themeOf(page, theme).locator(".card-cell").count(), theme).toBe(items.length);
    await page.screenshot({ path: join(SHOTS, "area-themes-desktop.png"), fullPage: true });
  });

  it("fills in top down, a part per frame: name and status in words, the actions, the status block, then the cards one at a time", async () => {
    // Which animation frame each part first appeared in, counted from the document's start.
    const record = () => {
      const seen: Record<string, number> = {};
      let frame = 0;
      const tick = () => {
        frame++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const mark = (key: string) => {
        if (!(key in seen)) seen[key] = frame;
      };
      new MutationObserver(() => {
        if (document.querySelector("main h1")) mark("title");
        if (document.querySelector(".status-summary")) mark("summary");
        if (document.querySelector(".area-actions")) mark("actions");
        if (document.querySelector("#status")) mark("status");
        document.querySelectorAll("article.card").forEach((_, i) => mark(`card${i}`));
      }).observe(document, { childList: true, subtree: true });
      (window as unknown as { partsSeen: typeof seen }).partsSeen = seen;
    };
    const { page } = await opener.open(`/omrade/${kommune.area.code}`, {}, (context) => context.addInitScript(record));
    const seen = await page.evaluate(() => (window as unknown as { partsSeen: Record<string, number> }).partsSeen);
    const cards = Array.from({ length: kommune.cards.length }, (_, i) => seen[`card${i}`]!);
    expect(cards.every((f) => f !== undefined), "every card drawn in the end").toBe(true);
    expect(seen.summary, "the status in words with the name").toBe(seen.title);
    expect(seen.actions!, "the actions and in-page navigation a frame later").toBeGreaterThan(seen.title!);
    expect(seen.status!, "the status block a frame after them").toBeGreaterThan(seen.actions!);
    expect(cards[0]!, "the cards after the status block").toBeGreaterThan(seen.status!);
    // Top down, one card per frame.
    for (let i = 1; i < cards.length; i++) expect(cards[i]!, `card ${i}`).toBeGreaterThanOrEqual(cards[i - 1]!);
    const perFrame = new Map<number, number>();
    for (const f of cards) perFrame.set(f, (perFrame.get(f) ?? 0) + 1);
    expect(Math.max(...perFrame.values())).toBe(1);
    expect(perFrame.size).toBe(cards.length);
  });
});
