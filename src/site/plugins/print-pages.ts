/**
 * One HTML page per planned PDF, each its material's template (from the
 * material's folder in the registry, templates/_includes/print/<material>/
 * for the built-in ones) as a virtual template. The print step opens these
 * pages in Chromium and prints them; they never ship in dist.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { materialDeclaration } from "../../materials/registry.ts";
import { pageGeometry } from "../../materials/paper.ts";
import { expectedPages, htmlPathFor, materialAudience, type PlannedPrint } from "../../materials/plan.ts";

export function printPagesPlugin(eleventyConfig: UserConfig, { files, bleed }: { files: PlannedPrint[]; bleed: boolean }) {
  for (const file of files) {
    const html = htmlPathFor(file);
    const template = readFileSync(join(materialDeclaration(file.material).folder, `${file.material}.njk`), "utf8");
    eleventyConfig.addTemplate(html.replace(/\.html$/, ".njk"), template, {
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
