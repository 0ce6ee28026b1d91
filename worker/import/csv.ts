import { decodeText, type Encoding } from "./decode";
import { ImportFailure } from "./issues";
import { columnIndex, type Table, type TableRow } from "./table";

export interface CsvOptions {
  delimiter?: "," | ";" | "\t";
  encoding?: Encoding;
  /** Header lines; a column's name joins its non-empty parts with " | ". */
  headerRows?: number;
}

/**
 * The delimiter that splits the first line into the most cells (quotes respected). A line with
 * none (an export's quoted title line) is passed over for the next.
 */
function detectDelimiter(text: string): "," | ";" | "\t" {
  let counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  let lines = 0;
  for (const ch of text.replace(/^(\s*#[^\n]*\n)+/, "")) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      if (Object.values(counts).some((n) => n > 0) || ++lines > 5) break;
      counts = { ",": 0, ";": 0, "\t": 0 };
    } else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.entries(counts) as [keyof typeof counts, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ",";
}

const filled = (cells: string[]) => cells.filter((c) => c.trim() !== "").length;

/** RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks. */
function* records(text: string, delimiter: string, file: string): Generator<{ row: number; cells: string[] }> {
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let row = 1;
  let startRow = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    const out = { row: startRow, cells };
    cells = [];
    cell = "";
    return out;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else {
        if (ch === "\n") row++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      const record = endRecord();
      if (record.cells.some((c) => c.trim() !== "")) yield record;
      row++;
      startRow = row;
    } else cell += ch;
    i++;
  }
  if (quoted) throw new ImportFailure({ file, row: startRow }, "unreadable", "a quoted field is never closed");
  const last = endRecord();
  if (last.cells.some((c) => c.trim() !== "")) yield last;
}

export function parseCsv(bytes: Uint8Array, file: string, options: CsvOptions = {}): Table & { notes: string[] } {
  let decoded;
  try {
    decoded = decodeText(bytes, options.encoding);
  } catch (e) {
    throw new ImportFailure({ file }, "unreadable", (e as Error).message);
  }
  const delimiter = options.delimiter ?? detectDelimiter(decoded.text);
  const iterator = records(decoded.text, delimiter, file);
  let head = iterator.next();
  // Comment lines before the header (the API's downloads start with one naming source and licence).
  while (!head.done && head.value.cells[0]!.trimStart().startsWith("#")) head = iterator.next();
  if (head.done) throw new ImportFailure({ file }, "unreadable", "the file is empty");
  const notes: string[] = [];
  // A statistics bank's export may start with its table's title on a line of its own.
  let next = iterator.next();
  while (!next.done && filled(head.value.cells) === 1 && filled(next.value.cells) > 1) {
    notes.push(`skipped the title line ${head.value.row}: ${head.value.cells.find((c) => c.trim() !== "")!.trim().slice(0, 80)}`);
    head = next;
    next = iterator.next();
  }
  const header = [head.value.cells];
  for (let i = 1; i < (options.headerRows ?? 1); i++) {
    if (next.done) throw new ImportFailure({ file }, "unreadable", `the file ends inside its ${options.headerRows} header lines`);
    header.push(next.value.cells);
    next = iterator.next();
  }
  const width = Math.max(...header.map((h) => h.length));
  const columns = Array.from({ length: width }, (_, i) =>
    header
      .map((h) => (h[i] ?? "").trim())
      .filter((c) => c !== "")
      .join(" | "),
  );
  const index = columnIndex(columns);
  const rows: TableRow[] = [];
  for (; !next.done; next = iterator.next()) {
    const { row, cells } = next.value;
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim() !== "")) {
      throw new ImportFailure({ file, row }, "unreadable", `${cells.length} cells but the header has ${columns.length} (is the delimiter "${delimiter === "\t" ? "\\t" : delimiter}" right?)`);
    }
    rows.push({ at: { file, row }, get: (column) => cells[index(column) ?? -1] });
  }
  notes.unshift(`read as ${decoded.encoding}, delimiter "${delimiter === "\t" ? "\\t" : delimiter}"`);
  return { columns, rows, notes };
}
