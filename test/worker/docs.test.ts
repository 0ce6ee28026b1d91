import { describe, expect, it } from "vitest";
import { get } from "./fixtures";

describe("GET /api/docs", () => {
  it("serves every route of /api/openapi.json with an example, in English and (?lang=nb) Norwegian, under its strict policy", async () => {
    const doc = (await (await get("/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes).toContain("POST /api/admin/editions");
    for (const [query, lang, heading] of [["", "en", "Example response"], ["?lang=nb", "nb", "Eksempel på svar"]] as const) {
      const res = await get(`/api/docs${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Security-Policy")).toMatch(/default-src 'none'/);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(heading);
      for (const route of routes) {
        const section = html.match(new RegExp(`<section [^>]*data-route="${route.replace(/[{}/]/g, "\\$&")}"[\\s\\S]*?</section>`))?.[0];
        expect(section, `${lang} ${route}`).toMatch(/data-example="request"[\s\S]*data-example="response"/);
      }
    }
  });
});
