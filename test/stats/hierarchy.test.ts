import { describe, expect, it } from "vitest";
import { currentParents, treeKeys, type TreeArea } from "../../worker/stats/hierarchy";

const a = (code: string, level: string, parentCode: string | null, validTo: string | null = null): TreeArea => ({ code, level, parentCode, validTo });
const successors = (pairs: [string, string][]) => {
  const out = new Map<string, { code: string }[]>();
  for (const [from, to] of pairs) out.set(from, [...(out.get(from) ?? []), { code: to }]);
  return out;
};

// Bærum renumbered twice, Asker merged with Røyken and Hurum then renumbered, Ålesund split.
const AREAS = [
  a("0", "country", null),
  a("02", "fylke", "0", "2019-12-31"),
  a("32", "fylke", "0"),
  a("15", "fylke", "0"),
  a("0219", "kommune", "02", "2019-12-31"),
  a("3024", "kommune", "30", "2023-12-31"),
  a("3201", "kommune", "32"),
  a("0220", "kommune", "02", "2019-12-31"),
  a("0627", "kommune", "06", "2019-12-31"),
  a("3025", "kommune", "30", "2023-12-31"),
  a("3203", "kommune", "32"),
  a("1507", "kommune", "15", "2023-12-31"),
  a("1508", "kommune", "15"),
  a("1580", "kommune", "15"),
  a("02190101", "grunnkrets", "0219"),
  a("02190102", "grunnkrets", "0219"),
  a("02200101", "grunnkrets", "0220"),
  a("15070101", "grunnkrets", "1507"),
  a("32010101", "grunnkrets", "3201"),
];
const CHANGES = successors([
  ["0219", "3024"], ["3024", "3201"],
  ["0220", "3025"], ["0627", "3025"], ["3025", "3203"],
  ["1507", "1508"], ["1507", "1580"],
  // Akershus (02) into Viken (30), Viken split into Akershus, Buskerud and Østfold (2024).
  ["02", "30"], ["30", "32"], ["30", "33"], ["30", "31"],
]);

describe("currentParents", () => {
  const moved = currentParents(AREAS, CHANGES);

  it("re-places a current area under its retired parent's unique current successor, through renumberings and a merger", () => {
    expect(moved.get("02190101")).toBe("3201");
    expect(moved.get("02190102")).toBe("3201");
    expect(moved.get("02200101")).toBe("3203");
  });

  it("leaves an area whose retired parent was split (two successors today) where it was", () => {
    expect(moved.has("15070101")).toBe(false);
  });

  it("moves nothing else: areas under current parents, and retired areas themselves", () => {
    expect([...moved.keys()].sort()).toEqual(["02190101", "02190102", "02200101"]);
  });

  it("counts only successors of the parent's own level", () => {
    const areas = [a("1", "fylke", null, "2019-12-31"), a("1001", "kommune", "1", "2019-12-31"), a("2", "fylke", null), a("2001", "kommune", "2"), a("100101", "bydel", "1001")];
    // A retired kommune whose code history leads to a fylke code only: nowhere to go.
    expect(currentParents(areas, successors([["1001", "2"]])).size).toBe(0);
    expect(currentParents(areas, successors([["1001", "2001"]])).get("100101")).toBe("2001");
  });

  it("survives a cycle in the code history", () => {
    const areas = [a("0101", "kommune", null, "2019-12-31"), a("0102", "kommune", null, "2019-12-31"), a("01010101", "grunnkrets", "0101")];
    expect(currentParents(areas, successors([["0101", "0102"], ["0102", "0101"]])).size).toBe(0);
  });
});

describe("treeKeys", () => {
  it("keys a re-placed subtree under its new parent, nesting like codes, and sorts it right after that parent", () => {
    const areas = [...AREAS, a("021901", "bydel", "0219"), a("02190103", "grunnkrets", "021901")];
    const moved = new Map([["02190101", "3201"], ["021901", "3201"]]);
    const keys = treeKeys(areas, moved);
    expect(keys.get("02190101")).toBe("3201/02190101");
    expect(keys.get("021901")).toBe("3201/021901");
    // Below a re-placed bydel, its grunnkretser keep nesting.
    expect(keys.get("02190103")).toBe("3201/02190103");
    // Unmoved areas keep their codes (not listed).
    expect(keys.has("32010101")).toBe(false);
    const keyOf = (code: string) => keys.get(code) ?? code;
    const order = ["3203", "32010101", "021901", "3201", "02190101", "02190103", "32", "0219"].sort((x, y) => (keyOf(x) < keyOf(y) ? -1 : 1));
    expect(order).toEqual(["0219", "32", "3201", "021901", "02190101", "02190103", "32010101", "3203"]);
  });

  it("is empty when nothing moved", () => {
    expect(treeKeys(AREAS, new Map()).size).toBe(0);
  });
});
