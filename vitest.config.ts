import { mkdirSync, readFileSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// The acceptance project checks the importers against the raw public files in ../shared/data and
// skips itself, saying so, where that folder is absent (`npm run test:acceptance` runs it alone).
// wrangler.toml points its assets at the web build; worker tests need the folder, not the build.
mkdirSync("web/dist", { recursive: true });

/**
 * `import bytes from "./excerpt.csv?bytes"`: a test fixture as its exact bytes. `?raw` decodes
 * as UTF-8, which would turn the ISO-8859-1 letters of statistics-bank exports into U+FFFD
 * before the importer's own encoding detection ever sees them.
 */
const fixtureBytes = {
  name: "fixture-bytes",
  load(id: string) {
    if (!id.endsWith("?bytes")) return null;
    const base64 = readFileSync(id.slice(0, -"?bytes".length)).toString("base64");
    return `export default Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));`;
  },
};

export default defineConfig(async () => {
  const migrations = await readD1Migrations("db/migrations");
  return {
    test: {
      projects: [
        {
          test: { name: "stats", include: ["test/stats/**/*.test.ts"], environment: "node" },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, ALLOW_DEV_ADMIN_TOKEN: "false", ADMIN_TOKEN: "test-admin-token", FUZZ_FULL: process.env.FUZZ_FULL ?? "", WEB_ORIGIN: "https://web.example, not a url" },
                // A second database, to show that switching databases never serves the old one's cached answers.
                d1Databases: { OTHER_DB: "other-db" },
              },
            }),
            fixtureBytes,
          ],
          test: { name: "worker", include: ["test/worker/**/*.test.ts"], setupFiles: ["test/worker/apply-migrations.ts"] },
        },
        {
          test: {
            name: "e2e",
            // After the workerd projects, not beside them: on two cores the browser pages then
            // settle in seconds instead of timing out.
            sequence: { groupOrder: 1 },
            include: ["test/e2e/**/*.test.ts"],
            environment: "node",
            globalSetup: ["test/e2e/global-setup.ts"],
            testTimeout: 60_000,
            hookTimeout: 240_000,
            fileParallelism: false,
          },
        },
        {
          test: {
            name: "acceptance",
            sequence: { groupOrder: 2 },
            include: ["test/acceptance/**/*.test.ts"],
            environment: "node",
            testTimeout: 120_000,
            hookTimeout: 600_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
