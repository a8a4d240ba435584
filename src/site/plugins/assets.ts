/**
 * Stylesheet, script, fonts and logo for one brand's site. The CSS is one
 * file: bundled fonts, the brand's colours as custom properties, the base
 * styles and every component's styles (each component keeps its CSS beside
 * its template). A strict CSP forbids inline styles, so nothing is inlined.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Brand } from "../../brand/load.ts";
import { TEMPLATES_DIR } from "../../paths.ts";
import { fontFaces, fontStack } from "../fonts.ts";

const componentsDir = join(TEMPLATES_DIR, "_includes", "components");
const stylesDir = join(TEMPLATES_DIR, "_includes", "styles");

/** Every file with this extension in the components' folders, in a stable order. */
function componentFiles(extension: string): string[] {
  return readdirSync(componentsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join(componentsDir, entry.name))
        .filter((file) => file.endsWith(extension))
        .map((file) => join(componentsDir, entry.name, file)),
    )
    .sort();
}

const read = (path: string) => readFileSync(path, "utf8");

export function brandTokens(brand: Brand): string {
  const { primary, accent, text, background } = brand.colors;
  return `:root{--color-primary:${primary};--color-accent:${accent};--color-text:${text};--color-background:${background};--font-body:${fontStack(brand.font)};}`;
}

export function siteStylesheet(brand: Brand, fontUrlPrefix: string): { css: string; fontFiles: ReturnType<typeof fontFaces>["files"] } {
  const fonts = fontFaces(brand.font, fontUrlPrefix);
  const css = [fonts.css, brandTokens(brand), read(join(stylesDir, "site.css")), ...componentFiles(".css").map(read), read(join(stylesDir, "print.css"))].join("\n");
  return { css, fontFiles: fonts.files };
}

export function logoFileName(brand: Brand) {
  return `logo${brand.logoPath.slice(brand.logoPath.lastIndexOf("."))}`;
}

export function assetsPlugin(eleventyConfig: UserConfig, brand: Brand) {
  eleventyConfig.addWatchTarget(join(TEMPLATES_DIR, "_includes"));
  eleventyConfig.on("eleventy.after", ({ directories }) => {
    const assets = join(directories.output, "assets");
    mkdirSync(join(assets, "fonts"), { recursive: true });
    const { css, fontFiles } = siteStylesheet(brand, "fonts/");
    writeFileSync(join(assets, "site.css"), css);
    for (const file of fontFiles) copyFileSync(file.source, join(assets, "fonts", file.name));
    writeFileSync(join(assets, "site.js"), componentFiles(".js").filter((f) => !f.endsWith(".test.js")).map(read).join("\n"));
    copyFileSync(brand.logoPath, join(assets, logoFileName(brand)));
  });
}
