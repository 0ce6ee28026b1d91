import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { OverviewResponse } from "../../worker/api/schemas";
import { launchBrowser } from "./browser";
import { api, SHOTS } from "./page-helpers";

const skip = inject("browserSkipReason");
const base = inject("realBaseUrl");

/** The page's layout shifts so far (what Lighthouse sums as CLS), read from the buffered entries. */
const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((done) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) sum += e.value;
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => done(sum), 200);
      }),
  );

describe.skipIf(skip !== "")("home: national overview, what changed, and search (real data)", () => {
  let browser: Browser;
  let overview: OverviewResponse;

  beforeAll(async () => {
    browser = await launchBrowser();
    overview = await api<OverviewResponse>(base, "/api/v1/overview");
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(width: number, height: number) {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}/?lang=nb`);
    await page.locator("h1").first().waitFor();
    return { page, errors };
  }

  it("maps every kommune for the chosen figure and says its year, without moving the page", async () => {
    const { page, errors } = await open(1280, 900);
    const section = page.locator("section.home-overview");
    await section.getByRole("heading", { name: "Kommunene i Norge" }).waitFor();
    const figure = page.locator("figure.national-map");
    // Drawn in slices between other work: every kommune once the map says it is drawn.
    await figure.locator(".map[data-drawn]").waitFor();
    expect(await figure.locator("path.map-area").count()).toBeGreaterThanOrEqual(350);
    const first = overview.indicators[0]!;
    expect(await figure.getAttribute("data-period")).toBe(String(first.period));
    expect(await figure.locator("figcaption").innerText()).toBe(`${first.name.nb}, ${first.periodLabel}, etter kommune`);
    // Another figure: the map and its caption follow, with that figure's own year.
    const other = overview.indicators.find((i) => i.periodLabel !== first.periodLabel) ?? overview.indicators[1]!;
    await section.getByRole("group", { name: "Tall på kartet" }).getByRole("radio", { name: `${other.name.nb} (${other.periodLabel})` }).check();
    await page.locator(`figure.national-map[data-indicator="${other.id}"]`).waitFor();
    await expect.poll(() => figure.locator("figcaption").innerText()).toBe(`${other.name.nb}, ${other.periodLabel}, etter kommune`);
    expect(await layoutShift(page)).toBeLessThan(0.05);
    await page.screenshot({ path: join(SHOTS, "home-overview-desktop.png"), fullPage: true });
    // A kommune on the map opens its page.
    await figure.locator('path.map-area[data-code="5501"]').click();
    await page.waitForURL(/\/omrade\/5501/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says what changed in the latest data, with its date, and the kommuner with the largest clear changes", async () => {
    const { page, errors } = await open(390, 844);
    const changed = page.locator("section.what-changed");
    await changed.getByRole("heading", { name: "Hva er nytt i tallene" }).waitFor();
    const year = overview.dataset!.figuresUpdated.slice(0, 4);
    expect(await changed.locator(".what-changed-dates").innerText()).toMatch(new RegExp(`Tallene ble sist oppdatert \\d{1,2}\\. \\p{L}+ ${year}\\.`, "u"));
    const withChanges = overview.changes.find((c) => c.kommuner.length > 0)!;
    const block = changed.locator(`.what-changed-figure[data-indicator="${withChanges.indicator}"]`);
    const top = withChanges.kommuner[0]!;
    expect(await block.locator("li").first().innerText()).toContain(top.name);
    expect(await block.locator("li a").first().getAttribute("href")).toMatch(new RegExp(`/omrade/${top.code}`));
    // The newest year of each key figure (first snapshot) or the figures that got a new one.
    expect(await changed.locator(".what-changed-periods li").count()).toBe(overview.comparedWithPrevious ? overview.newPeriods.length : overview.indicators.length);
    expect(await layoutShift(page)).toBeLessThan(0.05);
    await page.screenshot({ path: join(SHOTS, "home-overview-phone.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says when nothing matches, and why: addresses are not searched", async () => {
    const { page } = await open(390, 844);
    const box = page.getByRole("combobox", { name: "Søk etter område" });
    await box.fill("Storgata 12");
    const message = page.locator(".search-message[data-no-match]");
    await message.waitFor();
    const text = await message.innerText();
    expect(text).toContain("Ingen områder passer «Storgata 12».");
    expect(text).toMatch(/søker ikke etter adresser/);
    expect(text).toContain("postnummer");
    expect(text).toContain("«Bruk posisjonen min»");
    // Screen readers hear it too.
    await expect.poll(() => page.locator('[role="status"]').first().innerText()).toContain("søker ikke etter adresser");
    await page.screenshot({ path: join(SHOTS, "home-search-no-match-phone.png") });
    await page.close();
  });

  it("finds a kommune by postcode, says so, and Enter opens it", async () => {
    const { page } = await open(1280, 900);
    const box = page.getByRole("combobox", { name: "Søk etter område" });
    await box.fill("0150");
    const option = page.getByRole("option").first();
    await option.waitFor();
    expect(await option.innerText()).toContain("Postnummer 0150 → Oslo");
    await box.press("Enter");
    await page.waitForURL(/\/omrade\/0301/);
    await page.close();
  });

  it("opens the best match on Enter, even when pressed before the suggestions arrive", async () => {
    const { page } = await open(1280, 900);
    const box = page.getByRole("combobox", { name: "Søk etter område" });
    await box.pressSequentially("tromso", { delay: 10 });
    await box.press("Enter");
    await page.waitForURL(/\/omrade\/5501/);
    await page.close();
  });

  it("names the kommune beside the parent of a sub-area in the suggestions", async () => {
    const { page } = await open(1280, 900);
    const box = page.getByRole("combobox", { name: "Søk etter område" });
    await box.fill("gamle oslo");
    const option = page.getByRole("option").filter({ hasText: "Gamle Oslo" }).first();
    await option.waitFor();
    expect(await option.innerText()).toMatch(/Bydel i Oslo/);
    await page.close();
  });
});
