declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** A second, empty database: what a switch of databases (demo → real data) looks like. */
    OTHER_DB: D1Database;
    /** "1": the fuzz suites run their full counts (`npm run fuzz`); otherwise the reduced ones. */
    FUZZ_FULL: string;
  }
  // Types `exports.default` from "cloudflare:workers" as the worker under test.
  interface GlobalProps {
    mainModule: typeof import("../../worker/index");
  }
}

/** A fixture imported as its exact bytes (the `fixture-bytes` plugin in vitest.config.ts). */
declare module "*?bytes" {
  const bytes: Uint8Array;
  export default bytes;
}

/** A file's text (Vite's `?raw`): the web app's index.html, rewritten as the Worker serves it. */
declare module "*?raw" {
  const text: string;
  export default text;
}
