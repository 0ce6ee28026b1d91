import { describe, expect, it } from "vitest";
import type { AreaBody } from "../../worker/api/schemas";
import { packFrame, unpackFrame } from "../../worker/stats/frame-store";

const result = (ruleSet: string, period: number) =>
  ({
    ruleSet: { id: ruleSet, version: 1 },
    code: "03010101",
    level: "grunnkrets",
    period,
    eligibility: { population: 400, reasons: [] },
    outcome: "not_met",
    met: false,
    borderline: false,
    borderlineCriteria: [],
    criteria: [],
    tiers: [],
    scale: null,
  }) as unknown as NonNullable<AreaBody["classifications"]>[number];

const frame = (classifications: AreaBody["classifications"], classification: AreaBody["classification"]): AreaBody => ({
  snapshot: 3,
  synthetic: false,
  area: { code: "03010101", level: "grunnkrets", name: "Sentrum", names: { nb: "Sentrum", nn: null, en: null, se: null }, parentCode: "0301", validFrom: "2024-01-01", validTo: null },
  ancestors: [],
  children: [],
  municipality: null,
  replacedBy: [],
  cards: [],
  composite: null,
  classification,
  classifications,
});

describe("stored area frames", () => {
  it("store the default rule set's result once and serve it again as `classification`, in the same key order", () => {
    const mine = result("norway_default", 2024);
    const body = frame([mine, result("sweden_style", 2023)], mine);
    const stored = JSON.parse(JSON.stringify(packFrame(body)));
    expect("classification" in stored).toBe(false);
    expect(JSON.stringify(unpackFrame(stored, "norway_default"))).toBe(JSON.stringify(body));
  });

  it("serve null when the default rule set has no result for the area", () => {
    const body = frame([result("sweden_style", 2023)], null);
    expect(unpackFrame(JSON.parse(JSON.stringify(packFrame(body))), "norway_default")).toEqual(body);
    expect(unpackFrame(JSON.parse(JSON.stringify(packFrame(frame([], null)))), "norway_default").classification).toBeNull();
  });

  it("read frames stored with `classification` as they were", () => {
    const other = result("norway_default", 2020);
    const body = frame([result("norway_default", 2024)], other);
    expect(unpackFrame(JSON.parse(JSON.stringify(body)), "norway_default")).toEqual(body);
  });
});
