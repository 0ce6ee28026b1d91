import { z } from "zod";

/**
 * An area-based initiative (områdesatsing) as the registry keeps it: in `db/initiatives/*.json`
 * (shipped) and in D1 (`initiatives`, edited through the admin route). Pure shape rules only;
 * whether the areas exist, share a level and lie in the kommune is checked against the database
 * (worker/queries/initiatives.ts).
 */

/** Lower-case words joined by hyphens: it goes into URLs (`/initiativ/groruddalssatsingen`). */
export const initiativeIdSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "must be lower-case letters, digits and hyphens (at most 64), e.g. groruddalssatsingen");

/** Years a registry entry may name: before any series the monitor has, and not far ahead. */
const yearSchema = z.number().int("must be a whole year").min(1950, "must be 1950 or later").max(2100, "must be 2100 or earlier");

/** A code of an area below the country: kommune (4 digits), bydel (6) or grunnkrets (8). */
const areaCodeSchema = z.string().regex(/^(\d{4}|\d{6}|\d{8})$/, "must be a kommune (4 digits), bydel (6) or grunnkrets (8 digits) code");

const fieldsObject = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    /** The kommune the initiative belongs to (its areas lie in it). */
    kommune: z.string().regex(/^\d{4}$/, "must be a 4-digit kommune code"),
    /** Areas of one level: the follow-up compares them with other areas of that level. */
    areas: z
      .array(areaCodeSchema)
      .min(1, "must name at least one area")
      .max(100, "must name at most 100 areas")
      .refine((a) => new Set(a).size === a.length, "must not repeat an area"),
    startYear: yearSchema,
    /** Null while it runs (or when no end is set). */
    endYear: yearSchema.nullable(),
    /** Where its public description is (the owner's page, a government page, a report). */
    url: z
      .string()
      .max(500, "must be at most 500 characters")
      .url("must be a web address")
      .refine((u) => /^https?:\/\//.test(u), "must start with http:// or https://"),
    /** A documented example, entered from public descriptions; not an official register. */
    example: z.boolean().default(false),
    /** Invented, on the synthetic demo's areas. */
    synthetic: z.boolean().default(false),
    /** What the sources say about its years or areas, where they differ or need a word. */
    note: z.string().trim().max(1000, "must be at most 1000 characters").nullable().default(null),
  })
  .strict();

/** Rules across fields; the path names the field to fix. */
function crossCheck(v: z.output<typeof fieldsObject>, ctx: z.RefinementCtx) {
    if (v.endYear !== null && v.endYear < v.startYear) ctx.addIssue({ code: "custom", path: ["endYear"], message: "must not be before startYear" });
    if (v.example && v.synthetic) ctx.addIssue({ code: "custom", path: ["synthetic"], message: "an initiative is either a documented example or synthetic, not both" });
    if (v.areas.some((a) => !a.startsWith(v.kommune))) {
      const bad = v.areas.find((a) => !a.startsWith(v.kommune))!;
      ctx.addIssue({ code: "custom", path: ["areas"], message: `${bad} does not lie in kommune ${v.kommune} (its code must start with the kommune's)` });
    }
    if (new Set(v.areas.map((a) => a.length)).size > 1) ctx.addIssue({ code: "custom", path: ["areas"], message: "must all be of one level (kommune, bydel or grunnkrets)" });
}

/** What the admin route takes (the id is in the path). */
export const initiativeFieldsSchema = fieldsObject.superRefine(crossCheck);
/** What a registry file holds. */
export const initiativeSchema = fieldsObject.extend({ id: initiativeIdSchema }).strict().superRefine(crossCheck);

export type InitiativeFields = z.output<typeof initiativeFieldsSchema>;
export type Initiative = z.output<typeof initiativeSchema>;

/** A shipped registry file: an array of initiatives with their ids. */
export const registryFileSchema = z.array(initiativeSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((i, n) => {
    if (seen.has(i.id)) ctx.addIssue({ code: "custom", path: [n, "id"], message: `repeats id ${i.id}` });
    seen.add(i.id);
  });
});

/** Years an initiative is running in (its end year included; open-ended: through `until`). */
export const yearsOf = (i: Pick<Initiative, "startYear" | "endYear">, until: number): [number, number] => [i.startYear, i.endYear ?? Math.max(until, i.startYear)];
