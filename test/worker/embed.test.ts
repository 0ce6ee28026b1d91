import { liveSnapshotOf } from "../../worker/queries/snapshot";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { areas, observations } from "../../db/schema";
import { app } from "../../worker/app";
import { makeDb } from "../../worker/lib/create-app";
import { areaCard } from "../../worker/queries/areas";
import { EMBED_JS } from "../../worker/embed/script.generated";
import { get, recomputeNow, seed } from "./fixtures";

const NBSP = "\u00a0";
let version: number;

beforeAll(async () => {
  await seed();
  // One synthetic area (as the demo data marks them), to see the card say so.
  const db = makeDb(env.DB);
  await db.insert(areas).values({ code: "3203", level: "kommune", parentCode: "32", nameNb: "Asker", validFrom: "2024-01-01", synthetic: true });
  await db.insert(observations).values([2020, 2021, 2022, 2023, 2024].map((period) => ({ areaCode: "3203", indicatorId: "population", period, value: 98_000 + period })));
  version = (await recomputeNow()).version;
});

/** The text a reader sees: tags dropped, spaces collapsed (no-break spaces kept: they are part of numbers). */
const text = (html: string) => html.replace(/<(script|style)[\s\S]*?<\/\1>/g, " ").replace(/<[^>]+>/g, " ").replace(/[ \t\r\n]+/g, " ");
const article = (html: string, indicator: string) => html.match(new RegExp(`<article[^>]*data-indicator="${indicator}"[\\s\\S]*?</article>`))?.[0] ?? "";

async function sha256(s: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

describe("GET /embed/:code", () => {
  it("renders the chosen indicators from the area's card row as a self-contained HTML page", async () => {
    const res = await get("/embed/0301?indicators=low_income_persistent,population");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toMatch(/<html lang="nb">/);
    expect(html).toMatch(/<h1[^>]*>Oslo <span class="embed-level">kommune<\/span><\/h1>/);

    // The two cards, in the order asked for, with values from the row the API serves.
    const order = [...html.matchAll(/data-indicator="([a-z_]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(["low_income_persistent", "population"]);
    const row = (await areaCard(makeDb(env.DB), (await liveSnapshotOf(makeDb(env.DB)))!, "0301"))!;
    expect(row.cards.find((c) => c.indicator === "low_income_persistent")!.latest!.value).toBe(14);

    // Oslo 2024: 98 000 of 700 000 in low income = 14.0 %; Norway: 509 000 of 5 000 000 = 10.2 %.
    const lowIncome = text(article(html, "low_income_persistent"));
    expect(lowIncome).toContain(`Lavinntekt 14,0${NBSP}% (2024)`);
    // Compared in words; the trend said with the indicator's direction; the served interval in words.
    expect(lowIncome).toMatch(new RegExp(`Høyere enn i Norge \\( ?10,2${NBSP}% ?\\)`));
    expect(lowIncome).toContain("Større andel beboere med vedvarende lavinntekt (mot svakere levekår)");
    const served = row.cards.find((c) => c.indicator === "low_income_persistent")!.latest!;
    const comma = (x: number) => x.toFixed(1).replace(".", ",");
    expect(lowIncome).toContain(`Usikkerhet (95 %): mellom ${comma(served.low!)} og ${comma(served.high!)}${NBSP}%`);
    // The method behind it, outside the frame.
    expect(article(html, "low_income_persistent")).toContain('href="http://localhost/om#trends" target="_blank" rel="noopener"');
    expect(lowIncome).toContain("Kilde: Test");
    expect(article(html, "low_income_persistent")).toMatch(/<svg class="sparkline"[^>]*role="img"/);
    expect(text(article(html, "population"))).toContain(`700${NBSP}000`);

    // A link to the full area page, opening outside the frame.
    expect(html).toContain('href="http://localhost/omrade/0301" target="_blank" rel="noopener"');
    expect(text(html)).not.toMatch(/syntetiske/);
  });

  it("speaks Nynorsk and English: words, number format, names and the page link", async () => {
    const nn = await (await get("/embed/0301?indicators=low_income_persistent&lang=nn")).text();
    expect(nn).toMatch(/<html lang="nn">/);
    expect(text(nn)).toMatch(new RegExp(`Høgare enn i Noreg \\( ?10,2${NBSP}% ?\\)`));
    expect(text(nn)).toContain("Større del bebuarar med vedvarande låginntekt (mot svakare levekår)");
    expect(text(nn)).toContain("Kjelde: Test");

    const en = await (await get("/embed/0301?indicators=low_income_persistent&lang=en")).text();
    expect(text(en)).toContain("Low income 14.0% (2024)");
    expect(text(en)).toMatch(/Higher than in Norway \( ?10\.2% ?\)/);
    expect(text(en)).toContain("A larger share of residents with persistent low income (towards poorer living conditions)");
    expect(en).toContain('href="http://localhost/omrade/0301?lang=en"');
  });

  it("shows the area's first three indicators when none are named", async () => {
    const html = await (await get("/embed/5501")).text();
    const shown = [...html.matchAll(/data-indicator="([a-z_]+)"/g)].map((m) => m[1]);
    const row = (await areaCard(makeDb(env.DB), (await liveSnapshotOf(makeDb(env.DB)))!, "5501"))!;
    expect(shown).toEqual(row.cards.map((c) => c.indicator).slice(0, 3));
    expect(shown.length).toBeGreaterThan(0);
  });

  it("says so when the figures are synthetic demo data", async () => {
    const html = await (await get("/embed/3203?indicators=population")).text();
    expect(html).toContain('data-synthetic="true"');
    expect(text(html)).toContain("Demodata: tallene er syntetiske");
  });

  it("never shows a suppressed value, and says why instead", async () => {
    // Tøyen: 3 of 40 in low income (7.5 %) and 4 residents: both below the disclosure thresholds.
    const html = await (await get("/embed/03010102?indicators=low_income_persistent,population")).text();
    expect(text(article(html, "low_income_persistent"))).toContain("Skjermet (for få personer)");
    expect(text(html)).not.toMatch(/7,5|7\.5/);
    expect(html).toMatch(/data-status=":"/);
  });

  it("shows 'no figures' for an indicator the area has none for, and the successors of a retired code", async () => {
    const none = await (await get("/embed/5610?indicators=median_income")).text();
    expect(text(article(none, "median_income"))).toContain("Ingen tall");

    const retired = await get("/embed/1507");
    expect(retired.status).toBe(200);
    const html = await retired.text();
    expect(text(html)).toContain("Den ble erstattet av");
    expect(html).toContain('href="http://localhost/omrade/1508"');
    expect(html).toContain('href="http://localhost/omrade/1580"');
  });

  it("answers an unknown area with a readable 404 card", async () => {
    const res = await get("/embed/9999?lang=en");
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors *");
    const html = await res.text();
    expect(html).toContain('data-error="notFound"');
    expect(text(html)).toContain("Area not found");
    expect(text(html)).toContain("9999");
    for (const path of ["/embed/", "/embed/0301/extra"]) {
      const other = await get(path);
      expect(other.status, path).toBe(404);
      expect(await other.text()).toContain('data-error="notFound"');
    }
  });

  it.each([
    ["unknown indicator", "/embed/0301?indicators=low_income_persistent,nope", "query.indicators"],
    ["malformed indicator", "/embed/0301?indicators=Low-Income", "query.indicators"],
    ["too many indicators", `/embed/0301?indicators=${["a", "b", "c", "d", "e", "f", "g"].join(",")}`, "query.indicators"],
    ["repeated indicator", "/embed/0301?indicators=population,population", "query.indicators"],
    ["theme", "/embed/0301?theme=blue", "query.theme"],
    ["language", "/embed/0301?lang=de", "query.lang"],
    ["colour with CSS", `/embed/0301?accent=${encodeURIComponent("red;}body{display:none}")}`, "query.accent"],
    ["colour as a name", "/embed/0301?bg=white", "query.bg"],
    ["colour of 4 digits", "/embed/0301?fg=%23abcd", "query.fg"],
    ["font size", "/embed/0301?size=200", "query.size"],
    ["malformed code", "/embed/abc", "param.code"],
  ])("answers a bad %s with a 400 card naming the parameter", async (_what, path, field) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('data-error="badRequest"');
    expect(text(html)).toMatch(new RegExp(`${field.replace(".", "\\.")}(\\.\\d+)?: `));
    expect(html).not.toContain("display:none");
  });

  it("themes through validated CSS variables, light or dark, in rem units", async () => {
    const html = await (await get("/embed/0301?theme=dark&accent=%23FF8800&bg=123&size=18")).text();
    const css = html.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    expect(css).toContain("color-scheme:dark");
    expect(css).toContain("--am-accent:#ff8800");
    expect(css).toContain("--am-bg:#123");
    expect(css).toContain("font-size:18px");
    // Apart from the root size the host asked for, sizes are relative: the card follows it.
    expect(css.replace("font-size:18px", "")).not.toMatch(/font-size:[\d.]+px/);
    const light = await (await get("/embed/0301")).text();
    expect(light).toContain("color-scheme:light");
  });

  it("sends its own strict CSP whose hashes allow exactly its inline style and script", async () => {
    const res = await get("/embed/0301?indicators=low_income_persistent");
    const csp = res.headers.get("Content-Security-Policy")!;
    const html = await res.text();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors *");
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    const script = html.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    expect(csp).toContain(`style-src 'sha256-${await sha256(style)}'`);
    expect(csp).toContain(`script-src 'sha256-${await sha256(script)}'`);
    // Its height messages go to a named origin (the embedding page's), never to any window ("*").
    expect(script).toContain("postMessage(");
    expect(script).not.toMatch(/postMessage\([^)]*"\*"\)/);
  });

  it("makes no third-party requests: no external URLs, no fetched resources, no cookies", async () => {
    for (const path of ["/embed/0301", "/embed/03010101?lang=en&theme=dark", "/embed/9999", "/embed/0301?theme=x"]) {
      const res = await get(path);
      const html = await res.text();
      expect(res.headers.get("Set-Cookie"), path).toBeNull();
      for (const url of html.match(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)]+/gi) ?? []) expect(url, path).toMatch(/^http:\/\/localhost\//);
      expect(html, path).not.toMatch(/<(img|link|iframe|object|embed)\b|\ssrc=|url\(|@import/i);
    }
  });

  it("sends ETag and Cache-Control like the API and answers a repeat with 304", async () => {
    const res = await get("/embed/0301?indicators=low_income_persistent");
    const etag = res.headers.get("ETag")!;
    expect(etag).toMatch(new RegExp(`^"v${version}-[0-9a-f]{16}"$`));
    expect(res.headers.get("Cache-Control")).toContain("max-age=");
    const again = await get("/embed/0301?indicators=low_income_persistent", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    const missing = await get("/embed/9999");
    expect(missing.headers.get("ETag")).toBeNull();
  });
});

describe("D1 rows read per embed", () => {
  const measured = async (path: string) => {
    const res = await app.request(path, {}, { ...env, MEASURE_ROWS_READ: "true" } as Env);
    expect(res.status, path).toBe(200);
    return Number(res.headers.get("X-D1-Rows-Read"));
  };

  it("reads the pointer, the frame row, and per shown indicator its card and catalogue rows", async () => {
    expect(await measured("/embed/0301?indicators=low_income_persistent,population")).toBe(2 + 2 * 2 + 2);
    // Without a choice it reads all of the area's cards to show the first three. D1 counts the
    // row that ends a range read (+ 1).
    const cards = (await areaCard(makeDb(env.DB), (await liveSnapshotOf(makeDb(env.DB)))!, "5501"))!.cards.length;
    expect(await measured("/embed/5501")).toBe(2 + cards + 1 + Math.min(3, cards));
    expect(await measured(`/oembed?url=${encodeURIComponent("http://localhost/omrade/0301")}`)).toBe(2);
  });
});

describe("frame-ancestors", () => {
  it("lets any site frame /embed/* and nothing else", async () => {
    expect((await get("/embed/0301")).headers.get("Content-Security-Policy")).toContain("frame-ancestors *");
    for (const path of ["/api/v1/areas/0301", "/api/v1/search?q=oslo", "/api/v1/areas/9999", "/api/health", "/embed.js", "/oembed?url=x", "/no/such/route"]) {
      const res = await get(path);
      expect(res.headers.get("Content-Security-Policy"), path).toContain("frame-ancestors 'self'");
      expect(res.headers.get("Set-Cookie"), path).toBeNull();
    }
  });
});

describe("GET /embed.js", () => {
  it("serves the widget script, small and cacheable", async () => {
    const res = await get("/embed.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/javascript/);
    expect(res.headers.get("Cache-Control")).toContain("max-age=");
    const body = await res.text();
    expect(body).toBe(EMBED_JS);
    expect(body).toContain("data-area-monitor");
    const gzipped = await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
    expect(gzipped.byteLength).toBeLessThanOrEqual(3 * 1024);
  });
});

describe("GET /oembed", () => {
  type OEmbed = { version: string; type: string; provider_name: string; provider_url: string; title: string; html: string; width: number; height: number };
  const oembed = (url: string, extra = "") => get(`/oembed?url=${encodeURIComponent(url)}${extra}`);

  it("answers an area page of this site with a rich iframe snippet", async () => {
    const res = await oembed("http://localhost/omrade/0301", "&maxwidth=400&format=json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = (await res.json()) as OEmbed;
    expect(body).toMatchObject({ version: "1.0", type: "rich", provider_name: "Områdemonitor", provider_url: "http://localhost/", title: "Oslo – Områdemonitor", width: 400 });
    expect(body.height).toBeGreaterThan(100);
    expect(body.html).toMatch(/^<div style="container-type:inline-size"><iframe src="http:\/\/localhost\/embed\/0301" title="Oslo – Områdemonitor" width="400" height="\d+" loading="lazy"/);
    expect(body.html).toContain(`height="${body.height}"`);
  });

  it("gives the card's size at the width asked for: narrower means fewer columns and a taller card", async () => {
    const at = async (maxwidth: number) => (await (await oembed("http://localhost/omrade/0301", `&maxwidth=${maxwidth}`)).json()) as OEmbed;
    const [narrow, wide] = [await at(360), await at(600)];
    expect([narrow.width, wide.width]).toEqual([360, 600]);
    // Three cards: one column at 360 px, two at 600 px (test/e2e/embed.test.ts checks the fit in a browser).
    expect(narrow.height).toBeGreaterThan(wide.height * 1.3);
    expect(narrow.html).toContain(`height="${narrow.height}"`);
    // The frame's CSS height follows its own width where container units work, capped at the width asked for.
    expect(wide.html).toMatch(/height:calc\([^"]*min\(100cqw, 600px\)/);
  });

  it("accepts area pages where the web app is also served (WEB_ORIGIN), and embeds this worker's card", async () => {
    // The tests set WEB_ORIGIN to "https://web.example, not a url": the second is left out.
    const body = (await (await oembed("https://web.example/omrade/0301")).json()) as OEmbed;
    expect(body.html).toContain('<iframe src="http://localhost/embed/0301"');
    const res = await oembed("https://web.example.org/omrade/0301");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("query.url: not an area page of http://localhost or https://web.example (http://localhost/omrade/<code>)");
  });

  it("keeps the page's language, and respects maxheight", async () => {
    const body = (await (await oembed("http://localhost/omrade/5501?lang=en", "&maxheight=200")).json()) as OEmbed;
    expect(body.provider_name).toBe("Area monitor");
    expect(body.title).toBe("Tromsø – Area monitor");
    expect(body.html).toContain('src="http://localhost/embed/5501?lang=en"');
    expect(body.height).toBe(200);
    expect(body.width).toBeLessThanOrEqual(600);
    // The frame's CSS height is capped too, not only its attribute.
    expect(body.html).toMatch(/height:min\(calc\(.*\), 200px\)"/);
  });

  it.each([
    ["another site's page", "https://example.org/omrade/0301"],
    ["this site's front page", "http://localhost/"],
    ["an unknown area", "http://localhost/omrade/9999"],
    ["a malformed code", "http://localhost/omrade/oslo"],
    ["not a URL", "omrade/0301"],
  ])("answers 404 for %s", async (_what, url) => {
    const res = await oembed(url);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/^not_/);
  });

  it("answers 501 for XML and 400 for bad parameters", async () => {
    expect((await oembed("http://localhost/omrade/0301", "&format=xml")).status).toBe(501);
    for (const path of ["/oembed", "/oembed?url=http%3A%2F%2Flocalhost%2Fomrade%2F0301&maxwidth=wide", "/oembed?url=x&format=yaml"]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^query\.(url|maxwidth|format)/);
    }
  });
});
