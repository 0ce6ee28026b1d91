import { describe, expect, it } from "vitest";
import { citationOf, countsOf, describeEdition, diffEditions, type EditionArea, type EditionCriterion } from "../../worker/stats/editions";

const crit = (id: string, value: number | null, threshold: number, met: boolean, reason: EditionCriterion["reason"] = null): EditionCriterion => ({
  id, tier: null, indicator: `${id}_indicator`, value, threshold, met, borderline: false, reason,
});
const area = (code: string, met: boolean, criteria: EditionCriterion[], outcome: EditionArea["outcome"] = met ? "met" : "not_met"): EditionArea => ({
  code, name: `Area ${code}`, level: "bydel", outcome, met, borderline: false, population: 1000, criteria,
});

describe("diffEditions", () => {
  const before = [
    area("01", false, [crit("a", 10, 12, false), crit("b", 5, 4, true)]),
    area("02", true, [crit("a", 13, 12, true), crit("b", 5, 4, true)]),
    area("03", true, [crit("a", 15, 12, true), crit("b", 3, 4, false)]),
    area("04", true, [crit("a", 15, 12, true), crit("b", 5, 4, true)]),
  ];
  const after = [
    area("01", true, [crit("a", 12.5, 12, true), crit("b", 5, 4, true)]),
    area("02", false, [crit("a", 11, 12, false), crit("b", 3, 4, false)]),
    area("03", true, [crit("a", 15, 12, true), crit("b", 3, 4, false)]),
    area("05", true, [crit("a", 20, 12, true), crit("b", 5, 4, true)]),
  ];
  const diff = diffEditions(before, after);

  it("names the areas that entered and the criteria that moved them in", () => {
    expect(diff.entered).toEqual([
      { code: "01", name: "Area 01", before: "not_met", after: "met", movedBy: ["a"] },
      // Not evaluated before: no criterion moved it, it is new.
      { code: "05", name: "Area 05", before: null, after: "met", movedBy: [] },
    ]);
  });

  it("names the areas that left and the criteria that moved them out", () => {
    expect(diff.left).toEqual([
      { code: "02", name: "Area 02", before: "met", after: "not_met", movedBy: ["a", "b"] },
      { code: "04", name: "Area 04", before: "met", after: null, movedBy: [] },
    ]);
  });

  it("lists areas evaluated in only one edition, and every criterion that changed", () => {
    expect(diff.added).toEqual(["05"]);
    expect(diff.removed).toEqual(["04"]);
    // 03 is unchanged and is not listed.
    expect(diff.changed.map((c) => c.code)).toEqual(["01", "02"]);
    expect(diff.changed[0]!.criteria).toEqual([{ id: "a", before: { value: 10, threshold: 12, met: false, borderline: false, reason: null }, after: { value: 12.5, threshold: 12, met: true, borderline: false, reason: null } }]);
  });

  it("sees a changed value or threshold even when the result is the same", () => {
    const d = diffEditions([area("01", true, [crit("a", 13, 12, true)])], [area("01", true, [crit("a", 13.4, 12, true)])]);
    expect(d.entered).toEqual([]);
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0]!.criteria[0]!.after!.value).toBe(13.4);
  });

  it("is empty between an edition and itself", () => {
    expect(diffEditions(before, before)).toEqual({ entered: [], left: [], added: [], removed: [], changed: [] });
  });

  it("compares criteria by id across rule set versions: a criterion only in one edition shows as null on the other side", () => {
    const d = diffEditions([area("01", false, [crit("a", 10, 12, false)])], [area("01", true, [crit("a", 10, 12, false), crit("c", 9, 8, true)])]);
    expect(d.entered[0]!.movedBy).toEqual(["c"]);
    expect(d.changed[0]!.criteria).toEqual([{ id: "c", before: null, after: { value: 9, threshold: 8, met: true, borderline: false, reason: null } }]);
  });
});

describe("naming an edition", () => {
  it("cites it by publishing year, list year and number, with its own URL", () => {
    expect(citationOf({ year: 2025, seq: 1, publishedAt: "2026-03-01T10:00:00.000Z" }, "https://monitor.example/")).toBe(
      "IMDi (2026). Levekårsområder 2025, utgave 1. Områdemonitoren. https://monitor.example/levekar/utgaver/2025-1",
    );
  });

  it("describes it for a feed entry: id, title, url, date, entered and left", () => {
    const areas = [area("01", true, []), area("02", false, [])];
    const counts = countsOf(areas, diffEditions([area("02", true, [])], areas));
    expect(counts).toEqual({ evaluated: 2, met: 1, entered: 1, left: 1 });
    expect(describeEdition({ id: "2025-2", year: 2025, seq: 2, level: "bydel", publishedAt: "2026-03-01T10:00:00.000Z", corrects: "2025-1", reason: "Revised figures", counts }, "https://monitor.example")).toEqual({
      id: "2025-2", title: "Levekårsområder 2025, utgave 2", url: "https://monitor.example/levekar/utgaver/2025-2", date: "2026-03-01T10:00:00.000Z",
      level: "bydel", entered: 1, left: 1, met: 1, corrects: "2025-1", reason: "Revised figures",
    });
  });
});
