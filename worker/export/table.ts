import type { AreaBody, Point } from "../api/schemas";

/** One served cell of a download: never carries a number when `status` is set. */
export interface Cell extends Point {
  area: string;
  areaName: string;
  indicator: string;
  unit: string;
  /** Years the indicator's periods cover (its `periodLabel` says which). */
  periodSpan: number;
}

export interface Selection {
  indicators: string[] | null;
  from: number | null;
  to: number | null;
}

/** The cells of one area card that a selection asks for, indicators in the order asked. */
export function cellsOf(body: AreaBody, sel: Selection): Cell[] {
  const cards = sel.indicators
    ? sel.indicators.map((id) => body.cards.find((card) => card.indicator === id)).filter((card) => card !== undefined)
    : body.cards;
  const out: Cell[] = [];
  for (const card of cards) {
    for (const p of card.series) {
      if ((sel.from !== null && p.period < sel.from) || (sel.to !== null && p.period > sel.to)) continue;
      out.push({ area: body.area.code, areaName: body.area.name, indicator: card.indicator, unit: card.unit, periodSpan: card.periodSpan, period: p.period, periodLabel: p.periodLabel, value: p.value, status: p.status });
    }
  }
  return out;
}
