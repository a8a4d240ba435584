/**
 * What one Eleventy run renders: the checked content and one brand.
 * scripts/build.ts sets it before each brand's run; `npm run dev` has no
 * build script, so the config resolves it from UPSTANDER_BRAND instead.
 */
import { resolveBrandDir } from "../brand/load.ts";
import type { Brand } from "../brand/load.ts";
import { runChecks } from "../checks.ts";
import type { Content } from "../content/load.ts";
import { errorsIn, ProblemsError } from "../content/problems.ts";
import { DATA_DIR } from "../paths.ts";

export interface BuildTarget {
  content: Content;
  brand: Brand;
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
  return { content, brand: brands[0] };
}
