/**
 * Languages: Eleventy's built-in I18nPlugin gives every page `page.lang`
 * (the alternates come from our own pageInLocales filter, below); `t` translates an interface key in the
 * page's own language. A key that does not exist, or a placeholder with no value, is reported as a
 * problem naming the template, and rendering goes on, so one run lists every such text: the build
 * then fails with all of them (src/build/site.ts). Without a reporter (npm run dev) it throws.
 * https://www.11ty.dev/docs/plugins/i18n/
 */
import { relative } from "node:path";
import { I18nPlugin } from "@11ty/eleventy";
import { ROOT } from "../../infra/paths.ts";
import { fileProblem, type Problem } from "../../infra/problems.ts";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Params } from "../../content/format.ts";
import type { Localized } from "../../brand/localize.ts";
import { pageUrl, type SitePage } from "../pages.ts";

/** Where a text a template asks for cannot be given (a missing key, a placeholder with no value): one problem each. */
export type ReportTextProblem = (problem: Problem) => void;

export function i18nPlugin(
  eleventyConfig: UserConfig,
  {
    sites,
    defaultLocale,
    reportTextProblem,
  }: { sites: Record<string, Localized>; defaultLocale: string; reportTextProblem?: ReportTextProblem },
) {
  eleventyConfig.addPlugin(I18nPlugin, { defaultLanguage: defaultLocale, errorMode: "strict" });

  eleventyConfig.addFilter("t", function (key: string, params?: Params, locale?: string) {
    const lang = locale ?? this.page.lang;
    const site = sites[lang];
    try {
      if (!site) throw new Error(`no strings for locale "${lang}"`);
      return site.t(key, params);
    } catch (error) {
      if (!reportTextProblem) throw error;
      reportTextProblem(fileProblem("render", relative(ROOT, this.page.inputPath), (error as Error).message));
      return `[${key}]`;
    }
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
