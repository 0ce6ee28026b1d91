import { describe, expect, it } from "vitest";
import { fold, searchTerms } from "../../worker/stats/fold";

describe("fold", () => {
  it.each([
    ["Tromsø", "tromso"],
    ["Bærum", "baerum"],
    ["Kárášjohka - Karasjok", "karasjohka karasjok"],
    ["Trondheim - Tråante", "trondheim traante"],
    ["Unjárga - Nesseby", "unjarga nesseby"],
    ["Deatnu - Tana", "deatnu tana"],
    ["Porsáŋgu", "porsangu"],
    ["Čáhppesvárri", "cahppesvarri"],
    ["Đuođđa ŧ", "duodda t"],
    ["  ÅS ", "as"],
    ["!!", ""],
  ])("%s → %s", (input, expected) => {
    expect(fold(input)).toBe(expected);
  });
});

describe("searchTerms", () => {
  it("indexes every word-start suffix", () => {
    expect(searchTerms("Gamle Oslo")).toEqual(["gamle oslo", "oslo"]);
  });

  it("indexes æ both as ae and as a", () => {
    expect(searchTerms("Bærum")).toEqual(["baerum", "barum"]);
  });

  it("finds both halves of a Sami double name", () => {
    expect(searchTerms("Kárášjohka - Karasjok")).toEqual(["karasjohka karasjok", "karasjok"]);
  });
});
