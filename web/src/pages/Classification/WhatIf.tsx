import { useEffect, useId, useMemo, useState } from "preact/hooks";
import { formatNumber } from "../../components/card/format.ts";
import { useApi } from "../../lib/api.ts";
import { areaHref, type Dict, type Lang } from "../../lib/i18n.ts";
import { comparisonSymbol, describeThreshold, type Unit } from "./format.ts";
import type { ListResponse, Named } from "./Results.tsx";
import { changedParams, type ListLevel, type RuleSet, type Slider, slidersOf, stricterUp } from "./rules.ts";
import { type ClassificationText, pick } from "./text.ts";

type PreviewResponse = ListResponse & { entering: string[]; leaving: string[] };

/** Quiet time after the last slider move before the preview is asked for. */
const DEBOUNCE_MS = 350;

/**
 * What-if: a slider per criterion threshold, for how many criteria must hold and for the
 * population limit. Moving them asks the preview endpoint (debounced; answers are cached, so
 * going back to a setting is instant) which areas would enter or leave the list. Nothing is saved.
 */
export function WhatIf({
  rs,
  year,
  level,
  stored,
  unitOf,
  indicatorLabel,
  lang,
  t,
  c,
}: {
  rs: RuleSet;
  year: number;
  level: ListLevel;
  /** The areas meeting the rule set as stored (names for those that would leave). */
  stored: Named[];
  unitOf: (indicator: string) => Unit | undefined;
  indicatorLabel: (indicator: string) => string;
  lang: Lang;
  t: Dict;
  c: ClassificationText;
}) {
  const sliders = useMemo(() => slidersOf(rs, unitOf), [rs, unitOf]);
  const initial = useMemo(() => Object.fromEntries(sliders.map((s) => [s.key, s.initial])), [sliders]);
  const [values, setValues] = useState<Record<string, number>>(initial);
  const settled = useDebounced(values, DEBOUNCE_MS);

  const changed = changedParams(sliders, settled);
  const path =
    changed.size > 0
      ? `/api/v1/classifications/preview?${new URLSearchParams({ ruleset: rs.id, period: String(year), level }).toString()}&${changed.toString()}`
      : null;
  const preview = useApi<PreviewResponse>(path);
  const pending = values !== settled;

  const names = useMemo(() => new Map(stored.map((r) => [r.code, r.name])), [stored]);
  const reset = () => setValues(initial);

  return (
    <section class="whatif" aria-labelledby="whatif-title">
      <h2 id="whatif-title">{c.whatIfTitle}</h2>
      <p>{c.whatIfLead}</p>
      <p class="whatif-saved">
        <strong>{c.nothingSaved}</strong>
      </p>
      {rs.kind === "scale" && <p>{c.whatIfScaleOnly}</p>}
      <div class="sliders">
        {sliders.map((s) => (
          <SliderControl
            key={s.key}
            slider={s}
            value={values[s.key] ?? s.initial}
            onChange={(v) => setValues((prev) => ({ ...prev, [s.key]: v }))}
            rs={rs}
            unitOf={unitOf}
            indicatorLabel={indicatorLabel}
            lang={lang}
            c={c}
          />
        ))}
      </div>
      <p>
        <button type="button" class="ds-button button button--secondary" data-variant="secondary" onClick={reset} disabled={changedParams(sliders, values).size === 0}>
          {c.reset}
        </button>
      </p>

      <div
        class="whatif-result"
        role="status"
        aria-live="polite"
        data-state={path === null ? "idle" : pending ? "pending" : preview.state}
        data-params={changed.toString()}
      >
        {path === null ? (
          <p>{c.whatIfHint}</p>
        ) : pending || preview.state === "loading" ? (
          <p class="loading-inline">{c.computing}</p>
        ) : preview.state === "error" ? (
          <p>{c.previewFailed}</p>
        ) : (
          <p>
            {c.previewSummary(
              preview.data.results.length,
              preview.data.results.length - preview.data.entering.length + preview.data.leaving.length,
              preview.data.entering.length,
              preview.data.leaving.length,
            )}
          </p>
        )}
      </div>
      {path !== null && !pending && preview.state === "error" && (
        <p>
          <button type="button" class="ds-button button button--quiet" data-variant="tertiary" data-size="sm" onClick={preview.retry}>
            {t.retry}
          </button>
        </p>
      )}
      {path !== null && !pending && preview.state === "ok" && (
        <div class="whatif-lists">
          <ChangeList
            kind="entering"
            title={c.entering}
            codes={preview.data.entering}
            nameOf={(code) => preview.data.results.find((r) => r.code === code)?.name ?? code}
            lang={lang}
            c={c}
          />
          <ChangeList kind="leaving" title={c.leaving} codes={preview.data.leaving} nameOf={(code) => names.get(code) ?? code} lang={lang} c={c} />
        </div>
      )}
    </section>
  );
}

function SliderControl({
  slider,
  value,
  onChange,
  rs,
  unitOf,
  indicatorLabel,
  lang,
  c,
}: {
  slider: Slider;
  value: number;
  onChange: (value: number) => void;
  rs: RuleSet;
  unitOf: (indicator: string) => Unit | undefined;
  indicatorLabel: (indicator: string) => string;
  lang: Lang;
  c: ClassificationText;
}) {
  const id = useId();
  const criterion = rs.kind === "criteria" ? rs.criteria.find((k) => `t.${k.id}` === slider.key) : undefined;
  // The indicator, not the criterion's label: the label states the rule set's threshold.
  const label = criterion ? indicatorLabel(criterion.indicator) : slider.key === "minMet" ? c.minMetLabel : c.minPopulationLabel;
  const text = (v: number) => {
    if (criterion) {
      const threshold = criterion.threshold.kind === "relative" ? { ...criterion.threshold, factor: v } : { kind: "absolute" as const, value: v };
      return `${comparisonSymbol(criterion.comparison)} ${describeThreshold(threshold, rs, unitOf(criterion.indicator), lang, c)}`;
    }
    if (slider.key === "minMet") return c.minMetValue(v, rs.kind === "criteria" ? rs.criteria.length : 0);
    return c.minPopulationValue(formatNumber(v, lang));
  };
  const changed = value !== slider.initial;
  return (
    <div class="slider" data-key={slider.key} data-changed={changed || undefined}>
      <div class="slider-head">
        <label for={id}>
          {label}
          {criterion?.contested && <span class="badge badge--contested">{c.contestedMark}</span>}
        </label>
        <span class="slider-value" aria-hidden="true">
          {text(value)}
        </span>
      </div>
      <input
        id={id}
        type="range"
        min={slider.min}
        max={slider.max}
        step={slider.step}
        value={value}
        aria-valuetext={text(value)}
        aria-describedby={`${id}-hint`}
        onInput={(e) => onChange(Number(e.currentTarget.value))}
      />
      <p class="slider-hint" id={`${id}-hint`}>
        {c.ruleSetValue(text(slider.initial))}. {stricterUp(rs, slider.key) ? c.stricterUp : c.stricterDown}
      </p>
    </div>
  );
}

function ChangeList({
  kind,
  title,
  codes,
  nameOf,
  lang,
  c,
}: {
  kind: "entering" | "leaving";
  title: string;
  codes: string[];
  nameOf: (code: string) => string;
  lang: Lang;
  c: ClassificationText;
}) {
  const sorted = [...codes].sort();
  return (
    <div class={`whatif-list whatif-list--${kind}`} data-list={kind}>
      <h3>
        {title} ({codes.length})
      </h3>
      {sorted.length === 0 ? (
        <p>{c.none}</p>
      ) : (
        <ul>
          {sorted.map((code) => (
            <li key={code} data-code={code}>
              <a href={areaHref(code, lang)}>{nameOf(code)}</a> <span class="result-code">{code}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** `value`, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
