/**
 * Font families for the scripts the brand families do not cover, here
 * because a locale's ui.yaml names one (`language.font`) and its schema
 * must know them; src/brand/fonts.ts bundles them.
 */

/** A family for a script the brand families lack. */
export interface ScriptFamily {
  family: string;
  packageName: string;
  fallback: string;
  /** Fontsource's subsets that hold the script (its Latin comes from the brand's family, first in the stack). */
  subsets: readonly string[];
}

/**
 * Families for the scripts the brand families do not cover (Atkinson
 * Hyperlegible and Lexend have Latin only). A locale names one in its
 * ui.yaml; its pages and print materials draw that script with it and
 * everything Latin (names, numbers, addresses) with the brand's family.
 */
export const scriptFamilies = {
  // Arabic in a clear, open sans serif (Naskh-based shapes), for Arabic.
  "noto-sans-arabic": {
    family: "Noto Sans Arabic",
    packageName: "@fontsource/noto-sans-arabic",
    fallback: "sans-serif",
    subsets: ["arabic"],
  },
  // Nastaliq, the style Urdu is read in; it needs far more line height than Naskh (ui.yaml `lineHeight`).
  "noto-nastaliq-urdu": {
    family: "Noto Nastaliq Urdu",
    packageName: "@fontsource/noto-nastaliq-urdu",
    fallback: "serif",
    subsets: ["arabic"],
  },
  // Cyrillic, for Ukrainian.
  "noto-sans": {
    family: "Noto Sans",
    packageName: "@fontsource/noto-sans",
    fallback: "sans-serif",
    subsets: ["cyrillic", "cyrillic-ext"],
  },
} as const satisfies Record<string, ScriptFamily>;
export type ScriptFontId = keyof typeof scriptFamilies;
export const scriptFontIds = Object.keys(scriptFamilies) as [ScriptFontId, ...ScriptFontId[]];
