/**
 * Bytes → text for files from spreadsheets and older municipal systems: UTF-8 with or without a
 * byte-order mark, or Windows-1252 (which is also how ISO-8859-1 files decode correctly: the
 * bytes where they differ, 0x80–0x9F, are unused control codes in ISO-8859-1 text).
 */

export const ENCODINGS = ["utf-8", "windows-1252"] as const;
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

/** Decodes as asked, or detects: valid UTF-8 is UTF-8, anything else is Windows-1252. */
export function decodeText(bytes: Uint8Array, encoding?: Encoding): Decoded {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (encoding === "windows-1252") return { text: decodeCp1252(body), encoding };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    if (encoding === "utf-8") throw new Error("the file is not valid UTF-8 (try encoding windows-1252)");
    return { text: decodeCp1252(body), encoding: "windows-1252" };
  }
}
