/**
 * Browser helpers shared by the e2e suites: contexts that close after the suite, "the page has
 * settled", axe-core, Tab until a control has focus.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { ROOT } from "../../scripts/local-stack";

const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
export const SHOTS = join(ROOT, "test-results", "screenshots");
export const FOCUS_COLOUR = "rgb(31, 44, 61)"; // Designsystemet's --ds-color-focus-outer (digdir theme), the outline in web/src/styles.css

declare const axe: typeof import("axe-core");

export async function api<T>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export const withLang = (path: string, lang: string) => `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`;

/** Opens pages in fresh contexts and closes them all at the end. */
export function pageOpener(base: string, browser: () => Browser) {
  const contexts: BrowserContext[] = [];
  return {
    async open(
      path: string,
      options: BrowserContextOptions = {},
      before?: (context: BrowserContext) => Promise<unknown>,
    ): Promise<{ page: Page; errors: string[] }> {
      const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, ...options });
      contexts.push(context);
      await before?.(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${base}${path}`);
      await settled(page);
      return { page, errors };
    },
    async closeAll() {
      for (const c of contexts) await c.close().catch(() => {});
    },
  };
}

/**
 * How long a page may take to settle. Playwright's 30 s default was exceeded on a loaded CI
 * machine (two workerd servers and Chromium on two cores); a page that never settles still fails.
 */
const SETTLE_MS = 90_000;

/** The page's data has arrived: nothing says "loading" and the network is quiet. */
export async function settled(page: Page) {
  await page.waitForLoadState("networkidle", { timeout: SETTLE_MS });
  await page.waitForFunction(() => document.querySelector("main h1") !== null && document.querySelector(".loading") === null, undefined, { timeout: SETTLE_MS });
}

/**
 * Loads axe-core into the page through the DevTools protocol: the pages' CSP (script-src 'self')
 * rightly refuses the inline script tag that `addScriptTag` would insert, and the test should
 * not switch the policy off to look at the page.
 */
export async function injectAxe(page: Page) {
  await page.evaluate(readFileSync(AXE, "utf8"));
}

export async function axeViolations(page: Page) {
  await injectAxe(page);
  return page.evaluate(async () => {
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  });
}

/**
 * Opens every <details>, and on a phone every closed theme of an area page with all its cards;
 * first waits until the page has filled in (no `.loading` marker): an area page draws a card per
 * frame, and a theme opened before its turn came showed only the cards drawn by then.
 */
export const openAllDetails = async (page: Page) => {
  await page.waitForFunction(() => document.querySelector(".loading") === null, undefined, { timeout: SETTLE_MS });
  await page.evaluate(async () => {
    const themes = document.querySelectorAll<HTMLButtonElement>('.theme-toggle[aria-expanded="false"], .theme-more button');
    themes.forEach((b) => b.click());
    if (themes.length > 0) await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
    document.querySelectorAll("details").forEach((d) => (d.open = true));
  });
};

/** Press Tab until the focused element matches `selector`; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Whether the focused element shows the site's focus ring. */
export function focusRing(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return { visible: el.matches(":focus-visible"), style: s.outlineStyle, colour: s.outlineColor };
  });
}
