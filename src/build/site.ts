/**
 * One Eleventy run for one brand, with Eleventy's programmatic API: the
 * target reaches the site plugin as its options, and no config file is read.
 * https://www.11ty.dev/docs/programmatic/
 */
import { Eleventy } from "@11ty/eleventy";
import { TEMPLATES_DIR } from "../infra/paths.ts";
import { upstanderDirectories, upstanderPlugin } from "../site/eleventy-plugin.ts";
import { faultPoint } from "./output-dir.ts";
import type { BuildTarget } from "../site/target.ts";

export async function renderWithEleventy(target: BuildTarget, outDir: string): Promise<void> {
  // configPath "" (set, but empty) tells Eleventy to look for no config file.
  const eleventy = new Eleventy(TEMPLATES_DIR, outDir, {
    configPath: "",
    quietMode: true,
    config: (eleventyConfig) => {
      upstanderDirectories(eleventyConfig);
      eleventyConfig.addPlugin(upstanderPlugin, target);
      // Where the atomic-build test makes rendering itself fail, page by page.
      eleventyConfig.addTransform("fault-point", (content: string) => (faultPoint("render"), content));
    },
  });
  // quietMode leaves the "Wrote N files" summary, which Eleventy forces out; our
  // build prints its own. Warnings and errors still reach stderr.
  eleventy.logger.overrideLogger({ log: () => {}, warn: console.warn, error: console.error });
  await eleventy.write();
}
