/**
 * Bundled, self-hosted font families (from @fontsource). Nothing is ever
 * fetched from a font service: the files are copied into each build.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { scriptFamilies, type ScriptFontId } from "../content/script-fonts.ts";

const require = createRequire(import.meta.url);

interface FontFamily {
  family: string;
  packageName: string;
  fallback: string;
}

/** The families a brand may choose (brand.yaml `font`), each chosen for legibility. */
export const fontFamilies = {
  // Designed by the Braille Institute for low-vision readers: distinct letterforms (I l 1, O 0).
  "atkinson-hyperlegible": {
    family: "Atkinson Hyperlegible",
    packageName: "@fontsource/atkinson-hyperlegible",
    fallback: "Verdana, Arial, sans-serif",
  },
  // Designed to reduce visual stress and improve reading fluency; wide, open shapes.
  lexend: {
    family: "Lexend",
    packageName: "@fontsource/lexend",
    fallback: "Verdana, Arial, sans-serif",
  },
} as const satisfies Record<string, FontFamily>;
export type FontId = keyof typeof fontFamilies;
export const fontIds = Object.keys(fontFamilies) as [FontId, ...FontId[]];

/** Every family a build may draw with: any other in a PDF is a system fallback. */
export const bundledFamilies = [...Object.values(fontFamilies), ...Object.values(scriptFamilies)].map((font) => font.family);

const weights = [400, 700] as const;
// latin covers English and Spanish; latin-ext adds the rest of Europe's Latin scripts (Polish among them).
const latinSubsets = ["latin", "latin-ext"] as const;

export interface FontFile {
  source: string;
  name: string;
}

/** The @font-face rules (URLs relative to the stylesheet's folder) and the files they need: a brand family, or a script family. */
export function fontFaces(fontId: FontId | ScriptFontId, urlPrefix: string): { css: string; files: FontFile[] } {
  const font: FontFamily = fontId in scriptFamilies ? scriptFamilies[fontId as ScriptFontId] : fontFamilies[fontId as FontId];
  const subsets: readonly string[] = fontId in scriptFamilies ? scriptFamilies[fontId as ScriptFontId].subsets : latinSubsets;
  const packageDir = dirname(require.resolve(`${font.packageName}/package.json`));
  const files: FontFile[] = [];
  const rules: string[] = [];
  for (const weight of weights) {
    // Fontsource's <weight>.css holds one @font-face per subset, each with its unicode-range.
    const css = readFileSync(join(packageDir, `${weight}.css`), "utf8");
    for (const [, body] of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
      const name = /files\/([^)]+-normal\.woff2)/.exec(body!)?.[1];
      if (!name || !subsets.some((subset) => name.endsWith(`-${subset}-${weight}-normal.woff2`))) continue;
      const unicodeRange = /unicode-range:\s*([^;]+);/.exec(body!)?.[1];
      files.push({ source: join(packageDir, "files", name), name });
      rules.push(
        `@font-face{font-family:"${font.family}";font-style:normal;font-weight:${weight};font-display:swap;` +
          `src:url("${urlPrefix}${name}") format("woff2");${unicodeRange ? `unicode-range:${unicodeRange};` : ""}}`,
      );
    }
  }
  return { css: rules.join("\n"), files };
}

export const fontStack = (fontId: FontId) => `"${fontFamilies[fontId].family}", ${fontFamilies[fontId].fallback}`;

/** A locale's stack: the brand's family for Latin first (unicode-range sends it only Latin), then the script's. */
export const scriptFontStack = (fontId: FontId, script: ScriptFontId) =>
  `"${fontFamilies[fontId].family}", "${scriptFamilies[script].family}", ${scriptFamilies[script].fallback}`;
