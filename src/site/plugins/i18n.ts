/**
 * Languages: Eleventy's built-in I18nPlugin gives every page `page.lang`
 * and the `locale_links` alternates; `t` translates an interface key in the
 * page's own language, failing the build on a key that does not exist.
 * https://www.11ty.dev/docs/plugins/i18n/
 */
import { I18nPlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { translator, type Params, type Translate } from "../../content/format.ts";
import type { Localized } from "../../content/localize.ts";

export function i18nPlugin(eleventyConfig: UserConfig, { sites, defaultLocale }: { sites: Record<string, Localized>; defaultLocale: string }) {
  eleventyConfig.addPlugin(I18nPlugin, { defaultLanguage: defaultLocale, errorMode: "strict" });

  const translators: Record<string, Translate> = Object.fromEntries(
    Object.entries(sites).map(([locale, site]) => [locale, translator(site.strings, locale)]),
  );
  eleventyConfig.addFilter("t", function (key: string, params?: Params, locale?: string) {
    const lang = locale ?? this.page.lang;
    const translate = translators[lang];
    if (!translate) throw new Error(`no strings for locale "${lang}" (page ${this.page.inputPath})`);
    return translate(key, params);
  });
}
