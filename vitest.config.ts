import { mkdirSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// The acceptance suite against ../shared/data is separate: `npm run test:acceptance`.
// wrangler.toml points its assets at the web build; worker tests need the folder, not the build.
mkdirSync("web/dist", { recursive: true });

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
                bindings: { TEST_MIGRATIONS: migrations, ALLOW_DEV_ADMIN_TOKEN: "false", ADMIN_TOKEN: "test-admin-token", WEB_ORIGIN: "https://web.example, not a url" },
                // A second database, to show that switching databases never serves the old one's cached answers.
                d1Databases: { OTHER_DB: "other-db" },
              },
            }),
          ],
          test: { name: "worker", include: ["test/worker/**/*.test.ts"], setupFiles: ["test/worker/apply-migrations.ts"] },
        },
        {
          test: {
            name: "e2e",
            include: ["test/e2e/**/*.test.ts"],
            environment: "node",
            globalSetup: ["test/e2e/global-setup.ts"],
            testTimeout: 60_000,
            hookTimeout: 240_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
