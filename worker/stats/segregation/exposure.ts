import { groupTotals, perScope, type Kernel, type Slot } from "./kernel";
import type { Table } from "./prepare";

/**
 * Interaction indices (Massey & Denton 1988, Elbers' `exposure`/`isolation`): the exposure of
 * group g to group h, Σ_u (x_ug / X_g)(x_uh / t_u), is the share of h in the unit of the
 * average member of g; isolation is the exposure of a group to itself. For every ordered pair
 * of groups, so two groups give the classic xPy, yPx, xPx and yPy. Undefined (NaN, left out of
 * results) for a group with nobody in the scope.
 */
export function exposureKernel(table: Table): Kernel {
  const { groups } = table;
  const G = groups.length;
  const gt = new Float64Array(G);
  const sums = new Float64Array(G * G);
  const slots: Slot[] = groups.map((group) => ({ stat: "isolation", group }));
  for (const group of groups) for (const to of groups) if (to !== group) slots.push({ stat: "exposure", group, to });

  return perScope(
    table,
    () => slots,
    (counts, start, end, out, at) => {
      groupTotals(counts, G, start, end, gt);
      sums.fill(0);
      for (let u = start; u < end; u++) {
        let tu = 0;
        for (let g = 0; g < G; g++) tu += counts[u * G + g]!;
        if (!(tu > 0)) continue;
        for (let g = 0; g < G; g++) {
          const x = counts[u * G + g]!;
          if (x > 0) for (let h = 0; h < G; h++) sums[g * G + h]! += (x * counts[u * G + h]!) / tu;
        }
      }
      let o = at;
      for (let g = 0; g < G; g++) out[o++] = gt[g]! > 0 ? sums[g * G + g]! / gt[g]! : NaN;
      for (let g = 0; g < G; g++) {
        for (let h = 0; h < G; h++) if (h !== g) out[o++] = gt[g]! > 0 ? sums[g * G + h]! / gt[g]! : NaN;
      }
    },
  );
}
