/**
 * Small template helpers. Markdown comes only from our own data files, and
 * markdown-it runs with HTML disabled so content cannot inject markup.
 * https://github.com/markdown-it/markdown-it#init-with-presets-and-options
 */
import { iconSvg } from "../../content/icons.ts";
import type UserConfig from "@11ty/eleventy/UserConfig";
import MarkdownIt from "markdown-it";
import { groupContacts } from "../../brand/contact-groups.ts";
import { contactsFor, type Localized, type LocalizedContact } from "../../brand/localize.ts";
import type { Audience } from "../../content/schemas.ts";
import { displayUrl } from "../../content/format.ts";
import { escapeMarkdown } from "../../content/text-rules.ts";

/** Addresses this short break only between their larger parts. */
const SHORT_ADDRESS = 24;
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable("image");
// Links only to the web over https, e-mail, phone and this site: never javascript:, data: or http:.
markdown.validateLink = (url) => /^(https:|mailto:|tel:|#|\/|\.)/i.test(url.trim());

/** Items joined as the page's language lists them: "A, B and C", "A, B y C". */
const listIn = (site: Localized, items: string[]) => new Intl.ListFormat(site.formatting, { type: "conjunction" }).format(items);

export function filtersPlugin(eleventyConfig: UserConfig) {
  eleventyConfig.addFilter("md", (text: string) => markdown.render(text));
  eleventyConfig.addFilter("mdInline", (text: string) => markdown.renderInline(text));
  // A value set into Markdown text (a brand's name) stays plain text: no link or emphasis can come from it.
  eleventyConfig.addFilter("mdEscape", escapeMarkdown);
  eleventyConfig.addFilter("displayUrl", displayUrl);
  // A file size as people read it, in the page's language: "245 kB", "1,2 MB".
  eleventyConfig.addFilter("fileSize", function (bytes: number) {
    const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, "megabyte"] : [bytes / 1000, "kilobyte"];
    return new Intl.NumberFormat(this.page.lang, { style: "unit", unit, maximumFractionDigits: unit === "megabyte" ? 1 : 0 }).format(value);
  });
  // "Page {page} of {count}" as CSS `content:` for a print page's margin box:
  // "Page " counter(page) " of " counter(pages). Strings are quoted safely
  // inside <style>: "<" is escaped so no text can close the element.
  eleventyConfig.addFilter("pageCounters", (text: string) =>
    text
      .split(/(\{page\}|\{count\})/)
      .filter(Boolean)
      .map((part) =>
        part === "{page}" ? "counter(page)" : part === "{count}" ? "counter(pages)" : JSON.stringify(part).replace(/</g, "\\3C "),
      )
      .join(" "),
  );
  // Each distinct value of a field, in first-seen order: the source addresses under a list of figures.
  eleventyConfig.addFilter("uniqueValues", (items: Record<string, unknown>[], field: string) => [
    ...new Set(items.map((item) => item[field])),
  ]);
  // A phone number may wrap only before a bracketed alternative ("1-800-THE-LOST (1-800-843-5678)"):
  // split anywhere else, a digit group lands on the next line and gets misdialled.
  // A long address (e-mail, web) may break only after / . @ - and never with an
  // added hyphen: a break opportunity (<wbr>) after each, the rest kept whole.
  // A short one breaks only after / @ -: "childline.org." then "uk" misleads.
  eleventyConfig.addFilter("breakableAddress", (address: string) =>
    escapeHtml(address).replace(address.length <= SHORT_ADDRESS ? /([/@-])(?=.)/g : /([/.@-])(?=.)/g, "$1<wbr>"),
  );
  eleventyConfig.addFilter("phoneParts", (phone: string) => phone.split(/ (?=\()/));
  eleventyConfig.addFilter("forAudience", (contacts: LocalizedContact[], audience: Audience) => contactsFor(contacts, audience));
  eleventyConfig.addFilter("contactGroups", groupContacts);
  // A component's params with more set: qrCode(site.printParts.qr.parents | merge({ beside: true })).
  // A decorative icon inlined, so it takes the text colour (the brand's, or black in low ink): {{ step.icon | icon }}.
  eleventyConfig.addFilter("icon", (name: string, className?: string) => iconSvg(name, className));
  eleventyConfig.addFilter("merge", (params: object, more: object) => ({ ...params, ...more }));
  // The languages of a file that no fluent speaker has checked yet, for the downloads page to say so.
  eleventyConfig.addFilter("uncheckedTranslations", (locales: string[], sites: Record<string, Localized>) =>
    locales.filter((locale) => !sites[locale]!.translation.reviewed),
  );
  // Languages named in the page's language ("English and Spanish"), for link texts.
  eleventyConfig.addFilter("languageNames", (locales: string[], site: Localized) => {
    const names = new Intl.DisplayNames(site.formatting, { type: "language", fallback: "code" });
    return listIn(
      site,
      locales.map((locale) => names.of(locale) ?? locale),
    );
  });
  // The downloads page's order: the page's own language first, the rest as built (a Spanish reader sees
  // the Spanish files first); the first file of each material and language carries its web version's link.
  eleventyConfig.addFilter("downloadOrder", <T extends { material: string; locales: string[] }>(files: T[], lang: string) => {
    const seen = new Set<string>();
    return [...files.filter((file) => file.locales[0] === lang), ...files.filter((file) => file.locales[0] !== lang)].map((file) => {
      const key = `${file.material} ${file.locales.join(" ")}`;
      const linksWebVersion = !seen.has(key);
      seen.add(key);
      return { ...file, linksWebVersion };
    });
  });
  // "young people and parents", in the page's language and with its own list grammar.
  eleventyConfig.addFilter("audienceList", (audiences: Audience[], site: Localized) =>
    listIn(
      site,
      audiences.map((audience) => site.t(`audience.${audience}`)),
    ),
  );
}
