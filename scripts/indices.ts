/**
 * npm run indices -- <file.csv> --unit <col> --group <col> [--weight <col>] [--within <col>]
 *                    [--bootstrap N [--seed S] [--level L]] [--lq] [--delimiter ,|;|tab]
 *
 * Segregation indices of any long-format table (one row per unit × group with a count),
 * printed as JSON with the keys documented in docs/INDICES.md: how a researcher checks our
 * numbers against their own tools, and how we check ours against the reference packages.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  computeIndices,
  type Measure,
  prepare,
  type Row,
  SegregationInputError,
} from "../worker/stats/segregation/index";
import { toReport } from "../worker/stats/segregation/report";

const USAGE = `usage: npm run indices -- <file.csv> --unit <column> --group <column> [--weight <column>]
         [--within <column>] [--bootstrap N [--seed S] [--level 0.95]] [--lq] [--delimiter ,|;|tab]`;

class UsageError extends Error {}

interface CsvRecord {
  fields: string[];
  /** File line the record starts on (1-based), for error messages. */
  line: number;
}

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks, CRLF or LF, optional BOM. */
function parseCsv(text: string, delimiter: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== "") records.push({ fields, line: start });
    fields = [];
    field = "";
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) fields.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      start = ++line;
    } else field += ch;
  }
  if (quoted) throw new UsageError(`${file} line ${start}: a quoted field is not closed`);
  endRecord();
  return records;
}

function guessDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const candidates = [",", ";", "\t"];
  const score = (d: string) => header.split(d).length;
  return candidates.reduce((best, d) => (score(d) > score(best) ? d : best));
}

function readRows(file: string, delimiter: string | undefined): { rows: Row[]; lines: number[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const sep = delimiter === undefined ? guessDelimiter(text) : delimiter === "tab" ? "\t" : delimiter;
  const [header, ...records] = parseCsv(text, sep, file);
  if (!header) throw new UsageError(`${file} is empty`);
  const names = header.fields.map((name) => name.trim());
  const twice = names.find((name, k) => names.indexOf(name) !== k);
  if (twice !== undefined) throw new UsageError(`${file} line ${header.line}: the header has column "${twice}" twice`);
  const rows = records.map(({ fields, line }) => {
    if (fields.length !== names.length) {
      throw new UsageError(`${file} line ${line}: ${fields.length} fields, the header has ${names.length}`);
    }
    return Object.fromEntries(names.map((name, k) => [name, fields[k]!.trim()]));
  });
  return { rows, lines: records.map((r) => r.line) };
}

function whole(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isSafeInteger(n)) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  return n;
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      unit: { type: "string" },
      group: { type: "string" },
      weight: { type: "string" },
      within: { type: "string" },
      bootstrap: { type: "string" },
      seed: { type: "string" },
      level: { type: "string" },
      lq: { type: "boolean" },
      delimiter: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("give exactly one CSV file");
  if (!values.unit || !values.group) throw new UsageError("--unit and --group are required");
  const replicates = whole("bootstrap", values.bootstrap);
  if (replicates === undefined && (values.seed !== undefined || values.level !== undefined)) {
    throw new UsageError("--seed and --level only apply with --bootstrap");
  }
  const bootstrap =
    replicates === undefined
      ? undefined
      : { replicates, seed: whole("seed", values.seed) ?? 1, level: values.level === undefined ? 0.95 : Number(values.level) };
  const columns = { unit: values.unit, group: values.group, weight: values.weight, within: values.within };

  const { rows, lines } = readRows(file, values.delimiter);
  try {
    const table = prepare(rows, columns);
    const measures: Measure[] = ["mutual", "exposure"];
    if (table.declaredGroups.length === 2) measures.push("dissimilarity");
    if (values.lq) measures.push("locationQuotients");
    const result = computeIndices(table, measures, { bootstrap });
    console.log(JSON.stringify(toReport(result, columns, measures), null, 2));
    return 0;
  } catch (err) {
    if (!(err instanceof SegregationInputError)) throw err;
    if (err.row !== undefined) throw new UsageError(`${file} line ${lines[err.row]}, column "${err.column}": ${err.detail}`);
    throw new UsageError(err.column === undefined ? err.message : `${file}: ${err.message}`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError) && !(err instanceof TypeError && "code" in err)) throw err;
  console.error(`indices: ${(err as Error).message}`);
  if (!(err instanceof UsageError)) console.error(USAGE);
  process.exitCode = 1;
}
