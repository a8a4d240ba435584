/**
 * Stylesheets, script, fonts, logo and QR code for one brand. The site's CSS
 * is one file: bundled fonts, the brand's colours as custom properties, the
 * base styles and every component's styles (each component keeps its CSS
 * beside its template). A strict CSP forbids inline styles, so nothing is
 * inlined. Print pages get their own stylesheet, built the same way from
 * the print materials' folders.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { tintColours } from "../../brand/design-tokens.ts";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Brand } from "../../brand/load.ts";
import { TEMPLATES_DIR } from "../../infra/paths.ts";
import { qrCodeSvg } from "../../print/qr.ts";
import { materialFolders } from "../../materials/registry.ts";
import { fontFaces, fontFamilies, fontStack, scriptFontStack } from "../../brand/fonts.ts";
import { scriptFamilies } from "../../content/script-fonts.ts";
import type { UiFile } from "../../content/schemas.ts";

const componentsDir = join(TEMPLATES_DIR, "_includes", "components");
const printDir = join(TEMPLATES_DIR, "_includes", "print");
const stylesDir = join(TEMPLATES_DIR, "_includes", "styles");

/** Every file with this extension in a folder, in a stable order. */
const filesIn = (folder: string, extension: string): string[] =>
  readdirSync(folder)
    .filter((file) => file.endsWith(extension))
    .sort()
    .map((file) => join(folder, file));

/** The same in each of a folder's subfolders (one per component), in a stable order. */
function filesInSubfolders(dir: string, extension: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => filesIn(join(dir, entry.name), extension))
    .sort();
}

const read = (path: string) => readFileSync(path, "utf8");

export function brandTokens(brand: Brand): string {
  const { primary, accent, text, background } = brand.colors;
  const tints = Object.entries(tintColours)
    .map(([name, value]) => `${name}:${value};`)
    .join("");
  return `:root{--color-primary:${primary};--color-accent:${accent};--color-text:${text};--color-background:${background};${tints}--font-body:${fontStack(brand.font)};}`;
}

/** What the stylesheets need of each of the brand's languages (its ui.yaml `language`): its script's family and line height. */
export type Languages = Record<string, Pick<UiFile["language"], "font" | "lineHeight" | "print">>;
type Medium = "site" | "print";

/** A language's family and line height on the site or on paper (where it may name others: `language.print`). */
const scriptOf = (language: Languages[string], medium: Medium) =>
  medium === "print" && language.print ? language.print : { font: language.font, lineHeight: language.lineHeight };

const scriptFonts = (languages: Languages, medium: Medium) => [
  ...new Set(Object.values(languages).flatMap((language) => scriptOf(language, medium).font ?? [])),
];

/**
 * Per language with a script of its own: its family after the brand's (so
 * Latin names and numbers keep the brand's face) and, where the script needs
 * it, a least line height for every element in it. :lang() matches a whole
 * page (html lang) and a part in another language (the flyer's second page).
 */
function scriptRules(brand: Brand, languages: Languages, medium: Medium): string {
  // On paper, the root's stack holds every script's family too: a page number in a margin box
  // takes the root's font, whichever language its page is in (the two-language flyer's).
  const scripts = scriptFonts(languages, medium);
  const everyScript =
    medium === "print" && scripts.length
      ? [
          `:root{--font-body:${[fontFamilies[brand.font], ...scripts.map((font) => scriptFamilies[font])].map((f) => `"${f.family}"`).join(", ")}, sans-serif;}`,
        ]
      : [];
  return [
    ...everyScript,
    ...Object.entries(languages).flatMap(([locale, language]) => {
      const { font, lineHeight } = scriptOf(language, medium);
      const stack = font && scriptFontStack(brand.font, font);
      return [
        ...(stack ? [`:lang(${locale}){--font-body:${stack};font-family:var(--font-body);}`] : []),
        // The quick exit bar keeps its own spacing: at 400% zoom it must stay within 15% of the height (WCAG 2.4.11).
        ...(lineHeight
          ? [`[lang="${locale}"],[lang="${locale}"] *:not(.quick-exit, .quick-exit *){line-height:${lineHeight} !important;}`]
          : []),
      ];
    }),
  ].join("\n");
}

const stylesheet = (brand: Brand, languages: Languages, medium: Medium, parts: string[]) =>
  [
    fontFaces(brand.font, "fonts/").css,
    ...scriptFonts(languages, medium).map((font) => fontFaces(font, "fonts/").css),
    brandTokens(brand),
    ...parts.map(read),
    scriptRules(brand, languages, medium),
  ].join("\n");

export const siteStylesheet = (brand: Brand, languages: Languages) =>
  stylesheet(brand, languages, "site", [
    join(stylesDir, "site.css"),
    ...filesInSubfolders(componentsDir, ".css"),
    join(stylesDir, "print.css"),
  ]);

export const printStylesheet = (brand: Brand, languages: Languages) =>
  stylesheet(brand, languages, "print", [join(printDir, "print.css"), ...materialFolders().flatMap((folder) => filesIn(folder, ".css"))]);

/** The site shows the logo at most 64 CSS px tall; twice that stays sharp on high-density screens. */
const WEB_LOGO_HEIGHT_PX = 128;

/**
 * The logo's files and shape, for templates. An SVG is one sanitised file;
 * a PNG prints at full resolution, flattened onto the brand's background
 * (which it always prints on): an image with transparency makes a press
 * PDF/X-3 rasterise its whole page, text included. The site gets a copy
 * small enough to load fast, transparency kept.
 */
export function logoAssets(brand: Brand) {
  const { format, width, height } = brand.logoImage;
  return {
    site: `logo.${format}`,
    print: format === "png" ? "logo-print.png" : "logo.svg",
    /** Width over height, for img width/height attributes that reserve the right space. */
    ratio: width / height,
  };
}

async function writeLogo(brand: Brand, assets: string, { site, print }: { site: boolean; print: boolean }) {
  const image = brand.logoImage;
  const files = logoAssets(brand);
  if (image.svg) return writeFileSync(join(assets, files.site), image.svg);
  if (print) await sharp(image.source).flatten({ background: brand.colors.background }).png().toFile(join(assets, files.print));
  if (site) {
    await sharp(image.source)
      .resize({ height: Math.min(image.height, WEB_LOGO_HEIGHT_PX) })
      .png({ compressionLevel: 9 })
      .toFile(join(assets, files.site));
  }
}

export interface AssetsOptions {
  brand: Brand;
  languages: Languages;
  site: boolean;
  /** The print materials' QR codes: each image's file name and the address it leads to; print assets only when set. */
  qrCodes?: Array<{ image: string; url: string }>;
}

export function assetsPlugin(eleventyConfig: UserConfig, { brand, languages, site, qrCodes }: AssetsOptions) {
  eleventyConfig.addWatchTarget(join(TEMPLATES_DIR, "_includes"));
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const assets = join(directories.output, "assets");
    mkdirSync(join(assets, "fonts"), { recursive: true });
    for (const font of new Set([brand.font, ...scriptFonts(languages, "site"), ...scriptFonts(languages, "print")]))
      for (const file of fontFaces(font, "fonts/").files) copyFileSync(file.source, join(assets, "fonts", file.name));
    await writeLogo(brand, assets, { site, print: Boolean(qrCodes) });
    if (site) {
      writeFileSync(join(assets, "site.css"), siteStylesheet(brand, languages));
      writeFileSync(join(assets, "site.js"), filesInSubfolders(componentsDir, ".js").map(read).join("\n"));
    }
    if (qrCodes) {
      writeFileSync(join(assets, "print.css"), printStylesheet(brand, languages));
      for (const { image, url } of qrCodes) writeFileSync(join(assets, image), await qrCodeSvg(url));
    }
  });
}
