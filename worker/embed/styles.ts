import { DEFAULT_ACCENT, type Theme } from "../../web/src/embed/protocol";
import type { EmbedQuery } from "./params";

/**
 * The card's whole stylesheet, inline: no requests leave the card. Theming goes through a few
 * CSS variables: --am-bg, --am-fg and --am-accent (query parameters bg, fg, accent, validated
 * as hex colours), from which muted text, lines and tints are mixed. Sizes are in rem and em,
 * so the card follows the root font size: the host page's, when embed.js passes it as `size`.
 */
const THEME_VARS: Record<Theme, string> = {
  light: `--am-bg:#ffffff;--am-fg:#1c1f23;--am-accent:${DEFAULT_ACCENT.light};--am-demo-bg:#fff3c2;--am-demo-fg:#3a2a00;--am-demo-line:#a66a00;color-scheme:light`,
  dark: `--am-bg:#16191d;--am-fg:#e6e8eb;--am-accent:${DEFAULT_ACCENT.dark};--am-demo-bg:#3a2a00;--am-demo-fg:#ffe9a8;--am-demo-line:#d89a2b;color-scheme:dark`,
};

const BASE = `*,*::before,*::after{box-sizing:border-box}
html{background:var(--am-bg);color:var(--am-fg);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;line-height:1.45;overflow-wrap:break-word;-webkit-text-size-adjust:100%;text-size-adjust:100%;--am-muted:color-mix(in srgb,var(--am-fg) 74%,var(--am-bg));--am-line:color-mix(in srgb,var(--am-fg) 25%,var(--am-bg));--am-soft:color-mix(in srgb,var(--am-fg) 8%,var(--am-bg))}
body{margin:0}
main{padding:.75rem}
h1,h2{line-height:1.2;margin:0 0 .25em}
p{margin:0 0 .5em}
a{color:var(--am-accent);text-underline-offset:.15em}
:focus-visible{outline:3px solid var(--am-accent);outline-offset:2px}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.embed-title{font-size:1.25rem}
.embed-level{font-size:.8125rem;font-weight:500;color:var(--am-muted);white-space:nowrap}
.embed-demo{margin:.5rem 0;padding:.4rem .6rem;font-size:.875rem;background:var(--am-demo-bg);color:var(--am-demo-fg);border-left:4px solid var(--am-demo-line);border-radius:.25rem}
.embed-notice{margin:.5rem 0;padding:.5rem .75rem;border-left:4px solid var(--am-accent);background:var(--am-soft)}
.embed-footer{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;margin:0;font-size:.875rem;color:var(--am-muted)}
.embed-error code{font-size:.875em;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,15rem),1fr));gap:.75rem;margin:.75rem 0}
.card{display:flex;flex-direction:column;min-width:0;padding:.75rem;border:1px solid var(--am-line);border-radius:.5rem}
.card-title{font-size:1rem}
.card-latest{margin:0 0 .25rem}
.card-latest .value{font-size:1.5rem;font-weight:700;font-variant-numeric:tabular-nums}
.value--status,.value--none{font-style:italic;color:var(--am-muted)}
.card-latest .value--status,.card-latest .value--none{font-size:1.0625rem;font-weight:600}
.period,.card-status-explain,.card-period,.trend-change,.chart-axis,.chart-none,.card-source{color:var(--am-muted)}
.period,.trend-change{font-size:.9375rem}
.card-status-explain,.card-period,.chart-none,.card-about{font-size:.875rem}
.chart{display:grid;grid-template-columns:auto minmax(0,1fr);gap:.25rem .375rem;margin:.75rem 0 .25rem}
.chart>.chart-axis{grid-column:2}
.chart-axis--single{justify-content:center}
.chart-y{display:flex;flex-direction:column;justify-content:space-between;align-items:flex-end;font-size:.75rem;line-height:1;color:var(--am-muted);font-variant-numeric:tabular-nums;white-space:nowrap}
.chart-y-hi{transform:translateY(-50%)}
.chart-y-lo{transform:translateY(50%)}
.sparkline-grid{stroke:var(--am-line);stroke-width:1;stroke-dasharray:2 3}
.sparkline-band{fill:var(--am-accent);fill-opacity:.16}
.sparkline-whisker{fill:none;stroke:var(--am-accent);stroke-width:1.5;stroke-opacity:.6}
.sparkline{display:block;width:100%;height:auto;overflow:visible}
.sparkline-base{stroke:var(--am-line);stroke-width:1}
.sparkline-line{fill:none;stroke:var(--am-accent);stroke-width:2.5;stroke-linejoin:round;stroke-linecap:round}
.sparkline-dot,.sparkline-last{fill:var(--am-accent)}
.sparkline-last{stroke:var(--am-bg);stroke-width:2}
.chart-axis{display:flex;justify-content:space-between;font-size:.8125rem;font-variant-numeric:tabular-nums}
.trend{margin:.5rem 0 .125rem}
.trend-arrow{display:inline-flex;align-items:center;justify-content:center;width:1.6em;height:1.6em;border-radius:50%;background:var(--am-soft);font-weight:700}
.trend-words{font-weight:600}
.trend-change{font-variant-numeric:tabular-nums}
.card-figures{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.25rem 1.5rem}
.card-figures .card-latest,.card-smoothed{margin:0}
.card-figure-label{display:block;font-size:.8125rem;color:var(--am-muted)}
.card-smoothed .value{font-size:1.25rem;font-weight:600;font-variant-numeric:tabular-nums}
.value-estimated{font-size:.875rem;font-weight:400;color:var(--am-muted)}
.card-interval{margin:.25rem 0 0;font-size:.9375rem;font-variant-numeric:tabular-nums}
.card-smoothed-explain{margin:.25rem 0 0;font-size:.875rem;color:var(--am-muted)}
.trend-sense,.trend-why{color:var(--am-muted)}
.trend-why{display:block;font-size:.875rem}
.card-compare{list-style:none;margin:.25rem 0 .5rem;padding:.5rem 0 0;border-top:1px solid var(--am-line);font-size:.9375rem}
.card-compare-words{font-weight:600}
.card-compare-value,.card-compare-place{color:var(--am-muted);font-variant-numeric:tabular-nums}
.card-model{font-size:.875rem}
.card-about{margin-top:auto}
.card-about summary{cursor:pointer;color:var(--am-accent);padding:.125rem 0}
.card-about p{margin:.25rem 0 .5rem}
.card-source,.card-updated{margin:.25rem 0 0;font-size:.8125rem;color:var(--am-muted)}
.card-updated{margin-top:0}
.badge{display:inline-block;margin-left:.25em;padding:0 .45em;font-size:.8125rem;font-weight:600;line-height:1.6;vertical-align:.1em;border:1px solid;border-radius:999px;white-space:nowrap}
.badge--old{background:var(--am-demo-bg);color:var(--am-demo-fg);border-color:var(--am-demo-line)}`;

/** Built only from validated values (an enum, hex colours, an integer): nothing else gets in. */
export function embedCss(q: Pick<EmbedQuery, "theme" | "accent" | "bg" | "fg" | "size">): string {
  const overrides = [q.bg && `--am-bg:${q.bg}`, q.fg && `--am-fg:${q.fg}`, q.accent && `--am-accent:${q.accent}`]
    .filter(Boolean)
    .join(";");
  const fontSize = q.size ? `${q.size}px` : "100%";
  return `:root{${THEME_VARS[q.theme]};font-size:${fontSize}${overrides ? `;${overrides}` : ""}}\n${BASE}`;
}
