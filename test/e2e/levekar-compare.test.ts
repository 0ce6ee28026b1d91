/**
 * /levekar's overview (each area with its bydel and kommune, the map of listed areas, a CSV that
 * is exactly the table, the borderline note, entered/left since the year before) and compare
 * (Norway as the reference column, the five-year change, small multiples, the download link, and
 * an empty state with suggestions), in Chromium against the demo data, in Bokmål and English
 * (axe also in Nynorsk). What the pages show is checked against the API's own answers.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AreaBody, IndicatorsResponse } from "../../worker/api/schemas";
import type { Classification } from "../../worker/stats/classify";
import type { RuleSet } from "../../worker/stats/ruleset-schema";
import { launchBrowser } from "./browser";
import { api as get, axeViolations, openAllDetails, pageOpener, SHOTS, withLang } from "./page-helpers";

const skip = inject("browserSkipReason");
const base = inject("baseUrl");
const api = <T>(path: string) => get<T>(base, path);

type Ref = { code: string; name: string } | null;
type Listed = Classification & { name: string; kommune: Ref; bydel: Ref };
type List = { ruleSet: RuleSet; results: Listed[] };
type Change = { code: string; name: string; flipped: { id: string; tier: string | null }[]; before: unknown; eligibilityChanged: boolean };
type Changes = { previous: number | null; comparable: boolean; entered: Change[]; left: Change[] };

const WORDS = {
  nb: { borderline: "På grensen", norway: "Norge", none: "–" },
  en: { borderline: "Borderline", norway: "Norway", none: "–" },
} as const;

/** Parses the CSV the page offers (RFC 4180, the given separator), without its byte-order mark. */
function parseCsv(text: string, sep: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) row.push(cell), (cell = "");
    else if (ch === "\r" && body[i + 1] === "\n") {
      row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    } else cell += ch;
  }
  return rows;
}

/** Map.groupBy, which the tests' ES2022 lib lacks. */
function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of items) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return out;
}

/** The overview table as text: header cells, then each body row's cells (textContent, as the page builds them). */
const tableText = (page: Page) =>
  page.locator("table.overview-table").evaluate((table) => [
    Array.from(table.querySelectorAll("thead th"), (th) => th.textContent ?? ""),
    ...Array.from(table.querySelectorAll("tbody tr"), (tr) => Array.from(tr.querySelectorAll("th, td"), (c) => c.textContent ?? "")),
  ]);

async function downloadCsv(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".overview-download button").click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  return readFileSync((await download.path())!, "utf8");
}

describe.skipIf(skip !== "")("/levekar overview and compare", () => {
  let browser: Browser;
  const pages = pageOpener(base, () => browser);
  const open = pages.open;
  let latestYear: number;

  beforeAll(async () => {
    browser = await launchBrowser();
    const norway = await api<AreaBody>("/api/v1/areas/0");
    latestYear = Math.max(...norway.cards.flatMap((c) => c.series.map((p) => p.period)));
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
  });

  for (const lang of ["nb", "en"] as const) {
    it(`/levekar (${lang}): every listed area with its bydel and kommune, same-named areas told apart, borderline ones flagged and explained`, async () => {
      const list = await api<List>(`/api/v1/classifications?ruleset=norway_default&period=${latestYear}&level=grunnkrets&limit=500`);
      const { page, errors } = await open(withLang("/levekar", lang));
      const rows = page.locator("table.overview-table tbody tr");
      expect(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.code))).toEqual(list.results.map((r) => r.code));
      const text = await tableText(page);
      const head = text[0]!;
      const col = (name: string) => head.indexOf(name);
      const [bydel, kommune] = lang === "nb" ? [col("Bydel"), col("Kommune")] : [col("District"), col("Municipality")];
      for (const [i, r] of list.results.entries()) {
        expect(text[i + 1]![bydel], r.code).toBe(r.bydel?.name ?? WORDS[lang].none);
        expect(text[i + 1]![kommune], r.code).toBe(r.kommune?.name ?? WORDS[lang].none);
      }
      // Names repeat (the demo has two Blåklokkevollen in Oslo): the row says where each one lies.
      const byName = groupBy(list.results, (r) => r.name);
      const repeated = [...byName.values()].filter((g) => g.length > 1);
      expect(repeated.length, "the demo should list two areas of the same name").toBeGreaterThan(0);
      for (const group of repeated) {
        const places = group.map((r) => `${r.bydel?.name}/${r.kommune?.name}`);
        expect(new Set(places).size, group[0]!.name).toBe(group.length);
      }
      // The list below names the place too.
      const twin = repeated[0]![0]!;
      expect(await page.locator(`li.result[data-code="${twin.code}"] summary`).innerText()).toContain(twin.bydel!.name);

      // Borderline: exactly the areas the API flags, with the word and the criteria, and an explanation.
      const flagged = list.results.filter((r) => r.borderline || r.borderlineCriteria.length > 0).map((r) => r.code);
      expect(flagged.length, "the demo should list a borderline area").toBeGreaterThan(0);
      expect(await page.locator("table.overview-table tbody tr[data-borderline]").evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.code))).toEqual(flagged);
      const note = page.locator(`table.overview-table tr[data-code="${flagged[0]}"] td[aria-describedby]`);
      expect(await note.innerText()).toContain(WORDS[lang].borderline);
      const explanation = await page.locator(`#${await note.getAttribute("aria-describedby")}`).innerText();
      expect(explanation).toMatch(lang === "nb" ? /innenfor usikkerheten/ : /within the uncertainty/);
      expect(errors).toEqual([]);
    });

    it(`/levekar (${lang}): the CSV download holds exactly the table's rows and columns, also when filtered by kommune`, async () => {
      const { page, errors } = await open(withLang("/levekar", lang));
      const sep = lang === "en" ? "," : ";";
      expect(parseCsv(await downloadCsv(page), sep)).toEqual(await tableText(page));

      // Filter by a kommune: the table, the file and the map follow.
      const list = await api<List>(`/api/v1/classifications?ruleset=norway_default&period=${latestYear}&level=grunnkrets&limit=500`);
      const bergen = list.results.filter((r) => r.kommune?.code === "4601");
      expect(bergen.length).toBeGreaterThan(0);
      await page.locator(".overview-controls select").selectOption("4601");
      await page.locator('.listmap[data-kommune="4601"][data-state="ok"]').waitFor();
      const filtered = await tableText(page);
      expect(filtered.slice(1).map((r) => r[1])).toEqual(bergen.map((r) => r.code));
      expect(parseCsv(await downloadCsv(page), sep)).toEqual(filtered);
      expect(errors).toEqual([]);
    });
  }

  it("/levekar: the map hatches exactly the listed areas of the kommune among all its grunnkretser, each a link", async () => {
    const list = await api<List>(`/api/v1/classifications?ruleset=norway_default&period=${latestYear}&level=grunnkrets&limit=500`);
    const { page, errors } = await open("/levekar");
    const map = page.locator('.listmap[data-state="ok"]');
    await map.waitFor();
    const kommune = (await map.getAttribute("data-kommune"))!;
    const inKommune = list.results.filter((r) => r.kommune?.code === kommune).map((r) => r.code);
    // The kommune with the most listed areas is shown first.
    const counts = groupBy(list.results, (r) => r.kommune?.code);
    expect(inKommune.length).toBe(Math.max(...[...counts.values()].map((g) => g.length)));
    const listed = await map.locator("path[data-listed]").evaluateAll((ps) => ps.map((p) => (p as SVGPathElement).dataset.code!).sort());
    expect(listed).toEqual([...inKommune].sort());
    const all = await map.locator("path.listmap-area").count();
    expect(all).toBeGreaterThan(listed.length);
    expect(await map.locator(`a[href*="/omrade/${inKommune[0]}"]`).count()).toBe(1);
    expect(await map.locator("svg").getAttribute("aria-label")).toContain(`${listed.length} av ${all}`);
    expect(errors).toEqual([]);
  });

  for (const lang of ["nb", "en"] as const) {
    it(`/levekar (${lang}): entered and left since the previous year as the API says, each with the criteria that flipped`, async () => {
      const changes = await api<Changes>(`/api/v1/classifications/changes?ruleset=norway_default&period=${latestYear}&level=grunnkrets`);
      const rs = (await api<List>(`/api/v1/classifications?ruleset=norway_default&period=${latestYear}&level=grunnkrets&limit=1`)).ruleSet as Extract<RuleSet, { kind: "criteria" }>;
      expect(changes.comparable).toBe(true);
      expect(changes.entered.length + changes.left.length).toBeGreaterThan(0);
      const { page, errors } = await open(withLang("/levekar", lang));
      const section = page.locator('.list-changes[data-state="ok"]');
      expect(await section.locator("h2").innerText()).toContain(String(changes.previous));
      for (const which of ["entered", "left"] as const) {
        const items = section.locator(`[data-changes="${which}"] li`);
        expect(await items.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.code))).toEqual(changes[which].map((x) => x.code));
        for (const x of changes[which]) {
          const item = section.locator(`[data-changes="${which}"] li[data-code="${x.code}"]`);
          expect(await item.locator("a").innerText()).toBe(x.name);
          const flips = await item.locator(".change-flips").innerText();
          for (const f of x.flipped.filter((f) => f.tier === null)) expect(flips, `${x.code} ${f.id}`).toContain(rs.criteria.find((c) => c.id === f.id)!.label[lang]);
        }
      }
      expect(errors).toEqual([]);
    });
  }

  it("/levekar prints compactly: the table and the map without controls", async () => {
    const { page } = await open("/levekar");
    await page.locator('.listmap[data-state="ok"]').waitFor();
    await page.emulateMedia({ media: "print" });
    const shown = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).display !== "none");
    expect(await shown(".overview-controls")).toBe(false);
    expect(await shown(".overview-download")).toBe(false);
    expect(await shown("table.overview-table")).toBe(true);
    expect(await shown(".listmap svg")).toBe(true);
    expect(await shown(".list-changes")).toBe(true);
    // The table is the printed list; the per-area criteria tables (printed expanded) are not.
    expect(await shown(".results-section .results")).toBe(false);
    const size = await page.locator("table.overview-table").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeLessThanOrEqual(11);
    // No column is cut off: the table's box does not clip (Chromium scales a page whose content
    // is wider than the paper) and its header cells keep no screen-size minimum width.
    expect(await page.locator(".overview-scroll").evaluate((el) => getComputedStyle(el).overflowX)).toBe("visible");
    const minWidths = await page.locator("table.overview-table thead th").evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).minWidth) || 0));
    expect(Math.max(...minWidths)).toBe(0);
    await page.pdf({ path: join(SHOTS, "levekar-print.pdf") });
  });

  for (const lang of ["nb", "en"] as const) {
    it(`compare (${lang}): Norway as the reference column, the five-year change, small multiples with tables, and a download link`, async () => {
      const codes = ["0301", "5501"];
      const [compared, norway, { indicators }] = await Promise.all([
        api<{ areas: AreaBody[] }>(`/api/v1/compare?codes=${codes.join(",")}`),
        api<AreaBody>("/api/v1/areas/0"),
        api<IndicatorsResponse>("/api/v1/indicators"),
      ]);
      const { page, errors } = await open(withLang(`/sammenlign?codes=${codes.join(",")}`, lang));
      const table = page.locator('table.compare-table[data-areas="2"]');
      expect(await table.locator("thead th[data-reference]").innerText()).toBe(WORDS[lang].norway);
      const locale = lang === "en" ? "en-GB" : "nb-NO";
      const digits = (s: string) => s.replace(/[\s\u00a0,.]/g, "");
      // Norway's column holds Norway's own latest figure.
      const population = table.locator('tr[data-indicator="population"] td');
      const norwayPopulation = norway.cards.find((c) => c.indicator === "population")!;
      expect(digits(await population.nth(2).innerText())).toContain(digits(norwayPopulation.latest!.value!.toLocaleString(locale)));
      // Each area's change over five years, from its card.
      for (const [i, area] of compared.areas.entries()) {
        const card = area.cards.find((c) => c.indicator === "population")!;
        const change = population.nth(i).locator(".compare-change");
        expect(await change.getAttribute("data-change5y")).toBe(String(card.change5y!.delta));
        const text = await change.innerText();
        expect(digits(text)).toContain(digits(Math.abs(card.change5y!.delta!).toLocaleString(locale)));
        expect(text).toContain(card.change5y!.fromLabel);
        expect(text).toContain(card.change5y!.toLabel);
      }

      // One small chart per indicator row, every area's line on it, Norway's where the unit is not a count.
      const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.indicator!));
      const charts = page.locator(".multiples figure.multiple");
      expect(await charts.evaluateAll((fs) => fs.map((f) => (f as HTMLElement).dataset.indicator!))).toEqual(rows);
      for (const id of ["population", "low_income_persistent"]) {
        const chart = page.locator(`figure.multiple[data-indicator="${id}"]`);
        const lines = await chart.locator("svg g[data-code]").evaluateAll((gs) => gs.map((g) => (g as SVGGElement).dataset.code));
        const unit = indicators.find((i) => i.id === id)!.unit;
        expect(lines, id).toEqual(unit === "count" ? codes : [...codes, "0"]);
        // The table behind the chart: a row per year, a column per line.
        await chart.locator("summary").click();
        const periods = [...new Set(compared.areas.flatMap((a) => a.cards.find((c) => c.indicator === id)!.series.map((p) => p.period)))];
        expect(await chart.locator("tbody tr").count()).toBe(periods.length);
        expect(await chart.locator("thead th").count()).toBe(lines.length + 1);
      }

      // The download link: the existing download route with the compared areas and Norway.
      const href = (await page.locator('a[data-download="csv"]').getAttribute("href"))!;
      expect(href).toBe("/api/v1/download?areas=0301,5501,0&format=csv");
      const res = await fetch(`${base}${href}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/csv/);
      const csv = await res.text();
      for (const code of [...codes, "0"]) expect(csv).toMatch(new RegExp(`(^|[,;\\n])"?${code}"?[,;]`, "m"));
      expect(errors).toEqual([]);
    });

    it(`compare (${lang}): with no area, search and suggestions; one picked area already shows it against Norway with its kommune and siblings suggested`, async () => {
      const { page, errors } = await open(withLang("/sammenlign", lang));
      expect(await page.locator('.compare-add input[role="combobox"]').count()).toBe(1);
      const start = page.locator('.compare-suggestions[data-suggestions="start"] button');
      expect(await start.count()).toBeGreaterThan(0);
      const norway = await api<AreaBody>("/api/v1/areas/0");
      const firstCode = (await start.first().getAttribute("data-code"))!;
      expect(norway.children.map((c) => c.code)).toContain(firstCode);

      // A bydel: its kommune and its sibling bydeler are suggested.
      await page.goto(`${base}${withLang("/sammenlign?codes=030161", lang)}`);
      await page.locator('table.compare-table[data-areas="1"]').waitFor();
      expect(await page.locator("table.compare-table thead th[data-reference]").innerText()).toBe(WORDS[lang].norway);
      expect(await page.locator(".multiples figure.multiple").count()).toBeGreaterThan(0);
      const oslo = await api<AreaBody>("/api/v1/areas/0301");
      const suggested = await page.locator('.compare-suggestions[data-suggestions="area"] button').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.code!));
      expect(suggested[0]).toBe("0301");
      const siblings = oslo.children.map((c) => c.code).filter((c) => c !== "030161");
      expect(suggested.slice(1).every((c) => siblings.includes(c))).toBe(true);
      expect(suggested.length).toBeGreaterThan(1);

      // Picking a suggestion compares the two.
      await page.locator(`.compare-suggestions button[data-code="${suggested[1]}"]`).click();
      await page.waitForURL(new RegExp(`codes=030161(%2C|,)${suggested[1]}`));
      await page.locator('table.compare-table[data-areas="2"]').waitFor();
      expect(errors).toEqual([]);
    });
  }

  it("fits a phone (390 px) without horizontal scrolling, the wide table scrolling in its own region", async () => {
    for (const [name, path] of [["levekar", "/levekar"], ["compare", "/sammenlign?codes=0301,5501,5610"]] as const) {
      const { page } = await open(path, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
      await page.screenshot({ path: join(SHOTS, `${name}-phone.png`), fullPage: true });
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll, name).toBeLessThanOrEqual(client);
      await page.context().close();
    }
  });

  // /levekar, its overview, map and changes included, is checked by analysis-views.test.ts in all three languages.
  it("axe-core finds no violations on compare (empty, one area, three) in Bokmål, Nynorsk and English", async () => {
    const found: Record<string, unknown> = {};
    const views = [
      { name: "compare-empty", path: "/sammenlign" },
      { name: "compare-one", path: "/sammenlign?codes=030161" },
      { name: "compare-three", path: "/sammenlign?codes=0301,5501,5610" },
    ];
    for (const lang of ["nb", "nn", "en"]) {
      for (const { name, path } of views) {
        const { page, errors } = await open(withLang(path, lang));
        await openAllDetails(page);
        if (lang === "nb") await page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });
        const violations = await axeViolations(page);
        if (violations.length > 0) found[`${name} (${lang})`] = violations;
        expect(errors, `${name} (${lang})`).toEqual([]);
        await page.context().close();
      }
    }
    expect(found).toEqual({});
  }, 300_000);
});
