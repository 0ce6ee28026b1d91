import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ROOT } from "../../scripts/local-stack";
import { launchBrowser } from "./browser";

const skip = inject("browserSkipReason");
const base = inject("realBaseUrl");

/** The figures of the shipped dataset (db/real), read here without the importer: code, indicator → period → value. */
function shippedSeries(code: string, indicator: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const file of readdirSync(join(ROOT, "db", "real")).filter((f) => /^observations-.*\.csv$/.test(f))) {
    for (const line of readFileSync(join(ROOT, "db", "real", file), "utf8").split("\n")) {
      if (!line.startsWith(`${code},`)) continue;
      const [, period, id, value] = line.split(",");
      if (id === indicator && value !== "") out.set(Number(period), Number(value));
    }
  }
  return out;
}

function shipped(code: string, indicator: string, period: number): number {
  const value = shippedSeries(code, indicator).get(period);
  if (value === undefined) throw new Error(`db/real has no ${indicator} for ${code} in ${period}`);
  return value;
}

/** "78745" as the web app writes it in Norwegian (narrow or plain no-break space as group separator). */
const nb = (n: number) => new RegExp(n.toLocaleString("nb-NO").replace(/\s/g, "[\\s\\u00a0\\u202f]"));

describe.skipIf(skip !== "")("npm start serves the real figures by default", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("finds Tromsø by searching 'tromso' and shows its latest published population, not synthetic figures", async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(base);
    const box = page.getByRole("combobox");
    await box.fill("tromso");
    await page.getByRole("option").filter({ hasText: "Tromsø" }).first().waitFor();
    await box.press("ArrowDown");
    await box.press("Enter");
    await page.waitForURL(/\/omrade\/5501/);
    const card = page.locator("article.card").first();
    await card.waitFor();
    const series = shippedSeries("5501", "population");
    const latest = Math.max(...series.keys());
    await expect.poll(() => page.locator("main").innerText()).toMatch(nb(series.get(latest)!));
    expect(await page.locator("main").innerText()).toContain(`(${latest})`);
    expect(await page.getByText(/syntetiske/i).count()).toBe(0);
    expect(await page.locator("main").innerText()).toMatch(/SSB|Statistisk sentralbyrå/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("serves a harmonised series for a kommune created in 2024 from its predecessors' published figures", async () => {
    // 3101 Halden exists since 2024; 2020–2023 it was 3001 and before that 0101.
    const res = await fetch(`${base}/api/v1/areas/3101/series?indicators=population`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { series: { indicator: string; points: { period: number; value: number | null }[] }[] };
    const points = body.series.find((s) => s.indicator === "population")!.points;
    const value = (year: number) => points.find((p) => p.period === year)?.value;
    expect(value(2024)).toBe(shipped("3101", "population", 2024));
    expect(value(2021)).toBe(shipped("3001", "population", 2021));
    expect(value(2017)).toBe(shipped("0101", "population", 2017));
  });

  it("prints a real kommune's report, all its cards and one map, on at most two A4 pages; Oslo, alone in its fylke, gets its bydeler, not a map of itself", async () => {
    for (const [code, parent] of [["5501", "55"], ["0301", "0301"]] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto(`${base}/omrade/${code}`);
        await page.locator("article.card").first().waitFor();
        await page.locator(".map-svg").first().waitFor();
        await page.emulateMedia({ media: "print" });
        const cards = await page.locator("article.card").count();
        expect(cards).toBeGreaterThanOrEqual(25);
        expect(await page.locator("article.card:visible").count()).toBe(cards);
        // The one printed map: the first block with a drawn map.
        const printed = page.locator(".map-block:visible");
        expect(await printed.count()).toBe(1);
        expect(await printed.getAttribute("data-parent")).toBe(parent);
        expect(await printed.locator(".map-svg").isVisible()).toBe(true);
        const pdf = await page.pdf({ format: "A4", printBackground: true });
        expect((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length, code).toBeLessThanOrEqual(2);
      } finally {
        await page.close();
      }
    }
  });
});
