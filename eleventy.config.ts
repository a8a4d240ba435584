/**
 * Eleventy configuration for `npm run dev` only: the brand named by
 * UPSTANDER_BRAND (or the first shipped one), checked, with its site and
 * print pages, for designing them with live reload. Eleventy 3 does not
 * load TypeScript itself, so the dev script runs it through tsx:
 *   tsx node_modules/@11ty/eleventy/cmd.cjs --config=eleventy.config.ts --serve
 * `npm run build` does not read this file: it passes the same plugin its
 * target directly (src/build/site.ts).
 * https://www.11ty.dev/docs/config/
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { resolveBrandDir } from "./src/brand/load.ts";
import { runChecks } from "./src/checks.ts";
import { ProblemsError, errorsIn } from "./src/infra/problems.ts";
import { DATA_DIR } from "./src/infra/paths.ts";
import { planPrints } from "./src/materials/plan.ts";
import { upstanderDirectories, upstanderPlugin } from "./src/site/eleventy-plugin.ts";
import { localizeBrand } from "./src/site/target.ts";

export default function (eleventyConfig: UserConfig) {
  const brandDirs = process.env.UPSTANDER_BRAND ? [resolveBrandDir(DATA_DIR, process.env.UPSTANDER_BRAND)] : [];
  const { content, brands, problems } = runChecks({ dataDir: DATA_DIR, brandDirs });
  if (errorsIn(problems).length || !content || !brands[0]) throw new ProblemsError(problems);
  const brand = brands[0];
  upstanderDirectories(eleventyConfig);
  eleventyConfig.addPlugin(upstanderPlugin, {
    content,
    brand,
    sites: localizeBrand(content, brand),
    site: { downloads: [] },
    print: { files: planPrints(brand), bleed: false },
  });
}
