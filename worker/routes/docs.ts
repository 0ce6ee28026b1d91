import { Hono } from "hono";
import { sha256 } from "../embed/security";
import type { AppEnv } from "../lib/create-app";

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
};
type Operation = {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
  responses: Record<string, { description: string }>;
};

/** The page's one stylesheet, allowed by its hash in the page's policy (no other style, no script). */
const DOCS_CSS =
  "body{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}code{font-family:ui-monospace,monospace}h2{font-size:1.1rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}.m{background:#0b4f7c;color:#fff;padding:0 .4rem;border-radius:.2rem;font-size:.9rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}a{color:#0b4f7c}";

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function schemaText(schema: Record<string, unknown> | undefined): string {
  if (!schema) return "";
  const parts = [schema.type, schema.enum ? `one of ${(schema.enum as unknown[]).join(", ")}` : null, schema.pattern ? `pattern ${schema.pattern}` : null, schema.default !== undefined ? `default ${schema.default}` : null];
  for (const [k, label] of [["minimum", "≥"], ["maximum", "≤"], ["maxLength", "max length"]] as const) if (schema[k] !== undefined) parts.push(`${label} ${schema[k]}`);
  return parts.filter(Boolean).join("; ");
}

/** A readable page of the generated OpenAPI document: no scripts, nothing fetched from elsewhere. */
export function renderDocs(doc: Doc): string {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const body = ops
    .map(({ path, method, op }) => {
      const params = (op.parameters ?? [])
        .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td>${esc(schemaText(p.schema))}</td></tr>`)
        .join("");
      const responses = Object.entries(op.responses).map(([code, r]) => `<li><strong>${esc(code)}</strong> ${esc(r.description)}</li>`).join("");
      return `<section><h2><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h2>${op.summary ? `<p>${esc(op.summary)}</p>` : ""}${op.description ? `<p>${esc(op.description)}</p>` : ""}${params ? `<table><thead><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr></thead><tbody>${params}</tbody></table>` : ""}<ul>${responses}</ul></section>`;
    })
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(doc.info.title)}</title><style>${DOCS_CSS}</style></head><body><main><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description ?? "")}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are JSON <code>{"error":{"code","message","details"}}</code>.</p>${body}</main></body></html>`;
}

export function docsRouter(getDoc: () => Doc) {
  return new Hono<AppEnv>().get("/docs", async (c) => {
    const policy = ["default-src 'none'", `style-src ${await sha256(DOCS_CSS)}`, "frame-ancestors 'self'", "base-uri 'none'", "form-action 'none'"].join("; ");
    return c.html(renderDocs(getDoc()), 200, { "Content-Security-Policy": policy });
  });
}
