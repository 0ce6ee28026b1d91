import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { app } from "../../worker/app";
import { type Components, exampleRequest, exampleResponse } from "../../worker/api/examples";
import { OPENAPI_INFO, operationAnchor, renderDocs } from "../../worker/routes/docs";
import { SUMMARIES } from "../../worker/routes/docs-text";

type Op = Parameters<typeof exampleResponse>[0];
const doc = app.getOpenAPI31Document(OPENAPI_INFO) as unknown as { paths: Record<string, Record<string, Op & { summary?: string }>>; components?: { schemas?: Components } };
const components = doc.components?.schemas ?? {};
const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

/** The zod schemas each route was declared with, by "METHOD /full/path". */
type RouteDef = { method: string; path: string; request?: { body?: { content?: Record<string, { schema: z.ZodType }> } }; responses: Record<string, { content?: Record<string, { schema: z.ZodType }> }> };
const routes = (app.openAPIRegistry.definitions as { type: string; route?: RouteDef }[]).filter((d) => d.type === "route").map((d) => d.route!);
const routeOf = (method: string, path: string) => routes.find((r) => r.method === method && path.endsWith(r.path));

describe("API docs examples", () => {
  it("exist for every route, and each example response parses with the route's own zod schema", () => {
    expect(operations.length).toBeGreaterThan(20);
    for (const { path, method, op } of operations) {
      const res = exampleResponse(op, components);
      expect(res, `${method} ${path}`).not.toBeNull();
      const zodSchema = routeOf(method, path)?.responses[String(res!.status)]?.content?.["application/json"]?.schema;
      if (res!.contentType === "application/json") {
        expect(zodSchema, `${method} ${path}`).toBeDefined();
        const parsed = zodSchema!.safeParse(res!.body);
        expect(parsed.success, `${method} ${path}: ${JSON.stringify(parsed.error?.issues.slice(0, 2))}`).toBe(true);
      }
    }
  });

  it("send request bodies the route accepts, and fill every required parameter", () => {
    for (const { path, method, op } of operations) {
      const req = exampleRequest(path, method, op, components);
      expect(req.url, `${method} ${path}`).not.toMatch(/[{}]/);
      const query = new URL(`http://x${req.url}`).searchParams;
      for (const p of (op as { parameters?: { name: string; in: string; required?: boolean }[] }).parameters ?? []) {
        if (p.in === "query" && p.required) expect(query.has(p.name), `${method} ${path} ?${p.name}`).toBe(true);
      }
      const bodySchema = routeOf(method, path)?.request?.body?.content?.["application/json"]?.schema;
      if (bodySchema) expect(bodySchema.safeParse(req.body).success, `${method} ${path} body`).toBe(true);
    }
  });
});

describe("API docs page", () => {
  for (const lang of ["en", "nb"] as const) {
    it(`lists every route of the OpenAPI document with an example request and response (${lang})`, () => {
      const html = renderDocs(doc as never, lang);
      expect(html).toContain(`<html lang="${lang}">`);
      for (const { path, method } of operations) {
        const section = html.match(new RegExp(`<section id="${operationAnchor(method, path)}"[\\s\\S]*?</section>`))?.[0];
        expect(section, `${method} ${path}`).toBeDefined();
        expect(section).toContain(`data-route="${method.toUpperCase()} ${path}"`);
        expect(section).toContain('data-example="request"');
        expect(section).toContain('data-example="response"');
      }
      expect(html).not.toMatch(/<script/);
    });
  }

  it("has a Norwegian summary for every route, and an English one where the route declares none", () => {
    const missing = operations.filter(({ path, method }) => !SUMMARIES[`${method.toUpperCase()} ${path}`]?.nb).map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
    const noEnglish = operations.filter(({ path, method, op }) => !op.summary && !SUMMARIES[`${method.toUpperCase()} ${path}`]?.en).map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    expect(noEnglish).toEqual([]);
    const nb = renderDocs(doc as never, "nb");
    expect(nb).toContain("Publiser en utgave");
    expect(nb).toContain("Eksempel på svar (200)");
    expect(renderDocs(doc as never, "en")).toContain("Example response (200)");
  });
});
