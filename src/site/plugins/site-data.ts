/**
 * Global data and pages for one brand: each locale's localized content, and
 * one virtual template per page and locale. Virtual templates live under a
 * locale folder (en/how-it-happens.njk) so Eleventy's I18nPlugin pairs each
 * page with its translations.
 * https://www.11ty.dev/docs/virtual-templates/
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Localized } from "../../content/localize.ts";
import { pageUrl, sitePages } from "../pages.ts";
import type { BuildTarget } from "../target.ts";

export function siteDataPlugin(eleventyConfig: UserConfig, { brand, sites }: BuildTarget & { sites: Record<string, Localized> }) {
  eleventyConfig.addGlobalData("brand", brand);
  eleventyConfig.addGlobalData("sites", sites);
  eleventyConfig.addGlobalData("locales", brand.locales);
  eleventyConfig.addGlobalData("pages", sitePages);
  // Print files for the downloads page: filled in by the print step (none yet in a --no-pdf build).
  eleventyConfig.addGlobalData("prints", []);

  for (const locale of brand.locales) {
    for (const page of sitePages) {
      eleventyConfig.addTemplate(`${locale}/${page}.njk`, "", {
        layout: `pages/${page}.njk`,
        permalink: pageUrl(locale, page),
        pageId: page,
      });
    }
  }
  // The brand's root: a language chooser linking every locale.
  eleventyConfig.addTemplate("index.njk", "", { layout: "pages/language-chooser.njk", permalink: "/" });
}
