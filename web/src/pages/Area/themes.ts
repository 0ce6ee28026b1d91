/**
 * The theme an indicator's card is shown under on the area page, from its id: the catalogue's
 * ids follow a few stems (population_…, low_income_…, not_in_work_…), so the page needs no
 * field of its own in the indicator list. The first rule that matches wins; an id no rule knows
 * goes under "other", never lost.
 */
export const THEMES = ["population", "income", "work", "education", "housing", "safety", "other"] as const;
export type Theme = (typeof THEMES)[number];

const RULES: [RegExp, Theme][] = [
  [/^crime|offen[cs]e/, "safety"],
  [/^crowded|^housing|^rental|^owner/, "housing"],
  // "Neither in work nor in education" (and its gap) is about education as much as work; it sits
  // with education, where young people's figures are.
  [/^not_in_work_education|^neet|education|^dropout|school/, "education"],
  [/^employment|^not_in_work|^unemployment|^disability/, "work"],
  [/income|^social_assistance/, "income"],
  [/^population|^share_0_17|^share_67plus|immigra|^norwegian_born|^children_single_parent/, "population"],
];

export function themeOf(indicator: string): Theme {
  return RULES.find(([re]) => re.test(indicator))?.[1] ?? "other";
}

/** Items grouped by their indicator's theme, in theme order, empty themes left out, each group in the order given. */
export function byTheme<T>(items: readonly T[], indicatorOf: (item: T) => string): { theme: Theme; items: T[] }[] {
  const groups = new Map<Theme, T[]>();
  for (const item of items) {
    const theme = themeOf(indicatorOf(item));
    const list = groups.get(theme);
    if (list) list.push(item);
    else groups.set(theme, [item]);
  }
  return THEMES.filter((t) => groups.has(t)).map((theme) => ({ theme, items: groups.get(theme)! }));
}
