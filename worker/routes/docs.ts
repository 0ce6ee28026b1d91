import { Hono } from "hono";
import { sha256 } from "../embed/security";
import type { AppEnv } from "../lib/create-app";
import { type Components, exampleRequest, exampleResponse, type JsonSchema } from "../api/examples";
import { type DocLang, DOCS_TEXT, SUMMARIES } from "./docs-text";

export const OPENAPI_INFO = {
  openapi: "3.1.0" as const,
  info: {
    title: "Area monitor API",
    version: "1",
    description:
      "Residential segregation and living conditions in Norway, by area and year. Values below the disclosure thresholds are never served: they are null with SSB's status symbol ':' (confidential); '..' is missing and '.' not applicable. Every response carrying numbers names its snapshot version; the ETag is that version with the snapshot's random identity, so another database's snapshot of the same number never matches.",
    license: { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" },
  },
};

type Doc = {
  info: { title: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Components };
};
type Operation = {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: JsonSchema }> }>;
};

/** The page's one stylesheet, allowed by its hash in the page's policy (no other style, no script). */
const DOCS_CSS =
  "body{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}code,pre{font-family:ui-monospace,monospace}pre{background:#f4f4f4;border:1px solid #ccc;padding:.5rem;overflow-x:auto;max-height:24rem;font-size:.85rem;white-space:pre}h2{font-size:1.1rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem;overflow-wrap:anywhere}h3{font-size:1rem;margin:1rem 0 .25rem}.m{background:#0b4f7c;color:#fff;padding:0 .4rem;border-radius:.2rem;font-size:.9rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}a{color:#0b4f7c}.toc{columns:2 18rem}.note{font-size:.9rem;color:#444}";

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function schemaText(schema: Record<string, unknown> | undefined): string {
  if (!schema) return "";
  const parts = [schema.type, schema.enum ? `one of ${(schema.enum as unknown[]).join(", ")}` : null, schema.pattern ? `pattern ${schema.pattern}` : null, schema.default !== undefined ? `default ${schema.default}` : null];
  for (const [k, label] of [["minimum", "≥"], ["maximum", "≤"], ["maxLength", "max length"]] as const) if (schema[k] !== undefined) parts.push(`${label} ${schema[k]}`);
  return parts.filter(Boolean).join("; ");
}

/** The anchor of an operation on the page: "get-api-v1-areas-code". */
export const operationAnchor = (method: string, path: string) => `${method}-${path}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** Example JSON, shortened where a generated array or text would only repeat itself. */
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

function curlOf(req: ReturnType<typeof exampleRequest>): string {
  const parts = [`curl${req.method === "GET" ? "" : ` -X ${req.method}`}`];
  if (req.admin) parts.push(`-H 'Authorization: Bearer $ADMIN_TOKEN'`);
  if (req.contentType === "application/json") parts.push(`-H 'Content-Type: application/json'`, `-d '${JSON.stringify(req.body)}'`);
  else if (req.contentType) parts.push(`-H 'Content-Type: ${req.contentType}'`, "--data-binary @file");
  parts.push(`'https://<host>${req.url}'`);
  return parts.join(" ");
}

/**
 * A readable page of the generated OpenAPI document in English or Norwegian: every route with
 * its parameters, responses, an example request and an example response generated from its
 * schema (worker/api/examples.ts). No scripts, nothing fetched from elsewhere.
 */
export function renderDocs(doc: Doc, lang: DocLang = "en"): string {
  const t = DOCS_TEXT[lang];
  const components = doc.components?.schemas ?? {};
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const summaryOf = (method: string, path: string, op: Operation) => {
    const own = SUMMARIES[`${method.toUpperCase()} ${path}`];
    return lang === "nb" ? (own?.nb ?? op.summary ?? own?.en ?? "") : (op.summary ?? own?.en ?? "");
  };
  const toc = ops.map(({ path, method, op }) => `<li><a href="#${operationAnchor(method, path)}"><code>${esc(method.toUpperCase())} ${esc(path)}</code></a> ${esc(summaryOf(method, path, op).split(/[:;(]/)[0])}</li>`).join("");
  const body = ops
    .map(({ path, method, op }) => {
      const params = (op.parameters ?? [])
        .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? t.yes : t.no}</td><td>${esc(schemaText(p.schema as Record<string, unknown>))}</td></tr>`)
        .join("");
      const responses = Object.entries(op.responses).map(([code, r]) => `<li><strong>${esc(code)}</strong> ${esc(r.description)}</li>`).join("");
      const req = exampleRequest(path, method, op, components);
      const res = exampleResponse(op, components);
      const summary = summaryOf(method, path, op);
      const example = `<h3>${esc(t.exampleRequest)}</h3>${req.admin ? `<p class="note">${esc(t.adminNote)}</p>` : ""}<pre data-example="request"><code>${esc(curlOf(req))}</code></pre>${
        res
          ? `<h3>${esc(t.exampleResponse(res.status))}</h3><pre data-example="response"><code>${esc(res.body === null ? `${res.contentType ?? ""}\n${t.noBody}` : pretty(res.body))}</code></pre>${res.body === null ? "" : `<p class="note">${esc(t.exampleNote)}</p>`}`
          : ""
      }`;
      return `<section id="${operationAnchor(method, path)}" data-route="${esc(method.toUpperCase())} ${esc(path)}"><h2><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h2>${summary ? `<p>${esc(summary)}</p>` : ""}${op.description ? `<p>${esc(op.description)}</p>` : ""}${params ? `<h3>${esc(t.parameters)}</h3><table><thead><tr><th>${esc(t.parameter)}</th><th>${esc(t.in)}</th><th>${esc(t.required)}</th><th>${esc(t.schema)}</th></tr></thead><tbody>${params}</tbody></table>` : ""}<h3>${esc(t.responses)}</h3><ul>${responses}</ul>${example}</section>`;
    })
    .join("");
  const other = lang === "nb" ? "en" : "nb";
  const intro = lang === "en" ? `${doc.info.description ?? ""}` : t.intro;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(t.title)}</title><style>${DOCS_CSS}</style></head><body><main><p><a href="/api/docs?lang=${other}" hreflang="${other}" lang="${other}">${esc(t.otherLang)}</a></p><h1>${esc(t.title)}</h1><p>${esc(intro)}</p><p>${esc(t.machine)}<a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). ${esc(t.errors)}<code>{"error":{"code","message","details"}}</code>${esc(t.errorsTail)}</p><nav aria-label="${esc(t.contents)}"><h2>${esc(t.contents)}</h2><ul class="toc">${toc}</ul></nav>${body}</main></body></html>`;
}

export function docsRouter(getDoc: () => Doc) {
  return new Hono<AppEnv>().get("/docs", async (c) => {
    const asked = c.req.query("lang");
    // Norwegian for nb and nn (the page has Bokmål only); English otherwise.
    const lang: DocLang = asked === "nb" || asked === "nn" || asked === "no" ? "nb" : "en";
    const policy = ["default-src 'none'", `style-src ${await sha256(DOCS_CSS)}`, "frame-ancestors 'self'", "base-uri 'none'", "form-action 'none'"].join("; ");
    return c.html(renderDocs(getDoc(), lang), 200, { "Content-Security-Policy": policy });
  });
}
