import { registryFileSchema, type Initiative } from "../../worker/stats/initiatives/registry";
import demo from "./demo.json";
import examples from "./examples.json";

/**
 * The shipped initiative registry: documented examples on the real areas (`example: true`,
 * entered from the public descriptions they link to) and invented ones on the synthetic demo's
 * areas (`synthetic: true`). The recompute seeds those whose areas the database holds.
 */
export const EXAMPLE_INITIATIVES: readonly Initiative[] = registryFileSchema.parse(examples);
export const DEMO_INITIATIVES: readonly Initiative[] = registryFileSchema.parse(demo);
export const SHIPPED_INITIATIVES: readonly Initiative[] = [...EXAMPLE_INITIATIVES, ...DEMO_INITIATIVES];
