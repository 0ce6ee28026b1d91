import { LEVELS } from "../../db/schema";
import type { ChildValuesBody } from "../api/schemas";

type Child = ChildValuesBody["children"][number];

/**
 * How a choropleth row is stored (`child_values.body`): each child as a tuple [code, level (its
 * position in `LEVELS`), name, values, statuses?], and a child whose values all carry no status
 * keeps no list of nulls. Most children have a value every year, and those lists were a third of
 * ~90 MB a national snapshot writes; the keys of each child were a further quarter. Rows stored
 * before (`f` absent: children as objects, `statuses` left out the same way) still read.
 */
export type StoredChild = [code: string, level: number, name: string, values: Child["values"], statuses?: Child["statuses"]];
type StoredChildV1 = Omit<Child, "statuses"> & { statuses?: Child["statuses"] };
export type StoredChildValues = Omit<ChildValuesBody, "children"> & ({ f: 2; children: StoredChild[] } | { f?: undefined; children: StoredChildV1[] });

export function packChildValues({ children, ...body }: ChildValuesBody): StoredChildValues {
  return {
    f: 2,
    ...body,
    children: children.map(({ code, level, name, values, statuses }): StoredChild => {
      const at = LEVELS.indexOf(level);
      return statuses.every((s) => s === null) ? [code, at, name, values] : [code, at, name, values, statuses];
    }),
  };
}

export function unpackChildValues(stored: StoredChildValues): ChildValuesBody {
  const noStatuses = (values: Child["values"]) => values.map(() => null);
  if (stored.f === 2) {
    const { f: _form, children, ...body } = stored;
    return { ...body, children: children.map(([code, level, name, values, statuses]) => ({ code, level: LEVELS[level]!, name, values, statuses: statuses ?? noStatuses(values) })) };
  }
  return { ...stored, children: stored.children.map((c) => ({ ...c, statuses: c.statuses ?? noStatuses(c.values) })) };
}
