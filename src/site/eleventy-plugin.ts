/**
 * Everything Eleventy needs for one brand, as one plugin whose inputs come
 * in as options (the build target: checked content, the brand, its
 * localized text, and which outputs), wired from one concern per plugin.
 * `npm run build` passes it through Eleventy's programmatic `config`
 * option (src/build/site.ts); `npm run dev` through eleventy.config.ts.
 * https://www.11ty.dev/docs/programmatic/
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { assetsPlugin, logoAssets } from "./plugins/assets.ts";
import { filtersPlugin } from "./plugins/filters.ts";
import { i18nPlugin, type ReportTextProblem } from "./plugins/i18n.ts";
import { printPagesPlugin } from "./plugins/print-pages.ts";
import { relativeUrlsPlugin } from "./plugins/relative-urls.ts";
import { siteDataPlugin } from "./plugins/site-data.ts";
import type { BuildTarget } from "./target.ts";

/**
 * The folder settings Eleventy allows only in a config callback, not in a
 * plugin: every caller runs this before adding the plugin.
 */
export function upstanderDirectories(eleventyConfig: UserConfig) {
  eleventyConfig.setIncludesDirectory("_includes");
  eleventyConfig.setTemplateFormats(["njk"]);
}

export function upstanderPlugin(
  eleventyConfig: UserConfig,
  { brand, sites, site, print, reportTextProblem }: BuildTarget & { reportTextProblem?: ReportTextProblem },
) {
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: true });
  // Eleventy keeps compiled layouts in a cache shared by every run in the
  // process (src/LayoutCache.js), compiled against the first run's filters:
  // in a build of several brands, later brands got the first brand's
  // translations and languages (and a one-language brand failed to render).
  // Each run here is a different brand, so each compiles its own.
  eleventyConfig.setUseTemplateCache(false);
  // Eleventy's timing notes ("Benchmark 77ms 25% ... Transform") come out as
  // warnings whenever a busy machine makes a step slow; they are not problems.
  // Groups made before this runs keep their own setting, so each is told too.
  eleventyConfig.benchmarkManager.setVerboseOutput(false);
  for (const group of Object.values(eleventyConfig.benchmarkManager.getAll())) group.setIsVerbose(false);
  eleventyConfig.addGlobalData("brand", brand);
  eleventyConfig.addGlobalData("sites", sites);
  eleventyConfig.addGlobalData("logo", logoAssets(brand));
  if (site) eleventyConfig.addPlugin(siteDataPlugin, { brand, downloads: site.downloads });
  if (print) eleventyConfig.addPlugin(printPagesPlugin, print);
  eleventyConfig.addPlugin(i18nPlugin, { sites, defaultLocale: brand.locales[0]!, reportTextProblem });
  eleventyConfig.addPlugin(filtersPlugin);
  // The QR codes the print pieces name (printParts.qr), each drawn for its service's address.
  const qrCodes = print && Object.values(sites[brand.locales[0]!]!.printParts.qr).map((qr) => ({ image: qr.image, url: qr.contact.url! }));
  const languages = Object.fromEntries(brand.locales.map((locale) => [locale, sites[locale]!.language]));
  eleventyConfig.addPlugin(assetsPlugin, { brand, languages, site: Boolean(site), qrCodes });
  eleventyConfig.addPlugin(relativeUrlsPlugin);
}
