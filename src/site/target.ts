/**
 * What one Eleventy run renders: the checked content, one brand and its
 * text in each of its languages (localized once per brand, by the caller),
 * and which outputs. `npm run build` makes two runs per brand (print pages
 * first, then the site, whose downloads page lists the finished PDFs).
 */
import type { Brand } from "../brand/load.ts";
import { localize, type Localized } from "../brand/localize.ts";
import type { Content } from "../content/load.ts";
import type { ManifestFile } from "../print/manifest.ts";
import type { PlannedPrint } from "../materials/plan.ts";

export interface BuildTarget {
  content: Content;
  brand: Brand;
  /** The brand's text per locale, with its overrides: what every template reads. */
  sites: Record<string, Localized>;
  /** The site's pages, with the print files its downloads page lists. */
  site?: { downloads: ManifestFile[] };
  /** The HTML pages the print step turns into PDFs. */
  print?: { files: PlannedPrint[]; bleed: boolean };
}

/** The brand's text in each of its locales. */
export const localizeBrand = (content: Content, brand: Brand): Record<string, Localized> =>
  Object.fromEntries(brand.locales.map((locale) => [locale, localize(content, brand, locale)]));
