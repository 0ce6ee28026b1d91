import type { ChildrenResponse } from "../../../../worker/api/schemas.ts";
import { formatValue } from "../card/format.ts";
import type { Dict, Lang } from "../../lib/i18n.ts";

type Child = ChildrenResponse["children"][number];

/** A child's value as words: the number with its unit, or why there is none. */
export function valueText(child: Pick<Child, "value" | "status">, unit: ChildrenResponse["unit"], lang: Lang, t: Dict): string {
  return child.value === null ? t.status[child.status ?? ".."] : formatValue(child.value, unit, lang);
}
