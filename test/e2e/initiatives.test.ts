import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { InitiativeDetail } from "../../worker/api/initiatives";
import { launchBrowser } from "./browser";
import { api, axeViolations, openAllDetails, pageOpener, SHOTS, withLang } from "./page-helpers";

const skip = inject("browserSkipReason");
const demo = inject("baseUrl");
const real = inject("realBaseUrl");

describe.skipIf(skip !== "")("initiative pages", () => {
  let browser: Browser;
  const onDemo = pageOpener(demo, () => browser);
  const onReal = pageOpener(real, () => browser);

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await onDemo.closeAll();
    await onReal.closeAll();
    await browser?.close();
  });

  it("lists Groruddalssatsingen on the real data as a documented example and opens its page", async () => {
    const { page, errors } = await onReal.open("/initiativ");
    const item = page.locator('.initiative-item[data-id="groruddalssatsingen"]');
    await expect.poll(() => item.innerText()).toMatch(/Dokumentert eksempel/);
    expect(await item.innerText()).toMatch(/Bjerke, Grorud, Stovner, Alna/);
    await item.getByRole("link", { name: "Groruddalssatsingen" }).click();
    await page.waitForURL(/\/initiativ\/groruddalssatsingen/);
    await page.locator(".followup-table").waitFor();
    const main = await page.locator("main").innerText();
    expect(main).toContain("Groruddalssatsingen");
    expect(main).toMatch(/oslo\.kommune\.no/);
    // Real bydel series start in 2004: the shares of children and elderly can be followed up.
    const body = await api<InitiativeDetail>(real, "/api/v1/initiatives/groruddalssatsingen");
    const estimated = body.followUp.filter((f) => f.status === "estimated");
    expect(estimated.length).toBeGreaterThan(0);
    expect(await page.locator(".followup-chart").count()).toBe(1);
    expect(await page.locator(".followup-reading").innerText()).toMatch(/parallelle trender/);
    expect(errors).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/initiative-groruddalen.png`, fullPage: true });
  });

  it("shows the synthetic initiative's planted effect on the demo: chart with the start marked, the table behind it, the estimate in words", async () => {
    const { page, errors } = await onDemo.open(withLang("/initiativ/demo-nabolagsloftet?indikator=low_income_persistent", "en"));
    await page.locator(".followup-chart").waitFor();
    const main = page.locator("main");
    expect(await main.innerText()).toMatch(/synthetic/i);
    expect(await page.locator(".followup-chart-start-label").innerText()).toBe("Start 2018");
    expect(await page.locator(".followup-chart-line").count()).toBeGreaterThanOrEqual(2);
    await openAllDetails(page);
    const table = page.locator(".followup-chart table");
    expect(await table.locator("tbody tr").count()).toBe(12); // 2013–2024
    const finding = await page.locator(".followup-finding").innerText();
    expect(finding).toMatch(/developed lower/);
    expect(finding).toMatch(/95 % interval/);
    const row = page.locator('.followup-table tr[data-indicator="low_income_persistent"]');
    expect(await row.innerText()).toMatch(/Clear difference/);
    expect(errors).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/initiative-demo-desktop.png`, fullPage: true });
  });

  it("switches the indicator from the overview, keeps it in the URL, and reflows on a phone without horizontal scroll", async () => {
    const { page } = await onDemo.open(withLang("/initiativ/demo-hvitveisvollen", "nn"), { viewport: { width: 320, height: 800 } });
    const buttons = page.locator(".followup-table .link-button");
    await buttons.nth(1).click();
    await page.waitForURL(/indikator=/);
    expect(await page.locator(".followup-table tr[aria-current='true'] .link-button").innerText()).toBe(await buttons.nth(1).innerText());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.locator(".followup-reading").innerText()).toMatch(/samanlikn/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/initiative-demo-phone.png`, fullPage: true });
  });

  it("has no axe violations on the list and on an initiative page", async () => {
    for (const path of ["/initiativ", "/initiativ/demo-nabolagsloftet"]) {
      const { page } = await onDemo.open(path);
      await openAllDetails(page);
      expect(await axeViolations(page), path).toEqual([]);
    }
  });

  it("answers an unknown initiative with a not-found page", async () => {
    const { page } = await onDemo.open("/initiativ/no-such-initiative");
    await expect.poll(() => page.locator("main").innerText()).toMatch(/no-such-initiative/);
  });
});
