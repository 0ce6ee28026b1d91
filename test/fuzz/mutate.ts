import fc from "fast-check";

/**
 * Mutations that turn a good import file into a malformed one, the way real files go wrong:
 * structure (a value of the wrong type, a key missing, an array where an object belongs), cells
 * (text in a number column, symbols, quotes, delimiters, empty cells, extra or missing cells)
 * and bytes (cut short, stray bytes, another encoding's byte-order mark, UTF-16).
 */

/** Counts: the reduced run in `npm test`, the full one under FUZZ_FULL=1 (`npm run fuzz`). */
export const fuzzRuns = (full: boolean, reduced: number, fullCount: number) => (full ? fullCount : reduced);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SPECIAL_VALUES: Json[] = [
  null, true, false, 0, -1, 1.5, -0.5, 1e308, -1e308, 2 ** 53, 1e-320, "", " ", "x", "0301", "9999", "2025", "abc", "..", ":", ".",
  "<script>alert(1)</script>", "\u0000", "ÿþ", "é", "a".repeat(300), [], {}, [[]], [null], { "": null }, { type: "Feature" }, { __proto__: 1 } as Json,
  "constructor", "__proto__", "toString", -2147483649, 4294967296,
];

export const SPECIAL_CELLS = [
  "", " ", "abc", "1e999", "-5", "-0", "NaN", "Infinity", "..", ":", ".", "-", "x", '"', '""', 'a"b', "0301", "03", "0", "99999999", "2025", "-2025", "99999",
  "2025-2026", "1,5", "1 000", "1.000,5", "\u0000", "\t", "<script>alert(1)</script>", "=cmd()", "a".repeat(500), "population", "unknown_indicator", "ÿþ", "\uFEFF",
  "0301\n", "1e3", "0x10", "  12  ", "١٢",
];

const jsonValue = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SPECIAL_VALUES) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> });

type Path = (string | number)[];

function nodePaths(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (out.length > 5000) return out;
  if (Array.isArray(value)) value.forEach((v, i) => nodePaths(v, [...prefix, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) nodePaths(v, [...prefix, k], out);
  return out;
}

const clone = (v: Json): Json => JSON.parse(JSON.stringify(v)) as Json;

type JsonMutation = { at: number; kind: "replace" | "delete" | "wrap" | "duplicate" | "stringify" | "emptyContainer" | "renameKey"; value: Json };

export const jsonMutations = fc.array(
  fc.record({ at: fc.nat(), kind: fc.constantFrom("replace", "replace", "delete", "wrap", "duplicate", "stringify", "emptyContainer", "renameKey"), value: jsonValue }) as fc.Arbitrary<JsonMutation>,
  { minLength: 1, maxLength: 4 },
);

/** Applies structural mutations to a copy of a JSON document. */
export function mutateJson(doc: Json, mutations: JsonMutation[]): Json {
  let root = clone(doc);
  for (const m of mutations) {
    const paths = nodePaths(root);
    const path = paths[m.at % paths.length]!;
    if (path.length === 0) {
      root = m.kind === "replace" ? m.value : m.kind === "wrap" ? [root] : root;
      continue;
    }
    let parent = root as Record<string | number, Json>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
    const key = path[path.length - 1]!;
    const current = parent[key]!;
    switch (m.kind) {
      case "replace":
        parent[key] = m.value;
        break;
      case "delete":
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
        break;
      case "wrap":
        parent[key] = [current];
        break;
      case "duplicate":
        if (Array.isArray(parent)) parent.splice(key as number, 0, clone(current));
        else parent[`${key}_copy`] = clone(current);
        break;
      case "stringify":
        parent[key] = typeof current === "string" ? Number(current) || null : JSON.stringify(current);
        break;
      case "emptyContainer":
        parent[key] = Array.isArray(current) ? {} : current && typeof current === "object" ? [] : {};
        break;
      case "renameKey":
        if (!Array.isArray(parent)) {
          delete parent[key];
          parent[`${String(key)}X`] = current;
        }
        break;
    }
  }
  return root;
}

type ByteMutation = { kind: "truncate" | "insert" | "delete" | "flip" | "bom8" | "bom16le" | "bom16be" | "utf16le" | "nul"; at: number; bytes: Uint8Array };

export const byteMutations = fc.array(
  fc.record({ kind: fc.constantFrom("truncate", "insert", "delete", "flip", "bom8", "bom16le", "bom16be", "utf16le", "nul"), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }) as fc.Arbitrary<ByteMutation>,
  { minLength: 1, maxLength: 3 },
);

export function mutateBytes(input: Uint8Array, mutations: ByteMutation[]): Uint8Array {
  let b = input;
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    switch (m.kind) {
      case "truncate":
        b = b.subarray(0, at);
        break;
      case "insert":
        b = concat(b.subarray(0, at), m.bytes, b.subarray(at));
        break;
      case "delete":
        b = concat(b.subarray(0, at), b.subarray(at + m.bytes.length));
        break;
      case "flip":
        b = b.slice();
        if (b.length) b[at] = b[at]! ^ (m.bytes[0]! || 0x80);
        break;
      case "bom8":
        b = concat(new Uint8Array([0xef, 0xbb, 0xbf]), b);
        break;
      case "bom16le":
        b = concat(new Uint8Array([0xff, 0xfe]), b);
        break;
      case "bom16be":
        b = concat(new Uint8Array([0xfe, 0xff]), b);
        break;
      case "utf16le": {
        const out = new Uint8Array(b.length * 2);
        b.forEach((x, i) => (out[2 * i] = x));
        b = concat(new Uint8Array([0xff, 0xfe]), out);
        break;
      }
      case "nul":
        b = concat(b.subarray(0, at), new Uint8Array([0]), b.subarray(at));
        break;
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

type CsvMutation = { kind: "cell" | "addCell" | "dropCell" | "dupRow" | "dropRow" | "blankRow" | "quoteCell"; row: number; col: number; text: string };

export const csvMutations = fc.array(
  fc.record({
    kind: fc.constantFrom("cell", "cell", "cell", "addCell", "dropCell", "dupRow", "dropRow", "blankRow", "quoteCell"),
    row: fc.nat(),
    col: fc.nat(),
    text: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SPECIAL_CELLS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }),
  }) as fc.Arbitrary<CsvMutation>,
  { minLength: 1, maxLength: 5 },
);

/** Mutates a table of cells (header first) and writes it with the given delimiter. */
export function mutateCsv(text: string, mutations: CsvMutation[], delimiter: string): string {
  const rows = text.trimEnd().split("\n").map((line) => line.split(","));
  for (const m of mutations) {
    const r = m.row % rows.length;
    const row = rows[r]!;
    const c = row.length ? m.col % row.length : 0;
    switch (m.kind) {
      case "cell":
        row[c] = m.text;
        break;
      case "addCell":
        row.splice(c, 0, m.text);
        break;
      case "dropCell":
        row.splice(c, 1);
        break;
      case "dupRow":
        rows.splice(r, 0, [...row]);
        break;
      case "dropRow":
        if (rows.length > 1) rows.splice(r, 1);
        break;
      case "blankRow":
        rows.splice(r, 0, []);
        break;
      case "quoteCell":
        row[c] = `"${m.text}`;
        break;
    }
  }
  return rows.map((r) => r.join(delimiter)).join("\n") + "\n";
}
