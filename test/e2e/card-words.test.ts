/**
 * The trend cards on the real default (db/real, as `npm start` serves it), read as a
 * non-statistician reads them: the 95 % interval in words, a small area's smoothed estimate beside
 * its raw value, a chart scale that starts at zero for shares and rates, a direction word only
 * where the API found a change, comparisons in words and the table with intervals and symbols —
 * in Bokmål and English. The areas are found through the API, so the checks hold as data change.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AreaBody, Card, IndicatorInfo, IndicatorsResponse, Point } from "../../worker/api/schemas";
import { TREND_PHRASES } from "../../web/src/components/card/phrases";
import { launchBrowser } from "./browser";
import { api as get, axeViolations, pageOpener, SHOTS, withLang } from "./page-helpers";

const skip = inject("browserSkipReason");
const base = inject("realBaseUrl");
const api = <T>(path: string) => get<T>(base, path);

const LANGS = ["nb", "en"] as const;
type Lang = (typeof LANGS)[number];
const NBSP = "\u00a0";

/** A one-decimal figure as the page writes it, independently of the app's formatter. */
const dec = (x: number, lang: Lang) => (lang === "nb" ? x.toFixed(1).replace(".", ",").replace("-", "\u2212") : x.toFixed(1));
const pct = (x: number, lang: Lang) => (lang === "nb" ? `${dec(x, lang)}${NBSP}%` : `${dec(x, lang)}%`);
const norm = (s: string) => s.replace(/[ \t\n]+/g, " ").trim();

const WORDS = {
  nb: { between: "mellom", and: "og", label: "Usikkerhet (95 %):", stable: "Ingen klar endring", higher: "Høyere enn i", lower: "Lavere enn i", same: "Omtrent som i", borrow: "låner styrke fra lignende områder", column: "95 % intervall", suppressed: "skjermet", missing: "mangler", norway: "Norge" },
  en: { between: "between", and: "and", label: "Uncertainty (95%):", stable: "No clear change", higher: "Higher than in", lower: "Lower than in", same: "About the same as in", borrow: "borrows strength from similar areas", column: "95% interval", suppressed: "suppressed", missing: "missing", norway: "Norway" },
} as const;

const hasInterval = (p: Point | null): p is Point & { low: number; high: number } => !!p && p.value !== null && p.low !== undefined && p.high !== undefined;

/** Norway's kommuner with bydeler, and their bydeler: where the real data have intervals and smoothing. */
async function* areasToVisit(): AsyncGenerator<AreaBody> {
  const queue = ["0301", "4601", "5001", "1103", "3201"];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const code = queue.shift()!;
    if (seen.has(code)) continue;
    seen.add(code);
    const body = await api<AreaBody>(`/api/v1/areas/${code}`);
    yield body;
    if (body.area.level === "kommune") queue.push(...body.children.filter((c) => c.level === "bydel").map((c) => c.code));
  }
}

async function find(test: (body: AreaBody) => Card | undefined, what: string): Promise<{ body: AreaBody; card: Card }> {
  for await (const body of areasToVisit()) {
    const card = test(body);
    if (card) return { body, card };
  }
  throw new Error(`the real dataset has no ${what} among the areas visited: the check needs one`);
}

describe.skipIf(skip !== "" || !base)("cards a non-statistician reads right (real default)", () => {
  let browser: Browser;
  let info: Map<string, IndicatorInfo>;
  const pages = pageOpener(base, () => browser);
  const cardOf = (page: Page, id: string) => page.locator(`article.card[data-indicator="${id}"]`);

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
    info = new Map((await api<IndicatorsResponse>("/api/v1/indicators")).indicators.map((i) => [i.id, i]));
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
  });

  it("a small area shows its smoothed estimate beside the raw value, explained, with its interval and comparisons in words", async () => {
    // A bydel whose smoothed estimate differs from its raw value: it borrows visibly.
    const { body, card } = await find(
      (b) => (b.area.level === "bydel" ? b.cards.find((c) => c.smoothed && hasInterval(c.latest) && c.smoothed.value !== c.latest!.value && c.municipality?.value != null) : undefined),
      "bydel with a smoothed estimate unlike its raw value",
    );
    const latest = card.latest as Point & { low: number; high: number; value: number };
    for (const lang of LANGS) {
      const w = WORDS[lang];
      const { page, errors } = await pages.open(withLang(`/omrade/${body.area.code}`, lang));
      const el = cardOf(page, card.indicator);

      // Raw and smoothed side by side, the smoothed one explained in a sentence with the method's link.
      const raw = el.locator(".card-latest .value");
      const smoothed = el.locator(".card-smoothed .value");
      expect(await raw.innerText()).toBe(pct(latest.value, lang));
      expect(await smoothed.innerText()).toBe(pct(card.smoothed!.value, lang));
      const [rawBox, smoothedBox] = [await raw.boundingBox(), await smoothed.boundingBox()];
      expect(smoothedBox!.x).toBeGreaterThan(rawBox!.x + rawBox!.width);
      expect(Math.abs(smoothedBox!.y + smoothedBox!.height - (rawBox!.y + rawBox!.height))).toBeLessThan(12);
      const explain = el.locator(".card-smoothed-explain");
      expect(await explain.innerText()).toContain(w.borrow);
      expect(await explain.locator("a").getAttribute("href")).toMatch(/^\/om(\?lang=en)?#trends$/);

      // The served interval, in words.
      expect(norm(await el.locator(".card-interval").innerText())).toBe(norm(`${w.label} ${w.between} ${dec(latest.low, lang)} ${w.and} ${pct(latest.high, lang)}`));

      // Compared with its kommune in words: "about the same" only when the intervals meet.
      const kommune = card.municipality as Point & { value: number };
      const k = hasInterval(kommune) ? kommune : { low: kommune.value, high: kommune.value };
      const word = latest.low <= k.high && k.low <= latest.high ? w.same : latest.value > kommune.value ? w.higher : w.lower;
      const compared = el.locator('.card-compare li[data-compare="municipality"]');
      expect(norm(await compared.innerText())).toBe(`${word} ${body.municipality!.name} (${pct(kommune.value, lang)})`);
      expect(norm(await el.locator('.card-compare li[data-compare="norway"]').innerText())).toMatch(new RegExp(`^(${w.higher}|${w.lower}|${w.same}) ${w.norway} \\(`));

      await el.screenshot({ path: join(SHOTS, `card-smoothed-${lang}.png`) });
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("charts of shares and rates start at zero, with both ends of the scale labelled", async () => {
    const { body } = await find((b) => (b.area.level === "kommune" ? b.cards.find((c) => c.unit === "per1000" && c.series.length > 1) : undefined), "kommune with a rate per 1000");
    for (const lang of LANGS) {
      const { page } = await pages.open(withLang(`/omrade/${body.area.code}`, lang));
      const checked = new Set<string>();
      for (const card of body.cards.filter((c) => (c.unit === "percent" || c.unit === "per1000") && c.series.some((p) => p.value !== null))) {
        const chart = cardOf(page, card.indicator).locator(".chart");
        expect(await chart.getAttribute("data-scale-lo"), card.indicator).toBe("0");
        expect(await chart.locator(".chart-y-lo").innerText()).toBe(card.unit === "percent" ? (lang === "nb" ? `0${NBSP}%` : "0%") : "0");
        const top = Number(await chart.getAttribute("data-scale-hi"));
        const highest = Math.max(...card.series.flatMap((p) => (p.value === null ? [] : [p.value, p.high ?? p.value])));
        expect(top, card.indicator).toBeGreaterThanOrEqual(highest);
        expect((await chart.locator(".chart-y-hi").innerText()).replace(/\D/g, "")).toBe(String(top).replace(/\D/g, ""));
        // The years (or periods) at the ends of the axis.
        const sorted = [...card.series].sort((a, b) => a.period - b.period);
        const axis = await chart.locator(".chart-axis span").allInnerTexts();
        expect(axis[0]).toBe(sorted[0]!.periodLabel);
        if (sorted.length > 1) expect(axis.at(-1)).toBe(sorted.at(-1)!.periodLabel);
        checked.add(card.unit);
      }
      expect([...checked].sort()).toEqual(["per1000", "percent"]);
      await page.context().close();
    }
  });

  it("a real change is said with the indicator's direction; no clear change gets no direction word", async () => {
    const moving = await find(
      (b) => (b.area.level === "kommune" ? b.cards.find((c) => (c.trend === "rising" || c.trend === "falling") && info.get(c.indicator)?.direction !== "neutral" && TREND_PHRASES[c.indicator]) : undefined),
      "kommune with a rising or falling figure that has a direction",
    );
    const still = await find((b) => (b.area.level === "kommune" ? b.cards.find((c) => c.trend === "stable" && TREND_PHRASES[c.indicator] && c.series.filter((p) => p.value !== null).length > 1) : undefined), "kommune with no clear change");
    const sense = { nb: { favourable: "mot bedre levekår", unfavourable: "mot svakere levekår" }, en: { favourable: "towards better living conditions", unfavourable: "towards poorer living conditions" } };
    for (const lang of LANGS) {
      const { page } = await pages.open(withLang(`/omrade/${moving.body.area.code}`, lang));
      const trend = cardOf(page, moving.card.indicator).locator(".trend");
      const phrase = TREND_PHRASES[moving.card.indicator]![lang][moving.card.trend === "rising" ? "up" : "down"];
      expect(await trend.getAttribute("data-trend")).toBe(moving.card.trend);
      expect((await trend.locator(".trend-words").innerText()).toLowerCase()).toBe(phrase.toLowerCase());
      const up = moving.card.trend === "rising";
      const good = up === (info.get(moving.card.indicator)!.direction === "higher_better");
      expect(await trend.locator(".trend-sense").innerText()).toBe(`(${sense[lang][good ? "favourable" : "unfavourable"]})`);
      await page.context().close();

      const { page: other } = await pages.open(withLang(`/omrade/${still.body.area.code}`, lang));
      const flat = cardOf(other, still.card.indicator).locator(".trend");
      expect(await flat.getAttribute("data-trend")).toBe("stable");
      expect(await flat.locator(".trend-words").innerText()).toBe(WORDS[lang].stable);
      expect(await flat.locator(".trend-sense").count()).toBe(0);
      const text = (await flat.innerText()).toLowerCase();
      for (const p of Object.values(TREND_PHRASES[still.card.indicator]![lang])) expect(text).not.toContain(p.toLowerCase());
      expect(text).not.toMatch(lang === "nb" ? /stigende|synkende|økende/ : /rising|falling/);
      await other.context().close();
    }
  });

  it("the table behind a chart gives each value's interval and says suppressed and missing values with SSB's symbols and a legend", async () => {
    const { body, card } = await find((b) => b.cards.find((c) => c.series.filter(hasInterval).length > 1 && c.series.some((p) => p.value === null)), "series with intervals and a hidden year");
    for (const lang of LANGS) {
      const w = WORDS[lang];
      const { page } = await pages.open(withLang(`/omrade/${body.area.code}`, lang));
      const details = page.locator(`details.series-table[data-indicator="${card.indicator}"]`);
      await details.locator("summary").click();
      expect(await details.locator("thead th").last().innerText()).toBe(w.column);
      const rows = details.locator("tbody tr");
      const sorted = [...card.series].sort((a, b) => a.period - b.period);
      expect(await rows.count()).toBe(sorted.length);
      for (const [i, p] of sorted.entries()) {
        const cells = rows.nth(i).locator("td");
        if (hasInterval(p)) {
          expect(await cells.nth(1).getAttribute("data-interval")).toBe(`${p.low} ${p.high}`);
          expect(await cells.nth(1).innerText()).toBe(`${dec(p.low, lang)}–${pct(p.high, lang)}`);
        } else if (p.value === null) {
          // Never a number: the symbol and its words.
          const text = await cells.nth(0).innerText();
          expect(text).toContain(p.status ?? "..");
          expect(text).not.toMatch(/\d/);
        }
      }
      const legend = (await details.locator(".series-legend").innerText()).toLowerCase();
      expect(legend).toContain(`: ${w.suppressed}`);
      expect(legend).toContain(`.. ${w.missing}`);
      await page.context().close();
    }
  });
});
