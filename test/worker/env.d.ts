declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** A second, empty database: what a switch of databases (demo → real data) looks like. */
    OTHER_DB: D1Database;
  }
  // Types `exports.default` from "cloudflare:workers" as the worker under test.
  interface GlobalProps {
    mainModule: typeof import("../../worker/index");
  }
}
