import type { RuleSetInput } from "../../worker/stats/ruleset-schema";
import { DANISH_RULE_SET } from "./danish";
import { NORWEGIAN_RULE_SET } from "./norwegian";
import { SWEDISH_RULE_SET } from "./swedish";

/** The rule sets shipped with the monitor, stored as version 1 of each when the database is empty. */
export const SHIPPED_RULE_SETS: readonly RuleSetInput[] = [NORWEGIAN_RULE_SET, DANISH_RULE_SET, SWEDISH_RULE_SET];

/** The rule set the public pages use unless another is chosen: socioeconomic criteria only. */
export const DEFAULT_RULE_SET_ID = NORWEGIAN_RULE_SET.id;

export { DANISH_RULE_SET, NORWEGIAN_RULE_SET, SWEDISH_RULE_SET };
