import { env } from "cloudflare:workers";
import { app } from "../../worker/app";
import { beforeAll, describe, expect, it } from "vitest";
import type { AreaBody, CompareResponse, SearchResponse, SeriesResponse } from "../../worker/api/schemas";
import { rankMatches } from "../../worker/queries/search";
import { fold } from "../../worker/stats/fold";
import { get, post, recomputeNow, seed } from "./fixtures";

beforeAll(async () => {
  await seed();
  await recomputeNow();
});

async function search(q: string) {
  const res = await get(`/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as SearchResponse).results.map((r) => r.code);
}

describe("GET /api/v1/search", () => {
  it.each([
    ["tromso", "5501"],
    ["TROMSØ", "5501"],
    ["trom", "5501"],
    ["karasjok", "5610"],
    ["karasjohka", "5610"],
    ["Kárášjohka", "5610"],
    ["baerum", "3201"],
    ["barum", "3201"],
    ["bærum", "3201"],
    ["cahppesvarri", "55010101"],
    ["svartfjell", "55010101"],
    ["gamle os", "030101"],
    ["gronland", "03010101"],
    ["5501", "5501"],
  ])("finds %s → %s", async (q, code) => {
    expect(await search(q)).toContain(code);
  });

  it("ranks the larger area first on equal names: Oslo fylke, then kommune", async () => {
    const codes = await search("oslo");
    expect(codes.slice(0, 2)).toEqual(["03", "0301"]);
  });

  it("ranks equal matches of one level by published population, hidden ones last", () => {
    const row = (code: string, name: string, population: number | null) => ({ term: fold(name), code, name, level: "grunnkrets" as const, population });
    const ranked = rankMatches([row("1", "Sentrum", 300), row("2", "Sentrum", null), row("3", "Sentrum", 4_000), row("4", "Sentrum", 900)], "sentrum");
    expect(ranked.map((r) => r.code)).toEqual(["3", "4", "1", "2"]);
    // Level still comes first, and an exact term before a prefix.
    const mixed = rankMatches([row("5", "Sentrumsløkka", 90_000), { ...row("6", "Sentrum", 10), level: "bydel" as const }, row("7", "Sentrum", 20)], "sentrum");
    expect(mixed.map((r) => r.code)).toEqual(["6", "7", "5"]);
  });

  it("ranks by the population as published: a hidden one is not stored with the search terms", async () => {
    const stored = async (code: string) => (await env.DB.prepare("SELECT DISTINCT population FROM search_terms WHERE code = ? AND snapshot = (SELECT max(snapshot) FROM search_terms)").bind(code).all<{ population: number | null }>()).results.map((r) => r.population);
    expect(await stored("0301")).toEqual([700_000]);
    expect(await stored("03010101")).toEqual([1_500]);
    // Tøyen's 4 residents are confidential, and Vålerenga's 200 are hidden with them (else Tøyen
    // = Gamle Oslo − Grønland − Vålerenga).
    expect(await stored("03010102")).toEqual([null]);
    expect(await stored("03010103")).toEqual([null]);
  });

  it("does not list codes retired by a reform", async () => {
    const codes = await search("ålesund");
    expect(codes).toContain("1508");
    expect(codes).not.toContain("1507");
  });

  it("pages through the matches with total and next", async () => {
    type Paged = SearchResponse & { total: number; next: string | null };
    const all = (await (await get("/api/v1/search?q=o&limit=50")).json()) as Paged;
    expect(all.total).toBe(all.results.length);
    expect(all.next).toBeNull();
    expect(all.total).toBeGreaterThan(2);
    const codes: string[] = [];
    let next: string | null = "/api/v1/search?q=o&limit=2";
    let pages = 0;
    while (next) {
      const page = (await (await get(next)).json()) as Paged;
      expect(page.total).toBe(all.total);
      codes.push(...page.results.map((r) => r.code));
      next = page.next;
      pages++;
    }
    expect(codes).toEqual(all.results.map((r) => r.code));
    expect(pages).toBe(Math.ceil(all.total / 2));
    const bad = await get("/api/v1/search?q=o&offset=-3");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe("query.offset");
  });

  it("answers 400 naming q when it is missing or has no letters", async () => {
    for (const path of ["/api/v1/search", "/api/v1/search?q=%20!!", "/api/v1/search?q=oslo&limit=500"]) {
      const res = await get(path);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; details: { field: string }[] } };
      expect(body.error.code).toBe("invalid_parameter");
      expect(body.error.details[0]!.field).toMatch(/^query\.(q|limit)$/);
    }
  });
});

describe("GET /api/v1/areas/:code", () => {
  it("returns the area, its ancestors, children and cards", async () => {
    const res = await get("/api/v1/areas/030101");
    expect(res.status).toBe(200);
    const body = (await res.json()) as AreaBody;
    expect(body.area.name).toBe("Gamle Oslo");
    expect(body.ancestors.map((a) => a.code)).toEqual(["0", "03", "0301"]);
    expect(body.children.map((a) => a.code)).toEqual(["03010101", "03010102", "03010103"]);
    expect(body.municipality?.code).toBe("0301");
    const low = body.cards.find((c) => c.indicator === "low_income_persistent")!;
    expect(low.latest).toMatchObject({ period: 2024, value: 24, status: null });
    expect(low.municipality).toMatchObject({ period: 2024, value: 14, status: null });
    expect(low.norway).toMatchObject({ period: 2024, value: 10.2, status: null });
    expect(low.change5y).toEqual({ from: 2019, to: 2024, delta: 5, fromLabel: "2019", toLabel: "2024" });
    expect(low.trend).toBe("rising");
    expect(low.series).toHaveLength(10);
  });

  it("compares every card with its kommune's and Norway's own cards in the card's latest year", async () => {
    const body = async (code: string) => (await (await get(`/api/v1/areas/${code}`)).json()) as AreaBody;
    const [grunnkrets, kommune, norway] = await Promise.all([body("03010101"), body("0301"), body("0")]);
    const at = (b: AreaBody, id: string, period: number) => b.cards.find((c) => c.indicator === id)?.series.find((p) => p.period === period) ?? null;
    expect(grunnkrets.cards.length).toBeGreaterThan(1);
    for (const card of grunnkrets.cards) {
      expect(card.municipality).toEqual(at(kommune, card.indicator, card.latest!.period));
      expect(card.norway).toEqual(at(norway, card.indicator, card.latest!.period));
    }
    expect(grunnkrets.cards.filter((c) => c.municipality !== null && c.norway !== null).length).toBeGreaterThan(1);
    for (const card of kommune.cards) {
      expect(card.municipality).toBeNull();
      expect(card.norway).toEqual(at(norway, card.indicator, card.latest!.period));
    }
    expect(norway.cards.every((c) => c.municipality === null && c.norway === null)).toBe(true);
  });

  it("answers 404 JSON for an unknown code", async () => {
    const res = await get("/api/v1/areas/9999");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it.each(["abc", "123", "0301x", "030"])("answers 400 naming the parameter for malformed code %s", async (code) => {
    const res = await get(`/api/v1/areas/${code}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/^param\.code: /);
  });

  it("answers a code retired by a reform with its successors", async () => {
    const body = (await (await get("/api/v1/areas/1507")).json()) as AreaBody;
    expect(body.area.validTo).toBe("2023-12-31");
    expect(body.replacedBy.map((a) => a.code).sort()).toEqual(["1508", "1580"]);
  });
});

describe("caching", () => {
  it("sends an ETag from the snapshot version and identity and answers 304 to If-None-Match", async () => {
    const first = await get("/api/v1/areas/0301");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^"v\d+-[0-9a-f]{16}"$/);
    expect(first.headers.get("Cache-Control")).toContain("public");
    const again = await get("/api/v1/areas/0301", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("changes the ETag when a new snapshot goes live", async () => {
    const before = (await get("/api/v1/search?q=oslo")).headers.get("ETag")!;
    await recomputeNow();
    const after = await get("/api/v1/search?q=oslo", { "If-None-Match": before });
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(before);
  });

  it("gives indicators an ETag of their content", async () => {
    const res = await get("/api/v1/indicators");
    const body = (await res.json()) as { indicators: { id: string }[] };
    expect(body.indicators.map((i) => i.id)).toEqual(["population", "low_income_persistent", "median_income"]);
    const again = await get("/api/v1/indicators", { "If-None-Match": res.headers.get("ETag")! });
    expect(again.status).toBe(304);
  });
});

describe("CORS and health", () => {
  it("opens public GETs to any origin but not admin routes", async () => {
    const pub = await get("/api/v1/areas/0301", { Origin: "https://kommune.example" });
    expect(pub.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const admin = await post("/api/admin/recompute", { Origin: "https://kommune.example" });
    expect(admin.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("reports the live snapshot", async () => {
    const body = (await (await get("/api/health")).json()) as { status: string; snapshot: { version: number } };
    expect(body.status).toBe("ok");
    expect(body.snapshot.version).toBeGreaterThan(0);
  });

  it("answers unknown API paths with JSON 404", async () => {
    const res = await get("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});

describe("GET /api/v1/areas/:code/series", () => {
  it("returns the chosen series with status symbols, suppressed values as null", async () => {
    const res = await get("/api/v1/areas/03010102/series?indicators=low_income_persistent,population");
    expect(res.status).toBe(200);
    const body = (await res.json()) as SeriesResponse;
    expect(body.series.map((s) => s.indicator)).toEqual(["low_income_persistent", "population"]);
    expect(body.series[0]!.unit).toBe("percent");
    expect(body.series[0]!.points).toHaveLength(10);
    expect(body.series.flatMap((s) => s.points).every((p) => p.value === null && p.status === ":")).toBe(true);
  });

  it("answers 404 naming indicators the area has no series for, 400 for malformed ids or lists", async () => {
    const missing = await get("/api/v1/areas/5610/series?indicators=median_income");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { details: { unknown: string[] } } }).error.details.unknown).toEqual(["median_income"]);
    for (const q of ["indicators=Low-Income", "indicators=", "indicators=low_income_persistent,low_income_persistent", `indicators=${Array.from({ length: 41 }, (_, i) => `x${i}`).join(",")}`]) {
      const res = await get(`/api/v1/areas/0301/series?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^query\.indicators/);
    }
  });
});

describe("GET /api/v1/compare", () => {
  it("puts two or three areas side by side in the order asked", async () => {
    const res = await get("/api/v1/compare?codes=5501,0301&indicators=low_income_persistent");
    expect(res.status).toBe(200);
    const body = (await res.json()) as CompareResponse;
    expect(body.areas.map((a) => a.area.code)).toEqual(["5501", "0301"]);
    expect(body.areas.map((a) => a.cards.map((c) => c.indicator))).toEqual([["low_income_persistent"], ["low_income_persistent"]]);
    expect(body.areas[1]!.cards[0]!.latest?.value).toBe(14);
  });

  it("needs 2–3 distinct valid codes and names unknown ones", async () => {
    for (const q of ["codes=0301", "codes=0301,4601,5001,5501", "codes=0301,0301", "codes=0301,abc"]) {
      const res = await get(`/api/v1/compare?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^query\.codes/);
    }
    const res = await get("/api/v1/compare?codes=0301,9999");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { details: { unknown: string[] } } }).error.details.unknown).toEqual(["9999"]);
  });
});

describe("GET /api/v1/indicators/:id", () => {
  it("names each indicator's model, the one behind its intervals and trend words", async () => {
    const body = (await (await get("/api/v1/indicators")).json()) as { indicators: { id: string; model: string }[] };
    expect(Object.fromEntries(body.indicators.map((i) => [i.id, i.model]))).toEqual({
      population: "count",
      low_income_persistent: "binomial",
      median_income: "amount_relative_to_norway",
    });
  });

  it("returns one indicator, 404 for an unknown id, 400 for a malformed one", async () => {
    const res = await get("/api/v1/indicators/low_income_persistent");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { unit: string; model: string })).toMatchObject({ unit: "percent", model: "binomial" });
    expect((await get("/api/v1/indicators/nothing_here")).status).toBe(404);
    expect((await get("/api/v1/indicators/Bad-Id")).status).toBe(400);
  });
});

describe("API documentation", () => {
  it("serves the OpenAPI document and a human docs page", async () => {
    const doc = (await (await get("/api/openapi.json")).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/v1/download");
    const page = await get("/api/docs");
    expect(page.headers.get("Content-Type")).toContain("text/html");
    expect(await page.text()).toContain("/api/v1/compare");
  });
});

describe("D1 rows read per request (measured from result meta)", () => {
  const measured = async (path: string) => {
    const res = await app.request(path, {}, { ...env, MEASURE_ROWS_READ: "true" } as Env);
    expect(res.status, path).toBe(200);
    return Number(res.headers.get("X-D1-Rows-Read"));
  };

  const cardCount = async (code: string) => ((await (await app.request(`/api/v1/areas/${code}`, {}, env)).json()) as { cards: unknown[] }).cards.length;

  // D1 counts the row that ends a range read, hence the + 1 after the indicator rows.
  it("answers an area card from the pointer row, the frame row and one row per indicator card", async () => {
    expect(await measured("/api/v1/areas/0301")).toBe(2 + (await cardCount("0301")) + 1);
  });

  it("keeps search, series, compare and children maps to a handful of rows", async () => {
    expect(await measured("/api/v1/search?q=o")).toBeLessThanOrEqual(50);
    expect(await measured("/api/v1/areas/0301/series?indicators=low_income_persistent")).toBe(3);
    expect(await measured("/api/v1/compare?codes=0301,5501")).toBe(1 + (1 + (await cardCount("0301")) + 1) + (1 + (await cardCount("5501")) + 1));
    // Pointer, the values row and the shapes row.
    expect(await measured("/api/v1/areas/030101/children?indicator=low_income_persistent")).toBe(3);
  });

  it("keeps locate, health and the metadata lists small too (figures quoted in the README)", async () => {
    // The fixture's grid cell holds 8 boundaries: pointer, cell rows, candidate shapes, names.
    expect(await measured("/api/v1/locate?lat=59.9&lon=10.72")).toBeLessThanOrEqual(28);
    expect(await measured("/api/health")).toBe(2);
    // Two per row (the sort reads the table, then the rows): 3 indicators, 3 rule sets.
    expect(await measured("/api/v1/indicators")).toBe(6);
    expect(await measured("/api/v1/rulesets")).toBe(6);
  });

  it("does not add the header unless measuring is switched on", async () => {
    expect((await get("/api/v1/areas/0301")).headers.get("X-D1-Rows-Read")).toBeNull();
  });
});

describe("sources and licences", () => {
  it("names each card's sources, and lists publisher and licence for them", async () => {
    const body = (await (await get("/api/v1/areas/030101")).json()) as AreaBody;
    expect(body.cards.find((c) => c.indicator === "low_income_persistent")!.sources).toEqual(["test-stats"]);
    const list = (await (await get("/api/v1/sources")).json()) as { sources: { id: string; publisher: string; licence: string }[] };
    expect(list.sources.find((s) => s.id === "test-stats")).toMatchObject({ publisher: "Statistisk sentralbyrå", licence: "CC BY 4.0" });
  });
});

describe("search by level", () => {
  it("keeps only the asked level", async () => {
    const res = await get("/api/v1/search?q=oslo&level=kommune");
    expect(((await res.json()) as SearchResponse).results.map((r) => r.code)).toEqual(["0301"]);
    expect((await get("/api/v1/search?q=oslo&level=village")).status).toBe(400);
  });
});

describe("edge cache", () => {
  it("serves a repeat from the data centre's cache, and a new snapshot from D1 again", async () => {
    const path = "/api/v1/areas/5501?edge-cache-test=1";
    const first = await get(path);
    expect(first.headers.get("X-Cache")).toBeNull();
    const firstBody = await first.text();
    const second = await get(path);
    expect(second.headers.get("X-Cache")).toBe("hit");
    expect(await second.text()).toBe(firstBody);
    await recomputeNow();
    const third = await get(path);
    expect(third.headers.get("X-Cache")).toBeNull();
    expect(third.headers.get("ETag")).not.toBe(first.headers.get("ETag"));
  });
});
