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

/**
 * The area page's code and styles, listed in index.html inside an inert <template>: the Worker,
 * which serves every /omrade/* page, unwraps it (worker/embed/area-head.tsx), so an area page
 * fetches its lazily loaded chunk beside the entry instead of after it has run, while the front
 * page, the same file, fetches nothing more. Styles are preloaded, not applied: Vite's loader
 * applies them when the chunk asks, as on any other route.
 */
const areaPreload = {
  name: "area-preload",
  transformIndexHtml: {
    order: "post" as const,
    handler(html: string, ctx: { bundle?: Record<string, { type: string; fileName: string; facadeModuleId?: string | null; imports?: string[]; viteMetadata?: { importedCss: Set<string> } }> }) {
      const bundle = ctx.bundle;
      if (!bundle) return html; // the dev server: nothing is bundled
      const area = Object.values(bundle).find((c) => c.type === "chunk" && /pages\/Area\/index\.tsx$/.test(c.facadeModuleId ?? ""));
      if (!area) throw new Error("area-preload: no chunk for pages/Area/index.tsx");
      const scripts = new Set<string>();
      const styles = new Set<string>();
      const walk = (fileName: string) => {
        const chunk = bundle[fileName];
        if (!chunk || scripts.has(fileName) || html.includes(`/${fileName}"`)) return;
        scripts.add(fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) if (!html.includes(`/${css}"`)) styles.add(css);
        for (const dep of chunk.imports ?? []) walk(dep);
      };
      walk(area.fileName);
      const links = [...[...scripts].map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`), ...[...styles].map((f) => `<link rel="preload" as="style" crossorigin href="/${f}">`)];
      return html.replace("</head>", `  <template id="area-preload">${links.join("")}</template>\n  </head>`);
    },
  },
};

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  // web/public holds `_headers`, copied into the build as it is.
  publicDir: "public",
  css: { postcss: { plugins: [lightThemeOnly] } },
  plugins: [areaPreload],
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
