/**
 * What one Eleventy run renders: the checked content, one brand, and which
 * outputs. `npm run build` makes two runs per brand (print pages first, then
 * the site, whose downloads page lists the finished PDFs); `npm run dev` has
 * no build script, so the config resolves the brand from UPSTANDER_BRAND and
 * renders both, print pages included, for designing them with live reload.
 */
import { resolveBrandDir } from "../brand/load.ts";
import type { Brand } from "../brand/load.ts";
import { runChecks } from "../checks.ts";
import type { Content } from "../content/load.ts";
import { errorsIn, ProblemsError } from "../content/problems.ts";
import { DATA_DIR } from "../paths.ts";
import type { ManifestFile } from "../print/manifest.ts";
import { planPrints, type PlannedPrint } from "../print/plan.ts";

export interface BuildTarget {
  content: Content;
  brand: Brand;
  /** The site's pages, with the print files its downloads page lists. */
  site?: { downloads: ManifestFile[] };
  /** The HTML pages the print step turns into PDFs. */
  print?: { files: PlannedPrint[]; bleed: boolean };
}

let current: BuildTarget | undefined;

export function setBuildTarget(target: BuildTarget | undefined) {
  current = target;
}

export function getBuildTarget(): BuildTarget {
  if (current) return current;
  const brandDirs = process.env.UPSTANDER_BRAND ? [resolveBrandDir(DATA_DIR, process.env.UPSTANDER_BRAND)] : [];
  const { content, brands, problems } = runChecks({ dataDir: DATA_DIR, brandDirs });
  if (errorsIn(problems).length || !content || !brands[0]) throw new ProblemsError(problems);
  const brand = brands[0];
  return { content, brand, site: { downloads: [] }, print: { files: planPrints(brand), bleed: false } };
}
