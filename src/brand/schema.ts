/**
 * brand.yaml: what an NGO or partnership writes to make every output its own.
 * Contract: ../shared/SPEC.md, "Brand pack".
 */
import { z } from "zod";
import { audienceSchema, httpsUrl, idSchema, paperFamilySchema, text } from "../content/schemas.ts";

export const materialIds = ["poster", "one-minute-guide", "parent-flyer", "discussion-guide"] as const;
export const materialIdSchema = z.enum(materialIds);
export type MaterialId = z.infer<typeof materialIdSchema>;

export const fontIds = ["atkinson-hyperlegible"] as const;
export type FontId = (typeof fontIds)[number];

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a six-digit hex colour such as "#0b3d91"');
const localeCode = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "must be a language code such as en or es");
const perLocale = z.record(localeCode, text);

export const brandContactSchema = z
  .strictObject({
    id: idSchema,
    name: perLocale,
    description: perLocale.optional(),
    phone: text.optional(),
    email: z.email({ error: "must be an email address" }).optional(),
    url: httpsUrl.optional(),
    audience: z.array(audienceSchema).min(1, "must name at least one audience"),
  })
  .refine((c) => c.phone || c.email || c.url, { message: "needs at least one of phone, email or url" });

export const brandSchema = z.strictObject({
  id: idSchema,
  name: text,
  shortName: text,
  website: httpsUrl,
  region: z.enum(["us", "gb", "ca", "au"]),
  locales: z.array(localeCode).min(1, "must list at least one language"),
  paper: paperFamilySchema.optional(),
  logo: text,
  colors: z.strictObject({ primary: hexColour, accent: hexColour, text: hexColour, background: hexColour }),
  font: z.enum(fontIds),
  contacts: z.array(brandContactSchema).default([]),
  materials: z.array(materialIdSchema).min(1).optional(),
  overrides: z.record(localeCode, z.record(z.string(), z.string())).default({}),
  footer: perLocale.optional(),
});
export type BrandFile = z.infer<typeof brandSchema>;
export type BrandContact = z.infer<typeof brandContactSchema>;
