import { decodeText, type Encoding } from "./decode";
import { ImportFailure } from "./issues";
import { columnIndex, type Table } from "./table";

export interface CsvOptions {
  delimiter?: "," | ";" | "\t";
  encoding?: Encoding;
}

/** The delimiter that splits the header into the most cells (quotes respected). */
function detectDelimiter(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text.replace(/^(\s*#[^\n]*\n)+/, "")) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.entries(counts) as [keyof typeof counts, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ",";
}

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
  const columns = head.value.cells.map((c) => c.trim());
  const index = columnIndex(columns);
  const rows: Table["rows"] = [];
  for (const { row, cells } of iterator) {
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim() !== "")) {
      throw new ImportFailure({ file, row }, "unreadable", `${cells.length} cells but the header has ${columns.length} (is the delimiter "${delimiter === "\t" ? "\\t" : delimiter}" right?)`);
    }
    rows.push({ at: { file, row }, get: (column) => cells[index(column) ?? -1] });
  }
  const notes = [`read as ${decoded.encoding}, delimiter "${delimiter === "\t" ? "\\t" : delimiter}"`];
  return { columns, rows, notes };
}
