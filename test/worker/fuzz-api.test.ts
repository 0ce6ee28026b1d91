import { env, exports } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { fuzzRuns, SPECIAL_CELLS } from "../fuzz/mutate";
import { ADMIN, recomputeNow, seed } from "./fixtures";

/**
 * Requests generated over the OpenAPI document — every public and admin route, plus the pages
 * outside it — with valid, mutated and absent parameters, wrong methods and media types, random
 * bodies, and with and without the admin token. No answer may be a 5xx (the one documented
 * exception: oEmbed's 501 for format=xml, which the oEmbed spec prescribes), and no error body
 * may carry raw markup. `npm run fuzz` runs 10,000; `npm test` a sample.
 */
const FULL = env.FUZZ_FULL === "1";
const REQUESTS = fuzzRuns(FULL, 300, 10_000);

type Param = { name: string; in: string; required?: boolean; schema?: { type?: string | string[]; enum?: string[]; minimum?: number; maximum?: number; pattern?: string } };
type Operation = { method: string; path: string; parameters: Param[]; bodyTypes: string[] };

let operations: Operation[] = [];

beforeAll(async () => {
  await seed();
  await recomputeNow();
  const doc = (await (await exports.default.fetch("http://localhost/api/openapi.json")).json()) as { paths: Record<string, Record<string, { parameters?: Param[]; requestBody?: { content: Record<string, unknown> } }>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], bodyTypes: Object.keys(op.requestBody?.content ?? {}) })),
  );
  // Served by the worker but not part of the API document.
  for (const path of ["/embed/{code}", "/embed.js", "/api/docs", "/omrade/{code}"]) operations.push({ method: "GET", path, parameters: [{ name: "code", in: "path", schema: { pattern: "code" } }], bodyTypes: [] });
});

const CODES = ["0", "03", "0301", "030101", "03010101", "1508", "1507", "5501", "55010101", "5610", "9999", "99999999", "0000000000", "030", "03 01", "-1", "0301.5"];
const IDS = ["population", "low_income_persistent", "median_income", "norway_default", "status", "no_such_thing", "Population", "a", "_x", "a".repeat(70)];
const NASTY = [...SPECIAL_CELLS, "%", "%zz", "%E0%A4%A", "../../etc/passwd", "?", "#", "&x=1", "true", "false", "json", "xml", "csv", "jsonstat2", "1900", "2100", "0", "-1", "1", "50", "51", "1000", "900000"];

const listOf = (pool: string[]) => fc.array(fc.constantFrom(...pool), { minLength: 0, maxLength: 5 }).map((xs) => xs.join(","));

function valueFor(p: Param): fc.Arbitrary<string> {
  const s = p.schema ?? {};
  const nasty = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 20 }), fc.string({ unit: "binary", maxLength: 8 }));
  const good: fc.Arbitrary<string>[] = [];
  if (s.enum) good.push(fc.constantFrom(...s.enum));
  const type = [s.type].flat();
  if (type.includes("integer") || type.includes("number")) {
    const lo = s.minimum ?? -1000;
    const hi = s.maximum ?? 100000;
    good.push(fc.integer({ min: Math.floor(lo) - 5, max: Math.ceil(hi) + 5 }).map(String), fc.double({ min: lo, max: hi, noNaN: true }).map(String));
  }
  if (/code|childrenOf/i.test(p.name) || s.pattern === "code" || s.pattern?.startsWith("^(0|")) good.push(fc.constantFrom(...CODES));
  if (/^(codes|areas)$/.test(p.name)) good.push(listOf(CODES));
  if (/^indicators?$|^id$|ruleset/.test(p.name)) good.push(fc.constantFrom(...IDS), listOf(IDS));
  if (p.name === "url") good.push(fc.constantFrom("http://localhost/omrade/0301", "http://localhost/omrade/0301?lang=en", "https://web.example/omrade/1508", "javascript:alert(1)", "http://localhost/omrade/<x>", "http://[::1"));
  if (p.name === "q") good.push(fc.constantFrom("oslo", "Ålesund", "gr", "čáhppes", "%", "''", "\"", "a\u0000b"));
  if (p.name === "mapping") good.push(fc.constantFrom("ssb-07459", "klass131-kommuner", "asker-baerum-grunnkretser", "no-such"));
  if (good.length === 0) good.push(fc.string({ maxLength: 30 }));
  return fc.oneof({ weight: 3, arbitrary: fc.oneof(...good) }, { weight: 1, arbitrary: nasty });
}

const RULESET_BODY = {
  name: "Fuzz",
  description: "fuzz",
  level: "grunnkrets",
  criteria: [{ indicator: "low_income_persistent", op: "gt", value: 10 }],
  minMet: 1,
};

const bodies = fc.oneof(
  fc.constant<string | Uint8Array | null>(null),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constant(JSON.stringify(RULESET_BODY)),
  fc.record({ criteria: fc.jsonValue({ maxDepth: 2 }), minMet: fc.jsonValue({ maxDepth: 1 }), level: fc.constantFrom("kommune", "grunnkrets", "x") }).map((v) => JSON.stringify(v)),
  fc.constantFrom('{"a":', "[", "", "null", "\u0000", '{"__proto__":{"x":1}}', "area_code,indicator,period,value\n0301,population,2025,1\n", "<script>alert(1)</script>"),
  fc.uint8Array({ maxLength: 300 }),
);

const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", "application/octet-stream", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/csv", "application/merge-patch+json", "a/b/c", ";;", ""];
const AUTH: Record<string, string>[] = [{}, ADMIN, { Authorization: "Bearer wrong" }, { Authorization: "Bearer " }, { Authorization: "Basic dGVzdA==" }];
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

const requests = fc
  .record({
    op: fc.nat(),
    drop: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    extra: fc.option(fc.tuple(fc.constantFrom("x", "q", "format", "__proto__", "constructor"), fc.string({ maxLength: 10 }))),
    repeat: fc.boolean(),
    // Mostly the operation as documented; one request in seven with a stray suffix or another method.
    rawSuffix: rarely(fc.constantFrom("/", "//", "/x", "%2F", "%00", "/..", "?", "#frag", ";x", "%ZZ")),
    method: rarely(fc.constantFrom(...METHODS)),
    contentType: fc.constantFrom(...CONTENT_TYPES),
    body: bodies,
    auth: fc.constantFrom(...AUTH),
    ifNoneMatch: fc.option(fc.constantFrom('"1-abc"', "*", 'W/"x"', "")),
    importMapping: fc.option(fc.constantFrom("e30=", "not base64!", btoa('{"format":"csv","area":{"column":"a"}}'), btoa("[]"))),
  })
  // Parameter values depend on the chosen operation, so they are drawn in a second step.
  .chain((base) => {
    const op = operations[base.op % operations.length]!;
    return fc.tuple(fc.constant(base), fc.constant(op), fc.tuple(...op.parameters.map((p) => valueFor(p)), fc.constant("")));
  });

const statuses = new Map<number, number>();

async function send([r, op, values]: [{ drop: boolean[]; extra: [string, string] | null; repeat: boolean; rawSuffix: string | null; method: string | null; contentType: string; body: string | Uint8Array | null; auth: Record<string, string>; ifNoneMatch: string | null; importMapping: string | null }, Operation, string[]]) {
  let path = op.path;
  const query = new URLSearchParams();
  op.parameters.forEach((p, i) => {
    const value = values[i]!;
    if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(value));
    else if (p.in === "query" && !r.drop[i % r.drop.length]) {
      query.append(p.name, value);
      if (r.repeat && i === 0) query.append(p.name, value);
    }
  });
  if (r.extra) query.append(r.extra[0], r.extra[1]);
  const method = r.method ?? op.method;
  const headers: Record<string, string> = { ...r.auth };
  if (r.contentType) headers["Content-Type"] = r.contentType;
  if (r.ifNoneMatch) headers["If-None-Match"] = r.ifNoneMatch;
  if (r.importMapping && op.path.endsWith("/import")) headers["X-Import-Mapping"] = r.importMapping;
  const qs = query.toString();
  const url = `http://localhost${path}${r.rawSuffix ?? ""}${qs ? `${r.rawSuffix?.includes("?") ? "&" : "?"}${qs}` : ""}`;
  const hasBody = method !== "GET" && method !== "HEAD" && r.body !== null;
  const what = `${method} ${url} (${r.contentType || "no content type"}, ${r.auth.Authorization ?? "no token"})`;
  let res: Response;
  try {
    res = await exports.default.fetch(new Request(url, { method, headers, body: hasBody ? (r.body as BodyInit) : undefined }));
  } catch (e) {
    throw new Error(`${what}: threw ${(e as Error).stack}`);
  }
  const text = method === "HEAD" ? "" : await res.text();
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  const documented501 = res.status === 501 && op.path === "/oembed" && query.get("format") === "xml";
  if (res.status >= 500 && !documented501) throw new Error(`${what}: ${res.status} ${text.slice(0, 500)}`);
  if (res.status >= 400 && method !== "HEAD" && res.headers.get("Content-Type")?.startsWith("application/json")) {
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(typeof body.error.code, what).toBe("string");
    expect(typeof body.error.message, what).toBe("string");
    expect(text, what).not.toMatch(/[<>]/);
  }
  if (res.status === 405) expect(res.headers.get("Allow"), what).toMatch(/^[A-Z]+(, [A-Z]+)*$/);
  expect(res.headers.get("X-Content-Type-Options"), what).toBe("nosniff");
}

describe(`requests over the OpenAPI document (${REQUESTS}${FULL ? ", full run" : "; npm run fuzz runs 10,000"})`, () => {
  it("never answers 5xx, never throws, and never puts markup in an error body", async () => {
    expect(operations.length).toBeGreaterThan(20);
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(requests, async (req) => {
        await send(req as Parameters<typeof send>[0]);
      }),
      { numRuns: REQUESTS, seed: FULL ? undefined : 16, endOnFailure: true },
    );
    console.log(`fuzz-api: ${REQUESTS} requests over ${operations.length} operations in ${Date.now() - started} ms; statuses`, Object.fromEntries(statuses));
  }, FULL ? 3_600_000 : 120_000);
});
