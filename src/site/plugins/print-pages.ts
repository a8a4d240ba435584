/**
 * One HTML page per planned PDF, each rendered through its material's
 * layout (templates/_includes/print/<material>/). The print step opens
 * these pages in Chromium and prints them; they never ship in dist.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { pageGeometry } from "../../materials/paper.ts";
import { expectedPages, htmlPathFor, materialAudience, type PlannedPrint } from "../../materials/plan.ts";

export function printPagesPlugin(eleventyConfig: UserConfig, { files, bleed }: { files: PlannedPrint[]; bleed: boolean }) {
  for (const file of files) {
    const html = htmlPathFor(file);
    eleventyConfig.addTemplate(html.replace(/\.html$/, ".njk"), "", {
      layout: `print/${file.material}/${file.material}.njk`,
      permalink: `/${html}`,
      eleventyExcludeFromCollections: true,
      print: {
        ...file,
        audience: materialAudience(file.material),
        geometry: pageGeometry(file.size, bleed),
        fixedPages: expectedPages(file) !== undefined,
      },
    });
  }
}
