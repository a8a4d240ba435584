/**
 * brand.yaml: what an NGO or partnership writes to make every output its own.
 * Contract: ../shared/SPEC.md, "Brand pack". The descriptions are written for
 * the person filling in the file: editors show them on hover (through the
 * generated JSON Schema) and `npm run new-brand` writes them as comments.
 */
import { z } from "zod";
import {
  audienceSchema,
  hoursSchema,
  httpsUrl,
  idSchema,
  localeCodePattern,
  paperFamilySchema,
  phoneText,
  text,
} from "../content/schemas.ts";
import { fontIds } from "./fonts.ts";
import { printableIds } from "../materials/registry.ts";

export const materialIdSchema = z.enum(printableIds);

export const regionIds = ["us", "gb", "ca", "au"] as const;
/** Names people write for a region, for "did you mean": the ISO code of the United Kingdom is gb. */
const regionAliases: Record<string, (typeof regionIds)[number]> = {
  uk: "gb",
  england: "gb",
  scotland: "gb",
  wales: "gb",
  usa: "us",
  aus: "au",
  can: "ca",
};

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a six-digit hex colour such as "#0b3d91"');
const localeCode = z.string().regex(localeCodePattern, "must be a language code such as en or es");
const perLocale = z.record(localeCode, text);
/** Longest brand name and footer line the layouts are tested with (tests/build/property-packs.test.ts). */
export const MAX_NAME_LENGTH = 100;
export const MAX_FOOTER_LENGTH = 200;

export const brandContactSchema = z
  .strictObject({
    id: idSchema.meta({ description: "A short name for this contact, lower-case with hyphens, e.g. northshire-front-door." }),
    name: perLocale.meta({ description: "The contact's name in each of the brand's languages." }),
    description: perLocale.optional().meta({ description: "Optional: one sentence per language saying when to use it." }),
    phone: phoneText.optional().meta({ description: "Exactly as the service publishes it, in quotes." }),
    email: z.email({ error: "must be an email address" }).optional().meta({ description: "Optional email address." }),
    url: httpsUrl.optional().meta({ description: "Optional web address, https only." }),
    hours: hoursSchema.optional().meta({
      description:
        'Optional opening hours, as the service publishes them: "24/7", or open: [{ days: [mon, tue, wed, thu, fri], opens: "09:00", closes: "17:00" }].',
    }),
    audience: z.array(audienceSchema).min(1, "must name at least one audience").meta({
      description: "Who it is for: any of young-people, parents, professionals. Materials list only the contacts for their readers.",
    }),
  })
  .refine((c) => c.phone || c.email || c.url, { message: "needs at least one of phone, email or url" });

export const brandSchema = z
  .strictObject({
    id: idSchema.meta({ description: "Names the output folder (dist/<id>): lower-case letters, digits and hyphens." }),
    name: text
      .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters; put a longer form in the footer`)
      .meta({ description: "Your organisation's full name, printed on every material and used as the PDFs' author." }),
    shortName: text.meta({ description: "A short form of the name for tight spaces." }),
    website: httpsUrl.optional().meta({
      description: "Optional: your website, starting with https://. Leave out if you have none: nothing is printed in its place.",
    }),
    region: z
      .enum(regionIds, {
        error: (issue) => {
          // Two-letter codes are all close in spelling: suggest only what people write for a region (UK, GB, England).
          const written = typeof issue.input === "string" ? issue.input.toLowerCase() : "";
          const meant = regionAliases[written] ?? regionIds.find((id) => id === written);
          return `must be one of ${regionIds.join(", ")}${meant ? `: did you mean "${meant}"?` : ""}`;
        },
      })
      .meta({
        description: "Where your readers are: us, gb, ca or au. Picks the help contacts, the emergency number and the default paper.",
      }),
    locales: z
      .array(localeCode)
      .min(1, "must list at least one language")
      .meta({ description: "Languages to publish, first is the default. The parent flyer pairs the first two." }),
    paper: paperFamilySchema.optional().meta({ description: "Optional: a4 or letter. Leave out to use your region's usual paper." }),
    logo: text.meta({
      description:
        "Your logo file, in this folder: SVG (best) or PNG. A PNG needs enough pixels to print sharply; npm run check says how many.",
    }),
    colors: z
      .strictObject({
        primary: hexColour.meta({ description: "Headers and links. The background colour must be readable on it." }),
        accent: hexColour.meta({ description: "Highlights, such as the underline of the current page." }),
        text: hexColour.meta({ description: "Body text. Must be readable on the background." }),
        background: hexColour.meta({ description: "Page background, usually white." }),
      })
      .meta({
        description: "Colours as six-digit hex codes in quotes. Pairs that are hard to read are refused, with a readable alternative.",
      }),
    font: z
      .enum(fontIds)
      .default("atkinson-hyperlegible")
      .meta({
        description: `Optional typeface, one of: ${fontIds.join(", ")} (the first if left out). All are bundled; nothing is loaded from elsewhere.`,
      }),
    contacts: z
      .array(brandContactSchema)
      .default([])
      .meta({ description: "Your own contacts, listed before your region's national services." }),
    materials: z
      .array(materialIdSchema)
      .min(1)
      .optional()
      .meta({ description: `Optional: which print materials and variants to make, any of ${printableIds.join(", ")}. Leave out for all.` }),
    parentFlyer: z
      .strictObject({
        pairs: z
          .array(z.tuple([localeCode, localeCode]))
          .min(1)
          .meta({
            description: "The language pairs to print, each [page 1, page 2], e.g. [[en, es], [ar, en]]; each language must be in locales.",
          }),
      })
      .optional()
      .meta({ description: "Optional: parent flyer options. Leave out to pair the first two locales." }),
    poster: z
      .strictObject({
        tearOffs: z.boolean().default(false).meta({
          description:
            "Tear-off tabs along the poster's foot, each with the young people's main service, to take away without being seen photographing the poster.",
        }),
      })
      .optional()
      .meta({ description: "Optional: poster options, e.g. { tearOffs: true }." }),
    press: z
      .strictObject({
        profile: text.meta({ description: "The print shop's CMYK ICC profile, a .icc file in this folder (ask the shop which one)." }),
        name: text.meta({ description: "What the profile is, as the print shop names it, e.g. Coated FOGRA39 (ISO 12647-2:2004)." }),
        inkLimit: z
          .number()
          .int()
          .min(200)
          .max(400)
          .default(300)
          .meta({ description: "Optional: the most ink the press allows, C+M+Y+K in percent (300 if left out; ask the shop)." }),
      })
      .optional()
      .meta({
        description:
          "Optional: for npm run build -- --press, the profile the CMYK PDF/X files are made for. Leave out to use Ghostscript's own CMYK profile (SWOP-like).",
      }),
    overrides: z.record(localeCode, z.record(z.string(), z.string())).default({}).meta({
      description:
        "Optional: replace any text by its key, per language, e.g. en: { print.poster.headline: ... }. Safety steps may be reworded, never emptied.",
    }),
    example: z.boolean().default(false).meta({
      description: "Optional: true only for a fictional sample pack, which may use example addresses and numbers reserved for fiction.",
    }),
    footer: z
      .record(
        localeCode,
        text.max(MAX_FOOTER_LENGTH, `must be at most ${MAX_FOOTER_LENGTH} characters: it prints at the foot of every material`),
      )
      .optional()
      .meta({ description: "Optional: a line printed at the foot of every material, per language, e.g. your charity number or licence." }),
  })
  .meta({ title: "Upstander brand pack (brand.yaml)" });
export type BrandFile = z.infer<typeof brandSchema>;
export type BrandContact = z.infer<typeof brandContactSchema>;
