/**
 * Schemas for every file under data/. Each schema is the single source of
 * its TypeScript type (z.infer) and, later, of the JSON Schema editors use.
 * Objects are strict: a misspelt field is an error, not silently ignored.
 * https://zod.dev/api
 */
import { z } from "zod";
import { iconNames } from "./icons.ts";
import { scriptFontIds } from "./script-fonts.ts";

/** Ids name folders and files: long ones break on file systems (255 bytes a name) and in print. */
export const MAX_ID_LENGTH = 64;
export const idSchema = z
  .string()
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case letters, digits and single hyphens, e.g. report-remove");
export const httpsUrl = z.url({
  protocol: /^https$/,
  error: (issue) =>
    typeof issue.input !== "string"
      ? "must be a full https:// address, e.g. https://www.nspcc.org.uk"
      : /^http:\/\//i.test(issue.input)
        ? `must use https, not http: "${issue.input.replace(/^http:/i, "https:")}"`
        : !/^[a-z][a-z0-9+.-]*:/i.test(issue.input) && /^[^\s/]+\.[^\s]+$/.test(issue.input)
          ? `must start with https://: "https://${issue.input}"`
          : "must be a full https:// address, e.g. https://www.nspcc.org.uk",
});
export const isoDate = z.iso.date({ error: "must be a date written YYYY-MM-DD" });
export const text = z.string({ error: "must be text" }).trim().min(1, "must not be empty");
/** A phone number as published, spaces, brackets and letters (1-800-THE-LOST) allowed, but with its digits. */
export const phoneText = text.refine((phone) => /^[\d\s()+\-./A-Za-z]{3,40}$/.test(phone) && (phone.match(/\d/g)?.length ?? 0) >= 3, {
  message: 'must be a phone number as the service publishes it, with its digits (at most 40 characters), e.g. "0800 1111"',
});

/** A language code as folders and brand.yaml write it: en, es, fr-CA. */
export const localeCodePattern = /^[a-z]{2}(-[A-Z]{2})?$/;

export const audiences = ["young-people", "parents", "professionals"] as const;
export const audienceSchema = z.enum(audiences);
export type Audience = z.infer<typeof audienceSchema>;

export const paperFamilies = ["a4", "letter"] as const;
export const paperFamilySchema = z.enum(paperFamilies);
export type PaperFamily = z.infer<typeof paperFamilySchema>;

/** data/content/release.yaml: what every material prints as its version and review date. */
export const releaseSchema = z.strictObject({
  version: text,
  reviewed: isoDate,
  nextReview: isoDate,
});
export type Release = z.infer<typeof releaseSchema>;

/** data/content/regions.yaml */
export const regionSchema = z.strictObject({
  emergency: z.string().regex(/^\d{3}$/, "must be the three-digit emergency number, e.g. 911"),
  paper: paperFamilySchema,
  /** Where the quick exit goes: a neutral, everyday site. */
  exitUrl: httpsUrl,
  /** Per audience, the main help service: the QR code on that audience's materials, and first on the site. */
  mainContacts: z.strictObject(Object.fromEntries(audiences.map((audience) => [audience, idSchema])) as Record<Audience, typeof idSchema>),
});
export const regionsSchema = z.record(idSchema, regionSchema);
export type Region = z.infer<typeof regionSchema>;

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a 24-hour time such as 09:30");
export const openingSpanSchema = z.strictObject({
  days: z.array(z.enum(weekdays)).min(1),
  opens: clockTime,
  closes: clockTime,
});
export const hoursSchema = z.union([z.literal("24/7"), z.strictObject({ open: z.array(openingSpanSchema).min(1) })]);
export type Hours = z.infer<typeof hoursSchema>;

/** data/content/contacts.yaml: every phone, address and link exactly as its source publishes it. */
export const contactSchema = z
  .strictObject({
    id: idSchema,
    region: idSchema,
    audience: z.array(audienceSchema).min(1, "must name at least one audience"),
    phone: phoneText.optional(),
    email: z.email({ error: "must be an email address" }).optional(),
    url: httpsUrl.optional(),
    hours: hoursSchema.optional(),
    anonymous: z.boolean({ error: "must be true or false: can someone use it without giving their name?" }),
    account: z.boolean({ error: "must be true or false: does it need an account?" }),
    emergency: z.boolean().default(false),
    /** A suicide and crisis line: shown wherever self-harm is mentioned, and first on the get-help page. */
    crisis: z.boolean().default(false),
    source: httpsUrl,
    verified: isoDate,
  })
  .refine((c) => c.phone || c.email || c.url, { message: "needs at least one of phone, email or url" });
export const contactsSchema = z.array(contactSchema);
export type Contact = z.infer<typeof contactSchema>;

/** data/content/resources.yaml: further information for each region. */
export const resourceSchema = z.strictObject({
  id: idSchema,
  regions: z.array(idSchema).min(1),
  audience: z.array(audienceSchema).min(1),
  url: httpsUrl,
});
export const resourcesSchema = z.array(resourceSchema);
export type Resource = z.infer<typeof resourceSchema>;

/**
 * data/content/stats.yaml: every figure with what it counts (per locale), its
 * source and year, and the regions it describes. A `statement` is a finding
 * its source gives in words, not as one number (who is most targeted).
 */
export const statSchema = z
  .strictObject({
    id: idSchema,
    regions: z.array(idSchema).min(1, "must name the regions the figure describes, e.g. [gb]"),
    value: z.number({ error: "must be a number" }).optional(),
    unit: z.enum(["count", "percent", "times", "statement"]),
    comparison: z.enum(["more-than"]).optional(),
    source: text,
    url: httpsUrl,
    year: z.number().int().min(1990).max(2100),
  })
  .refine((stat) => (stat.unit === "statement") === (stat.value === undefined), {
    message: "a statement has no value; every other unit needs one",
    path: ["value"],
  });
export const statsSchema = z.array(statSchema);
export type Stat = z.infer<typeof statSchema>;

/** data/content/how-it-happens.yaml: the routes into sextortion and the coercive tactics. */
export const howItHappensSchema = z.strictObject({
  routes: z.array(z.strictObject({ id: idSchema, stages: z.array(idSchema).min(1) })).min(1),
  tactics: z.array(idSchema).min(1),
});
export type HowItHappens = z.infer<typeof howItHappensSchema>;

/** data/content/warning-signs.yaml */
export const warningSignsSchema = z.array(idSchema).min(1);

export const stepGroups = ["young-people", "friends", "parents", "professionals"] as const;
export const stepGroupSchema = z.enum(stepGroups);
export type StepGroup = z.infer<typeof stepGroupSchema>;
/** One step: locked steps protect a child; `icon` names its picture on the poster and card (templates/_includes/icons/). */
const stepSchema = z.strictObject({
  id: idSchema,
  locked: z.boolean().default(false),
  icon: z
    .enum(iconNames)
    .optional()
    .meta({ description: `Optional: its icon, one of ${iconNames.join(", ")}` }),
});
/** data/content/steps.yaml: locked steps protect a child; a brand may reword but never drop them. */
export const stepsSchema = z.strictObject(
  Object.fromEntries(stepGroups.map((group) => [group, z.array(stepSchema).min(1)])) as Record<StepGroup, z.ZodArray<typeof stepSchema>>,
);
export type Steps = z.infer<typeof stepsSchema>;

/** data/content/discussion.yaml: the order of the discussion guide's questions. */
export const discussionSchema = z.strictObject({ questions: z.array(idSchema).min(1) });

// ---- Per-locale text: data/locales/<locale>/*.yaml -------------------------------------------

const titled = z.strictObject({ title: text, text: text });
/** A step: its title, its reason, and (for the poster and social images) one short line of explanation. */
const step = titled.extend({ short: text.max(60, "must be at most 60 characters: it is one line on a poster").optional() });

/** data/locales/<locale>/content.yaml: the words for every content id, in one language. */
export const localeContentSchema = z.strictObject({
  regions: z.record(idSchema, z.strictObject({ name: text })),
  routes: z.record(idSchema, titled),
  stages: z.record(idSchema, titled),
  tactics: z.record(idSchema, text),
  signs: z.record(idSchema, text),
  steps: z.strictObject(
    Object.fromEntries(stepGroups.map((group) => [group, z.record(idSchema, step)])) as Record<
      StepGroup,
      z.ZodRecord<typeof idSchema, typeof step>
    >,
  ),
  stats: z.record(idSchema, z.strictObject({ label: text })),
  contacts: z.record(idSchema, z.strictObject({ name: text, description: text })),
  resources: z.record(idSchema, z.strictObject({ name: text, description: text })),
  discussion: z.record(idSchema, z.strictObject({ question: text, answers: z.array(text).min(1), notes: text })),
});
export type LocaleContent = z.infer<typeof localeContentSchema>;

/** A tree of interface and page strings; every locale must have the same keys. */
export type Dictionary = { [key: string]: string | Dictionary };
export const dictionarySchema: z.ZodType<Dictionary> = z.lazy(() =>
  z.record(z.string().regex(/^[a-z0-9][a-zA-Z0-9-]*$/, "keys are lower-case words joined by hyphens"), z.union([text, dictionarySchema])),
);

/** data/locales/<locale>/ui.yaml: interface and page strings, plus what the language is called. */
export const uiFileSchema = z.strictObject({
  language: z.strictObject({
    name: text,
    dir: z.enum(["ltr", "rtl"]),
    font: z
      .enum(scriptFontIds)
      .optional()
      .meta({ description: `Optional: the bundled family for a script the brand fonts lack, one of ${scriptFontIds.join(", ")}` }),
    lineHeight: z
      .number()
      .min(1)
      .max(3)
      .optional()
      .meta({ description: "Optional: the least line height this script needs, as a multiple of the text size (Nastaliq: about 2.2)" }),
    print: z
      .strictObject({
        font: z.enum(scriptFontIds),
        lineHeight: z.number().min(1).max(3).optional(),
      })
      .optional()
      .meta({
        description:
          "Optional: another family (and line height) for the print materials, where one-page layouts cannot hold the site's (Urdu prints in Naskh: Nastaliq needs about 2.2 lines' spacing)",
      }),
  }),
  strings: dictionarySchema,
});
export type UiFile = z.infer<typeof uiFileSchema>;

/**
 * data/locales/<locale>/review.yaml (optional): which texts a fluent speaker
 * has checked, by whom and when, and a hash of the English they checked
 * against (src/content/review.ts): when the English changes, the text is
 * unreviewed again. Keys as brand overrides name them: site.tagline,
 * steps.young-people.not-your-fault.title.
 */
export const reviewFileSchema = z.record(
  z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "keys are text keys, such as site.tagline"),
  z.strictObject({
    by: text.meta({ description: "Who checked it: a name, or a role and organisation" }),
    on: isoDate,
    source: z.string().regex(/^[0-9a-f]{12}$/, "must be the 12-character hash npm run translations writes"),
  }),
);
export type ReviewFile = z.infer<typeof reviewFileSchema>;
