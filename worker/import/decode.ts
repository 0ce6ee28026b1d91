/**
 * Bytes → text for files from spreadsheets and older municipal systems: UTF-8 with or without a
 * byte-order mark, Windows-1252 (which is also how ISO-8859-1 files decode correctly: the
 * bytes where they differ, 0x80–0x9F, are unused control codes in ISO-8859-1 text), or UTF-16
 * (what Excel's "Unicode text" saves), recognised by its byte-order mark or its zero bytes.
 */

export const ENCODINGS = ["utf-8", "windows-1252", "utf-16le", "utf-16be"] as const;
export type Encoding = (typeof ENCODINGS)[number];

// Windows-1252 0x80–0x9F; undefined positions keep their Latin-1 code point.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

function decodeCp1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b)));
  }
  return out;
}

export interface Decoded {
  text: string;
  encoding: Encoding;
}

/** Thrown when the bytes cannot be text in the encoding asked for or detected; says which. */
export class EncodingError extends Error {}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): string {
  if (bytes.length % 2 !== 0) throw new EncodingError(`the file looks like ${encoding.toUpperCase()} but has an odd number of bytes (cut short?); save it as UTF-8`);
  const hi = encoding === "utf-16be" ? 0 : 1;
  const units = new Uint16Array(bytes.length / 2);
  for (let i = 0; i < units.length; i++) units[i] = (bytes[2 * i + hi]! << 8) | bytes[2 * i + 1 - hi]!;
  let out = "";
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}

/**
 * UTF-16 by its byte-order mark, or without one by its zero bytes: text that is mostly ASCII has
 * a zero in every other byte (the high one), which UTF-8 and Windows-1252 text never has.
 */
function sniffUtf16(bytes: Uint8Array): { encoding: "utf-16le" | "utf-16be"; bom: boolean } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", bom: true };
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (oddZeros > half * 0.4 && evenZeros === 0) return { encoding: "utf-16le", bom: false };
  if (evenZeros > half * 0.4 && oddZeros === 0) return { encoding: "utf-16be", bom: false };
  return null;
}

/** Decodes as asked, or detects: a UTF-16 mark or shape is UTF-16, valid UTF-8 is UTF-8, anything else is Windows-1252. */
export function decodeText(bytes: Uint8Array, encoding?: Encoding): Decoded {
  const utf16 = sniffUtf16(bytes);
  if (encoding === "utf-16le" || encoding === "utf-16be" || (!encoding && utf16)) {
    const chosen = encoding === "utf-16le" || encoding === "utf-16be" ? encoding : utf16!.encoding;
    const body = utf16?.bom && utf16.encoding === chosen ? bytes.subarray(2) : bytes;
    return { text: decodeUtf16(body, chosen), encoding: chosen };
  }
  if (utf16?.bom) throw new EncodingError(`the file starts with a ${utf16.encoding.toUpperCase()} byte-order mark but encoding ${encoding} was asked for`);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (encoding === "windows-1252") return { text: decodeCp1252(body), encoding };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    if (encoding === "utf-8") throw new EncodingError("the file is not valid UTF-8 (try encoding windows-1252)");
    return { text: decodeCp1252(body), encoding: "windows-1252" };
  }
}

/**
 * JSON is UTF-8 (RFC 8259), but a file saved as UTF-16 by an editor is still recognisable by its
 * mark or zero bytes; everything else decodes as UTF-8 without its optional mark.
 */
export function decodeJsonText(bytes: Uint8Array): string {
  const utf16 = sniffUtf16(bytes);
  if (utf16) return decodeText(bytes).text;
  return new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
}
