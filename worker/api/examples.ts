/**
 * Example requests and responses for the API docs, generated from the OpenAPI document (that is,
 * from the routes' zod schemas), so every route has them and they never drift from the schemas.
 * Values come from the schema (example, const, enum, default, minimum) and otherwise from the
 * field's name (an area code looks like "0301", a year like 2024); a test parses each example
 * back with the route's zod schema.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: Json[];
  const?: Json;
  default?: Json;
  example?: Json;
  examples?: Json[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
};
export type Components = Record<string, JsonSchema>;

/** Values by field name, for strings and numbers whose schema says only their type. */
const BY_NAME: Record<string, Json> = {
  code: "0301",
  areaCode: "0301",
  parentCode: "03",
  name: "Oslo",
  level: "kommune",
  indicator: "low_income_persistent",
  period: 2024,
  year: 2024,
  periodLabel: "2024",
  unit: "percent",
  id: "norway_default",
  ruleSet: "norway_default",
  ruleset: "norway_default",
  grouping: "immigrant",
  version: 1,
  snapshot: 1,
  lang: "nb",
  format: "json",
  q: "oslo",
  codes: "0301,5501",
  areas: "0301",
  indicators: "population,low_income_persistent",
  childrenOf: "0301",
  lat: 59.91,
  lon: 10.75,
  url: "https://monitor.example/omrade/0301",
  message: "query.period: must be a number",
  citation: "IMDi (2026). Levekårsområder 2025, utgave 1. Områdemonitoren. https://monitor.example/levekar/utgaver/2025-1",
  title: "Levekårsområder 2025, utgave 1",
  reason: "SSB revised the 2025 figures of one bydel",
};

/** Nullable fields whose usual value is null (a figure shown has no status symbol). */
const NULL_BY_NAME = new Set(["status", "validTo", "correctedBy", "corrects", "reason", "error"]);

const DATE_NAME = /(At|Updated|updated|From|To|On|date)$/;

function resolve(s: JsonSchema, components: Components): JsonSchema {
  let out = s;
  for (let i = 0; out.$ref && i < 20; i++) out = components[out.$ref.replace("#/components/schemas/", "")] ?? {};
  return out;
}

function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== "null");
  return s.type;
}

/** An example value of a JSON schema; `name` is the property (or parameter) it is for. */
export function exampleOf(schema: JsonSchema, components: Components = {}, name = "", depth = 0): Json {
  const s = resolve(schema, components);
  if (s.example !== undefined) return s.example;
  if (s.examples?.length) return s.examples[0]!;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return BY_NAME[name] !== undefined && s.enum.includes(BY_NAME[name]!) ? BY_NAME[name]! : s.enum.find((v) => v !== null) ?? null;
  if (s.default !== undefined && s.default !== null) return s.default;
  const choices = s.anyOf ?? s.oneOf;
  if (choices && NULL_BY_NAME.has(name) && choices.some((c) => typeOf(resolve(c, components)) === "null")) return null;
  if (choices) {
    // The first choice that is not null: an example shows a value, not its absence.
    const pick = choices.find((c) => typeOf(resolve(c, components)) !== "null") ?? choices[0]!;
    return exampleOf(pick, components, name, depth + 1);
  }
  if (s.allOf) {
    const parts = s.allOf.map((p) => exampleOf(p, components, name, depth + 1));
    return parts.every((p) => p && typeof p === "object" && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0]!;
  }
  const type = typeOf(s) ?? (s.properties ? "object" : s.items ? "array" : undefined);
  if (depth > 12) return type === "array" ? [] : type === "object" ? {} : null;
  switch (type) {
    case "object": {
      const out: Record<string, Json> = {};
      for (const [key, prop] of Object.entries(s.properties ?? {})) out[key] = exampleOf(prop, components, key, depth + 1);
      return out;
    }
    case "array": {
      if (s.prefixItems) return s.prefixItems.map((p) => exampleOf(p, components, name, depth + 1));
      const items = Array.isArray(s.items) ? s.items : s.items ? [s.items] : [];
      if (Array.isArray(s.items)) return items.map((p) => exampleOf(p, components, name, depth + 1));
      const item = items[0];
      if (!item) return [];
      const n = Math.max(1, s.minItems ?? 1);
      return Array.from({ length: n }, () => exampleOf(item, components, singular(name), depth + 1));
    }
    case "integer":
    case "number": {
      const named = BY_NAME[name];
      let v = typeof named === "number" ? named : s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : type === "integer" ? 1 : 12.5);
      if (s.maximum !== undefined && v > s.maximum) v = s.maximum;
      if (s.minimum !== undefined && v < s.minimum) v = s.minimum;
      return v;
    }
    case "boolean":
      return false;
    case "string": {
      const named = BY_NAME[name];
      if (typeof named === "string" && (!s.pattern || new RegExp(s.pattern).test(named))) return named;
      if (s.format === "date-time" || DATE_NAME.test(name)) return "2026-03-01T10:00:00.000Z";
      if (s.pattern) return stringFor(s.pattern);
      const text = "text";
      return s.minLength && s.minLength > text.length ? text.padEnd(s.minLength, "x") : text;
    }
    case "null":
      return null;
    default:
      return null;
  }
}

const singular = (name: string) => (name.endsWith("ies") ? `${name.slice(0, -3)}y` : name.endsWith("s") ? name.slice(0, -1) : name);

/** A string for the patterns the API's schemas use (checked against the pattern; else "text"). */
function stringFor(pattern: string): string {
  const candidates = ["0301", "norway_default", "2025-1", "2025", "oslo", "1d5a87", "low_income_persistent"];
  const re = new RegExp(pattern);
  return candidates.find((c) => re.test(c)) ?? "text";
}

type Parameter = { name: string; in: string; required?: boolean; schema?: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: JsonSchema }> }>;
};

/** Path parameters by route: an example that exists in the demo and the real data alike. */
const PATH_VALUES: Record<string, Record<string, string>> = {
  "/api/v1/rulesets/{id}": { id: "norway_default" },
  "/api/admin/rulesets/{id}": { id: "norway_default" },
  "/api/v1/indicators/{id}": { id: "population" },
  "/api/v1/editions/{id}": { id: "2025" },
  "/api/v1/editions/{id}/diff": { id: "2025-2" },
  "/api/admin/recompute/{version}": { version: "42" },
};

/** Query parameters worth showing although optional: the ones a first request would use. */
const QUERY_VALUES: Record<string, Record<string, string>> = {
  "/api/v1/classifications": { ruleset: "norway_default", level: "bydel" },
  "/api/v1/segregation/{code}": { grouping: "immigrant" },
  "/api/v1/areas/{code}/series": { indicators: "population,low_income_persistent" },
  "/api/v1/areas/{code}/children": { indicator: "population" },
  "/api/v1/download": { areas: "0301", indicators: "population", format: "csv" },
  "/api/v1/editions/{id}": { format: "csv" },
  "/oembed": { url: "https://monitor.example/omrade/0301" },
  "/api/v1/locate": { lat: "59.91", lon: "10.75" },
  "/api/v1/search": { q: "oslo" },
};

/** The example request of an operation: method, path with its parameters filled in, body. */
export function exampleRequest(path: string, method: string, op: Operation, components: Components = {}) {
  let filled = path;
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    const given = p.in === "path" ? PATH_VALUES[path]?.[p.name] : QUERY_VALUES[path]?.[p.name];
    if (p.in === "path") filled = filled.replace(`{${p.name}}`, encodeURIComponent(given ?? String(exampleOf(p.schema ?? {}, components, p.name))));
    else if (p.in === "query" && (given !== undefined || p.required)) query.set(p.name, given ?? String(exampleOf(p.schema ?? {}, components, p.name)));
  }
  const content = op.requestBody?.content ?? {};
  const type = Object.keys(content)[0];
  const body = type === "application/json" ? exampleOf(content[type]!.schema ?? {}, components, "body") : type ? null : undefined;
  const qs = query.toString();
  return { method: method.toUpperCase(), url: `${filled}${qs ? `?${qs}` : ""}`, contentType: type ?? null, body: body ?? null, admin: path.startsWith("/api/admin") };
}

/** The example response of an operation: its first success status with a JSON body (or text). */
export function exampleResponse(op: Operation, components: Components = {}) {
  const ok = Object.entries(op.responses).find(([status]) => /^2\d\d$/.test(status));
  if (!ok) return null;
  const [status, r] = ok;
  const jsonSchema = r.content?.["application/json"]?.schema;
  if (jsonSchema) return { status: Number(status), contentType: "application/json", body: exampleOf(jsonSchema, components) as Json };
  const other = Object.keys(r.content ?? {})[0];
  return { status: Number(status), contentType: other ?? null, body: null };
}
