/**
 * Eleventy configuration: one plugin per concern, for one brand per run.
 * `npm run build` drives it per brand (scripts/build.ts); `npm run dev` runs
 * it directly through tsx, since Eleventy 3 does not load TypeScript itself:
 *   tsx node_modules/@11ty/eleventy/cmd.cjs --config=eleventy.config.ts --serve
 * https://www.11ty.dev/docs/config/
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { localize } from "./src/content/localize.ts";
import { assetsPlugin, logoAssets } from "./src/site/plugins/assets.ts";
import { filtersPlugin } from "./src/site/plugins/filters.ts";
import { i18nPlugin } from "./src/site/plugins/i18n.ts";
import { printPagesPlugin } from "./src/site/plugins/print-pages.ts";
import { relativeUrlsPlugin } from "./src/site/plugins/relative-urls.ts";
import { siteDataPlugin } from "./src/site/plugins/site-data.ts";
import { getBuildTarget } from "./src/site/target.ts";

export default function (eleventyConfig: UserConfig) {
  const { content, brand, site, print } = getBuildTarget();
  const sites = Object.fromEntries(brand.locales.map((locale) => [locale, localize(content, brand, locale)]));

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
  eleventyConfig.addPlugin(i18nPlugin, { sites, defaultLocale: brand.locales[0]! });
  eleventyConfig.addPlugin(filtersPlugin);
  const qrUrls = print && Object.fromEntries(Object.entries(sites[brand.locales[0]!]!.mainContacts).map(([audience, contact]) => [audience, contact.url!]));
  eleventyConfig.addPlugin(assetsPlugin, { brand, site: Boolean(site), qrUrls });
  eleventyConfig.addPlugin(relativeUrlsPlugin);

  // Input and output folders come from the caller (scripts/build.ts per
  // brand, or the dev script's --input/--output), not from here.
  return { dir: { includes: "_includes" }, templateFormats: ["njk"] };
}
