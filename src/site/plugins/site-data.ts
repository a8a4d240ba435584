/**
 * The site's pages for one brand: one virtual template per page and locale,
 * and the finished print files for the downloads page. Virtual templates live under a
 * locale folder (en/how-it-happens.njk) so Eleventy's I18nPlugin pairs each
 * page with its translations.
 * https://www.11ty.dev/docs/virtual-templates/
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Brand } from "../../brand/load.ts";
import { thumbnailPathFor, type ManifestFile } from "../../print/manifest.ts";
import { sizeMm } from "../../materials/paper.ts";
import { navPages, pageUrl, sitePages, webVersionOf } from "../pages.ts";

export function siteDataPlugin(eleventyConfig: UserConfig, { brand, downloads }: { brand: Brand; downloads: ManifestFile[] }) {
  eleventyConfig.addGlobalData("locales", brand.locales);
  eleventyConfig.addGlobalData("pages", navPages);
  // The finished print files, for the downloads page (none in a --no-pdf build).
  eleventyConfig.addGlobalData(
    "downloads",
    downloads.map((file) => ({
      ...file,
      thumbnail: thumbnailPathFor(file),
      // Its height at the downloads page's 160 px width, so the page does not move as thumbnails load (and focus stays in view).
      thumbnailHeight: Math.round((160 * sizeMm(file.size).height) / sizeMm(file.size).width),
      webVersion: webVersionOf[file.material],
    })),
  );

  for (const locale of brand.locales) {
    for (const page of sitePages) {
      eleventyConfig.addTemplate(`${locale}/${page}.njk`, "", {
        layout: `pages/${page}.njk`,
        permalink: pageUrl(locale, page),
        pageId: page,
      });
    }
  }
  // The brand's root: a language chooser linking every locale; with one
  // locale there is nothing to choose, so the root is its home page.
  const [only, ...others] = brand.locales;
  if (others.length) eleventyConfig.addTemplate("index.njk", "", { layout: "pages/language-chooser.njk", permalink: "/" });
  else eleventyConfig.addTemplate(`${only}/root.njk`, "", { layout: "pages/home.njk", permalink: "/", pageId: "home" });
}
