/**
 * The area page's status block, in-page navigation, themes, print layout and share links, in
 * the browser on the synthetic demo (whose grunnkretser have every figure the rule sets need).
 * What the page must say is read from the API, never written into the test.
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AreaBody } from "../../worker/api/schemas";
import type { Classification } from "../../worker/stats/classification-schema";
import { themeOf } from "../../web/src/pages/Area/themes";
import { launchBrowser } from "./browser";
import { api as apiAt, axeViolations, pageOpener, SHOTS, withLang } from "./page-helpers";

const skip = inject("browserSkipReason");
const base = inject("baseUrl");
const api = <T>(path: string) => apiAt<T>(base, path);

type Listed = { results: { code: string }[] };

const results = (b: AreaBody) => (b.classifications ?? []) as Classification[];
const index = (x: number, lang: "nb" | "en") =>
  new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x).replace("-", "−");

describe.skipIf(skip !== "")("area page: status, navigation, themes, print and share", () => {
  let browser: Browser;
  let opener: ReturnType<typeof pageOpener>;
  /** A grunnkrets meeting the default rule set, one not meeting it, and their kommune. */
  let met: AreaBody;
  let notMet: AreaBody;
  let kommune: AreaBody;

  beforeAll(async () => {
    browser = await launchBrowser();
    opener = pageOpener(base, () => browser);
    mkdirSync(SHOTS, { recursive: true });
    const norway = await api<AreaBody>("/api/v1/areas/0");
    const year = Math.max(...norway.cards.flatMap((c) => c.series.map((p) => p.period)));
    const listed = await api<Listed>(`/api/v1/classifications?period=${year}&level=grunnkrets&limit=1`);
    met = await api<AreaBody>(`/api/v1/areas/${listed.results[0]!.code}`);
    expect(results(met)[0]!.outcome).toBe("met");
    // Its siblings: one that does not meet the default rule set.
    const parent = await api<AreaBody>(`/api/v1/areas/${met.area.parentCode}`);
    for (const child of parent.children) {
      const b = await api<AreaBody>(`/api/v1/areas/${child.code}`);
      if (results(b)[0]?.outcome === "not_met" && b.composite?.status.index != null) {
        notMet = b;
        break;
      }
    }
    expect(notMet, "a sibling not meeting the default rule set").toBeDefined();
    kommune = await api<AreaBody>(`/api/v1/areas/${met.municipality!.code}`);
  }, 120_000);

  afterAll(async () => {
    await opener?.closeAll();
    await browser?.close();
  });

  it("says in Bokmål that a grunnkrets meets the default rule set, with each criterion as the API gives it and a link to the list", async () => {
    const { page, errors } = await opener.open(`/omrade/${met.area.code}`);
    const own = results(met)[0]!;
    const block = page.locator(`#status [data-ruleset="${own.ruleSet.id}"]`);
    expect(await block.getAttribute("data-outcome")).toBe("met");
    expect(await block.locator(".ruleset-outcome").innerText()).toMatch(new RegExp(`I ${own.period} oppfyller området kriteriene i «.+»`));
    const rows = block.locator("tr[data-criterion]");
    expect(await rows.count()).toBe(own.criteria.length);
    for (const c of own.criteria) {
      const row = block.locator(`tr[data-criterion="${c.id}"]`);
      expect(await row.getAttribute("data-result"), c.id).toBe(c.reason !== null ? "not_evaluable" : c.met ? "met" : "not_met");
      expect(await row.locator(".criterion-borderline").count(), c.id).toBe(c.borderline ? 1 : 0);
      expect(await row.innerText(), c.id).toMatch(c.reason !== null ? /Kan ikke vurderes/ : c.met ? /Holder/ : /Holder ikke/);
    }
    // Every rule set is there, the default first.
    const ids = await page.locator("#status .ruleset-result").evaluateAll((els) => els.map((e) => e.getAttribute("data-ruleset")));
    expect(ids).toEqual(results(met).map((r) => r.ruleSet.id));
    const link = block.locator(".ruleset-link a");
    expect(await link.getAttribute("href")).toBe(`/levekar?ruleset=${own.ruleSet.id}&year=${own.period}&level=grunnkrets`);
    await page.screenshot({ path: join(SHOTS, "area-status-met-desktop.png"), fullPage: false });
    await link.click();
    await page.waitForURL(/\/levekar\?/);
    await page.locator(`input[name="ruleset"][value="${own.ruleSet.id}"]:checked`).waitFor({ state: "attached" });
    expect(errors).toEqual([]);
  });

  it("gives the status index with its interval and its place among the grunnkretser of Norway, drawn on the level's distribution", async () => {
    const { page } = await opener.open(`/omrade/${met.area.code}`);
    const status = met.composite!.status;
    const part = page.locator('#status .index-part[data-index="status"]');
    const text = await part.innerText();
    expect(text).toContain(`Statusindeks ${met.composite!.period}: ${index(status.index!, "nb")}`);
    expect(text).toContain(`95 % intervall ${index(status.interval!.low, "nb")} til ${index(status.interval!.high, "nb")}`);
    expect(text).toContain(`Indeksen er høyere enn i ${status.position!.percentBelow} % av de andre grunnkretsene i Norge`);
    expect(await part.locator(".strip-tick").count()).toBe(9);
    expect(await part.locator(".strip-dot").count()).toBe(1);
    expect(await part.locator(".strip-band").count()).toBe(1);
    // The dot sits where the index lies between the lowest and the highest of the level.
    const d = met.composite!.distribution!.status.deciles;
    const at = await part.locator(".strip-dot").evaluate((el) => getComputedStyle(el).getPropertyValue("--at"));
    expect(parseFloat(at)).toBeCloseTo(((status.index! - d[0]!) / (d[10]! - d[0]!)) * 100, 0);
  });

  it("says in English that a grunnkrets does not meet the default rule set, and a kommune why no rule set evaluates it", async () => {
    const { page } = await opener.open(withLang(`/omrade/${notMet.area.code}`, "en"));
    const own = results(notMet)[0]!;
    const block = page.locator(`#status [data-ruleset="${own.ruleSet.id}"]`);
    expect(await block.getAttribute("data-outcome")).toBe("not_met");
    expect(await block.locator(".ruleset-outcome").innerText()).toMatch(new RegExp(`In ${own.period} the area does not meet the criteria of “.+”`));
    expect(await block.innerText()).toContain(`${own.metCount} of ${own.criteria.length} criteria hold; at least ${own.minMet} must hold.`);
    expect(await page.locator("#status .index-position").first().innerText()).toContain(
      `The index is higher than in ${notMet.composite!.status.position!.percentBelow} % of the other basic statistical units in Norway`,
    );

    const k = await opener.open(withLang(`/omrade/${kommune.area.code}`, "en"));
    expect(kommune.classifications).toEqual([]);
    expect(await k.page.locator("#status .status-rulesets").innerText()).toContain("None of the rule sets evaluates municipalities");
  });

  it("lists the page's parts as anchor links and groups the cards under theme headings, in nb and en", async () => {
    for (const lang of ["nb", "en"] as const) {
      const { page } = await opener.open(withLang(`/omrade/${kommune.area.code}`, lang));
      const nav = page.getByRole("navigation", { name: lang === "en" ? "On this page" : "På denne siden" });
      const targets = await nav.locator(":scope > ul > li > a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      expect(targets).toEqual(["#status", "#figures", "#maps-title", "#children"]);
      await page.locator("#maps-title").waitFor();
      for (const t of targets) expect(await page.locator(t!).count(), t!).toBe(1);
      await nav.locator('a[href="#children"]').click();
      expect(new URL(page.url()).hash).toBe("#children");

      const groups = page.locator(".theme-group");
      const themes = await groups.evaluateAll((gs) => gs.map((g) => g.getAttribute("data-theme")));
      const expected = [...new Set(kommune.cards.map((c) => themeOf(c.indicator)))];
      expect([...themes].sort()).toEqual([...expected].sort());
      // Theme order is fixed: population first, "other" last.
      expect(themes[0]).toBe("population");
      for (const card of kommune.cards) {
        expect(await page.locator(`.theme-group[data-theme="${themeOf(card.indicator)}"] .card-cell`).count()).toBeGreaterThan(0);
      }
      expect(await groups.first().locator(".theme-title").innerText()).toBe(lang === "en" ? "Population" : "Befolkning");
    }
  });

  it("shows the area's name and its status on a phone's first screen", async () => {
    const { page } = await opener.open(`/omrade/${met.area.code}`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    for (const selector of ["main h1", ".status-summary"]) {
      const box = await page.locator(selector).boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.y + box!.height, selector).toBeLessThanOrEqual(844);
    }
    expect(await page.locator(".status-summary").innerText()).toMatch(/oppfyller området kriteriene/);
    // No horizontal scroll on a phone, criteria table included.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, "area-status-phone.png") });
  });

  it("prints as a short report: status, cards and one map, without navigation, share links or controls", async () => {
    const { page } = await opener.open(`/omrade/${met.area.code}`);
    await page.locator(".map-block").first().waitFor();
    await page.emulateMedia({ media: "print" });
    const shown = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).display !== "none");
    for (const hidden of [".page-nav", ".share", ".breadcrumb", ".children-section", ".map-picker", ".site-header"]) {
      if ((await page.locator(hidden).count()) > 0) expect(await shown(hidden), hidden).toBe(false);
    }
    for (const visible of ["#status", "#status .criteria-table", "#status .strip-dot", "article.card", ".map-svg", ".print-source"]) {
      expect(await shown(visible), visible).toBe(true);
    }
    const maps = await page.locator(".map-block").evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== "none").length);
    expect(maps).toBe(1);
    expect(await page.locator(".print-source").innerText()).toContain(`${base}/omrade/${met.area.code}`);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(join(SHOTS, "area-status-print.pdf"), pdf);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(0);
    // A one- or two-page report (cards are never split across pages).
    expect(pages).toBeLessThanOrEqual(2);
  });

  it("offers print, copy link, e-mail and a plain link to the page that works without JavaScript", async () => {
    for (const lang of ["nb", "en"] as const) {
      const { page } = await opener.open(withLang(`/omrade/${met.area.code}`, lang), {}, (c) => c.grantPermissions(["clipboard-read", "clipboard-write"]));
      const url = lang === "en" ? `${base}/omrade/${met.area.code}?lang=en` : `${base}/omrade/${met.area.code}`;
      const share = page.locator(".share");
      expect(await share.getByRole("button", { name: lang === "en" ? "Print" : "Skriv ut" }).count()).toBe(1);
      const mail = await share.locator(".share-email").getAttribute("href");
      expect(mail).toMatch(/^mailto:\?subject=/);
      expect(decodeURIComponent(mail!.split("&body=")[1]!)).toBe(url);
      expect(await share.locator(".share-link").getAttribute("href")).toBe(url);
      await share.getByRole("button", { name: lang === "en" ? "Copy link" : "Kopier lenke" }).click();
      await expect.poll(() => share.locator(".share-status").innerText()).toBe(lang === "en" ? "Link copied." : "Lenken er kopiert.");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    }
    // The shared address answers with the page to a browser without JavaScript.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const res = await page.goto(`${base}/omrade/${met.area.code}`);
    expect(res!.status()).toBe(200);
    await context.close();
  });

  it("has no axe violations on the status block in nb, nn and en", async () => {
    for (const lang of ["nb", "nn", "en"]) {
      const { page } = await opener.open(withLang(`/omrade/${met.area.code}`, lang));
      expect(await axeViolations(page), lang).toEqual([]);
    }
  });
});
