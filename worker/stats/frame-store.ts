import type { AreaBody } from "../api/schemas";

/**
 * How an area's frame is stored (`area_cards.body`): the default rule set's result is not
 * stored a second time beside the list of every rule set's results, which holds it (it was a
 * quarter of the frames a national snapshot writes). Frames stored with it still read.
 */
export type StoredFrame = Omit<AreaBody, "classification"> & { classification?: AreaBody["classification"] };

export function packFrame({ classification: _inList, ...frame }: AreaBody): StoredFrame {
  return frame;
}

/** The frame as served; `defaultRuleSet` names the result `classification` repeats. */
export function unpackFrame(stored: StoredFrame, defaultRuleSet: string): AreaBody {
  if (stored.classification !== undefined) return stored as AreaBody;
  // In the API's key order: `classification` comes just before `classifications`.
  const { classifications, dataset, ...rest } = stored;
  const classification = classifications?.find((c) => c.ruleSet.id === defaultRuleSet) ?? null;
  return {
    ...rest,
    classification,
    ...(classifications === undefined ? {} : { classifications }),
    ...(dataset === undefined ? {} : { dataset }),
  };
}
