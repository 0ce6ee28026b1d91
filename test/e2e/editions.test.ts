import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEV_ADMIN_TOKEN } from "../../scripts/local-stack";
import { launchBrowser } from "./browser";
import { axeViolations } from "./page-helpers";

const skip = inject("browserSkipReason");
const base = inject("baseUrl");

async function publish(body: Record<string, unknown>) {
  const res = await fetch(`${base}/api/admin/editions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${DEV_ADMIN_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`publish answered ${res.status}: ${text}`);
  return JSON.parse(text) as { id: string; citation: string; counts: { entered: number; left: number } };
}

describe.skipIf(skip !== "")("an edition page in the browser", () => {
  let browser: Browser;
  let latest: { id: string; citation: string; counts: { entered: number; left: number } };
  let diff: { sincePrevious: { entered: { code: string }[]; left: { code: string }[] } };

  beforeAll(async () => {
    browser = await launchBrowser();
    // Two years of the demo's default list at grunnkrets level, published through the admin route.
    await publish({ ruleset: "norway_default", year: 2023, level: "grunnkrets" });
    latest = await publish({ ruleset: "norway_default", year: 2024, level: "grunnkrets" });
    diff = (await (await fetch(`${base}/api/v1/editions/${latest.id}/diff`)).json()) as typeof diff;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the citation line, who entered and left since the previous year, and working download links", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // The year's address shows its current edition.
    await page.goto(`${base}/levekar/utgaver/2024?lang=en`);
    await page.locator(`article[data-edition="${latest.id}"]`).waitFor();
    expect(await page.locator("h1").textContent()).toContain("Levekårsområder 2024, utgave");
    expect((await page.locator("[data-citation]").textContent())!.trim()).toBe(latest.citation);
    expect(latest.citation).toMatch(/^IMDi \(\d{4}\)\. Levekårsområder 2024, utgave \d+\. Områdemonitoren\. http\S+\/levekar\/utgaver\/2024-\d+$/);

    // Entered and left: the same areas as the API's diff, in the same order.
    const shown = async (which: string) => page.locator(`[data-moves="${which}"] li`).evaluateAll((lis) => lis.map((li) => li.getAttribute("data-code")));
    expect(diff.sincePrevious.entered.length + diff.sincePrevious.left.length).toBeGreaterThan(0);
    expect(await shown("entered")).toEqual(diff.sincePrevious.entered.map((m) => m.code));
    expect(await shown("left")).toEqual(diff.sincePrevious.left.map((m) => m.code));

    // Both downloads answer and parse.
    for (const format of ["csv", "jsonstat2"]) {
      const link = page.locator(`a[data-format="${format}"]`);
      const url = new URL((await link.getAttribute("href"))!, base).toString();
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      const body = await res.text();
      if (format === "csv") {
        const [meta, header, first] = body.split("\n");
        expect(meta).toContain(latest.citation);
        expect(header!.startsWith("edition,area_code,area_name")).toBe(true);
        expect(first!.startsWith(`${latest.id},`)).toBe(true);
      } else {
        expect(JSON.parse(body)).toMatchObject({ version: "2.0", class: "dataset", extension: { edition: { id: latest.id } } });
      }
    }
    expect(errors).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("lists the editions, each linking to its page, and is reachable from the footer", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(`${base}/`);
    await page.locator(".site-footer a[href^='/levekar/utgaver']").click();
    await page.locator(`tr[data-edition="${latest.id}"]`).waitFor();
    expect(await page.locator("tr[data-edition]").count()).toBeGreaterThanOrEqual(2);
    // No horizontal scroll on a phone, and nothing axe objects to.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator(`tr[data-edition="${latest.id}"] a`).click();
    await page.locator("[data-citation]").waitFor();
    expect(page.url()).toContain(`/levekar/utgaver/${latest.id}`);
    // The footer also leads to the API docs, in Norwegian for a Norwegian page.
    expect(await page.locator(".site-footer a[href*='/api/docs']").getAttribute("href")).toBe("/api/docs?lang=nb");
    await page.close();
  });
});
