/**
 * Languages: Eleventy's built-in I18nPlugin gives every page `page.lang`
 * and the `locale_links` alternates; `t` translates an interface key in the
 * page's own language, failing the build on a key that does not exist.
 * https://www.11ty.dev/docs/plugins/i18n/
 */
import { I18nPlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Params } from "../../content/format.ts";
import type { Localized } from "../../content/localize.ts";

export function i18nPlugin(eleventyConfig: UserConfig, { sites, defaultLocale }: { sites: Record<string, Localized>; defaultLocale: string }) {
  eleventyConfig.addPlugin(I18nPlugin, { defaultLanguage: defaultLocale, errorMode: "strict" });

  eleventyConfig.addFilter("t", function (key: string, params?: Params, locale?: string) {
    const lang = locale ?? this.page.lang;
    const site = sites[lang];
    if (!site) throw new Error(`no strings for locale "${lang}" (page ${this.page.inputPath})`);
    return site.t(key, params);
  });
}
