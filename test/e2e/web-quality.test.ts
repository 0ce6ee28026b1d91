/**
 * Quality bars of the citizens' web app, checked in Chromium against the real worker with the
 * synthetic demo data: axe-core on every page in Bokmål, Nynorsk and English; the keyboard-only
 * path search → area → compare; visible focus; reflow at 320 CSS px (200 % zoom); reduced
 * motion; table alternatives for charts and maps; the maps themselves; "use my location";
 * recent searches; languages; print. Screenshots go to test-results/screenshots for review.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AreaBody, ChildrenResponse, LocateResponse } from "../../worker/api/schemas";
import { recomputeVia, ROOT } from "../../scripts/local-stack";
import { launchBrowser } from "./browser";
import { axeViolations, FOCUS_COLOUR, openAllDetails, settled, SHOTS, tabTo } from "./page-helpers";
import { boundariesSql, tile, type TestBoundary } from "./test-boundaries";

const skip = inject("browserSkipReason");
const base = inject("baseUrl");

/** The e2e database of global-setup.ts. */
const PERSIST = inject("persistTo");

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** An area whose name is markup: it must show as text everywhere. */
const MARKUP = { code: "03017599", name: '<img src=x onerror="window.__xss=1">Markupvik <b>bold</b>' };

/**
 * Where the demo database has no boundaries (yet), give Oslo's bydeler, the grunnkretser of the
 * first of them and Karasjok's grunnkretser rectangles. Add an area named with markup. Then
 * recompute, so the maps, the locate endpoint and the search have them.
 */
async function prepareTestData(): Promise<void> {
  const statements = [
    `INSERT OR IGNORE INTO areas (code, level, parent_code, name_nb, valid_from, synthetic) VALUES ('${MARKUP.code}', 'grunnkrets', '030175', '${MARKUP.name.replace(/'/g, "''")}', '2024-01-01', 1);`,
  ];
  const unmapped = async (code: string) => !(await api<ChildrenResponse>(`/api/v1/areas/${code}/children?indicator=population`)).geometry;
  const childCodes = async (code: string) => (await api<AreaBody>(`/api/v1/areas/${code}`)).children.map((c) => c.code);
  const bydeler = tile({ west: 10.6, south: 59.8, east: 10.95, north: 60.05 }, await childCodes("0301"), "bydel", 5);
  const first = bydeler[0]!;
  const items: TestBoundary[] = [];
  if (await unmapped("0301")) items.push(...bydeler);
  if (await unmapped(first.code)) items.push(...tile(first.box, await childCodes(first.code), "grunnkrets", 3));
  if (await unmapped("5610")) items.push(...tile({ west: 24.4, south: 68.9, east: 26.2, north: 69.9 }, await childCodes("5610"), "grunnkrets", 4));
  if (items.length > 0) statements.push(boundariesSql(items));
  // Written past the importers, so log the change they would have logged: a new area and
  // boundaries mean a full recompute.
  statements.push(`INSERT INTO data_changes (target, indicator_id, changed_at) VALUES ('areas', NULL, '${new Date().toISOString()}');`);
  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  const file = join(ROOT, "test-results", "e2e-web-quality.sql");
  writeFileSync(file, statements.join("\n"));
  const res = spawnSync(join(ROOT, "node_modules", ".bin", "wrangler"), ["d1", "execute", "DB", "--local", "--persist-to", PERSIST, "--file", file, "--yes"], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`inserting test data failed:\n${res.stdout}\n${res.stderr}`);
  await recomputeVia(base);
}

describe.skipIf(skip !== "")("web app quality bars", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await prepareTestData();
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  async function open(
    path: string,
    options: BrowserContextOptions = {},
    before?: (context: BrowserContext) => Promise<unknown>,
  ): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    contexts.push(context);
    await before?.(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}${path}`);
    await settled(page);
    return { page, errors };
  }

  const activeText = (page: Page) =>
    page.evaluate(() => {
      const input = document.activeElement as HTMLElement | null;
      const id = input?.getAttribute("aria-activedescendant");
      return id ? (document.getElementById(id)?.innerText ?? "") : "";
    });

  /** In a focused combobox: type, then ArrowDown until the highlighted option matches. */
  async function pickWithKeys(page: Page, typed: string, option: RegExp) {
    await page.keyboard.type(typed);
    await page.locator('[role="option"]').first().waitFor();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("ArrowDown");
      if (option.test(await activeText(page))) {
        await page.keyboard.press("Enter");
        return;
      }
    }
    throw new Error(`no option matching ${option} for "${typed}"`);
  }

  /** A grunnkrets of Karasjok with a suppressed latest value, and that indicator. */
  async function suppressedExample(): Promise<{ code: string; indicator: string }> {
    const karasjok = await api<AreaBody>("/api/v1/areas/5610");
    for (const child of karasjok.children) {
      const body = await api<AreaBody>(`/api/v1/areas/${child.code}`);
      const card = body.cards.find((c) => c.latest?.status === ":");
      if (card) return { code: child.code, indicator: card.indicator };
    }
    throw new Error("the demo data should have a suppressed value in Karasjok");
  }

  const PAGES = [
    { name: "home", path: "/" },
    { name: "area-with-maps", path: "/omrade/030161" },
    { name: "area-without-map", path: "/omrade/5501" },
    { name: "compare", path: "/sammenlign?codes=0301,5501,5610" },
    { name: "about", path: "/om" },
    { name: "levekar", path: "/levekar" },
    { name: "segregation", path: "/segregasjon/0301" },
    { name: "widget", path: "/widget?area=0301" },
    { name: "not-found", path: "/finnes-ikke" },
  ];
  const withLang = (path: string, lang: string) => `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`;

  it("axe-core finds no violations on any page, in Bokmål, Nynorsk and English", async () => {
    const found: Record<string, unknown> = {};
    for (const lang of ["nb", "nn", "en"]) {
      for (const { name, path } of PAGES) {
        const { page, errors } = await open(withLang(path, lang));
        await openAllDetails(page);
        if (name === "home") {
          // With the suggestions open.
          await page.getByRole("combobox").fill("oslo");
          await page.getByRole("option").first().waitFor();
        }
        await page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });
        const violations = await axeViolations(page);
        if (violations.length > 0) found[`${name} (${lang})`] = violations;
        expect(errors, `${name} (${lang})`).toEqual([]);
        await page.context().close();
      }
    }
    expect(found).toEqual({});
  }, 240_000);

  it("goes from search to area to a comparison of three areas with the keyboard alone", async () => {
    const { page, errors } = await open("/");
    await tabTo(page, 'main input[role="combobox"]');
    await pickWithKeys(page, "tromso", /^Tromsø\s+Kommune/);
    await page.waitForURL(/\/omrade\/5501/);
    await settled(page);

    // The focused link shows a visible focus ring.
    await tabTo(page, "a.action-link");
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { visible: el.matches(":focus-visible"), style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor, text: el.innerText };
    });
    expect(ring).toMatchObject({ visible: true, style: "solid", colour: FOCUS_COLOUR });
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(ring.text).toContain("Tromsø");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/sammenlign\?codes=5501/);
    await page.locator("h1", { hasText: "Sammenlign områder" }).waitFor();
    await settled(page);

    await tabTo(page, '.compare-add input[role="combobox"]');
    await pickWithKeys(page, "oslo", /^Oslo\s+Kommune/);
    await page.waitForURL(/codes=5501(%2C|,)0301/);
    await page.locator('table.compare-table[data-areas="2"]').waitFor();
    // Focus stays in the picker for the third area.
    expect(await page.evaluate(() => document.activeElement?.closest(".compare-add") !== null)).toBe(true);
    await pickWithKeys(page, "karasjok", /Karasjok\s+Kommune/);
    await page.waitForURL(/codes=5501(%2C|,)0301(%2C|,)5610/);
    const table = page.locator('table.compare-table[data-areas="3"]');
    await table.waitFor();
    // The picker is gone (three is the most): focus moved to the list of chosen areas.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("chosen-title");

    const headers = await table.locator("thead th").allInnerTexts();
    // The three areas, then Norway as the reference column.
    expect(headers.slice(1)).toEqual(["Tromsø", "Oslo", "Kárášjohka - Karasjok", "Norge"]);
    const compared = await api<{ areas: AreaBody[] }>("/api/v1/compare?codes=5501,0301,5610");
    const population = table.locator('tr[data-indicator="population"] td');
    const osloPopulation = compared.areas[1]!.cards.find((c) => c.indicator === "population")!.latest!;
    const osloCell = await population.nth(1).innerText();
    expect(osloCell.replace(/\s/g, "")).toContain(osloPopulation.value!.toLocaleString("nb-NO").replace(/\s/g, ""));
    expect(osloCell).toContain(`(${osloPopulation.period})`);
    expect(osloCell).toMatch(/stigende|synkende|ingen klar endring|ukjent utvikling/i);
    const percent = await table.locator('tr[data-indicator="low_income_persistent"] td').first().innerText();
    expect(percent).toMatch(/\d+,\d\s%/);
    expect(errors).toEqual([]);
  }, 90_000);

  it("shows a suppressed value as suppressed in the comparison, never as a number", async () => {
    const { code, indicator } = await suppressedExample();
    const { page } = await open(`/sammenlign?codes=${code},5610`);
    const cell = page.locator(`tr[data-indicator="${indicator}"] td`).first();
    expect(await cell.innerText()).toMatch(/Skjermet \(for få personer\)/);
    expect(await cell.locator('[data-status=":"]').count()).toBe(1);
    expect(await cell.innerText()).not.toMatch(/\d+,\d\s%|^\s*0\s/);
  });

  it("draws the area among its siblings as a keyboard-operable choropleth with legend and attribution", async () => {
    const { page, errors } = await open("/omrade/030161");
    const data = await api<ChildrenResponse>("/api/v1/areas/0301/children?indicator=population");
    const map = page.locator('.map-block[data-parent="0301"]');
    const areas = map.locator("path.map-area");
    expect(await areas.count()).toBe(data.geometry!.features.length);

    // Named links with their values; the page's own area is marked.
    const own = map.locator('path[data-code="030161"]');
    expect(await own.getAttribute("role")).toBe("link");
    expect(await own.getAttribute("aria-current")).toBe("page");
    const ownValue = data.children.find((c) => c.code === "030161")!.value!;
    expect(await own.getAttribute("aria-label")).toContain(ownValue.toLocaleString("nb-NO"));
    expect(await map.locator(".map-highlight").count()).toBe(1);

    // Colour follows value: the smallest value gets the lightest class, the largest the darkest.
    const valued = data.children.filter((c) => c.value !== null).sort((a, b) => a.value! - b.value!);
    expect(await map.locator(`path[data-code="${valued[0]!.code}"]`).getAttribute("fill")).toBe("#ffffcc");
    expect(await map.locator(`path[data-code="${valued[valued.length - 1]!.code}"]`).getAttribute("fill")).toBe("#253494");

    const legend = await map.locator(".map-legend").innerText();
    expect(legend).toContain(`Folkemengde, ${data.period}`);
    expect(legend).toMatch(/Dette området/);
    expect(legend).toMatch(/Lys farge: lavere verdi/);
    expect(await map.locator(".map-attribution").innerText()).toContain(data.attribution!);

    // Tab from one area to the next shows the focus outline; Enter opens it.
    await own.focus();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as SVGPathElement;
      return { code: el.dataset.code, stroke: getComputedStyle(el).stroke, visible: el.matches(":focus-visible"), overlay: document.querySelectorAll(".map-pointed").length };
    });
    expect(focused).toMatchObject({ stroke: FOCUS_COLOUR, visible: true, overlay: 1 });
    expect(focused.code).toMatch(/^0301\d\d$/);
    expect(await page.locator(".map-readout").first().innerText()).toMatch(/: \d/);
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/omrade/${focused.code}$`));
    await page.locator("h1").filter({ hasText: data.children.find((c) => c.code === focused.code)!.name }).waitFor();

    // The other map: the area's own children.
    await settled(page);
    const childMap = page.locator(`.map-block[data-parent="${focused.code}"]`);
    if ((await api<AreaBody>(`/api/v1/areas/${focused.code}`)).children.length > 0) expect(await childMap.count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("hatches suppressed areas on the map, names them in the legend and in the list", async () => {
    const { indicator } = await suppressedExample();
    const { page } = await open("/omrade/5610");
    const select = page.getByLabel("Tall på kartet");
    await select.focus();
    await select.selectOption(indicator);
    await settled(page);
    const map = page.locator('.map-block[data-parent="5610"]');
    const hatched = map.locator('path.map-area[data-status=":"]');
    await hatched.first().waitFor();
    expect(await hatched.first().getAttribute("fill")).toMatch(/^url\(#.+-suppressed\)$/);
    expect(await hatched.first().getAttribute("aria-label")).toMatch(/Skjermet \(for få personer\)/);
    expect(await map.locator(".map-legend").innerText()).toMatch(/Skjermet \(for få personer\)/);
    await openAllDetails(page);
    const row = map.locator('.values-table td[data-status=":"]').first();
    expect(await row.innerText()).toBe("Skjermet (for få personer)");
  });

  it("says when a level has no map and lists the values instead", async () => {
    // The API answers `geometry: null` for children without imported boundaries. The demo data
    // may have boundaries for every level, so the real answer for Tromsø's siblings is passed
    // through with its shapes taken out.
    const { page } = await open("/omrade/5501", {}, (context) =>
      context.route(/\/api\/v1\/areas\/55\/children\?/, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), geometry: null, attribution: null } });
      }),
    );
    const data = await api<ChildrenResponse>("/api/v1/areas/55/children?indicator=population");
    const block = page.locator('.map-block[data-parent="55"]');
    expect(await block.locator(".map-missing").innerText()).toMatch(/Kart mangler for dette nivået/);
    expect(await block.locator("svg").count()).toBe(0);
    const rows = block.locator(".values-table tbody tr");
    expect(await rows.count()).toBe(data.children.length);
    expect(await block.locator('.values-table tr[aria-current="true"]').innerText()).toContain("Tromsø");
  });

  it("gives every chart a table with the same series, suppressed years in words", async () => {
    const { code } = await suppressedExample();
    const body = await api<AreaBody>(`/api/v1/areas/${code}`);
    const { page } = await open(`/omrade/${code}`);
    const tables = page.locator("details.series-table");
    expect(await tables.count()).toBe(body.cards.filter((c) => c.series.length > 0).length);
    for (const card of body.cards) {
      const details = page.locator(`details.series-table[data-indicator="${card.indicator}"]`);
      await details.locator("summary").focus();
      await page.keyboard.press("Enter"); // opens the native toggle
      const rows = details.locator("tbody tr");
      expect(await rows.count()).toBe(card.series.length);
      const suppressed = card.series.filter((p) => p.status === ":").length;
      expect(await details.locator('[data-status=":"]').count()).toBe(suppressed);
      const last = [...card.series].sort((a, b) => a.period - b.period).at(-1)!;
      expect(await rows.last().locator("th").innerText()).toBe(String(last.period));
    }
  });

  it("reflows at 320 CSS px (a 640 px window at 200 % zoom) without horizontal scrolling", async () => {
    // Chromium's 200 % zoom of a 640-px-wide window lays pages out in 320 CSS px with a device
    // pixel ratio of 2, and media queries see 320 px: that is exactly this viewport. (CSS `zoom`
    // on the body would keep the 640 px layout viewport and its media queries.)
    const overflow: Record<string, number> = {};
    for (const lang of ["nb", "en"]) {
      for (const { name, path } of PAGES) {
        const { page } = await open(withLang(path, lang), { viewport: { width: 320, height: 640 }, deviceScaleFactor: 2 });
        await openAllDetails(page);
        if (lang === "nb") await page.screenshot({ path: join(SHOTS, `${name}-320px.png`), fullPage: true });
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        expect(client).toBe(320);
        if (scroll > client) overflow[`${name} (${lang})`] = scroll;
        await page.context().close();
      }
    }
    expect(overflow).toEqual({});
  }, 180_000);

  it("drops transitions and animations for readers who ask for reduced motion", async () => {
    const durations = async (reducedMotion: "reduce" | "no-preference") => {
      const { page } = await open("/", { reducedMotion });
      await tabTo(page, 'main input[role="combobox"]');
      await page.keyboard.type("oslo");
      await page.locator('[role="option"]').first().waitFor();
      const result = await page.evaluate(() => {
        const moving = Array.from(document.querySelectorAll("*")).filter((el) => {
          const s = getComputedStyle(el);
          const long = (v: string) => v.split(",").some((d) => parseFloat(d) > 0);
          return long(s.transitionDuration) || long(s.animationDuration);
        });
        return { option: getComputedStyle(document.querySelector('[role="option"]')!).transitionDuration, moving: moving.length };
      });
      await page.context().close();
      return result;
    };
    // The comparison shows the check can fail: without the preference the list does move.
    expect(await durations("no-preference")).toMatchObject({ option: "0.12s" });
    expect(await durations("reduce")).toEqual({ option: "0s", moving: 0 });
  });

  it("finds the smallest area at the reader's position, and explains denial and positions outside Norway", async () => {
    const here = (await api<AreaBody>("/api/v1/areas/030161")).children[0]!;
    const shapes = await api<ChildrenResponse>("/api/v1/areas/030161/children?indicator=population");
    const [[lon0, lat0], [lon1, lat1]] = bbox(shapes.geometry!.features.find((f) => f.properties.code === here.code)!.geometry.coordinates);
    const point = { latitude: (lat0 + lat1) / 2, longitude: (lon0 + lon1) / 2 };
    const located = await api<LocateResponse>(`/api/v1/locate?lat=${point.latitude.toFixed(4)}&lon=${point.longitude.toFixed(4)}`);
    const smallest = located.areas.at(-1)!;

    const allowed = await open("/", { geolocation: point, permissions: ["geolocation"] });
    await tabTo(allowed.page, ".locate button");
    await allowed.page.keyboard.press("Enter");
    await allowed.page.waitForURL(new RegExp(`/omrade/${smallest.code}$`));
    await allowed.page.locator("h1").filter({ hasText: smallest.name }).waitFor();

    const denied = await open("/", { geolocation: point, permissions: [] });
    await denied.page.locator(".locate button").click();
    const deniedStatus = denied.page.locator('.locate [role="status"]');
    await expect.poll(() => deniedStatus.innerText()).toMatch(/ikke lov til å bruke posisjonen/);
    expect(denied.page.url()).toBe(`${base}/`);

    const stockholm = await open("/?lang=en", { geolocation: { latitude: 59.33, longitude: 18.07 }, permissions: ["geolocation"] });
    await stockholm.page.locator(".locate button").click();
    const outsideStatus = stockholm.page.locator('.locate [role="status"]');
    await expect.poll(() => outsideStatus.innerText()).toMatch(/outside Norway/);
  });

  // Thirteen page loads: on a busy two-core machine they have taken over 90 s (alone: ~17 s).
  it("remembers the last five searches in this browser and clears them on request", async () => {
    const { page } = await open("/");
    const searches: [string, RegExp][] = [
      ["tromso", /^Tromsø\s+Kommune/],
      ["bergen", /^Bergen\s+Kommune/],
      ["karasjok", /Karasjok\s+Kommune/],
      ["trondheim", /^Trondheim - Tråante\s+Kommune/],
      ["baerum", /^Bærum\s+Kommune/],
      ["oslo", /^Oslo\s+Kommune/],
    ];
    for (const [typed, option] of searches) {
      await page.goto(`${base}/`);
      await settled(page);
      await page.getByRole("combobox").focus();
      await pickWithKeys(page, typed, option);
      await page.waitForURL(/\/omrade\//);
    }
    await page.goto(`${base}/`);
    await settled(page);
    const recent = page.locator(".recent-list a");
    expect(await recent.allInnerTexts()).toEqual(["Oslo", "Bærum", "Trondheim - Tråante", "Kárášjohka - Karasjok", "Bergen"]);
    await page.getByRole("button", { name: "Tøm listen" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".recent").innerText()).toMatch(/tømt/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/tømt/);
    await page.reload();
    await settled(page);
    expect(await page.locator(".recent").count()).toBe(0);
  }, 180_000);

  it("speaks Nynorsk when asked, keeps it in links and remembers it", async () => {
    const { page } = await open("/?lang=nn");
    expect(await page.locator("h1").innerText()).toBe("Korleis er levekåra der du bur?");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("nn");
    expect(await page.locator('.lang-menu a[aria-current="true"]').innerText()).toBe("Nynorsk");
    await page.getByRole("link", { name: "Om tala" }).first().click();
    await page.waitForURL(/\/om\?lang=nn/);
    // The about page's code arrives after the address changes.
    await expect.poll(() => page.locator("h1").innerText()).toBe("Om tala og metoden");
    // A link without ?lang opens in the remembered language.
    await page.goto(`${base}/omrade/5501`);
    await settled(page);
    expect(await page.locator("a.action-link").innerText()).toBe("Samanlikn Tromsø med andre område");
    await page.getByRole("link", { name: "English" }).click();
    await page.waitForURL(/\/omrade\/5501\?lang=en/);
    expect(await page.locator("a.action-link").innerText()).toBe("Compare Tromsø with other areas");
  });

  it("lists every indicator with its definition and source on the about page, and says the data is synthetic", async () => {
    const { page } = await open("/om");
    const { indicators } = await api<{ indicators: { id: string; name: { nb: string }; definition: { nb: string } }[] }>("/api/v1/indicators");
    const listed = page.locator(".indicator-list > li");
    expect(await listed.count()).toBe(indicators.length);
    const first = await listed.first().innerText();
    expect(first).toContain(indicators[0]!.name.nb);
    expect(first).toContain(indicators[0]!.definition.nb);
    expect(await page.locator('[data-synthetic="true"]').innerText()).toMatch(/syntetiske demodata/);
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/under 5 personer/);
    expect(text).toMatch(/færre enn 20 personer/);
    expect(text).toMatch(/CC BY 4\.0/);
    // The download examples work.
    const examples = await page.locator(".download-examples a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(examples.length).toBeGreaterThan(0);
    for (const href of examples) expect((await fetch(href)).status, href).toBe(200);
    // API links leave the app: the docs page is the worker's, not the app's 404.
    await page.locator("main").getByRole("link", { name: "API-dokumentasjon" }).click();
    await page.waitForURL(/\/api\/docs/);
    expect(await page.locator("body").innerText()).not.toMatch(/Siden finnes ikke/);
  });

  it("shows an area name that contains markup as text, in the search and on its page", async () => {
    const { page, errors } = await open("/");
    await page.getByRole("combobox").focus();
    await pickWithKeys(page, "markupvik", /Markupvik/);
    await page.waitForURL(new RegExp(`/omrade/${MARKUP.code}$`));
    await settled(page);
    expect(await page.locator("h1").innerText()).toContain(MARKUP.name);
    expect(await page.locator("main img, main h1 b").count()).toBe(0);
    await page.goto(`${base}/omrade/030175`);
    await settled(page);
    expect(await page.locator(".children-section").innerText()).toContain(MARKUP.name);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it("prints the area page's status, cards and maps without the header, search, navigation or controls", async () => {
    const { page } = await open("/omrade/030161");
    await page.emulateMedia({ media: "print" });
    const shown = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).display !== "none");
    expect(await shown(".site-header")).toBe(false);
    expect(await shown(".map-picker")).toBe(false);
    expect(await shown(".area-actions")).toBe(false);
    // The in-page navigation and the share links are for the screen; the status block prints.
    expect(await shown(".page-nav")).toBe(false);
    expect(await shown(".share")).toBe(false);
    expect(await shown("#status")).toBe(true);
    expect(await shown("article.card")).toBe(true);
    expect(await shown(".map-svg")).toBe(true);
    expect(await shown(".map-legend")).toBe(true);
    await page.pdf({ path: join(SHOTS, "area-print.pdf") });
  });
});

/** Bounding box [[west, south], [east, north]] of a polygon's or multipolygon's coordinates. */
function bbox(coordinates: unknown): [[number, number], [number, number]] {
  const points = (coordinates as unknown[]).flat(Infinity) as number[];
  const lons = points.filter((_, i) => i % 2 === 0);
  const lats = points.filter((_, i) => i % 2 === 1);
  return [
    [Math.min(...lons), Math.min(...lats)],
    [Math.max(...lons), Math.max(...lats)],
  ];
}
