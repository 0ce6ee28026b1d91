import { formatNumber, formatValue } from "../../components/card/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { Unit } from "./format.ts";
import type { OverviewText } from "./overview-text.ts";
import type { Named } from "./Results.tsx";
import type { RuleSet } from "./rules.ts";
import { pick } from "./text.ts";

/**
 * The list's overview as text cells: the table on the page and the CSV file are built from the
 * same rows, so the file holds exactly what is shown (same rows, columns, filter and wording).
 */
export interface OverviewRow {
  code: string;
  kommune: string | null;
  borderline: boolean;
  cells: string[];
}

export interface OverviewTable {
  columns: string[];
  /** Columns whose cells are numbers (right-aligned). */
  numeric: boolean[];
  rows: OverviewRow[];
}

type Placed = Named & { kommune?: { code: string; name: string } | null; bydel?: { code: string; name: string } | null };

export function overviewTable(
  results: readonly Placed[],
  rs: RuleSet,
  ctx: { unitOf: (indicator: string) => Unit | undefined; lang: Lang; o: OverviewText; scaleType: (type: string) => string },
): OverviewTable {
  const { unitOf, lang, o } = ctx;
  const criteria = rs.kind === "criteria" ? rs.criteria : [];
  const tiers = rs.kind === "criteria" ? rs.tiers : [];
  const allCriteria = rs.kind === "criteria" ? [...rs.criteria, ...rs.tiers.flatMap((t) => t.criteria)] : [];
  const labelOf = (id: string) => {
    const def = allCriteria.find((c) => c.id === id);
    return def ? pick(def.label, lang) : id;
  };
  const head = [o.area, o.code, o.bydel, o.kommune, o.population];
  const columns =
    rs.kind === "criteria"
      ? [...head, o.metCount, ...criteria.map((c) => pick(c.label, lang)), ...tiers.map((t) => pick(t.label, lang)), o.note]
      : [...head, o.scaleIndex, o.scaleType, o.note];
  const numeric = columns.map((_, i) => i === 4 || (rs.kind === "criteria" ? i > 5 && i < 6 + criteria.length : i === 5));
  const rows = results.map((r): OverviewRow => {
    const first = [r.name, r.code, r.bydel?.name ?? o.none, r.kommune?.name ?? o.none, r.eligibility.population === null ? o.none : formatNumber(r.eligibility.population, lang)];
    const note = r.borderline || r.borderlineCriteria.length > 0 ? o.borderlineCriteria(r.borderlineCriteria.map(labelOf).join(", ") || o.borderline) : "";
    let rest: string[];
    if (rs.kind === "criteria") {
      const values = criteria.map((def) => {
        const k = r.criteria.find((x) => x.id === def.id);
        if (!k || k.value === null) return o.none;
        const shown = formatValue(k.value, unitOf(def.indicator), lang);
        return k.met ? `${shown} ${o.metMark}` : shown;
      });
      const tierCells = tiers.map((t) => {
        const tr = r.tiers.find((x) => x.id === t.id);
        return !tr ? o.none : tr.met ? o.yes : o.no;
      });
      rest = [r.metCount !== null ? o.metOf(r.metCount, criteria.length) : o.none, ...values, ...tierCells, note];
    } else {
      rest = [r.scale?.index != null ? formatNumber(r.scale.index, lang, 2) : o.none, r.scale?.type ? ctx.scaleType(r.scale.type) : o.none, note];
    }
    return { code: r.code, kommune: r.kommune?.code ?? null, borderline: note !== "", cells: [...first, ...rest] };
  });
  return { columns, numeric, rows };
}

/**
 * RFC 4180 CSV of the table, with a byte-order mark so spreadsheet programs read æøå. Bokmål and
 * Nynorsk write decimal commas, so their files separate with semicolons (as Norwegian
 * spreadsheets expect); English uses commas.
 */
export function toCsv(table: Pick<OverviewTable, "columns" | "rows">, lang: Lang): string {
  const sep = lang === "en" ? "," : ";";
  const quote = (cell: string) => (/[",;\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = [table.columns, ...table.rows.map((r) => r.cells)].map((cells) => cells.map(quote).join(sep));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}
