import { describe, expect, it } from "vitest";
import type { Card, Point } from "../../worker/api/schemas";
import { clearTrend, listChanges, newFigure } from "../../worker/feeds/changes";
import { atomDocument, tagUri, xmlText } from "../../worker/feeds/atom";

const point = (period: number, value: number | null, status: Point["status"] = null): Point => ({ period, periodLabel: String(period), value, status });
const card = (series: Point[], trend: Card["trend"] = "stable", change5y: Card["change5y"] = null): Card => ({
  indicator: "x", unit: "percent", periodSpan: 1, latest: series.findLast((p) => p.value !== null) ?? null, series, municipality: null, norway: null, change5y, trend,
});
const met = (entries: [number, string[]][]) => new Map(entries.map(([p, codes]) => [p, new Set(codes)]));

describe("newFigure", () => {
  it("is the newest shown figure when it is newer than the previous snapshot's", () => {
    expect(newFigure(card([point(2023, 5)]), card([point(2023, 5), point(2024, 6)]))?.period).toBe(2024);
    expect(newFigure(null, card([point(2024, 6)]))?.period).toBe(2024);
  });
  it("is nothing when the year is not new, or the new year is suppressed or missing", () => {
    expect(newFigure(card([point(2024, 5)]), card([point(2024, 7)]))).toBeNull();
    expect(newFigure(card([point(2023, 5)]), card([point(2023, 5), point(2024, null, ":")]))).toBeNull();
    expect(newFigure(null, card([point(2024, null, "..")]))).toBeNull();
  });
});

describe("clearTrend", () => {
  const series = [point(2019, 10), point(2020, 11), point(2024, 15)];
  const change = { from: 2019, to: 2024, delta: 5, fromLabel: "2019", toLabel: "2024" };
  it("is the change when the trend went from no clear change to rising or falling", () => {
    expect(clearTrend(card(series, "stable"), card(series, "rising", change))).toEqual({ trend: "rising", from: series[0], to: series[2] });
    expect(clearTrend(card(series, "stable"), card(series, "falling", change))?.trend).toBe("falling");
  });
  it("is nothing when it was already clear, unknown before, or is not clear now", () => {
    expect(clearTrend(card(series, "rising"), card(series, "rising", change))).toBeNull();
    expect(clearTrend(card(series, "unknown"), card(series, "rising", change))).toBeNull();
    expect(clearTrend(card(series, "stable"), card(series, "stable", change))).toBeNull();
    expect(clearTrend(null, card(series, "rising", change))).toBeNull();
  });
});

describe("listChanges", () => {
  it("compares a year both snapshots have with itself (a revision)", () => {
    const out = listChanges({ periods: [2023, 2024], met: met([[2024, ["a", "b"]]]) }, { periods: [2023, 2024], met: met([[2024, ["b", "c"]]]) });
    expect(out).toEqual([{ period: 2024, revised: true, since: 2024, entered: ["c"], left: ["a"] }]);
  });
  it("compares a new year with the year before it in the new snapshot", () => {
    const out = listChanges({ periods: [2023, 2024], met: met([[2024, ["a"]]]) }, { periods: [2023, 2024, 2025], met: met([[2024, ["a"]], [2025, ["a", "d"]]]) });
    expect(out).toEqual([{ period: 2025, revised: false, since: 2024, entered: ["d"], left: [] }]);
  });
  it("says nothing without a previous snapshot, for unchanged years, or for years older than the previous newest", () => {
    expect(listChanges(null, { periods: [2024], met: met([[2024, ["a"]]]) })).toEqual([]);
    expect(listChanges({ periods: [2024], met: met([[2024, ["a"]]]) }, { periods: [2024], met: met([[2024, ["a"]]]) })).toEqual([]);
    expect(listChanges({ periods: [2024], met: met([]) }, { periods: [2020, 2024], met: met([[2020, ["a"]]]) })).toEqual([]);
  });
});

describe("Atom text", () => {
  it("escapes markup and drops characters XML forbids", () => {
    expect(xmlText(`<b>"a" & 'b'</b>\u0001`)).toBe("&lt;b&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/b&gt;");
    const doc = atomDocument({ id: "http://x/f", title: "<i>", subtitle: "", lang: "nb-NO", updated: "2026-01-01T00:00:00.000Z", links: [], author: "A & B", entries: [] });
    expect(doc).toContain("<title type=\"text\">&lt;i&gt;</title>");
    expect(doc).toContain("<author><name>A &amp; B</name></author>");
  });
  it("makes tag: URIs from the host without its port", () => {
    expect(tagUri("127.0.0.1:8787", "abc/figures/0301")).toBe("tag:127.0.0.1,2026:abc/figures/0301");
  });
});
