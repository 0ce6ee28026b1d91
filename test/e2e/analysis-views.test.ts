/**
 * The segregation view (/segregasjon/:code) and the classification view (/levekar) in Chromium
 * against the real worker with the synthetic demo data: axe-core in Bokmål, Nynorsk and English;
 * the grouping switch, rule set switch and what-if sliders with the keyboard alone; reflow at
 * 320 CSS px; print; and the numbers on screen checked against the API's own answers (the M
 * decomposition, the intervals and "clear change", each area's criteria, and the preview's
 * entering and leaving areas for the same slider settings). Screenshots go to
 * test-results/screenshots.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AreaBody, SegregationBody } from "../../worker/api/schemas";
import { bootstrapPeriods } from "../../worker/jobs/groupings";
import type { Classification } from "../../worker/stats/classify";
import type { RuleSet } from "../../worker/stats/ruleset-schema";
import { launchBrowser } from "./browser";
import { api as get, axeViolations, FOCUS_COLOUR, focusRing, openAllDetails, pageOpener, settled, SHOTS, tabTo, withLang } from "./page-helpers";

const skip = inject("browserSkipReason");
const base = inject("baseUrl");
const api = <T>(path: string) => get<T>(base, path);

type Named = Classification & { name: string };
type List = { ruleSet: RuleSet; results: Named[] };
type Preview = List & { entering: string[]; leaving: string[] };
type Estimate = { value: number; low: number | null; high: number | null };

const nb4 = (n: number) => n.toLocaleString("nb-NO", { minimumFractionDigits: 4, maximumFractionDigits: 4 });
const en4 = (n: number) => n.toLocaleString("en-GB", { minimumFractionDigits: 4, maximumFractionDigits: 4 });
const pct = (part: number, total: number) => Math.round((100 * part) / total);
const sorted = (xs: string[]) => [...xs].sort();

/** Whether the first and last year's intervals overlap, computed here from the API's numbers. */
function expectedChange(series: { estimate: Estimate | null }[]): "rising" | "falling" | "stable" {
  const known = series.map((p) => p.estimate).filter((e): e is Estimate => !!e && e.low !== null && e.high !== null);
  const a = known[0]!;
  const b = known[known.length - 1]!;
  return b.low! > a.high! ? "rising" : b.high! < a.low! ? "falling" : "stable";
}

describe.skipIf(skip !== "")("segregation and classification views", () => {
  let browser: Browser;
  const pages = pageOpener(base, () => browser);
  const open = pages.open;
  let latestYear: number;
  let years: number[];

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
    const norway = await api<AreaBody>("/api/v1/areas/0");
    years = [...new Set(norway.cards.flatMap((c) => c.series.map((p) => p.period)))].sort((a, b) => b - a);
    latestYear = years[0]!;
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
  });

  /** Waits until the what-if panel shows the preview for exactly these changed parameters. */
  async function previewShown(page: Page, params: string) {
    await page.waitForFunction(
      (p) => {
        const el = document.querySelector(".whatif-result");
        return el?.getAttribute("data-state") === "ok" && el.getAttribute("data-params") === p;
      },
      params,
    );
  }

  const listedCodes = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code!));

  it("axe-core finds no violations on either view, in Bokmål, Nynorsk and English", async () => {
    const found: Record<string, unknown> = {};
    const views = [
      { name: "segregation-oslo", path: "/segregasjon/0301" },
      { name: "segregation-norway", path: "/segregasjon/0?grouping=education" },
      { name: "classification", path: "/levekar", slide: true },
      { name: "classification-danish", path: "/levekar?ruleset=denmark_style" },
    ];
    for (const lang of ["nb", "nn", "en"]) {
      for (const { name, path, slide } of views) {
        const { page, errors } = await open(withLang(path, lang));
        if (slide) {
          // With the what-if answer on screen: lists of areas entering and leaving.
          const slider = page.locator('.slider[data-key="t.persistent_low_income"] input');
          await slider.focus();
          for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
          await previewShown(page, `t.persistent_low_income=${await slider.inputValue()}`);
        }
        await openAllDetails(page);
        await page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });
        const violations = await axeViolations(page);
        if (violations.length > 0) found[`${name} (${lang})`] = violations;
        expect(errors, `${name} (${lang})`).toEqual([]);
        await page.context().close();
      }
    }
    expect(found).toEqual({});
    // /levekar carries its overview table, map and changes too: axe takes longer there.
  }, 360_000);

  it("explains the M decomposition in words with exactly the API's numbers", async () => {
    const body = await api<SegregationBody>("/api/v1/segregation/0301?grouping=immigrant");
    expect(body.withinLevel).toBe("bydel");
    const latest = body.series.filter((y) => y.decomposition && y.M).at(-1)!;
    const { M, decomposition: d } = latest as { M: Estimate; decomposition: NonNullable<typeof latest.decomposition> };

    const { page } = await open("/segregasjon/0301");
    const text = page.locator(".decomposition-text");
    expect(await text.innerText()).toBe(
      `Av den samlede segregasjonen M = ${nb4(M.value)} i ${latest.period} ligger ${nb4(d.M_between)} (${pct(d.M_between, M.value)}\u00a0%) mellom bydelene og ${nb4(d.M_within)} (${pct(d.M_within, M.value)}\u00a0%) innenfor dem.`,
    );
    expect(await text.evaluate((el) => ({ ...(el as HTMLElement).dataset }))).toEqual({
      period: String(latest.period),
      total: String(M.value),
      between: String(d.M_between),
      within: String(d.M_within),
    });
    // Every year's split in the table, the same numbers.
    await page.locator(".decomposition summary").click();
    const rows = page.locator(".decomposition tbody tr");
    expect(await rows.count()).toBe(body.series.filter((y) => y.decomposition).length);
    expect(await rows.last().innerText()).toContain(nb4(d.M_within));

    const english = await open("/segregasjon/0301?lang=en");
    expect(await english.page.locator(".decomposition-text").innerText()).toBe(
      `Of the total segregation M = ${en4(M.value)} in ${latest.period}, ${en4(d.M_between)} (${pct(d.M_between, M.value)}%) lies between city districts and ${en4(d.M_within)} (${pct(d.M_within, M.value)}%) within them.`,
    );

    // Without bydeler there is nothing to split, and the page says why.
    const tromso = await api<SegregationBody>("/api/v1/segregation/5501");
    expect(tromso.withinLevel).toBeNull();
    const { page: plain } = await open("/segregasjon/5501");
    expect(await plain.locator('.decomposition[data-decomposition="none"]').innerText()).toMatch(/hele M er forskjeller mellom grunnkretsene/);
  });

  it("draws D, H and M with their intervals, calls a change only when the intervals do not overlap, and tables the same numbers", async () => {
    const body = await api<SegregationBody>("/api/v1/segregation/4601?grouping=low_income");
    const area = await api<AreaBody>("/api/v1/areas/4601");
    const { page, errors } = await open("/segregasjon/4601?grouping=low_income");
    const note = await page.locator(".method-note").innerText();
    expect(note).toContain(area.synthetic ? "syntetiske demodataene" : "i dataene");
    expect(note).toContain(`${body.series.at(-1)!.units} grunnkretser`);
    expect(note).toContain("ikke overlapper");
    const bootstrapped = body.series.filter((y) => y.D?.low != null);
    expect(note).toContain(
      bootstrapped.length === body.series.length ? "Hvert tall vises med et 95 % konfidensintervall" : `Tallene for ${bootstrapped.slice(0, -1).map((y) => y.period).join(", ")} og ${bootstrapped.at(-1)!.period} vises med et 95 % konfidensintervall`,
    );
    // The two years a change is judged between; the others have no interval, and none is drawn.
    expect(bootstrapped.map((y) => y.period)).toEqual([...bootstrapPeriods(body.series.map((y) => y.period))]);
    const words = { rising: /^Klar økning/, falling: /^Klar nedgang/, stable: /^Ingen klar endring/ };

    for (const id of ["D", "H", "M"] as const) {
      const series = body.series.map((y) => ({ period: y.period, estimate: y[id] as Estimate | null }));
      const chart = page.locator(`figure.index-chart[data-index="${id}"]`);
      const known = series.filter((p) => p.estimate);
      expect(await chart.locator("circle.index-chart-dot").count()).toBe(known.length);
      // One band per run of consecutive years with an interval (a lone year's is a narrow bar).
      const bands = series.filter((p, i) => p.estimate?.low != null && series[i - 1]?.estimate?.low == null).length;
      expect(bands).toBeGreaterThan(0);
      expect(await chart.locator("polygon.index-chart-band").count()).toBe(bands);
      const change = expectedChange(series);
      expect(await chart.getAttribute("data-change")).toBe(change);
      expect(await chart.locator(".index-chart-change").innerText()).toMatch(words[change]);
      expect(await chart.locator("svg").getAttribute("aria-label")).toContain(nb4(known.at(-1)!.estimate!.value));

      // The table alternative: one row per year; the last row the API's value and interval.
      const summary = chart.locator("details summary");
      await summary.focus();
      await page.keyboard.press("Enter");
      const rows = chart.locator("tbody tr");
      expect(await rows.count()).toBe(series.length);
      for (const [i, p] of series.entries()) {
        const e = p.estimate;
        const cells = await rows.nth(i).locator("td").allInnerTexts();
        if (!e) {
          expect(cells).toEqual(["Ingen verdi"]);
          continue;
        }
        // A year without an interval (only the recent years are bootstrapped) says so with a dash.
        expect(cells).toEqual([nb4(e.value), e.low !== null && e.high !== null ? `${nb4(e.low)} – ${nb4(e.high)}` : "–"]);
      }
    }
    expect(errors).toEqual([]);
  });

  it("switches the grouping with the keyboard alone, keeping focus on the switch", async () => {
    const lowIncome = await api<SegregationBody>("/api/v1/segregation/0301?grouping=low_income");
    const { page, errors } = await open("/segregasjon/0301");
    await tabTo(page, 'input[name="grouping"]');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe("immigrant");
    expect(await focusRing(page)).toMatchObject({ visible: true, style: "solid", colour: FOCUS_COLOUR });

    await page.keyboard.press("ArrowDown");
    await page.waitForURL(/grouping=low_income/);
    const M = lowIncome.series.filter((y) => y.decomposition).at(-1)!.M!;
    await expect.poll(() => page.locator(".decomposition-text").getAttribute("data-total")).toBe(String(M.value));
    expect(await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement;
      return { name: el.name, value: el.value, checked: el.checked };
    })).toEqual({ name: "grouping", value: "low_income", checked: true });

    // On to the first chart's table with Tab, open it with Enter.
    await tabTo(page, "figure.index-chart summary");
    await page.keyboard.press("Enter");
    expect(await page.locator('figure.index-chart[data-index="D"] details').getAttribute("open")).not.toBeNull();
    expect(errors).toEqual([]);
  });

  it("is linked from the area pages of kommuner and of Norway, and from the header menu", async () => {
    const { page } = await open("/omrade/0301");
    const link = page.locator("a.segregation-link");
    expect(await link.innerText()).toBe("Bostedssegregasjon i Oslo");
    await link.click();
    await page.waitForURL(/\/segregasjon\/0301$/);
    await expect.poll(() => page.locator("h1").innerText()).toBe("Bostedssegregasjon i Oslo");

    // A bydel has no indices of its own, so no link.
    const bydelCode = (await api<AreaBody>("/api/v1/areas/0301")).children[0]!.code;
    const bydel = await open(`/omrade/${bydelCode}`);
    await bydel.page.locator("a.action-link").waitFor();
    expect(await bydel.page.locator("a.segregation-link").count()).toBe(0);

    const { page: home } = await open("/?lang=en");
    await home.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Segregation" }).click();
    await home.waitForURL(/\/segregasjon\/0\?lang=en$/);
    await expect.poll(() => home.locator("h1").innerText()).toBe("Residential segregation in Norway");
    await settled(home);
    // Norway's units are its kommuner; the map shows its fylker.
    expect(await home.locator(".method-note").innerText()).toMatch(/each of \d+ municipalities/);
    await home.locator('.map-block[data-parent="0"] .map-svg').waitFor();
    await home.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Living-condition challenges" }).click();
    await home.waitForURL(/\/levekar\?lang=en$/);
    await expect.poll(() => home.locator("h1").innerText()).toBe("Areas with several living-condition challenges");
  });

  it("says so when an area has no indices, and offers a retry when the service fails", async () => {
    // A bydel: an area that exists, without indices of its own.
    const bydel = (await api<AreaBody>("/api/v1/areas/0301")).children[0]!;
    expect((await fetch(`${base}/api/v1/segregation/${bydel.code}`)).status).toBe(404);
    const { page } = await open(`/segregasjon/${bydel.code}`);
    expect(await page.locator("h1").innerText()).toBe(`Bostedssegregasjon i ${bydel.name}`);
    const notice = page.locator(".notice");
    expect(await notice.innerText()).toMatch(/Det finnes ingen segregasjonsindekser for/);
    expect(await notice.locator("button").count()).toBe(0);

    let fail = true;
    const { page: failing } = await open("/segregasjon/0301", {}, (context) =>
      context.route(/\/api\/v1\/segregation\//, (route) =>
        fail ? route.fulfill({ status: 500, json: { error: { code: "internal", message: "boom" } } }) : route.continue(),
      ),
    );
    const alert = failing.locator('.notice[role="alert"]');
    expect(await alert.innerText()).toMatch(/Kunne ikke hente segregasjonsindeksene/);
    fail = false;
    await alert.getByRole("button", { name: "Prøv igjen" }).click();
    await failing.locator(".decomposition-text").waitFor();
  });

  it("lists the areas meeting the rule set in code order, each opening to its criteria as the API gives them", async () => {
    const stored = await api<List>(`/api/v1/classifications?ruleset=norway_default&period=${latestYear}&level=grunnkrets&limit=500`);
    expect(stored.results.length).toBeGreaterThan(0);
    const { page, errors } = await open("/levekar");
    expect(await page.locator("#results-title").innerText()).toBe(`${stored.results.length} grunnkretser oppfyller regelsettet i ${latestYear}`);
    const codes = await listedCodes(page, "li.result");
    expect(codes).toEqual(stored.results.map((r) => r.code));
    // Code order, never a ranking by how many criteria hold.
    expect(codes).toEqual(sorted(codes));

    // Open the first area with the keyboard.
    await tabTo(page, "li.result summary");
    await page.keyboard.press("Enter");
    const first = stored.results[0]!;
    const item = page.locator(`li.result[data-code="${first.code}"]`);
    expect(await item.locator("details").getAttribute("open")).not.toBeNull();
    expect(await item.locator("summary").innerText()).toContain(first.name);
    const rs = stored.ruleSet as Extract<RuleSet, { kind: "criteria" }>;
    expect(await item.locator(".result-body").innerText()).toContain(`${first.metCount} av ${rs.criteria.length} kriterier holder (minst ${first.minMet} trengs)`);
    // Values and thresholds with the unit's decimals (as on the area cards), met or not in words.
    const { indicators } = await api<{ indicators: { id: string; unit: string }[] }>("/api/v1/indicators");
    const decimals: Record<string, number> = { count: 0, percent: 1, per1000: 1, nok: 0, years: 1 };
    const rows = item.locator(".criteria-table").first().locator("tbody tr");
    expect(await rows.count()).toBe(first.criteria.length);
    for (const [i, k] of first.criteria.entries()) {
      const row = rows.nth(i);
      expect(await row.getAttribute("data-criterion")).toBe(k.id);
      const unit = indicators.find((x) => x.id === rs.criteria.find((c) => c.id === k.id)!.indicator)!.unit;
      const number = (v: number) => v.toLocaleString("nb-NO", { minimumFractionDigits: decimals[unit], maximumFractionDigits: decimals[unit] }).replace(/\s/g, " ");
      const cells = (await row.locator("td").allInnerTexts()).map((s) => s.replace(/\s/g, " "));
      if (k.value !== null) expect(cells[0]).toContain(number(k.value));
      if (k.threshold !== null) expect(cells[1]).toContain(number(k.threshold));
      // A criterion whose threshold lies within the value's uncertainty says so in words.
      expect(cells[2]).toEqual(k.reason ? expect.stringMatching(/^Kan ikke vurderes/) : `${k.met ? "Ja" : "Nei"}${k.borderline ? " (på grensen)" : ""}`);
    }
    // An area whose result depends on a borderline criterion says so, in its summary and its body.
    for (const r of stored.results.slice(0, 20)) {
      const summary = await page.locator(`li.result[data-code="${r.code}"] summary`).innerText();
      expect(summary.includes("på grensen"), r.code).toBe(r.borderline);
    }
    expect(stored.results.some((r) => r.borderlineCriteria.length > 0), "the demo data should have a borderline criterion among the met areas").toBe(true);
    expect(errors).toEqual([]);
  });

  it("marks a criterion that could not be evaluated as such, never as met or not met", async () => {
    let example: { year: number; code: string; id: string; reason: string } | undefined;
    for (const year of years) {
      const list = await api<List>(`/api/v1/classifications?ruleset=norway_default&period=${year}&level=grunnkrets&limit=500`);
      for (const r of list.results) {
        const k = r.criteria.find((c) => c.reason);
        if (k) example ??= { year, code: r.code, id: k.id, reason: k.reason! };
      }
      if (example) break;
    }
    expect(example, "the demo data should list an area with a criterion that cannot be evaluated").toBeDefined();
    const { year, code, id, reason } = example!;
    const words: Record<string, string> = { suppressed: "Kan ikke vurderes (skjermet)", missing: "Kan ikke vurderes (mangler)" };
    const { page } = await open(`/levekar?year=${year}`);
    const row = page.locator(`li.result[data-code="${code}"] tr[data-criterion="${id}"]`);
    await page.locator(`li.result[data-code="${code}"] summary`).click();
    expect(await row.getAttribute("data-reason")).toBe(reason);
    const cells = await row.locator("td").allInnerTexts();
    expect(cells[0]).toBe("–");
    expect(cells[2]).toEqual(words[reason] ?? expect.stringMatching(/^Kan ikke vurderes/));
  });

  it("switches rule sets with the keyboard and marks contested parts with their notes", async () => {
    const { ruleSets, default: defaultId } = await api<{ default: string; ruleSets: RuleSet[] }>("/api/v1/rulesets");
    const danish = ruleSets.find((r) => r.id === "denmark_style") as Extract<RuleSet, { kind: "criteria" }>;
    const { page, errors } = await open("/levekar");
    const order = await page.locator('input[name="ruleset"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(order[0]).toBe(defaultId);
    expect(sorted(order)).toEqual(sorted(ruleSets.map((r) => r.id)));
    expect(await page.locator(`label[data-ruleset="${defaultId}"]`).innerText()).toContain("Standard");
    expect(await page.locator('label[data-ruleset="denmark_style"]').innerText()).toContain("Har omstridte deler");

    await tabTo(page, 'input[name="ruleset"]');
    const steps = order.indexOf("denmark_style");
    for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowDown");
    await page.waitForURL(/ruleset=denmark_style/);
    const info = page.locator('.ruleset-info[data-ruleset="denmark_style"]');
    await info.waitFor();
    await settled(page);
    const tier = danish.tiers.find((t) => t.contested)!;
    const tierItem = info.locator("li[data-contested]").filter({ hasText: tier.label.nb }).first();
    expect(await tierItem.innerText()).toContain("Omstridt");
    expect(await tierItem.innerText()).toContain(tier.description.nb);
    const contested = tier.criteria.find((c) => c.contested)!;
    const criterion = info.locator(`li[data-criterion="${contested.id}"]`);
    expect(await criterion.innerText()).toContain("Omstridt");
    expect(await criterion.innerText()).toContain(contested.note!.nb);
    // Notes of uncontested criteria are shown too.
    const noted = danish.criteria.find((c) => c.note)!;
    expect(await info.locator(`li[data-criterion="${noted.id}"] .rule-note`).innerText()).toContain(noted.note!.nb);

    const list = await api<List>(`/api/v1/classifications?ruleset=denmark_style&period=${latestYear}&level=grunnkrets&limit=500`);
    expect(await listedCodes(page, "li.result")).toEqual(list.results.map((r) => r.code));
    if (list.results.length === 0) expect(await page.locator("#results-title").innerText()).toBe(`Ingen grunnkretser oppfyller regelsettet i ${latestYear}.`);
    expect(errors).toEqual([]);
  });

  it("what-if: a stricter threshold makes areas leave exactly as the preview endpoint says, reset restores, nothing is saved", async () => {
    const listPath = `/api/v1/classifications?ruleset=norway_default&period=${latestYear}&level=grunnkrets&limit=500`;
    const before = await api<List>(listPath);
    const { page, errors } = await open("/levekar");
    const result = page.locator(".whatif-result");
    expect(await result.innerText()).toMatch(/Flytt en glidebryter/);
    expect(await page.locator(".whatif").innerText()).toContain("Ingenting lagres");

    // Keyboard only: Tab to the persistent-low-income slider, raise its factor (stricter).
    await tabTo(page, '.slider[data-key="t.persistent_low_income"] input');
    expect(await focusRing(page)).toMatchObject({ visible: true, colour: FOCUS_COLOUR });
    const slider = page.locator('.slider[data-key="t.persistent_low_income"] input');
    const initial = Number(await slider.inputValue());
    for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
    const factor = await slider.inputValue();
    expect(Number(factor)).toBeGreaterThan(initial);
    expect(await slider.getAttribute("aria-valuetext")).toBe(`≥ ${Number(factor).toLocaleString("nb-NO")} × landsnivået`);
    await previewShown(page, `t.persistent_low_income=${factor}`);

    const query = `/api/v1/classifications/preview?ruleset=norway_default&period=${latestYear}&level=grunnkrets`;
    const preview = await api<Preview>(`${query}&t.persistent_low_income=${factor}`);
    expect(preview.leaving.length).toBeGreaterThan(0);
    expect(await listedCodes(page, '[data-list="leaving"] li')).toEqual(sorted(preview.leaving));
    expect(await listedCodes(page, '[data-list="entering"] li')).toEqual(sorted(preview.entering));
    expect(await result.innerText()).toBe(
      `Med disse tersklene oppfyller ${preview.results.length} områder regelsettet (nå ${before.results.length}): ${preview.entering.length} kommer med og ${preview.leaving.length} faller ut.`,
    );
    // Leaving areas are named as in the stored list.
    const leaver = before.results.find((r) => r.code === preview.leaving[0])!;
    expect(await page.locator(`[data-list="leaving"] li[data-code="${leaver.code}"] a`).innerText()).toBe(leaver.name);

    // A second slider: how many criteria must hold.
    await tabTo(page, '.slider[data-key="minMet"] input');
    await page.keyboard.press("ArrowRight");
    const minMet = await page.locator('.slider[data-key="minMet"] input').inputValue();
    await previewShown(page, `t.persistent_low_income=${factor}&minMet=${minMet}`);
    const both = await api<Preview>(`${query}&t.persistent_low_income=${factor}&minMet=${minMet}`);
    expect(await listedCodes(page, '[data-list="leaving"] li')).toEqual(sorted(both.leaving));
    expect(both.leaving.length).toBeGreaterThanOrEqual(preview.leaving.length);

    // Reset with the keyboard: the rule set's own thresholds, no lists.
    await tabTo(page, ".whatif button");
    await page.keyboard.press("Enter");
    await expect.poll(() => result.getAttribute("data-state")).toBe("idle");
    expect(await slider.inputValue()).toBe(String(initial));
    expect(await page.locator("[data-list]").count()).toBe(0);

    // Nothing was saved: the stored list and the rule set are as before.
    expect((await api<List>(listPath)).results.map((r) => r.code)).toEqual(before.results.map((r) => r.code));
    const after = await api<{ ruleSets: RuleSet[] }>("/api/v1/rulesets");
    expect(after.ruleSets.find((r) => r.id === "norway_default")).toEqual(before.ruleSet);
    expect(errors).toEqual([]);
  });

  it("reflows at 320 CSS px (200 % zoom) without horizontal scrolling", async () => {
    const overflow: Record<string, number> = {};
    const views = [
      { name: "segregation-oslo", path: "/segregasjon/0301" },
      { name: "segregation-bergen", path: "/segregasjon/4601?grouping=low_income" },
      { name: "classification", path: "/levekar" },
      { name: "classification-danish", path: "/levekar?ruleset=denmark_style&level=bydel" },
    ];
    for (const lang of ["nb", "en"]) {
      for (const { name, path } of views) {
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
  }, 120_000);

  it("prints the charts and the list of areas with their criteria, without the controls", async () => {
    const seg = await open("/segregasjon/0301");
    await seg.page.emulateMedia({ media: "print" });
    const shown = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).display !== "none");
    expect(await shown(seg.page, ".site-header")).toBe(false);
    expect(await shown(seg.page, ".index-chart-svg")).toBe(true);
    expect(await shown(seg.page, ".decomposition-text")).toBe(true);
    await seg.page.pdf({ path: join(SHOTS, "segregation-print.pdf") });

    const cls = await open("/levekar");
    await cls.page.emulateMedia({ media: "print" });
    expect(await shown(cls.page, ".whatif")).toBe(false);
    expect(await shown(cls.page, ".class-choice")).toBe(false);
    expect(await shown(cls.page, ".ruleset-info")).toBe(true);
    // Printing opens every area, so its criteria are on paper, and closes them afterwards.
    await cls.page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    expect(await cls.page.locator(".results details:not([open])").count()).toBe(0);
    expect(await shown(cls.page, ".criteria-table")).toBe(true);
    await cls.page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    expect(await cls.page.locator(".results details[open]").count()).toBe(0);
    await cls.page.pdf({ path: join(SHOTS, "classification-print.pdf") });
  });
});
