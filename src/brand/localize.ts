/**
 * Joins the language-neutral facts with one locale's words (and the brand's
 * overrides) into the shape templates read. Site pages and print materials
 * both render from this, so they can never disagree.
 */
import type { Brand } from "./load.ts";
import type { Audience, Dictionary, Hours, LocaleContent, StepGroup } from "../content/schemas.ts";
import { stepGroups } from "../content/schemas.ts";
import type { Content } from "../content/load.ts";
import { displayUrl, formatDate, formatHours, formatStatValue, formattingLocale, translator, type Translate } from "../content/format.ts";
import { checkPhone } from "../content/phone.ts";
import { sourceLocale } from "../content/cross-check.ts";
import { fullyReviewed } from "../content/review.ts";

/** What a tel: link dials: the number in E.164 (+18008435678) where it has one, else its digits (999). */
const dialTarget = (phone: string, region: string) => {
  const checked = checkPhone(phone, region);
  return checked.e164 ?? checked.digits;
};

export interface LocalizedContact {
  id: string;
  name: string;
  description?: string;
  phone?: string;
  dial?: string;
  email?: string;
  url?: string;
  hours: string[];
  anonymous?: boolean;
  account?: boolean;
  audience: Audience[];
  emergency: boolean;
  /** A suicide and crisis line. */
  crisis: boolean;
  fromBrand: boolean;
  /** Where its details come from, for messages about printed text: "brand.yaml contacts[0]". */
  source: string;
}

export interface LocalizedStep {
  id: string;
  title: string;
  text: string;
  locked: boolean;
}

export type Localized = ReturnType<typeof localize>;

/** Where the figures come from for a region that has none of its own. */
const FALLBACK_STATS_REGION = "us";

/** Set a dotted key in a tree, creating branches as needed. */
function setKey(tree: Record<string, unknown>, key: string, value: string) {
  const parts = key.split(".");
  let node = tree;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}

/** Brand overrides replace text by key in either the interface strings or the content text. */
function withOverrides(strings: Dictionary, text: LocaleContent, overrides: Record<string, string>) {
  const merged = structuredClone({ strings, text });
  for (const [key, value] of Object.entries(overrides)) {
    const target = key.split(".")[0]! in merged.text ? merged.text : merged.strings;
    setKey(target as Record<string, unknown>, key, value);
  }
  return merged;
}

export function localize(content: Content, brand: Brand, locale: string) {
  const data = content.locales[locale];
  if (!data) throw new Error(`no content for locale "${locale}"`);
  const { strings, text } = withOverrides(data.ui.strings, data.text, brand.overrides[locale] ?? {});
  const formatting = formattingLocale(locale, brand.region);
  const t: Translate = translator(strings, locale, formatting);
  const region = content.regions[brand.region]!;
  // Checked once per language: whether a fluent speaker has reviewed every text (the notice on pages and materials follows).
  const reviewed = fullyReviewed(content, locale);
  const source = sourceLocale(content) ?? locale;
  const sourceLanguage = {
    locale: source,
    t: translator(content.locales[source]!.ui.strings, source, formattingLocale(source, brand.region)),
  };

  // How to reach a service, as published, with a dialable number and opening hours in this language.
  const waysToReach = (c: { phone?: string; email?: string; url?: string; hours?: Hours }) => ({
    phone: c.phone,
    dial: c.phone && dialTarget(c.phone, brand.region),
    email: c.email,
    url: c.url,
    hours: c.hours ? formatHours(c.hours, formatting, t) : [],
  });
  const contacts: LocalizedContact[] = [
    ...brand.contacts.map((c, i) => ({
      id: c.id,
      source: `brand.yaml contacts[${i}]`,
      name: c.name[locale]!,
      description: c.description?.[locale],
      ...waysToReach(c),
      audience: c.audience,
      emergency: false,
      crisis: false,
      fromBrand: true,
    })),
    ...content.contacts
      .filter((c) => c.region === brand.region)
      .map((c) => ({
        id: c.id,
        source: `data/content/contacts.yaml ${c.id}`,
        ...text.contacts[c.id]!,
        ...waysToReach(c),
        anonymous: c.anonymous,
        account: c.account,
        audience: c.audience,
        emergency: c.emergency,
        crisis: c.crisis,
        fromBrand: false,
      })),
  ];

  const steps = Object.fromEntries(
    stepGroups.map((group) => [group, content.steps[group].map((step) => ({ ...step, ...text.steps[group][step.id]! }))]),
  ) as Record<StepGroup, LocalizedStep[]>;

  // The region's own figures; a region with none gets the United States figures, under a heading saying so.
  const statsRegion = content.stats.some((stat) => stat.regions.includes(brand.region)) ? brand.region : FALLBACK_STATS_REGION;

  const release = {
    version: content.release.version,
    reviewed: formatDate(content.release.reviewed, formatting),
    nextReview: formatDate(content.release.nextReview, formatting),
  };
  const mainContacts = Object.fromEntries(
    Object.entries(region.mainContacts).map(([audience, id]) => [audience, contacts.find((c) => c.id === id)!]),
  ) as Record<Audience, LocalizedContact>;

  return {
    locale,
    /** The locale Intl formats dates, numbers and plurals with: en-GB for English on a gb brand. */
    formatting,
    /** Translates an interface key in this locale, with the brand's overrides applied. */
    t,
    language: data.ui.language,
    /** "Read this page in Español", in the language it links to. */
    switchTo: t("site.language-switch", { language: data.ui.language.name }),
    /** Labels for components, which get their text as parameters (GOV.UK Frontend's way). */
    labels: {
      contact: Object.fromEntries(
        (["phone", "email", "website", "hours", "anonymous", "account"] as const).map((key) => [key, t(`contact.${key}`)]),
      ) as Record<"phone" | "email" | "website" | "hours" | "anonymous" | "account", string>,
    },
    strings,
    brand: { id: brand.id, name: brand.name, shortName: brand.shortName, website: brand.website, footer: brand.footer?.[locale] },
    release,
    region: { id: brand.region, name: text.regions[brand.region]!.name, emergency: region.emergency, exitUrl: region.exitUrl },
    /** Per audience, the main help service: the QR code on that audience's materials, first in the site's header. */
    mainContacts,
    /** The translated parameters of the print pieces every material shares (templates/_includes/print/macros.njk). */
    printParts: {
      logoAlt: t("print.logo-alt", { name: brand.name }),
      colophon: {
        brandName: brand.name,
        website: brand.website,
        footer: brand.footer?.[locale],
        footerSource: `brand.yaml footer.${locale}`,
        version: t("print.version", { version: release.version, reviewed: release.reviewed, next: release.nextReview }),
        translationNotice: reviewed
          ? undefined
          : {
              text: t("translation.notice"),
              inSource: sourceLanguage.t("translation.notice"),
              /** The short form, for a wallet card or a line on the downloads page. */
              short: t("translation.unchecked-file"),
              shortInSource: sourceLanguage.t("translation.unchecked-file"),
              sourceLocale: sourceLanguage.locale,
              sourceDir: content.locales[sourceLanguage.locale]!.ui.language.dir,
            },
      },
      /** Per audience: the QR code of its main service. */
      qr: Object.fromEntries(
        Object.entries(mainContacts).map(([audience, contact]) => [
          audience,
          {
            contact,
            image: `qr-${audience}.svg`,
            alt: t("print.qr-alt", { name: contact.name, url: displayUrl(contact.url ?? "") }),
            caption: t("print.scan", { name: contact.name }),
          },
        ]),
      ) as Record<Audience, { contact: LocalizedContact; image: string; alt: string; caption: string }>,
    },
    /** Whether a fluent speaker has checked every text of this language; if not, its pages and materials say so, here and in the source language. */
    translation: {
      reviewed,
      notice: t("translation.notice"),
      noticeInSource: sourceLanguage.t("translation.notice"),
      sourceLocale: sourceLanguage.locale,
      sourceDir: content.locales[sourceLanguage.locale]!.ui.language.dir,
    },
    routes: content.howItHappens.routes.map((route) => ({
      id: route.id,
      ...text.routes[route.id]!,
      stages: route.stages.map((id) => ({ id, ...text.stages[id]! })),
    })),
    tactics: content.howItHappens.tactics.map((id) => ({ id, text: text.tactics[id]! })),
    signs: content.warningSigns.map((id) => ({ id, text: text.signs[id]! })),
    steps,
    stats: content.stats
      .filter((stat) => stat.regions.includes(statsRegion))
      .map((stat) => ({
        ...stat,
        label: text.stats[stat.id]!.label,
        display: formatStatValue(stat, formatting, t),
        citation: t("stat.source", { source: stat.source, year: stat.year }),
        /** The same, as print gives it in brackets after the figure. */
        printCitation: t("print.citation", { source: stat.source, year: stat.year }),
      })),
    /** Set when the figures are not the brand's region's own: "These figures are from the United States...". */
    statsFromElsewhere:
      statsRegion === brand.region
        ? undefined
        : t("stat.from-elsewhere", { region: text.regions[statsRegion]!.name, own: text.regions[brand.region]!.name }),
    contacts,
    resources: content.resources.filter((r) => r.regions.includes(brand.region)).map((r) => ({ ...r, ...text.resources[r.id]! })),
    discussion: content.discussion.questions.map((id) => ({ id, ...text.discussion[id]! })),
  };
}

export const contactsFor = (contacts: readonly LocalizedContact[], audience: Audience) =>
  contacts.filter((c) => c.audience.includes(audience));
