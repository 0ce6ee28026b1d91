/**
 * Largest body `POST /api/admin/import` accepts. A Worker has 128 MB of memory and the parsed
 * file takes several times its size; larger files go through the CLI against a local database,
 * or split into several imports.
 */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

export class BodyTooLarge extends Error {}

/** Reads a request body chunk by chunk and stops as soon as it passes `limit` bytes. */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLarge(`the body is larger than ${limit} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
