import { describe, expect, it } from "vitest";
import type { AreaRef, Card, Point } from "../../worker/api/schemas";
import { buildCard, type SeriesPoint } from "../../worker/stats/cards";
import { formatTick } from "../../web/src/components/card/format";
import { TREND_PHRASES } from "../../web/src/components/card/phrases";
import { chartScale, niceCeil } from "../../web/src/components/card/scale";
import { CARD_LANGS, cardText } from "../../web/src/components/card/text";
import { comparatorsOf, intervalInWords, intervalOf, intervalRange, relationOf, senseOf, trendWords } from "../../web/src/components/card/words";

const nb = cardText("nb");
const en = cardText("en");
const NBSP = "\u00a0";

const pt = (value: number | null, extra: Partial<Point> = {}): Point => ({ period: 2024, periodLabel: "2024", value, status: value === null ? ":" : null, ...extra });

/** A share with counts, as the recompute serves it (value rounded, interval banded and rounded outward). */
function servedShare(numerator: number, denominator: number): Card {
  const point: SeriesPoint = { period: 2024, value: (numerator / denominator) * 100, status: null, estimated: false, counts: { numerator, denominator } };
  return buildCard({ id: "low_income_persistent", unit: "percent" }, [point], undefined, undefined)!;
}

describe("the interval in words is the served one, at the value's decimals", () => {
  it("says the served bounds in nb and en, never bounds of its own", () => {
    const card = servedShare(54, 1000);
    const { low, high } = card.latest!;
    expect(low).toBeDefined();
    expect(high).toBeDefined();
    const nbWords = intervalInWords(card.latest, "percent", "nb", nb)!;
    const enWords = intervalInWords(card.latest, "percent", "en", en)!;
    expect(nbWords).toBe(`mellom ${low!.toFixed(1).replace(".", ",")} og ${high!.toFixed(1).replace(".", ",")}${NBSP}%`);
    expect(enWords).toBe(`between ${low!.toFixed(1)} and ${high!.toFixed(1)}%`);
  });

  it("keeps a whole bound's decimal: 'mellom 4,8 og 6,0 %'", () => {
    expect(intervalInWords(pt(5.4, { low: 4.8, high: 6 }), "percent", "nb", nb)).toBe(`mellom 4,8 og 6,0${NBSP}%`);
    expect(intervalInWords(pt(42.2, { low: 40, high: 44.5 }), "per1000", "en", en)).toBe(`between 40.0 and 44.5${NBSP}per 1,000`);
    expect(intervalRange({ low: 4.8, high: 6 }, "percent", "nb")).toBe(`4,8–6,0${NBSP}%`);
  });

  it("has no interval for a hidden value, a value without counts or a count", () => {
    expect(intervalOf(pt(null, { low: 1, high: 2 }))).toBeNull();
    expect(intervalOf(pt(13.7))).toBeNull();
    expect(intervalInWords(null, "percent", "nb", nb)).toBeNull();
    const population = buildCard({ id: "population", unit: "count" }, [{ period: 2024, value: 1486, status: null, estimated: false, counts: null }], undefined, undefined)!;
    expect(intervalInWords(population.latest, "count", "nb", nb)).toBeNull();
  });
});

describe("comparisons in words: 'about the same' when the difference lies within the intervals", () => {
  it("overlapping intervals are about the same; separate ones higher or lower", () => {
    expect(relationOf(pt(15.5, { low: 13.3, high: 18 }), pt(16.5, { low: 16.4, high: 16.6 }), "percent")).toBe("about_same");
    expect(relationOf(pt(2.7, { low: 1.8, high: 4 }), pt(18.4, { low: 18.2, high: 18.6 }), "percent")).toBe("lower");
    expect(relationOf(pt(22.4, { low: 22.1, high: 22.7 }), pt(20.1, { low: 20, high: 20.2 }), "percent")).toBe("higher");
  });

  it("a value inside the other's interval is about the same, whichever has it", () => {
    expect(relationOf(pt(5.5), pt(5.2, { low: 4.9, high: 5.6 }), "percent")).toBe("about_same");
    expect(relationOf(pt(5.2, { low: 4.9, high: 5.6 }), pt(5.5), "percent")).toBe("about_same");
    expect(relationOf(pt(5.7), pt(5.2, { low: 4.9, high: 5.6 }), "percent")).toBe("higher");
  });

  it("without intervals only equal served values are the same", () => {
    expect(relationOf(pt(20.5), pt(13.7), "percent")).toBe("higher");
    expect(relationOf(pt(74.4), pt(75.9), "percent")).toBe("lower");
    expect(relationOf(pt(13.7), pt(13.7), "percent")).toBe("about_same");
    expect(relationOf(pt(-20.5), pt(-16.4), "points")).toBe("lower");
  });

  it("says nothing for counts, nor when either value is hidden", () => {
    expect(relationOf(pt(1486), pt(728714), "count")).toBeNull();
    expect(relationOf(pt(null), pt(5), "percent")).toBeNull();
    expect(relationOf(pt(5), pt(null), "percent")).toBeNull();
    expect(relationOf(null, pt(5), "percent")).toBeNull();
  });

  it("words per language", () => {
    expect(nb.relation.higher("Norge")).toBe("Høyere enn i Norge");
    expect(nb.relation.about_same("Oslo")).toBe("Omtrent som i Oslo");
    expect(cardText("nn").relation.lower("Noreg")).toBe("Lågare enn i Noreg");
    expect(en.relation.about_same("Oslo")).toBe("About the same as in Oslo");
  });
});

describe("the areas a card compares with, nearest first", () => {
  const card = (extra: Record<string, unknown> = {}): Card => ({ ...servedShare(54, 1000), municipality: pt(7), norway: pt(8), ...extra });
  const oslo: AreaRef = { code: "0301", level: "kommune", name: "Oslo" };

  it("a kommune compares with Norway only, Norway with nothing", () => {
    expect(comparatorsOf(card(), oslo, { municipality: oslo }, nb).map((c) => [c.key, c.place])).toEqual([["norway", "Norge"]]);
    expect(comparatorsOf(card(), { code: "0", level: "country", name: "Norge" }, { municipality: null }, nb)).toEqual([]);
  });

  it("a bydel compares with its kommune and Norway", () => {
    const bydel: AreaRef = { code: "030116", level: "bydel", name: "Sentrum" };
    expect(comparatorsOf(card(), bydel, { municipality: oslo }, en).map((c) => [c.key, c.place])).toEqual([
      ["municipality", "Oslo"],
      ["norway", "Norway"],
    ]);
  });

  it("a grunnkrets also compares with its bydel when its card has the bydel's value, named or not", () => {
    const gk: AreaRef = { code: "03011601", level: "grunnkrets", name: "X" };
    const sentrum: AreaRef = { code: "030116", level: "bydel", name: "Sentrum" };
    const withBydel = card({ bydel: pt(6) });
    expect(comparatorsOf(withBydel, gk, { municipality: oslo, bydel: sentrum }, nb).map((c) => [c.key, c.place, c.point.value])).toEqual([
      ["bydel", "Sentrum", 6],
      ["municipality", "Oslo", 7],
      ["norway", "Norge", 8],
    ]);
    expect(comparatorsOf(withBydel, gk, { municipality: oslo }, nb)[0]).toMatchObject({ key: "bydel", place: "bydelen" });
    expect(comparatorsOf(card(), gk, { municipality: oslo, bydel: sentrum }, nb).map((c) => c.key)).toEqual(["municipality", "norway"]);
  });
});

describe("the trend in words: a direction only for a change larger than its uncertainty", () => {
  const trend = (t: Card["trend"], indicator = "low_income_persistent", unit: Card["unit"] = "percent"): Pick<Card, "indicator" | "trend" | "trendMethod" | "unit"> => ({ indicator, trend: t, trendMethod: "newcombe", unit });

  it("says what a rise means for the indicator, and whether it points to better or poorer living conditions", () => {
    expect(trendWords(trend("rising"), { direction: "higher_worse" }, "nb", nb)).toEqual({ words: "Større andel beboere med vedvarende lavinntekt", sense: "unfavourable", why: null });
    expect(trendWords(trend("falling", "employment_rate"), { direction: "higher_better" }, "en", en)).toEqual({ words: "Lower employment", sense: "unfavourable", why: null });
    expect(trendWords(trend("falling", "crime_per_1000", "per1000"), { direction: "higher_worse" }, "en", en).sense).toBe("favourable");
    expect(trendWords(trend("falling", "share_0_17"), { direction: "neutral" }, "nb", nb)).toEqual({ words: "Mindre andel barn (0–17 år)", sense: null, why: null });
  });

  it("falls back to the unit's words for an indicator without its own phrase", () => {
    expect(trendWords(trend("rising", "rental_share"), { direction: "neutral" }, "nb", nb).words).toBe("Økende andel");
    expect(trendWords(trend("falling", "some_rate", "per1000"), undefined, "en", en).words).toBe("A falling rate");
  });

  it("'no clear change' carries no direction word, and says why", () => {
    for (const lang of CARD_LANGS) {
      const t = cardText(lang);
      const words = trendWords(trend("stable"), { direction: "higher_worse" }, lang, t);
      expect(words.sense).toBeNull();
      expect(words.words.toLowerCase()).toBe(t.trend.stable);
      expect(words.why).toBe(t.stableWhy.newcombe);
      const phrases = Object.values(TREND_PHRASES).flatMap((p) => [p[lang].up, p[lang].down]);
      const directional = [...phrases, ...Object.values(t.trendUp), ...Object.values(t.trendDown)];
      for (const d of directional) expect(words.words.toLowerCase()).not.toContain(d.toLowerCase());
    }
    expect(trendWords({ ...trend("stable"), trendMethod: "own_variation" }, undefined, "en", en).why).toBe("The change is not larger than the usual year-to-year variation.");
    expect(trendWords(trend("unknown"), { direction: "higher_worse" }, "en", en)).toEqual({ words: "Unknown trend", sense: null, why: null });
  });

  it("senseOf follows the indicator's direction", () => {
    expect(senseOf("rising", "higher_worse")).toBe("unfavourable");
    expect(senseOf("falling", "higher_worse")).toBe("favourable");
    expect(senseOf("rising", "higher_better")).toBe("favourable");
    expect(senseOf("falling", "higher_better")).toBe("unfavourable");
    expect(senseOf("rising", "neutral")).toBeNull();
    expect(senseOf("stable", "higher_worse")).toBeNull();
    expect(senseOf("not_comparable", "higher_better")).toBeNull();
  });

  it("every phrase exists in nb, nn and en, and rising differs from falling", () => {
    for (const [id, byLang] of Object.entries(TREND_PHRASES)) {
      for (const lang of CARD_LANGS) {
        expect(byLang[lang].up, `${id} ${lang}`).toBeTruthy();
        expect(byLang[lang].up).not.toBe(byLang[lang].down);
      }
    }
  });
});

describe("the chart's scale", () => {
  const series = (...values: [number, number?, number?][]) => values.map(([value, low, high], i) => pt(value, { period: 2015 + i, ...(low !== undefined ? { low, high } : {}) }));

  it("starts at zero for shares and rates per 1000, with a round top above every value and interval", () => {
    const share = chartScale(series([2.3], [2.4, 2.1, 2.8], [2.5]), "percent")!;
    expect(share).toEqual({ lo: 0, hi: 3, fromZero: true });
    const rate = chartScale(series([133.1], [95.9]), "per1000")!;
    expect(rate.lo).toBe(0);
    expect(rate.hi).toBeGreaterThanOrEqual(133.1);
    expect(rate.hi).toBe(150);
  });

  it("never goes past 100 % and never starts a share above zero, however flat", () => {
    expect(chartScale(series([97.5, 96, 99.9]), "percent")).toEqual({ lo: 0, hi: 100, fromZero: true });
    expect(chartScale(series([77.3], [77.4]), "percent")!.lo).toBe(0);
  });

  it("counts show their own range, labelled, at least a tenth of their size", () => {
    const s = chartScale(series([58123], [64920]), "count")!;
    expect(s.fromZero).toBe(false);
    expect(s.lo).toBeLessThanOrEqual(58123);
    expect(s.lo).toBeGreaterThan(0);
    expect(s.hi).toBeGreaterThanOrEqual(64920);
    const flat = chartScale(series([1000], [1001]), "count")!;
    expect(flat.hi - flat.lo).toBeGreaterThanOrEqual(100);
  });

  it("keeps zero in view for a gap in percentage points", () => {
    const s = chartScale(series([-20.5], [-16.4]), "points")!;
    expect(s.lo).toBeLessThanOrEqual(-20.5);
    expect(s.hi).toBeGreaterThanOrEqual(0);
  });

  it("has no scale without a shown value", () => {
    expect(chartScale([pt(null)], "percent")).toBeNull();
  });

  it("rounds up to round numbers", () => {
    expect([0.7, 1, 12.3, 16.6, 44.5, 133.1, 5627400].map(niceCeil)).toEqual([0.8, 1, 15, 20, 50, 150, 6000000]);
  });

  it("labels the ends: '%' beside shares, other units by the value above the chart", () => {
    expect(formatTick(0, "percent", "nb")).toBe(`0${NBSP}%`);
    expect(formatTick(2.5, "percent", "en")).toBe("2.5%");
    expect(formatTick(150, "per1000", "en")).toBe("150");
    expect(formatTick(65000, "count", "en")).toBe("65,000");
  });
});
