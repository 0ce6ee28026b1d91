import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { API_CSP, WEB_CSP } from "../../worker/embed/security";
import { DEV_ADMIN_TOKEN, devTokenAllowed, isLoopbackIp } from "../../worker/lib/admin-auth";
import { tableContents } from "../fixtures/import/helpers";
import { ADMIN, get, recomputeNow, seed } from "./fixtures";

beforeAll(async () => {
  await seed();
  await recomputeNow();
});

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

function send(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  return exports.default.fetch(new Request(`http://localhost${path}`, { ...init, duplex: "half" } as RequestInit));
}

describe("bad request bodies answer 4xx naming what was wrong, never 500", () => {
  it("PUT /api/admin/rulesets/:id with text/plain answers 415 naming Content-Type", async () => {
    const res = await send("/api/admin/rulesets/status", { method: "PUT", headers: { ...ADMIN, "Content-Type": "text/plain" }, body: "{}" });
    expect(res.status).toBe(415);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("unsupported_media_type");
    expect(body.error.message).toMatch(/^header\.Content-Type: /);
  });

  it("PUT /api/admin/rulesets/:id with malformed JSON answers 400 naming the body", async () => {
    const res = await send("/api/admin/rulesets/status", { method: "PUT", headers: { ...ADMIN, "Content-Type": "application/json" }, body: '{"criteria": [' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("invalid_body");
    expect(body.error.message).toMatch(/^body: /);
  });

  it("PUT /api/admin/rulesets/:id with a body over the limit answers 413", async () => {
    const big = JSON.stringify({ criteria: [], pad: "x".repeat(300 * 1024) });
    const res = await send("/api/admin/rulesets/status", { method: "PUT", headers: { ...ADMIN, "Content-Type": "application/json" }, body: big });
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe("payload_too_large");
  });

  it("a JSON-stat2 file whose size disagrees with its categories is rejected naming $.size, and nothing is written", async () => {
    const dataset = {
      version: "2.0",
      class: "dataset",
      id: ["Region", "Tid"],
      size: [3, 1],
      dimension: { Region: { category: { index: { "0301": 0, "1508": 1 } } }, Tid: { category: { index: ["2025"] } } },
      value: [1, 2, 3],
    };
    const before = await tableContents();
    const res = await send("/api/admin/import?file=sized.json&mapping=ssb-07459", { method: "POST", headers: ADMIN, body: JSON.stringify(dataset) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("import_rejected");
    expect(body.error.message).toMatch(/sized\.json, \$\.size\[0\]: \$\.size\[0\] says 3 but dimension "Region" has 2 categories/);
    expect(await tableContents()).toEqual(before);
  });
});

describe("UTF-16 files", () => {
  const utf16le = (text: string, bom = true) => {
    const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
    if (bom) out.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) out.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], (bom ? 2 : 0) + 2 * i);
    return out;
  };
  const CSV = "area_code,indicator,period,value\n0301,population,2024,700000\n";

  it("reads a UTF-16 LE CSV (Excel's Unicode text) and says so, instead of a header error showing ÿþ", async () => {
    const res = await send("/api/admin/import?file=excel.csv&dryRun=true", { method: "POST", headers: ADMIN, body: utf16le(CSV) });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(text).not.toContain("ÿþ");
    expect((JSON.parse(text) as { notes: string[] }).notes).toContain('read as utf-16le, delimiter ","');
  });

  it("refuses a UTF-16 file cut in the middle of a character, naming the encoding", async () => {
    const bytes = utf16le(CSV);
    const res = await send("/api/admin/import?file=cut.csv", { method: "POST", headers: ADMIN, body: bytes.subarray(0, bytes.length - 1) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/cut\.csv: the file looks like UTF-16LE but has an odd number of bytes/);
  });

  it("refuses a UTF-16 file forced to be read as UTF-8, naming both encodings", async () => {
    const res = await send("/api/admin/import?file=forced.csv&encoding=utf-8", { method: "POST", headers: ADMIN, body: utf16le(CSV) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/UTF-16LE byte-order mark but encoding utf-8 was asked for/);
  });
});

describe("methods and unknown paths", () => {
  it("answers a wrong method on a public route with 405 and Allow from the registered routes", async () => {
    for (const [method, path, allow] of [
      ["POST", "/api/v1/areas/0301", "GET, HEAD"],
      ["DELETE", "/api/v1/search?q=oslo", "GET, HEAD"],
      ["PUT", "/api/health", "GET, HEAD"],
      ["GET", "/api/admin/import", "POST"],
      ["POST", "/api/admin/rulesets/status", "PUT"],
      ["PATCH", "/embed/0301", "GET, HEAD"],
    ] as const) {
      const res = await send(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("Allow"), `${method} ${path}`).toBe(allow);
      expect(((await res.json()) as ErrorBody).error.code).toBe("method_not_allowed");
    }
  });

  it("answers an unknown path with 404 whose message does not echo the path", async () => {
    const res = await get("/api/v1/%3Cscript%3Ealert(1)%3C%2Fscript%3E/x");
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toMatch(/<script|%3Cscript|alert/i);
    expect(res.headers.get("Allow")).toBeNull();
  });
});

describe("security headers", () => {
  it("sends nosniff, Referrer-Policy and HSTS on the API, errors, the embed, its script, oEmbed and the docs", async () => {
    for (const [path, method] of [
      ["/api/v1/areas/0301", "GET"],
      ["/api/v1/areas/9999", "GET"],
      ["/api/health", "GET"],
      ["/api/openapi.json", "GET"],
      ["/api/docs", "GET"],
      ["/api/admin/recompute", "POST"],
      ["/api/nothing", "GET"],
      ["/api/v1/areas/0301", "POST"],
      ["/embed/0301", "GET"],
      ["/embed/9999", "GET"],
      ["/embed.js", "GET"],
      ["/oembed?url=x", "GET"],
    ] as const) {
      const res = await send(path, { method });
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy"), path).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("Strict-Transport-Security"), path).toMatch(/^max-age=\d{8,}/);
    }
  });

  it("gives the JSON API a policy that loads nothing and may be framed only by the monitor", async () => {
    expect((await get("/api/v1/areas/0301")).headers.get("Content-Security-Policy")).toBe(API_CSP);
    expect(API_CSP).toContain("default-src 'none'");
  });

  it("gives the docs page a policy with its one stylesheet by hash and no script", async () => {
    const csp = (await get("/api/docs")).headers.get("Content-Security-Policy")!;
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
  });

  it("serves the web app's area pages with the strict web policy even when the assets carry none", async () => {
    const page = '<!doctype html><html><head><script type="module" src="/assets/x.js"></script></head><body></body></html>';
    const ASSETS = { fetch: async () => new Response(page, { headers: { "Content-Type": "text/html; charset=utf-8" } }) };
    const res = await app.request("http://localhost/omrade/0301", {}, { ...env, ASSETS });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toBe(WEB_CSP);
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'"]) expect(WEB_CSP).toContain(directive);
    expect(WEB_CSP).not.toContain("unsafe");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});

describe("the dev token", () => {
  const local = { ADMIN_TOKEN: undefined, ALLOW_DEV_ADMIN_TOKEN: "true" } as unknown as Partial<Env>;
  const call = (url: string, headers: Record<string, string>) =>
    app.request(url, { method: "POST", headers: { Authorization: `Bearer ${DEV_ADMIN_TOKEN}`, ...headers } }, { ...env, ...local });

  it("is refused with Host: localhost when the connection did not come from loopback", async () => {
    // The request URL is built from the Host header: this is what `curl -H 'Host: localhost'` sends.
    expect((await call("http://localhost/api/admin/recompute", { "CF-Connecting-IP": "198.51.100.7" })).status).toBe(403);
    expect((await call("http://localhost/api/admin/recompute", {})).status).toBe(403);
  });

  it("is accepted from a loopback connection to a loopback host under npm start", async () => {
    expect((await call("http://localhost:8787/api/admin/recompute", { "CF-Connecting-IP": "127.0.0.1" })).status).toBe(200);
    expect((await call("http://127.0.0.1:8787/api/admin/recompute", { "CF-Connecting-IP": "::1" })).status).toBe(200);
  });

  it("is refused from loopback when the page's host is another site's (DNS rebinding)", async () => {
    expect((await call("http://evil.example/api/admin/recompute", { "CF-Connecting-IP": "127.0.0.1" })).status).toBe(403);
  });

  it("decides by flag, connecting address and host together", () => {
    const h = (ip?: string) => new Headers(ip ? { "CF-Connecting-IP": ip } : {});
    expect(devTokenAllowed("true", "http://localhost/", h("127.0.0.1"))).toBe(true);
    expect(devTokenAllowed("false", "http://localhost/", h("127.0.0.1"))).toBe(false);
    expect(devTokenAllowed(undefined, "http://localhost/", h("127.0.0.1"))).toBe(false);
    expect(devTokenAllowed("true", "http://localhost/", h())).toBe(false);
    expect(devTokenAllowed("true", "http://localhost/", h("10.0.0.1"))).toBe(false);
    expect(devTokenAllowed("true", "http://monitor.example.no/", h("127.0.0.1"))).toBe(false);
    for (const ip of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"]) expect(isLoopbackIp(ip), ip).toBe(true);
    for (const ip of ["", "128.0.0.1", "1127.0.0.1", "127.0.0.1.example", "::2", "fe80::1", "localhost", "10.0.0.127"]) expect(isLoopbackIp(ip), ip).toBe(false);
  });
});

describe("found by the request fuzz", () => {
  it("an area page or oEmbed url with a malformed escape (%ZZ) is not an area page, not a 500", async () => {
    const ASSETS = { fetch: async () => new Response("<!doctype html><html><head></head></html>", { headers: { "Content-Type": "text/html" } }) };
    expect((await app.request("http://localhost/omrade/0301%ZZ", {}, { ...env, ASSETS })).status).toBe(200);
    const res = await get(`/oembed?url=${encodeURIComponent("http://localhost/omrade/03%ZZ")}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe("not_an_area_page");
  });
});
