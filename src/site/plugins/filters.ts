/**
 * Small template helpers. Markdown comes only from our own data files, and
 * markdown-it runs with HTML disabled so content cannot inject markup.
 * https://github.com/markdown-it/markdown-it#init-with-presets-and-options
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import MarkdownIt from "markdown-it";
import { contactsFor, type LocalizedContact } from "../../content/localize.ts";
import type { Audience } from "../../content/schemas.ts";

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

export function filtersPlugin(eleventyConfig: UserConfig) {
  eleventyConfig.addFilter("md", (text: string) => markdown.render(text));
  eleventyConfig.addFilter("mdInline", (text: string) => markdown.renderInline(text));
  // How an address reads in print and on screen: report.cybertip.org, not https://report.cybertip.org/
  eleventyConfig.addFilter("displayUrl", (url: string) => url.replace(/^https:\/\/(www\.)?/, "").replace(/\/$/, ""));
  eleventyConfig.addFilter("forAudience", (contacts: LocalizedContact[], audience: Audience) => contactsFor(contacts, audience));
}
