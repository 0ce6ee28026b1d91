import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The Designsystemet theme, without what the app never switches on: the dark colour scheme, the
 * "auto" scheme's copy of the light one, and the secondary typography (no element carries
 * data-color-scheme or data-typography; the app is light only, see :root in styles.css). A
 * sixth less render-blocking CSS for every page to parse. A PostCSS plugin, so it runs after
 * styles.css's @import has inlined the theme and before the file's name is hashed.
 */
const lightThemeOnly = {
  postcssPlugin: "light-theme-only",
  AtRule: {
    layer(rule: { params: string; remove: () => void }) {
      if (rule.params === "ds.theme.color-scheme.dark" || rule.params === "ds.theme.typography.secondary") rule.remove();
    },
    media(rule: { params: string; remove: () => void; nodes?: { type: string; selector?: string }[] }) {
      const only = rule.nodes?.length === 1 ? rule.nodes[0] : undefined;
      if (/prefers-color-scheme/.test(rule.params) && only?.type === "rule" && only.selector === '[data-color-scheme="auto"]') rule.remove();
    },
  },
};

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  // web/public holds `_headers`, copied into the build as it is.
  publicDir: "public",
  css: { postcss: { plugins: [lightThemeOnly] } },
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
