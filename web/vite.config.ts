import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The web app lives in web/ and builds to web/dist, which wrangler serves as static assets
// (see wrangler.toml `[assets]`). Run from the repository root:
//   npx vite build --config web/vite.config.ts
// JSX goes through Vite's built-in oxc transform with Preact's automatic runtime, so no
// Preact preset or Babel is needed.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  // web/public holds `_headers`, copied into the build as it is.
  publicDir: "public",
  oxc: {
    jsx: { runtime: "automatic", importSource: "preact" },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    // `npm run dev:web` beside `wrangler dev` (port 8787): the API is proxied so the app can
    // keep calling same-origin `/api/...`. Override with API_PROXY=http://host:port.
    proxy: { "/api": process.env.API_PROXY ?? "http://localhost:8787" },
  },
});
