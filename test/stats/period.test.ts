import { describe, expect, it } from "vitest";
import { changeWindow, periodLabel, periodStart } from "../../worker/stats/period";

describe("periods as published", () => {
  it.each([
    [2024, 1, "2024"],
    [2024, undefined, "2024"],
    [2017, 2, "2016-2017"],
    [2008, 2, "2007-2008"],
    [2013, 3, "2011-2013"],
  ])("labels period %i with span %s as %s", (period, span, label) => {
    expect(periodLabel(period, span)).toBe(label);
  });

  it("starts a period span − 1 years before its last year", () => {
    expect(periodStart(2013, 3)).toBe(2011);
    expect(periodStart(2017, 1)).toBe(2017);
  });

  it("looks back five years, or a whole period when periods are longer, so compared periods never overlap", () => {
    expect(changeWindow(1)).toBe(5);
    expect(changeWindow(2)).toBe(5);
    expect(changeWindow(3)).toBe(5);
    expect(changeWindow(6)).toBe(6);
  });
});
