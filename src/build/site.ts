/**
 * One Eleventy run for one brand, with Eleventy's programmatic API, through
 * the same eleventy.config.ts that `npm run dev` uses. The target says what
 * it renders: the site, the print pages, or both.
 * https://www.11ty.dev/docs/programmatic/
 */
import { join } from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { ROOT, TEMPLATES_DIR } from "../paths.ts";
import { setBuildTarget, type BuildTarget } from "../site/target.ts";

export async function renderWithEleventy(target: BuildTarget, outDir: string): Promise<void> {
  setBuildTarget(target);
  try {
    const eleventy = new Eleventy(TEMPLATES_DIR, outDir, { configPath: join(ROOT, "eleventy.config.ts"), quietMode: true });
    // quietMode leaves the "Wrote N files" summary, which Eleventy forces out; our
    // build prints its own. Warnings and errors still reach stderr.
    eleventy.logger.overrideLogger({ log: () => {}, warn: console.warn, error: console.error });
    await eleventy.write();
  } finally {
    setBuildTarget(undefined);
  }
}
