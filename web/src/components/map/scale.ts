/**
 * The choropleth's colour classes. Pure functions, no DOM.
 *
 * Colours: ColorBrewer's sequential YlGnBu (Cynthia Brewer, Penn State; Apache 2.0), which stays
 * readable for the common forms of colour blindness and runs from light (low) to dark (high) in
 * lightness too, so the order survives greyscale printing. Classes are quantiles of the values
 * shown (one class per value when there are five or fewer), so each colour covers about as many
 * areas; the legend gives each class's actual range.
 */
export const PALETTE = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"] as const;

export interface ColourClass {
  /** Smallest and largest value that falls in the class. */
  min: number;
  max: number;
  colour: string;
}

/** Up to `PALETTE.length` classes covering `values` (nulls and NaN ignored), lowest first. */
export function colourClasses(values: readonly (number | null)[]): ColourClass[] {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const distinct = [...new Set(sorted)];
  const k = PALETTE.length;
  // Few distinct values: one class each. Otherwise the upper edge of class i is the value at
  // quantile (i + 1) / k; a value equal to an edge belongs to the lower class, so equal values
  // never straddle two colours.
  const edges =
    distinct.length <= k
      ? distinct
      : [...new Set(Array.from({ length: k }, (_, i) => sorted[Math.ceil(((i + 1) / k) * sorted.length) - 1]!))];
  const colours = spread(edges.length);
  const classes: ColourClass[] = [];
  let start = 0;
  edges.forEach((edge, i) => {
    let end = start;
    while (end < sorted.length && sorted[end]! <= edge) end++;
    if (end > start) classes.push({ min: sorted[start]!, max: sorted[end - 1]!, colour: colours[i]! });
    start = end;
  });
  return classes;
}

/** `n` colours spread over the palette, so three classes use light, middle and dark. */
function spread(n: number): string[] {
  if (n === 1) return [PALETTE[2]];
  return Array.from({ length: n }, (_, i) => PALETTE[Math.round((i * (PALETTE.length - 1)) / (n - 1))]!);
}

/** The class of a value from the same set, or null for no value. */
export function classOf(value: number | null, classes: readonly ColourClass[]): ColourClass | null {
  if (value === null) return null;
  return classes.find((c) => value <= c.max) ?? null;
}
