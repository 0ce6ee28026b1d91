import { z } from "@hono/zod-openapi";

/** Country "0", fylke 2, kommune 4, bydel 6, grunnkrets 8, Oslo delbydel 10 digits. */
export const areaCodeSchema = z
  .string()
  .regex(/^(0|\d{2}|\d{4}|\d{6}|\d{8}|\d{10})$/, "must be an area code: 0, or 2, 4, 6, 8 or 10 digits");

export const indicatorIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be an indicator id (lowercase letters, digits, _)");

/** A comma-separated list parameter, validated item by item, with a bound on its length. */
export function csvList<T extends z.ZodType<string, string>>(item: T, { min, max }: { min: number; max: number }) {
  return z
    .string()
    .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
    .pipe(
      z
        .array(item)
        .min(min, `must list at least ${min}`)
        .max(max, `must list at most ${max}`)
        .refine((xs) => new Set(xs).size === xs.length, "must not repeat an item"),
    );
}
