import type { ChildValuesBody } from "../api/schemas";

type Child = ChildValuesBody["children"][number];

/**
 * How a choropleth row is stored (`child_values.body`): a child whose values all carry no
 * status keeps no list of nulls. Most children have a value every year, and those lists were
 * a third of ~90 MB a national snapshot writes.
 */
export type StoredChildValues = Omit<ChildValuesBody, "children"> & { children: (Omit<Child, "statuses"> & { statuses?: Child["statuses"] })[] };

export function packChildValues(body: ChildValuesBody): StoredChildValues {
  return { ...body, children: body.children.map(({ statuses, ...child }) => (statuses.every((s) => s === null) ? child : { ...child, statuses })) };
}

export function unpackChildValues(stored: StoredChildValues): ChildValuesBody {
  return { ...stored, children: stored.children.map((c) => ({ ...c, statuses: c.statuses ?? c.values.map(() => null) })) };
}
