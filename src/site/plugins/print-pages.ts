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
import { expectedPages, geometryFor, htmlPathFor, materialAudience, type PlannedPrint } from "../../materials/plan.ts";

export function printPagesPlugin(eleventyConfig: UserConfig, { files, bleed }: { files: PlannedPrint[]; bleed: boolean }) {
  // Each material's template, read once for all its sizes and languages.
  const templates = new Map(
    [...new Set(files.map((file) => file.material))].map((id) => [
      id,
      readFileSync(join(materialDeclaration(id).folder, `${id}.njk`), "utf8"),
    ]),
  );
  for (const file of files) {
    const html = htmlPathFor(file);
    const declaration = materialDeclaration(file.material);
    eleventyConfig.addTemplate(html.replace(/\.html$/, ".njk"), templates.get(file.material)!, {
      permalink: `/${html}`,
      eleventyExcludeFromCollections: true,
      print: {
        ...file,
        audience: materialAudience(file.material),
        geometry: geometryFor(file, bleed),
        fixedPages: expectedPages(file) !== undefined,
        minTextPt: declaration.output === "pdf" ? declaration.minTextPt : undefined,
      },
    });
  }
}
