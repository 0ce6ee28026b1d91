import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildWeb, freePort, prepareDatabase, recomputeVia, ROOT, startServer } from "../../scripts/local-stack";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    browserSkipReason: string;
    /** The run's own local D1 folder, so two runs never share a database. */
    persistTo: string;
  }
}

/** Runs the product exactly as `npm start` does, on its own port and its own local database. */
export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    const reason = `no Chromium at ${CHROMIUM} (install it: apt-get install -y chromium)`;
    if (process.env.REQUIRE_BROWSER === "1") throw new Error(`browser tests are mandatory here, but ${reason}`);
    console.warn(`\n⚠ SKIPPING the browser suite: ${reason}\n`);
    project.provide("browserSkipReason", reason);
    project.provide("baseUrl", "");
    project.provide("persistTo", "");
    return;
  }
  const log = () => {};
  const persistTo = join(ROOT, ".wrangler", `e2e-state-${process.pid}`);
  rmSync(persistTo, { recursive: true, force: true });
  buildWeb(log);
  prepareDatabase({ persistTo }, log);
  const port = await freePort();
  const server = await startServer({ port, persistTo });
  const baseUrl = `http://127.0.0.1:${port}`;
  await recomputeVia(baseUrl);
  project.provide("baseUrl", baseUrl);
  project.provide("browserSkipReason", "");
  project.provide("persistTo", persistTo);
  return () => {
    server.kill("SIGTERM");
    rmSync(persistTo, { recursive: true, force: true });
  };
}
