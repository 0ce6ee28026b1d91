/**
 * The real default (db/real, as `npm start` serves it) in Chromium: honest about age and gaps.
 * Old figures (the built-in dataset has several: 2018's grunnkrets counts, 2016's culture
 * figures, 2013's income figures) carry the badge, a single figure gets no trend word, an area
 * without figures says why, and /levekar says which criteria the default rule set lacks figures
 * for. The areas are found through the API, so the checks hold as the dataset grows.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AreaBody } from "../../worker/api/schemas";
import type { LevelCoverage } from "../../worker/stats/coverage";
import { isOld, tooShortForTrend } from "../../web/src/components/card/age";
import { launchBrowser } from "./browser";
import { api as get, axeViolations, pageOpener, SHOTS, withLang } from "./page-helpers";

const skip = inject("browserSkipReason");
const base = inject("realBaseUrl");
const api = <T>(path: string) => get<T>(base, path);

/** Norway, a few kommuner and their sub-areas, breadth first: where old and single figures are. */
async function* areasToVisit(): AsyncGenerator<AreaBody> {
  const queue = ["0", "0301", "3201", "0219", "3203", "0220", "4601", "5001", "1103", "4005"];
  const seen = new Set<string>();
  while (queue.length > 0 && seen.size < 700) {
    const code = queue.shift()!;
    if (seen.has(code)) continue;
    seen.add(code);
    const res = await fetch(`${base}/api/v1/areas/${code}`);
    if (!res.ok) continue;
    const body = (await res.json()) as AreaBody;
    yield body;
    // All of a kommune's sub-areas (few of Bærum's 437 grunnkretser have no figures), a few of the rest.
    queue.push(...body.children.slice(0, body.area.level === "kommune" ? undefined : 8).map((c) => c.code));
  }
}

async function findArea(test: (body: AreaBody) => boolean, what: string): Promise<AreaBody> {
  for await (const body of areasToVisit()) if (test(body)) return body;
  throw new Error(`the real dataset has no area with ${what} among those visited: the check needs one`);
}

describe.skipIf(skip !== "" || !base)("age and gaps on the real default", () => {
  let browser: Browser;
  const pages = pageOpener(base, () => browser);
  const open = pages.open;

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
  });

  it("an old figure carries the badge with its year, in every language, and the page stays axe-clean", async () => {
    const area = await findArea((b) => b.cards.some((c) => isOld(c.latest, b.dataset)), "an old figure");
    const old = area.cards.filter((c) => isOld(c.latest, area.dataset));
    const text = { nb: "Gammelt tall: fra", nn: "Gammalt tal: frå", en: "Old figure: from" } as const;
    for (const lang of ["nb", "nn", "en"] as const) {
      const { page, errors } = await open(withLang(`/omrade/${area.area.code}`, lang));
      const badged = await page.locator("article.card:has(.badge--old)").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.indicator!));
      // The page groups cards by theme, so its order is not the API's.
      expect(badged.sort()).toEqual(old.map((c) => c.indicator).sort());
      for (const card of old) {
        expect(await page.locator(`article.card[data-indicator="${card.indicator}"] .badge--old`).innerText()).toBe(`${text[lang]} ${card.latest!.period}`);
      }
      await page.screenshot({ path: join(SHOTS, `real-old-figure-${lang}.png`), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("a single figure gets no trend word; a series of several does", async () => {
    const area = await findArea((b) => b.cards.some((c) => tooShortForTrend(c.series)), "a single figure");
    const { page } = await open(`/omrade/${area.area.code}`);
    for (const card of area.cards) {
      const trend = page.locator(`article.card[data-indicator="${card.indicator}"] .trend`);
      expect(await trend.count(), card.indicator).toBe(tooShortForTrend(card.series) ? 0 : 1);
    }
    await page.context().close();
  });

  it("an area without figures says that open data stop at kommune and big-city bydel, and links to its kommune", async () => {
    const area = await findArea((b) => (b.area.level === "bydel" || b.area.level === "grunnkrets") && b.cards.length === 0 && b.replacedBy.length === 0, "a bydel or grunnkrets without figures");
    const text = {
      nb: "Åpen statistikk går ned til kommuner og til bydelene i de største byene",
      nn: "Open statistikk går ned til kommunar og til bydelane i dei største byane",
      en: "Open statistics go down to municipalities and to the districts of the largest cities",
    } as const;
    const grunnkrets = { nb: "Åpen statistikk stopper ved kommuner", nn: "Open statistikk stoppar ved kommunar", en: "Open statistics stop at municipalities" } as const;
    for (const lang of ["nb", "nn", "en"] as const) {
      const { page } = await open(withLang(`/omrade/${area.area.code}`, lang));
      const note = page.locator(".no-figures");
      expect(await note.getAttribute("data-level")).toBe(area.area.level);
      expect(await note.innerText()).toContain(area.area.level === "bydel" ? text[lang] : grunnkrets[lang]);
      expect(await note.locator("a").getAttribute("href")).toContain(`/omrade/${area.municipality!.code}`);
      expect(await page.locator("main").innerText()).not.toMatch(/^(Ingen tall|Ingen tal|No figures)$/m);
      await page.context().close();
    }
  });

  it("/levekar says the default rule set cannot be evaluated for grunnkretser, naming the criteria without figures", async () => {
    const norway = await api<AreaBody>("/api/v1/areas/0");
    const year = Math.max(...norway.cards.flatMap((c) => c.series.map((p) => p.period)));
    const [coverage] = (await api<{ coverage: LevelCoverage[] }>(`/api/v1/classifications?ruleset=norway_default&period=${year}&level=grunnkrets`)).coverage;
    // Open data have no grunnkrets figures for most of its socioeconomic criteria.
    expect(coverage!.evaluable).toBe(false);
    const { page } = await open(`/levekar?ruleset=norway_default&year=${year}&level=grunnkrets`);
    const notice = page.locator('.coverage-notice[data-evaluable="false"]');
    expect(await notice.locator("strong").innerText()).toBe(`Norsk forslag (sosioøkonomiske kriterier) kan ikke vurderes for grunnkretser i ${year}`);
    const listed = await notice.locator('[data-gaps="missing"] li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.criterion ?? null));
    expect(listed).toEqual(coverage!.missing.map((g) => g.criterion));
    expect(await page.locator("#results-title").innerText()).toBe(`Ingen grunnkretser kan vurderes i ${year}.`);
    await page.screenshot({ path: join(SHOTS, "real-levekar-nb.png"), fullPage: true });
    await page.context().close();
  });
});
