import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { OPENAPI_INFO, renderDocs } from "../../worker/routes/docs";

describe("OpenAPI document", () => {
  const doc = app.getOpenAPI31Document(OPENAPI_INFO);

  it("validates as OpenAPI 3.1", async () => {
    const result = await new Validator().validate(JSON.parse(JSON.stringify(doc)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("documents every public route with its error responses", () => {
    for (const path of ["/api/v1/search", "/api/v1/areas/{code}", "/api/v1/areas/{code}/series", "/api/v1/compare", "/api/v1/indicators", "/api/v1/download"]) {
      const op = doc.paths?.[path]?.get;
      expect(op, path).toBeDefined();
      expect(Object.keys(op!.responses!), path).toEqual(expect.arrayContaining(["200", "400"].filter((s) => path !== "/api/v1/indicators" || s === "200")));
    }
  });

  it("renders a docs page listing the routes, escaped", () => {
    const html = renderDocs(doc as never);
    expect(html).toContain("<code>/api/v1/areas/{code}</code>");
    expect(html).toContain("A parameter is malformed");
    expect(html).not.toMatch(/<script/);
  });
});
