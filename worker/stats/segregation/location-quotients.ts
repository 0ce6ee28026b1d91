import { groupTotals, type Kernel, type Slot } from "./kernel";
import type { Table } from "./prepare";

/**
 * Location quotient of each group in each unit: its share in the unit over its share in the
 * whole table, (x_ug / t_u) / (X_g / T); 1 means the unit mirrors the parent area. Always
 * relative to the whole table, also with strata.
 */
export function locationQuotientKernel(table: Table): Kernel {
  const { groups, units, strata, unitStratum } = table;
  const G = groups.length;
  const gt = new Float64Array(G);
  const slots: Slot[] = [];
  units.forEach((unit, u) => {
    for (const group of groups) {
      slots.push(strata ? { stat: "lq", unit, group, stratum: strata[unitStratum![u]!]! } : { stat: "lq", unit, group });
    }
  });

  return {
    slots,
    compute(counts, out, at) {
      const total = groupTotals(counts, G, 0, units.length, gt);
      for (let u = 0; u < units.length; u++) {
        let tu = 0;
        for (let g = 0; g < G; g++) tu += counts[u * G + g]!;
        for (let g = 0; g < G; g++) {
          out[at + u * G + g] = tu > 0 && gt[g]! > 0 ? (counts[u * G + g]! / tu) * (total / gt[g]!) : NaN;
        }
      }
    },
  };
}
