import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { appendEditionEntries } from "../../worker/feeds/edition";
import { ensureShippedRuleSets } from "../../worker/jobs/rulesets";
import { runImport } from "../../worker/import/run";
import { recompute } from "../../worker/jobs/recompute";
import { makeDb } from "../../worker/lib/create-app";
import { parseAtom, parseXml, XmlError } from "./atom-check";
import { ADMIN, get, recomputeNow, seed } from "./fixtures";

/**
 * The feeds after an import and a recompute: the fixture is published once (nothing to compare
 * with: no entries), then a new year arrives through the real importer and a second snapshot
 * tells what changed. The default rule set is narrowed to one criterion so the fixture's few
 * indicators can move an area onto the list.
 */
const MARKUP_NAME = `Grønland <i>"øst"</i> & co`;

async function putRuleSet() {
  const current = (await (await get("/api/v1/rulesets/norway_default")).json()) as Record<string, unknown> & { criteria: { indicator: string }[] };
  const res = await exports.default.fetch(
    new Request("http://localhost/api/admin/rulesets/norway_default", {
      method: "PUT",
      headers: { ...ADMIN, "Content-Type": "application/json" },
      body: JSON.stringify({ ...current, minMet: 1, tiers: [], criteria: current.criteria.filter((c) => c.indicator === "low_income_persistent") }),
    }),
  );
  expect(res.status, await res.clone().text()).toBe(201);
}

/** 2025 for the fixture's areas: Grønland's low income now over twice Norway's, Tromsø's clearly up. */
const YEAR_2025 = [
  "area_code,indicator,period,value,numerator,denominator,status",
  "0,population,2025,5300000,,,",
  "0,low_income_persistent,2025,10.4,520000,5000000,",
  "0301,population,2025,700000,,,",
  "0301,low_income_persistent,2025,14.3,100000,700000,",
  "030101,low_income_persistent,2025,25,15000,60000,",
  "03010101,population,2025,1500,,,",
  "03010101,low_income_persistent,2025,53.3,800,1500,",
  "03010102,population,2025,4,,,",
  "03010102,low_income_persistent,2025,7.5,3,40,",
  "03010103,population,2025,200,,,",
  "03010103,low_income_persistent,2025,25,50,200,",
  "5501,low_income_persistent,2025,15.4,12000,78000,",
].join("\n");

let firstEntries: number;

beforeAll(async () => {
  await seed();
  const db = makeDb(env.DB);
  // Markup in a name must stay text in the feed.
  await env.DB.prepare("UPDATE areas SET name_nb = ? WHERE code = '03010101'").bind(MARKUP_NAME).run();
  // Grønland was under the threshold in 2024 (revised figures), so 2025 moves it onto the list.
  await env.DB.prepare("UPDATE observations SET numerator = 100, value = 6.7 WHERE area_code = '03010101' AND indicator_id = 'low_income_persistent' AND period = 2024").run();
  await ensureShippedRuleSets(db, new Date());
  await putRuleSet();
  await recomputeNow();
  firstEntries = (await env.DB.prepare("SELECT count(*) AS n FROM feed_entries").first<{ n: number }>())!.n;
  const report = await runImport(env, { file: "year-2025.csv", bytes: new TextEncoder().encode(YEAR_2025) });
  expect(report.status, JSON.stringify(report)).toBe("applied");
  // Through the binding that counts D1 rows, as the benchmark runs it: it returns rows as objects,
  // where two columns of one name (the new and the live card's body) would be one.
  const second = await recompute({ ...env, MEASURE_ROWS_READ: "true" } as Env, new Date());
  expect(second.state).toBe("complete");
  expect(second.d1?.queries).toBeGreaterThan(0);
});

async function feed(path: string) {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
  const xml = await res.text();
  return { res, xml, atom: parseAtom(xml) };
}

describe("Atom feeds after an import and a recompute", () => {
  it("the first snapshot has nothing to compare with, so it writes no entries", () => {
    expect(firstEntries).toBe(0);
  });

  it("an area's feed names the new year's figures with the served values and intervals", async () => {
    const { atom, xml } = await feed("/feeds/omrade/03010101.atom?lang=en");
    expect(atom.id).toBe("http://localhost/feeds/omrade/03010101.atom?lang=en");
    expect(atom.self).toBe(atom.id);
    const figures = atom.entries.find((e) => e.title.startsWith("New figures"));
    expect(figures, xml).toBeDefined();
    expect(figures!.title).toContain("Population 2025");
    expect(figures!.title).toContain("Low income 2025");
    // As the card serves them: 1,500 residents, 53.3 % with its Wilson interval at one decimal.
    const card = (await (await get("/api/v1/areas/03010101")).json()) as { cards: { indicator: string; latest: { value: number; low?: number; high?: number } }[] };
    const low = card.cards.find((c) => c.indicator === "low_income_persistent")!.latest;
    expect(low.value).toBe(53.3);
    expect(figures!.summary).toContain("Population: 1,500 (2025)");
    expect(figures!.summary).toContain(`Low income: 53.3% (2025; 95% interval ${low.low!.toFixed(1)}%–${low.high!.toFixed(1)}%)`);
    expect(figures!.link).toBe("http://localhost/omrade/03010101?lang=en");
    expect(figures!.id).toMatch(/^tag:localhost,2026:[0-9a-f]{16}\/figures\/03010101$/);
  });

  it("an area that entered the default list after the data change gets an entry in its feed and its kommune's", async () => {
    const { atom } = await feed("/feeds/omrade/03010101.atom?lang=en");
    const entered = atom.entries.find((e) => e.title.includes("is on the list for 2025"));
    expect(entered).toBeDefined();
    expect(entered!.summary).toContain("Compared with 2024.");
    const kommune = await feed("/feeds/kommune/0301.atom?lang=en");
    expect(kommune.atom.entries.map((e) => e.title)).toContain(entered!.title);
  });

  it("the list feed tells per year which areas entered and left, linking to the list", async () => {
    const { atom } = await feed("/feeds/levekar/norway_default.atom?lang=en");
    const change = atom.entries.find((e) => e.title.startsWith("The list for 2025"));
    expect(change).toBeDefined();
    expect(change!.summary).toContain(`Now on the list: ${MARKUP_NAME} (basic statistical unit in Oslo)`);
    expect(change!.link).toBe("http://localhost/levekar?ruleset=norway_default&year=2025&lang=en");
  });

  it("a trend that became clear is said with the indicator's direction", async () => {
    const { atom } = await feed("/feeds/omrade/5501.atom?lang=en");
    const trend = atom.entries.find((e) => e.category === "trend");
    expect(trend, JSON.stringify(atom.entries)).toBeDefined();
    expect(trend!.title).toBe("Tromsø (municipality): clear increase in low income");
    expect(trend!.summary).toMatch(/^Low income in Tromsø has risen from 9\.0% in 2020 to 15\.4% in 2025\./);
    expect(trend!.summary).toContain("toward poorer living conditions");
    // Also in Tromsø's kommune feed, in Bokmål by default.
    const nb = await feed("/feeds/kommune/5501.atom");
    expect(nb.atom.entries.some((e) => e.title === "Tromsø (kommune): tydelig økning i lavinntekt")).toBe(true);
  });

  it("a kommune's feed gets one entry for its own and its areas' new figures, not one per area", async () => {
    const { atom } = await feed("/feeds/kommune/0301.atom?lang=en");
    const figures = atom.entries.filter((e) => e.category === "figures");
    expect(figures).toHaveLength(1);
    expect(figures[0]!.summary).toMatch(/New figures also for \d+ areas in the municipality: Population 2025 and Low income 2025\./);
  });

  it("text with markup stays text: the feed parses and gives the name back as written", async () => {
    const { xml, atom } = await feed("/feeds/omrade/03010101.atom");
    expect(xml).not.toContain("<i>");
    expect(xml).toContain("&lt;i&gt;&quot;øst&quot;&lt;/i&gt; &amp; co");
    expect(atom.title).toBe(`${MARKUP_NAME}: nye tall og endringer`);
    expect(atom.entries[0]!.title).toContain(MARKUP_NAME);
  });

  it("feeds are cached like the other public GETs: an ETag, and 304 for a repeat", async () => {
    const first = await get("/api/v1/feeds/area/03010101");
    expect(first.status).toBe(200);
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^"v\d+-[0-9a-f]+-f\d+"$/);
    expect(first.headers.get("Cache-Control")).toMatch(/public, max-age=\d+/);
    expect((await get("/api/v1/feeds/area/03010101", { "If-None-Match": etag })).status).toBe(304);
  });

  it("answers 404 for an unknown area, a kommune feed of a non-kommune and an unknown rule set, and 400 naming a bad parameter", async () => {
    expect((await get("/feeds/omrade/99999999.atom")).status).toBe(404);
    expect((await get("/feeds/kommune/0000.atom")).status).toBe(404);
    expect((await get("/api/v1/feeds/kommune/0301x")).status).toBe(400);
    expect((await get("/feeds/levekar/nope.atom")).status).toBe(404);
    const bad = await get("/feeds/omrade/abc.atom");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^param\.code/);
    expect(((await (await get("/api/v1/feeds/area/0301?lang=de")).json()) as { error: { message: string } }).error.message).toMatch(/^query\.lang/);
  });

  it("the feed routes are in the OpenAPI document", async () => {
    const doc = (await (await get("/api/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/feeds/area/{code}", "/api/v1/feeds/kommune/{code}", "/api/v1/feeds/list/{ruleset}"]));
  });

  it("a published edition appears in the list feed and in the feeds of the kommuner with areas on it, and the ETag changes", async () => {
    const before = (await get("/api/v1/feeds/list/norway_default")).headers.get("ETag");
    const names = (nb: string) => ({ nb, nn: null, en: null });
    await appendEditionEntries(
      makeDb(env.DB),
      {
        id: "norway_default-2025-1",
        url: "/levekar/utgaver/2025",
        ruleSet: { id: "norway_default", version: 2, name: { nb: "Norsk forslag", en: "Norwegian proposal" } },
        period: 2025,
        level: "grunnkrets",
        areas: [{ code: "03010101", level: "grunnkrets", names: names(MARKUP_NAME), kommune: { code: "0301", names: names("Oslo") } }],
      },
      new Date("2026-12-01T10:00:00Z"),
    );
    const list = await feed("/feeds/levekar/norway_default.atom?lang=en");
    expect(list.res.headers.get("ETag")).not.toBe(before);
    const edition = list.atom.entries[0]!;
    expect(edition.title).toBe("New edition published: the list for 2025 under Norwegian proposal");
    expect(edition.link).toBe("http://localhost/levekar/utgaver/2025?lang=en");
    const oslo = await feed("/feeds/kommune/0301.atom?lang=en");
    expect(oslo.atom.entries[0]!.summary).toContain(`From Oslo: ${MARKUP_NAME} (basic statistical unit in Oslo).`);
    const tromso = await feed("/feeds/kommune/5501.atom?lang=en");
    expect(tromso.atom.entries.some((e) => e.category === "edition")).toBe(false);
  });
});

describe("the tests' XML checker", () => {
  it("rejects what is not well-formed or not Atom", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow(XmlError);
    expect(() => parseXml("<a>x & y</a>")).toThrow(XmlError);
    expect(() => parseXml('<a t="1" t="2"/>')).toThrow(XmlError);
    expect(() => parseXml("<a>&nbsp;</a>")).toThrow(XmlError);
    expect(() => parseXml("<a/><b/>")).toThrow(XmlError);
    expect(() => parseAtom('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')).toThrow(/id/);
    expect(parseXml('<a t="&lt;&amp;">x &#x41;<b/></a>')).toEqual({ name: "a", attrs: { t: "<&" }, text: "x A", children: [{ name: "b", attrs: {}, children: [], text: "" }] });
  });
});
