import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import indexHtml from "../../web/index.html?raw";
import { areaHead, withAreaHead } from "../../worker/embed/area-head";
import { areaPageContent } from "../../worker/embed/content";
import { WEB_CSP } from "../../worker/embed/security";
import { makeDb } from "../../worker/lib/create-app";
import type { Live } from "../../worker/lib/manifest";
import { liveSnapshotOf } from "../../worker/queries/snapshot";
import { get, recomputeNow, seed } from "./fixtures";

/**
 * The area page the Worker serves (/omrade/*): the web app's own index.html (the source file
 * here; the browser suite checks the built one as served) with the area's head and figures put in
 * by the same function the route uses.
 */
const MARKUP_NAME = `Grønland <i>"øst"</i> & co`;
let live: Live;

beforeAll(async () => {
  await seed();
  await env.DB.prepare("UPDATE areas SET name_nb = ? WHERE code = '03010101'").bind(MARKUP_NAME).run();
  await recomputeNow();
  live = (await liveSnapshotOf(makeDb(env.DB)))!;
});

async function page(code: string, lang: "nb" | "nn" | "en") {
  const content = (await areaPageContent(makeDb(env.DB), live, code))!;
  const pageUrl = `http://localhost/omrade/${code}${lang === "nb" ? "" : `?lang=${lang}`}`;
  const head = areaHead(content, { pageUrl, origin: "http://localhost", lang });
  const res = withAreaHead(new Response(indexHtml, { headers: { "Content-Type": "text/html" } }), head);
  return res.text();
}

type ApiCard = { indicator: string; latest: { value: number; periodLabel: string; low?: number; high?: number } };
const cardOf = async (code: string, indicator: string) =>
  ((await (await get(`/api/v1/areas/${code}`)).json()) as { cards: ApiCard[] }).cards.find((c) => c.indicator === indicator)!;

const headOf = (html: string) => html.slice(html.indexOf("<head>"), html.indexOf("</head>"));
const metaContent = (html: string, attr: string, key: string) => new RegExp(`<meta ${attr}="${key}" content="([^"]*)">`).exec(html)?.[1];

describe("the area page's head", () => {
  it("names the area and its key figures in title, description and Open Graph tags, in the page's language", async () => {
    const html = await page("0301", "en");
    const head = headOf(html);
    const population = await cardOf("0301", "population");
    const lowIncome = await cardOf("0301", "low_income_persistent");
    expect(html).toMatch(/<html lang="en">/);
    expect(head).toContain("<title>Oslo – Area monitor</title>");
    const description = metaContent(head, "name", "description")!;
    expect(description).toBe(`Oslo, municipality in Oslo: population ${population.latest.value.toLocaleString("en-GB")} (${population.latest.periodLabel}); Low income ${lowIncome.latest.value.toFixed(1)}% (${lowIncome.latest.periodLabel}). Living conditions and population over time, with uncertainty and trends.`);
    // The static file's generic description is replaced, not repeated.
    expect(head.match(/name="description"/g)).toHaveLength(1);
    expect(metaContent(head, "property", "og:title")).toBe("Oslo – Area monitor");
    expect(metaContent(head, "property", "og:description")).toBe(description);
    expect(metaContent(head, "property", "og:url")).toBe("http://localhost/omrade/0301?lang=en");
    expect(metaContent(head, "property", "og:type")).toBe("website");
    expect(metaContent(head, "property", "og:locale")).toBe("en_GB");
    expect(metaContent(head, "property", "og:site_name")).toBe("Area monitor");
    expect(metaContent(head, "name", "twitter:card")).toBe("summary");
    expect(head).toContain('<link rel="alternate" type="application/atom+xml" title="Oslo: new figures and changes (Atom)" href="http://localhost/feeds/omrade/0301.atom?lang=en">');
  });

  it("in Bokmål by default, with og:locale nb_NO", async () => {
    const head = headOf(await page("5501", "nb"));
    expect(head).toContain("<title>Tromsø – Områdemonitor</title>");
    expect(metaContent(head, "property", "og:locale")).toBe("nb_NO");
    expect(metaContent(head, "name", "description")).toMatch(/^Tromsø, kommune i Troms: /);
    expect(head).toContain('href="http://localhost/feeds/omrade/5501.atom"');
  });

  it("puts the page's language on the header drawn before the app: the brand's name and its link home", async () => {
    const brandOf = (html: string) => /<div id="app"><header class="site-header"><div class="site-header-inner"><a class="brand" href="([^"]*)">([^<]*)<\/a>/.exec(html)?.slice(1);
    expect(brandOf(indexHtml)).toEqual(["/", "Områdemonitor"]);
    expect(brandOf(await page("0301", "nb"))).toEqual(["/", "Områdemonitor"]);
    expect(brandOf(await page("0301", "nn"))).toEqual(["/?lang=nn", "Områdemonitor"]);
    expect(brandOf(await page("0301", "en"))).toEqual(["/?lang=en", "Area monitor"]);
  });

  it("gives a visitor without JavaScript the cards' values, periods and intervals in a <noscript> after #app", async () => {
    const html = await page("0301", "en");
    const noscript = /<div id="app">.*?<\/header><\/div><noscript>([\s\S]*?)<\/noscript>/.exec(html)?.[1];
    expect(noscript).toBeDefined();
    const low = (await cardOf("0301", "low_income_persistent")).latest;
    const row = /<tr data-indicator="low_income_persistent">([\s\S]*?)<\/tr>/.exec(noscript!)![1]!;
    expect(row).toContain("<th scope=\"row\">Low income</th>");
    expect(row).toContain(`<td>${low.value.toFixed(1)}%</td>`);
    expect(row).toContain(`<td>${low.periodLabel}</td>`);
    expect(row).toContain(`<td>${low.low!.toFixed(1)}%–${low.high!.toFixed(1)}%</td>`);
    expect(noscript).toContain('<a href="http://localhost/feeds/omrade/0301.atom?lang=en" type="application/atom+xml">Follow (Atom)</a>');
  });

  it("adds no inline script or style, so the page's CSP holds", async () => {
    const html = await page("0301", "nb");
    expect(WEB_CSP).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle="/);
  });

  it("preloads the area's first API reads, and makes the build's inert list of the area page's code live", async () => {
    const content = (await areaPageContent(makeDb(env.DB), live, "0301"))!;
    const head = areaHead(content, { pageUrl: "http://localhost/omrade/0301", origin: "http://localhost", lang: "nb" });
    // As the build writes it (web/vite.config.ts): links inside a <template>, which fetch nothing.
    const links = '<link rel="modulepreload" crossorigin href="/assets/Area-x.js"><link rel="preload" as="style" crossorigin href="/assets/Area-x.css">';
    const built = indexHtml.replace("</head>", `<template id="area-preload">${links}</template></head>`);
    const html = headOf(await withAreaHead(new Response(built, { headers: { "Content-Type": "text/html" } }), head).text());
    expect(html).not.toContain("<template");
    expect(html).toContain(links);
    for (const path of ["/api/v1/areas/0301", "/api/v1/indicators", "/api/v1/rulesets"]) expect(html).toContain(`<link rel="preload" as="fetch" crossorigin href="${path}">`);
  });

  it("escapes an area name with markup everywhere it goes", async () => {
    const html = await page("03010101", "nb");
    expect(html).not.toContain("<i>");
    expect(html).toContain("<title>Grønland &lt;i&gt;&quot;øst&quot;&lt;/i&gt; &amp; co – Områdemonitor</title>".replace(/&quot;/g, '"'));
    expect(metaContent(headOf(html), "property", "og:title")).toBe("Grønland &lt;i&gt;&quot;øst&quot;&lt;/i&gt; &amp; co – Områdemonitor");
    expect(html).toContain("<h1>Grønland &lt;i>&quot;øst&quot;&lt;/i> &amp; co, grunnkrets i Oslo</h1>");
  });
});
