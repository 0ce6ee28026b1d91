import type { Area, Indicator, Observation } from "../../db/schema";
import type { AreaBody, AreaRef, Card, Point } from "../api/schemas";
import { DEFAULT_DISCLOSURE, disclose, type DisclosureRules, type RawValue } from "./disclosure";
import { trend } from "./trend";

export const CHANGE_WINDOW_YEARS = 5;

type ObservationsByIndicator = Map<string, Observation[]>;

export interface CardInputs {
  snapshot: number;
  synthetic: boolean;
  area: Area;
  ancestors: AreaRef[];
  children: AreaRef[];
  municipality: AreaRef | null;
  replacedBy: AreaBody["replacedBy"];
  indicators: Pick<Indicator, "id" | "unit">[];
  own: ObservationsByIndicator;
  ofMunicipality: ObservationsByIndicator | null;
  ofNorway: ObservationsByIndicator | null;
  rules?: DisclosureRules;
}

export function toRef(area: Pick<Area, "code" | "level" | "nameNb">): AreaRef {
  return { code: area.code, level: area.level, name: area.nameNb };
}

/** Everything the area page shows, built once per snapshot so a request reads one row. */
export function buildAreaBody(input: CardInputs): AreaBody {
  const { area } = input;
  const rules = input.rules ?? DEFAULT_DISCLOSURE;
  const cards = input.indicators
    .map((ind) =>
      buildCard(ind, input.own.get(ind.id) ?? [], input.ofMunicipality?.get(ind.id), input.ofNorway?.get(ind.id), rules),
    )
    .filter((card): card is Card => card !== null);
  return {
    snapshot: input.snapshot,
    synthetic: input.synthetic,
    area: {
      ...toRef(area),
      names: { nb: area.nameNb, nn: area.nameNn, en: area.nameEn, se: area.nameSe },
      parentCode: area.parentCode,
      validFrom: area.validFrom,
      validTo: area.validTo,
    },
    ancestors: input.ancestors,
    children: input.children,
    municipality: input.municipality,
    replacedBy: input.replacedBy,
    cards,
  };
}

/** Served value plus the counts the trend test may use; counts stay inside this module. */
type Disclosed = Point & { raw: RawValue };

function discloseSeries(rows: Observation[] | undefined, unit: string, rules: DisclosureRules): Disclosed[] {
  return (rows ?? [])
    .map((row) => {
      const served = disclose(row, unit, rules);
      return {
        period: row.period,
        ...served,
        // The trend test only ever sees counts of values that are themselves shown.
        raw: served.status ? { ...served, numerator: null, denominator: null } : { ...row, status: null },
      };
    })
    .sort((a, b) => a.period - b.period);
}

const point = (d: Disclosed | undefined): Point | null =>
  d ? { period: d.period, value: d.value, status: d.status } : null;

export function buildCard(
  indicator: Pick<Indicator, "id" | "unit">,
  own: Observation[],
  ofMunicipality: Observation[] | undefined,
  ofNorway: Observation[] | undefined,
  rules: DisclosureRules = DEFAULT_DISCLOSURE,
): Card | null {
  const series = discloseSeries(own, indicator.unit, rules);
  if (series.length === 0) return null;
  const latestShown = [...series].reverse().find((p) => p.value !== null);
  const latest = latestShown ?? series[series.length - 1]!;
  const base = series.find((p) => p.period === latest.period - CHANGE_WINDOW_YEARS);
  const samePeriod = (rows: Observation[] | undefined) =>
    point(discloseSeries(rows, indicator.unit, rules).find((p) => p.period === latest.period));
  const delta =
    base && base.value !== null && latest.value !== null ? round(latest.value - base.value) : null;
  return {
    indicator: indicator.id,
    unit: indicator.unit,
    latest: point(latest),
    series: series.map((p) => point(p)!),
    municipality: ofMunicipality ? samePeriod(ofMunicipality) : null,
    norway: ofNorway ? samePeriod(ofNorway) : null,
    change5y: base ? { from: base.period, to: latest.period, delta } : null,
    trend: base ? trend(base.raw, latest.raw) : "unknown",
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
