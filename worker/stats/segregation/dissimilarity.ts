import { perScope, type Kernel } from "./kernel";
import type { Table } from "./prepare";

/**
 * Index of dissimilarity for two groups (Duncan & Duncan 1955, Elbers' `dissimilarity`):
 * D = ½ Σ_u |a_u / A − b_u / B|, the share of either group that would have to move to even
 * the two out. A population with only one group present has D = 0, matching H = 0 there;
 * the caller checks that the group column has exactly two values.
 */
export function dissimilarityKernel(table: Table): Kernel {
  const G = table.groups.length;
  return perScope(
    table,
    () => [{ stat: "D" }],
    (counts, start, end, out, at) => {
      if (G !== 2) {
        out[at] = 0;
        return;
      }
      let A = 0;
      let B = 0;
      for (let u = start; u < end; u++) {
        A += counts[2 * u]!;
        B += counts[2 * u + 1]!;
      }
      if (!(A > 0 && B > 0)) {
        out[at] = 0;
        return;
      }
      let sum = 0;
      for (let u = start; u < end; u++) sum += Math.abs(counts[2 * u]! / A - counts[2 * u + 1]! / B);
      out[at] = sum / 2;
    },
  );
}
