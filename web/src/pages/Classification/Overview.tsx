import { lazy } from "preact-iso";
import { useId, useMemo, useState } from "preact/hooks";
import { areaHref, type Dict, type Lang } from "../../lib/i18n.ts";
import type { Unit } from "./format.ts";
import { overviewText } from "./overview-text.ts";
import type { Named } from "./Results.tsx";
import type { ListLevel, RuleSet } from "./rules.ts";
import { overviewTable, toCsv } from "./table.ts";
import { type ClassificationText, pick } from "./text.ts";
import "./overview.css";

// The map needs its drawing code and the shapes: loaded only when the list has areas to draw.
const ListMap = lazy(() => import("./ListMap.tsx").then((m) => m.ListMap));

type Ref = { code: string; name: string } | null;
export type Placed = Named & { kommune?: Ref; bydel?: Ref };

/**
 * The list at a glance: one row per listed area with its bydel and kommune (names repeat
 * between kommuner), its criteria and a "borderline" note; a filter by kommune; a CSV of exactly
 * the rows and columns shown; and a map of the listed areas in the chosen kommune.
 */
export function Overview({
  results,
  rs,
  year,
  level,
  unitOf,
  lang,
  t,
  c,
}: {
  results: Placed[];
  rs: RuleSet;
  year: number;
  level: ListLevel;
  unitOf: (indicator: string) => Unit | undefined;
  lang: Lang;
  t: Dict;
  c: ClassificationText;
}) {
  const o = overviewText(lang);
  const id = useId();
  const [kommune, setKommune] = useState("");
  const kommuner = useMemo(() => {
    const byCode = new Map<string, { code: string; name: string; count: number }>();
    for (const r of results) {
      if (!r.kommune) continue;
      const k = byCode.get(r.kommune.code) ?? { ...r.kommune, count: 0 };
      k.count++;
      byCode.set(k.code, k);
    }
    return [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name, "nb") || a.code.localeCompare(b.code));
  }, [results]);
  const shown = kommune ? results.filter((r) => r.kommune?.code === kommune) : results;
  const scaleType = (type: string) => {
    const found = rs.kind === "scale" ? rs.types.find((x) => x.id === type) : undefined;
    return found ? pick(found.label, lang) : type;
  };
  const table = overviewTable(shown, rs, { unitOf, lang, o, scaleType });
  // The map: the chosen kommune, or the one with the most listed areas.
  const mapped = kommuner.find((k) => k.code === kommune) ?? [...kommuner].sort((a, b) => b.count - a.count)[0];
  const sameName = (k: { name: string }) => kommuner.filter((x) => x.name === k.name).length > 1;
  const kommuneLabel = (k: { code: string; name: string }) => (sameName(k) ? `${k.name} (${k.code})` : k.name);

  if (results.length === 0) return null;
  const download = () => {
    const blob = new Blob([toCsv(table, lang)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = o.fileName(rs.id, year, level);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const place = kommune && mapped ? kommuneLabel(mapped) : null;

  return (
    <section class="overview" aria-labelledby={`${id}-title`} data-rows={table.rows.length}>
      <h2 id={`${id}-title`}>{o.overviewTitle}</h2>
      <div class="overview-controls">
        {kommuner.length > 1 && (
          <p class="select-field">
            <label for={`${id}-kommune`}>{o.filterLabel}</label>
            <select id={`${id}-kommune`} class="ds-input" value={kommune} onChange={(e) => setKommune(e.currentTarget.value)}>
              <option value="">{o.allKommuner}</option>
              {kommuner.map((k) => (
                <option key={k.code} value={k.code}>
                  {kommuneLabel(k)}
                </option>
              ))}
            </select>
          </p>
        )}
        <p class="overview-download">
          <button type="button" class="button button--secondary" onClick={download} aria-describedby={`${id}-dlnote`}>
            {o.download}
          </button>{" "}
          <span id={`${id}-dlnote`} class="overview-note">
            {o.downloadNote}
          </span>
        </p>
      </div>
      <p class="overview-note" id={`${id}-borderline`}>
        <span class="borderline-tag">{o.borderline}</span> {o.borderlineExplain} {rs.kind === "criteria" ? o.metMarkNote : ""}
      </p>
      <div class="overview-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table class="overview-table">
          <caption id={`${id}-caption`}>{o.tableCaption(table.rows.length, c.levelsLower[level], year, place)}</caption>
          <thead>
            <tr>
              {table.columns.map((col, i) => (
                <th key={i} scope="col" class={table.numeric[i] ? "num" : undefined}>
                  {col}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.code} data-code={row.code} data-borderline={row.borderline || undefined}>
                {row.cells.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      <a href={areaHref(row.code, lang)}>{cell}</a>
                    </th>
                  ) : i === row.cells.length - 1 && row.borderline ? (
                    <td key={i} aria-describedby={`${id}-borderline`}>
                      <span class="borderline-tag">{cell}</span>
                    </td>
                  ) : (
                    <td key={i} class={table.numeric[i] ? "num" : undefined}>
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mapped && (
        <ListMap
          key={`${mapped.code}-${level}`}
          kommune={mapped}
          label={kommuneLabel(mapped)}
          level={level}
          listed={new Set(results.filter((r) => r.kommune?.code === mapped.code).map((r) => r.code))}
          lang={lang}
          t={t}
        />
      )}
    </section>
  );
}
