import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildWeb, freePort, prepareDatabase, recomputeVia, ROOT, startServer } from "../../scripts/local-stack";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

declare module "vitest" {
  export interface ProvidedContext {
    /** The synthetic demo, which the analysis and quality suites know in detail. */
    baseUrl: string;
    /** The real default, as `npm start` serves it. */
    realBaseUrl: string;
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
    project.provide("realBaseUrl", "");
    project.provide("persistTo", "");
    return;
  }
  const log = () => {};
  const persistTo = join(ROOT, ".wrangler", `e2e-state-${process.pid}`);
  rmSync(persistTo, { recursive: true, force: true });
  buildWeb(log);
  const realPersistTo = `${persistTo}-real`;
  rmSync(realPersistTo, { recursive: true, force: true });
  await prepareDatabase({ persistTo, dataset: "demo" }, log);
  await prepareDatabase({ persistTo: realPersistTo, dataset: "real" }, log);
  const [port, realPort] = [await freePort(), await freePort()];
  const server = await startServer({ port, persistTo });
  const realServer = await startServer({ port: realPort, persistTo: realPersistTo });
  const baseUrl = `http://127.0.0.1:${port}`;
  const realBaseUrl = `http://127.0.0.1:${realPort}`;
  await recomputeVia(baseUrl);
  await recomputeVia(realBaseUrl);
  project.provide("baseUrl", baseUrl);
  project.provide("realBaseUrl", realBaseUrl);
  project.provide("browserSkipReason", "");
  project.provide("persistTo", persistTo);
  return () => {
    server.kill("SIGTERM");
    realServer.kill("SIGTERM");
    rmSync(persistTo, { recursive: true, force: true });
    rmSync(realPersistTo, { recursive: true, force: true });
  };
}
