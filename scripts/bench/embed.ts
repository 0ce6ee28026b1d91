/**
 * Embed sizes: the card's HTML for a demo area (as sent, and gzipped) and embed.js gzipped
 * (budget 3 KB). Against a running monitor, or one it starts on its own database:
 *
 *   npx tsx scripts/bench/embed.ts [http://127.0.0.1:8787]
 */
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { freePort, prepareDatabase, recomputeVia, ROOT, startServer } from "../local-stack";

const CARD = "/embed/0301?indicators=low_income_persistent,unemployment,population";
const SCRIPT_BUDGET_BYTES = 3 * 1024;

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.text();
}

const kb = (bytes: number) => +(bytes / 1024).toFixed(2);

let base = process.argv[2]?.replace(/\/+$/, "");
let server: ChildProcess | undefined;
// A database of its own for each run, so that runs side by side cannot collide.
// A clean clone has no .wrangler folder yet.
if (!base) mkdirSync(join(ROOT, ".wrangler"), { recursive: true });
const persistTo = base ? undefined : mkdtempSync(join(ROOT, ".wrangler", "bench-embed-"));
if (persistTo) {
  await prepareDatabase({ persistTo, dataset: "demo" }, () => {});
  const port = await freePort();
  server = await startServer({ port, persistTo });
  base = `http://127.0.0.1:${port}`;
  await recomputeVia(base);
}

try {
  const html = await fetchText(`${base}${CARD}`);
  const script = await fetchText(`${base}/embed.js`);
  const scriptGzip = gzipSync(script).length;
  console.log(
    JSON.stringify(
      {
        embed: {
          card: CARD,
          cardHtmlKb: kb(Buffer.byteLength(html)),
          cardHtmlGzipKb: kb(gzipSync(html).length),
          embedJsKb: kb(Buffer.byteLength(script)),
          embedJsGzipKb: kb(scriptGzip),
          embedJsBudgetKb: kb(SCRIPT_BUDGET_BYTES),
          withinBudget: scriptGzip <= SCRIPT_BUDGET_BYTES,
        },
      },
      null,
      2,
    ),
  );
} finally {
  if (server) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  if (persistTo) rmSync(persistTo, { recursive: true, force: true });
}
