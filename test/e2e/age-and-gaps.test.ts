/**
 * Honest about age and gaps, on the synthetic demo (the real default has its own file,
 * real-default.test.ts): every card says when the data were updated, old figures and only those
 * carry the badge, an area lists the figures it has none of and (below kommune) why, and /levekar
 * says which criteria of a rule set lack figures at a level. Checked against the API's own
 * answers, with axe-core, in Bokmål, Nynorsk and English. Screenshots: test-results/screenshots.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AreaBody, IndicatorsResponse } from "../../worker/api/schemas";
import type { LevelCoverage } from "../../worker/stats/coverage";
import type { RuleSet } from "../../worker/stats/ruleset-schema";
import { isOld } from "../../web/src/components/card/age";
import { launchBrowser } from "./browser";
import { api as get, axeViolations, openAllDetails, pageOpener, SHOTS, withLang } from "./page-helpers";

const skip = inject("browserSkipReason");
const base = inject("baseUrl");
const api = <T>(path: string) => get<T>(base, path);

const UPDATED = { nb: "Data sist oppdatert", nn: "Data sist oppdatert", en: "Data last updated" } as const;
const WHY_GRUNNKRETS = {
  nb: "tall for grunnkretser lager SSB på bestilling",
  nn: "tal for grunnkrinsar lagar SSB på bestilling",
  en: "produced by Statistics Norway (SSB) to order",
} as const;
const DATE_LOCALES = { nb: "nb-NO", nn: "nb-NO", en: "en-GB" } as const;
const day = (iso: string, lang: keyof typeof DATE_LOCALES) =>
  new Intl.DateTimeFormat(DATE_LOCALES[lang], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));

describe.skipIf(skip !== "")("age and gaps on the demo", () => {
  let browser: Browser;
  const pages = pageOpener(base, () => browser);
  const open = pages.open;
  let grunnkrets: AreaBody;
  let catalogue: IndicatorsResponse["indicators"];

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
    catalogue = (await api<IndicatorsResponse>("/api/v1/indicators")).indicators;
    const oslo = await api<AreaBody>("/api/v1/areas/0301");
    const bydel = await api<AreaBody>(`/api/v1/areas/${oslo.children[0]!.code}`);
    grunnkrets = await api<AreaBody>(`/api/v1/areas/${bydel.children[0]!.code}`);
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
  });

  it("every card says when the data were updated, and only old figures carry the badge", async () => {
    const { dataset } = grunnkrets;
    expect(dataset).toBeTruthy();
    for (const lang of ["nb", "nn", "en"] as const) {
      const { page, errors } = await open(withLang(`/omrade/${grunnkrets.area.code}`, lang));
      const updated = `${UPDATED[lang]} ${day(dataset!.dataUpdated ?? dataset!.figuresUpdated, lang)}.`;
      const cards = page.locator("article.card");
      expect(await cards.count()).toBe(grunnkrets.cards.length);
      for (const text of await page.locator("article.card .card-updated").allInnerTexts()) expect(text).toBe(updated);
      expect(await page.locator("article.card .card-updated").count()).toBe(grunnkrets.cards.length);
      const old = grunnkrets.cards.filter((c) => isOld(c.latest, dataset)).map((c) => c.indicator);
      const badged = await page.locator("article.card:has(.badge--old)").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.indicator!));
      expect(badged).toEqual(old);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("a grunnkrets lists the figures it has none of, and says that open data stop above it", async () => {
    const missing = catalogue.filter((i) => !grunnkrets.cards.some((c) => c.indicator === i.id)).map((i) => i.id);
    // The demo's kommune-only figures (crime, life expectancy, …) never reach a grunnkrets.
    expect(missing.length).toBeGreaterThan(0);
    for (const lang of ["nb", "nn", "en"] as const) {
      const { page } = await open(withLang(`/omrade/${grunnkrets.area.code}`, lang));
      const note = page.locator(".missing-here");
      expect((await note.getAttribute("data-missing"))!.split(" ")).toEqual(missing);
      const text = await note.innerText();
      for (const id of missing) {
        const info = catalogue.find((i) => i.id === id)!;
        const name = lang === "en" ? info.name.en : lang === "nn" ? (info.name.nn ?? info.name.nb) : info.name.nb;
        expect(text.toLocaleLowerCase()).toContain(name.toLocaleLowerCase());
      }
      expect(text).toContain(WHY_GRUNNKRETS[lang]);
      if (lang === "nb") await page.screenshot({ path: join(SHOTS, "gaps-grunnkrets-nb.png"), fullPage: true });
      await page.context().close();
    }
  });

  it("/levekar names the criteria a rule set has no figures for at a level, as the API says, axe-clean", async () => {
    const rs = await api<RuleSet>("/api/v1/rulesets/denmark_style");
    const norway = await api<AreaBody>("/api/v1/areas/0");
    const year = Math.max(...norway.cards.flatMap((c) => c.series.map((p) => p.period)));
    const [coverage] = (await api<{ coverage: LevelCoverage[] }>(`/api/v1/classifications?ruleset=denmark_style&period=${year}&level=grunnkrets`)).coverage;
    // Reported offences exist for kommuner only: the Danish set's crime criterion has no grunnkrets figures.
    expect(coverage!.missing.map((g) => g.criterion)).toContain("convictions");
    const found: Record<string, unknown> = {};
    for (const lang of ["nb", "nn", "en"] as const) {
      const { page, errors } = await open(withLang(`/levekar?ruleset=denmark_style&year=${year}&level=grunnkrets`, lang));
      const notice = page.locator(".coverage-notice");
      expect(await notice.getAttribute("data-evaluable")).toBe(String(coverage!.evaluable));
      const listed = await notice.locator('[data-gaps="missing"] li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.criterion ?? null));
      expect(listed).toEqual(coverage!.missing.map((g) => g.criterion));
      const label = rs.kind === "criteria" ? rs.criteria.find((c) => c.id === "convictions")!.label : null;
      expect(await notice.innerText()).toContain(lang === "en" ? label!.en : label!.nb);
      await openAllDetails(page);
      await page.screenshot({ path: join(SHOTS, `gaps-levekar-${lang}.png`), fullPage: true });
      const violations = await axeViolations(page);
      if (violations.length > 0) found[lang] = violations;
      expect(errors).toEqual([]);
      await page.context().close();
    }
    expect(found).toEqual({});
  });
});
