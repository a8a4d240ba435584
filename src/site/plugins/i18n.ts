/**
 * Languages: Eleventy's built-in I18nPlugin gives every page `page.lang`
 * (the alternates come from our own pageInLocales filter, below); `t` translates an interface key in the
 * page's own language, failing the build on a key that does not exist.
 * https://www.11ty.dev/docs/plugins/i18n/
 */
import { I18nPlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Params } from "../../content/format.ts";
import type { Localized } from "../../brand/localize.ts";
import { pageUrl, type SitePage } from "../pages.ts";

export function i18nPlugin(
  eleventyConfig: UserConfig,
  { sites, defaultLocale }: { sites: Record<string, Localized>; defaultLocale: string },
) {
  eleventyConfig.addPlugin(I18nPlugin, { defaultLanguage: defaultLocale, errorMode: "strict" });

  eleventyConfig.addFilter("t", function (key: string, params?: Params, locale?: string) {
    const lang = locale ?? this.page.lang;
    const site = sites[lang];
    if (!site) throw new Error(`no strings for locale "${lang}" (page ${this.page.inputPath})`);
    return site.t(key, params);
  });

  // The same page in each of the brand's languages, for hreflang and the
  // language switcher, from our own page list: the plugin's locale_url and
  // locale_links accept only ISO 639 codes and search every page it has
  // seen, where this needs only the brand's languages and page names.
  eleventyConfig.addFilter("pageInLocales", (pageId: SitePage, except?: string) =>
    Object.keys(sites)
      .filter((lang) => lang !== except)
      .map((lang) => ({ lang, url: pageUrl(lang, pageId) })),
  );
}
